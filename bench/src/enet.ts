/**
 * `pnpm bench enet`: our ENet echo server against C libenet's, the same C client (compiled from
 * `@pp/interop`'s C peer) driving both, in one run, servers alternated round by round:
 * - RTT of sequential reliable ping-pongs (64 B), p50 and p99;
 * - reliable echo throughput, 64 reliable packets in flight (64 B and 1000 B);
 * - memory per idle connected peer with 1000 peers (ours: JS heap + buffers of this process;
 *   C: the echo server's RSS).
 * Targets of the issue: throughput ≥ 0.8× C, p99 RTT ≤ 2× C.
 */
import { ENetConnection, type ENetPacketPeer } from '@pp/enet';
import { cenetAvailability, startCENetPeer, type CENetPeer } from '@pp/interop';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const ROUNDS = 3;

interface Server {
  port: number;
  peers(): number;
  memory(): Promise<number>;
  close(): Promise<void>;
}

const collect = ((): (() => void) => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return () => {
    for (let i = 0; i < 3; i++) gc();
  };
})();

async function oursEcho(maxPeers = 64): Promise<Server> {
  const connection = new ENetConnection();
  if (connection.createHostBound('127.0.0.1', 0, maxPeers, 2) !== 0) throw new Error('createHostBound failed');
  connection.on('receive', (peer: ENetPacketPeer, packet, channel, flags) => {
    peer.send(channel, packet, flags);
  });
  return {
    port: connection.getLocalPort(),
    peers: () => connection.getPeers().length,
    memory: async () => {
      collect();
      const { heapUsed, external } = process.memoryUsage();
      return heapUsed + external;
    },
    close: async () => connection.destroy(),
  };
}

async function cEcho(maxPeers = 64): Promise<Server> {
  const { peer, port } = await startCENetPeer(['--server', '0', '--echo', '--quiet', '--channels', '2', '--peers', String(maxPeers)]);
  return {
    port,
    peers: () => 0,
    memory: async () => {
      peer.command('rss');
      const line = await peer.next('RSS');
      return Number(line.words.find((w) => /^\d+$/.test(w))) * 1024;
    },
    close: () => peer.stop(),
  };
}

async function client(port: number): Promise<CENetPeer> {
  const { peer } = await startCENetPeer(['--client', '127.0.0.1', String(port), '--channels', '2', '--quiet']);
  await peer.next('CONNECT', 10_000);
  return peer;
}

interface Figures {
  p50: number[];
  p99: number[];
  small: number[];
  large: number[];
}

async function round(start: () => Promise<Server>, figures: Figures): Promise<void> {
  const server = await start();
  const c = await client(server.port);
  try {
    c.command('pingpong 0 0 3000 64');
    const ping = (await c.next('PINGPONG', 60_000)).words;
    figures.p50.push(Number(ping[2]));
    figures.p99.push(Number(ping[3]));
    for (const [size, list] of [[64, figures.small], [1000, figures.large]] as const) {
      c.command(`flood 0 0 2000 ${size} 64`);
      const flood = (await c.next('FLOOD', 60_000)).words;
      list.push((Number(flood[1]) * 1000) / Number(flood[2]));
    }
  } finally {
    await c.stop();
    await server.close();
  }
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

async function idle(start: (maxPeers: number) => Promise<Server>, count: number): Promise<number> {
  const server = await start(count + 8);
  const before = await server.memory();
  const { peer: clients } = await startCENetPeer(['--client', '127.0.0.1', String(server.port), '--clients', String(count), '--quiet']);
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      clients.command('count');
      const connected = Number((await clients.next('COUNT')).words[1]);
      if (connected >= count) break;
      if (Date.now() > deadline) throw new Error(`only ${connected} of ${count} connected`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = await server.memory();
    return (after - before) / count;
  } finally {
    await clients.stop();
    await server.close();
  }
}

export async function enetBench(): Promise<void> {
  const available = cenetAvailability();
  if (!available.available) {
    console.log(`\nENet: skipped (${available.missing})`);
    return;
  }
  const ours: Figures = { p50: [], p99: [], small: [], large: [] };
  const c: Figures = { p50: [], p99: [], small: [], large: [] };
  for (let r = 0; r < ROUNDS; r++) {
    await round(() => cEcho(), c);
    await round(() => oursEcho(), ours);
  }
  const line = (name: string, f: Figures): string =>
    `  ${name.padEnd(26)} RTT p50 ${median(f.p50).toFixed(0).padStart(6)} µs  p99 ${median(f.p99).toFixed(0).padStart(6)} µs   ` +
    `echoes ${Math.round(median(f.small)).toLocaleString('en-US').padStart(9)}/s (64 B) ${Math.round(median(f.large)).toLocaleString('en-US').padStart(9)}/s (1000 B)`;
  console.log(`\nENet echo server, the same C libenet client (64 reliable packets in flight), median of ${ROUNDS} rounds`);
  console.log(line('C libenet 1.3.17', c));
  console.log(line('@pp/enet ENetConnection', ours));
  console.log(`  ratio ours / C: throughput ${(median(ours.small) / median(c.small)).toFixed(2)}× (64 B), ${(median(ours.large) / median(c.large)).toFixed(2)}× (1000 B); ` +
    `p99 RTT ${(median(ours.p99) / median(c.p99)).toFixed(2)}×`);

  const count = 1000;
  const cPerPeer = await idle((max) => cEcho(max), count);
  const oursPerPeer = await idle((max) => oursEcho(max), count);
  console.log(`\nMemory per idle connected ENet peer, ${count} peers (one C client host)`);
  console.log(`  C libenet 1.3.17          ${(cPerPeer / 1024).toFixed(2).padStart(7)} KiB (server RSS)`);
  console.log(`  @pp/enet ENetConnection   ${(oursPerPeer / 1024).toFixed(2).padStart(7)} KiB (JS heap + buffers)`);
}
