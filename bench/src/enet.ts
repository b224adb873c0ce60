/**
 * `pnpm bench enet`: our ENet echo server against C libenet's, the same C libenet client driving
 * both, and under them a plain UDP echo in C and in `node:dgram` driven by one C UDP client, the
 * ceiling of the socket layer. All in one run; each round starts every server and client afresh
 * and warms them up, the rounds interleave the four (rotating which goes first) so that they share
 * the machine's ups and downs, and each figure is the median of the rounds with its range:
 * - RTT p50 / p99 of sequential 64 B ping-pongs (reliable ones through ENet);
 * - echo throughput with 64 packets in flight (reliable through ENet), 64 B and 1000 B, a fixed
 *   number of echoes per round;
 * - the server's CPU time per echo (its process, user + system, every thread), which a busy
 *   machine disturbs far less than wall-clock rates;
 * - the sans-IO engine alone, both ends in this process (what ENet costs above the socket);
 * - memory per idle connected peer with 1000 peers (ours: JS heap + buffers of this process,
 *   after a warm-up round so that compiled code is not counted; C: the echo server's RSS);
 * - the floors: the plain UDP echoes send datagrams of the sizes ENet sends for the same job, so
 *   what node:dgram adds to a C echo's RTT, and the plain node:dgram echo's rate, bound what any
 *   ENet server on node:dgram could reach; the bench prints both beside the targets.
 * The load average before and after is printed: other work on the machine moves every figure.
 * Targets of the issue: throughput ≥ 0.8× C, p99 RTT ≤ 2× C.
 */
import { cenetAvailability, startCENetPeer } from '@pp/interop';
import { loadavg } from 'node:os';
import {
  cENetClient, cENetEcho, cUdpClient, cUdpEcho, dgramEcho, ppENetEcho, type EchoClient, type EchoServer,
} from './enet-echo-servers.js';
import { engineEchoRate } from './enet-engine.js';

const ROUNDS = 7;
const WINDOW = 64;
const PINGS = 3000;
const SIZES = [64, 1000] as const;
const ECHOES: Record<(typeof SIZES)[number], number> = { 64: 60_000, 1000: 30_000 };
const WARMUP_PINGS = 300;
const WARMUP_ECHOES = 3000;

/**
 * The datagrams ENet sends for the figures, both ways: a 64 B reliable ping is header (4) +
 * the acknowledgement of the last echo (8) + SEND_RELIABLE (6) + 64; a 1000 B echo is header +
 * an acknowledgement or so + SEND_RELIABLE + 1000. The plain UDP echoes send datagrams of these
 * sizes, so that they are the floor under the same job.
 */
const ENET_PING_DATAGRAM = 4 + 8 + 6 + 64;
const ENET_DATAGRAM: Record<(typeof SIZES)[number], number> = { 64: 64, 1000: 4 + 8 + 6 + 1000 };

interface Contender {
  readonly name: string;
  readonly server: () => Promise<EchoServer>;
  readonly client: (port: number) => Promise<EchoClient>;
  /** What the client sends: ENet payloads, or plain datagrams of ENet's datagram sizes. */
  readonly pingSize: number;
  readonly floodSize: (size: (typeof SIZES)[number]) => number;
}

interface Samples {
  p50: number[];
  p99: number[];
  rate: Record<number, number[]>;
  cpu: Record<number, number[]>;
  /** Datagrams the server sent per echo (ENet only): above 1 at 1000 B means retransmissions. */
  datagrams: Record<number, number[]>;
}

const payload = (size: number): number => size;
const datagram = (size: (typeof SIZES)[number]): number => ENET_DATAGRAM[size];
const C_ENET: Contender = { name: 'C libenet 1.3.17', server: () => cENetEcho(), client: cENetClient, pingSize: 64, floodSize: payload };
const PP_ENET: Contender = { name: '@pp/enet ENetConnection', server: () => ppENetEcho(), client: cENetClient, pingSize: 64, floodSize: payload };
const C_UDP: Contender = { name: 'plain UDP echo, C', server: cUdpEcho, client: cUdpClient, pingSize: ENET_PING_DATAGRAM, floodSize: datagram };
const DGRAM: Contender = { name: 'plain UDP echo, node:dgram', server: dgramEcho, client: cUdpClient, pingSize: ENET_PING_DATAGRAM, floodSize: datagram };
const CONTENDERS = [C_ENET, PP_ENET, C_UDP, DGRAM];

async function round(contender: Contender, samples: Samples): Promise<void> {
  const server = await contender.server();
  const client = await contender.client(server.port);
  try {
    await client.pingpong(WARMUP_PINGS, contender.pingSize);
    for (const size of SIZES) await client.flood(WARMUP_ECHOES, contender.floodSize(size), WINDOW);
    const [p50, p99] = await client.pingpong(PINGS, contender.pingSize);
    samples.p50.push(p50);
    samples.p99.push(p99);
    for (const size of SIZES) {
      const count = ECHOES[size];
      const before = await server.cpu();
      const sentBefore = await server.sentDatagrams();
      const ms = await client.flood(count, contender.floodSize(size), WINDOW);
      const after = await server.cpu();
      const sentAfter = await server.sentDatagrams();
      (samples.rate[size] ??= []).push((count * 1000) / ms);
      (samples.cpu[size] ??= []).push((after - before) / count);
      if (sentBefore !== null && sentAfter !== null) (samples.datagrams[size] ??= []).push((sentAfter - sentBefore) / count);
    }
  } finally {
    await client.close();
    await server.close();
  }
}

const sorted = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);
const median = (values: readonly number[]): number => sorted(values)[Math.floor(values.length / 2)] ?? NaN;

function spread(values: readonly number[], digits = 0, width = 8): string {
  const s = sorted(values);
  const f = (v: number | undefined): string => (v ?? NaN).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
  return `${f(median(values)).padStart(width)} ${`[${f(s[0])}–${f(s[s.length - 1])}]`.padEnd(2 * width + 1)}`;
}

const load = (): string => loadavg().map((l) => l.toFixed(1)).join(' ');

function report(title: string, rows: ReadonlyArray<[Contender, Samples]>): void {
  console.log(`\n${title}`);
  const withDatagrams = rows.some(([, s]) => s.datagrams[1000] !== undefined);
  console.log(`  ${''.padEnd(27)}${'RTT p50 µs'.padEnd(22)}${'RTT p99 µs'.padEnd(22)}${'echoes/s 64 B'.padEnd(26)}${'echoes/s 1000 B'.padEnd(26)}` +
    `server CPU µs/echo 64 B | 1000 B${withDatagrams ? '   server datagrams/echo 64 B | 1000 B' : ''}`);
  for (const [c, s] of rows) {
    const datagrams = withDatagrams ? `${median(s.datagrams[64] ?? []).toFixed(3).padStart(19)} | ${median(s.datagrams[1000] ?? []).toFixed(3)}` : '';
    console.log(`  ${c.name.padEnd(27)}${spread(s.p50, 0, 5)}${spread(s.p99, 0, 5)}${spread(s.rate[64] ?? [], 0, 8)}${spread(s.rate[1000] ?? [], 0, 8)}` +
      `${median(s.cpu[64] ?? []).toFixed(2).padStart(6)} | ${median(s.cpu[1000] ?? []).toFixed(2).padEnd(20)}${datagrams}`);
  }
}

const ratio = (a: readonly number[] | undefined, b: readonly number[] | undefined): string => `${(median(a ?? []) / median(b ?? [])).toFixed(2)}×`;

async function idle(start: (maxPeers: number) => Promise<EchoServer>, count: number): Promise<number> {
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
    // Idle: past two bandwidth-throttle epochs (1 s each) and the handshakes' retransmissions, so
    // that no VERIFY_CONNECT or BANDWIDTH_LIMIT still waits for its acknowledgement.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    // The client's output lines live in this process, beside our server: not the server's memory.
    clients.forgetLines();
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
  const loadBefore = load();
  const samples = new Map<Contender, Samples>(CONTENDERS.map((c) => [c, { p50: [], p99: [], rate: {}, cpu: {}, datagrams: {} }]));
  for (let r = 0; r < ROUNDS; r++) {
    for (let i = 0; i < CONTENDERS.length; i++) {
      const contender = CONTENDERS[(i + r) % CONTENDERS.length] as Contender;
      await round(contender, samples.get(contender) as Samples);
    }
  }
  const s = (c: Contender): Samples => samples.get(c) as Samples;
  console.log(`\nENet echo servers and plain UDP echoes on loopback: median [range] of ${ROUNDS} interleaved rounds; ` +
    `${PINGS} pings of 64 B; ${ECHOES[64].toLocaleString('en-US')} (64 B) and ${ECHOES[1000].toLocaleString('en-US')} (1000 B) echoes with ${WINDOW} in flight per round`);
  console.log(`  load average (1, 5, 15 min) before: ${loadBefore}; after: ${load()} (2 cores shared with other work)`);
  report('ENet, the same C libenet client (reliable packets)', [[C_ENET, s(C_ENET)], [PP_ENET, s(PP_ENET)]]);
  console.log(`  @pp/enet / C libenet: throughput ${ratio(s(PP_ENET).rate[64], s(C_ENET).rate[64])} (64 B), ` +
    `${ratio(s(PP_ENET).rate[1000], s(C_ENET).rate[1000])} (1000 B) [target ≥ 0.8×]; p99 RTT ${ratio(s(PP_ENET).p99, s(C_ENET).p99)} [target ≤ 2×]`);
  const engine = SIZES.map((size) => median(Array.from({ length: 3 }, () => engineEchoRate(size, size === 64 ? 200_000 : 100_000))));
  console.log(`  the @pp/enet engine alone (both ends in this process, no socket): ` +
    SIZES.map((size, i) => `${Math.round(engine[i] ?? 0).toLocaleString('en-US')} echoes/s = ${(1e6 / (engine[i] ?? 1)).toFixed(2)} µs per echo for both ends (${size} B)`).join(', '));
  report(`The socket layer alone: plain UDP echo of ENet's datagram sizes (${ENET_PING_DATAGRAM} B pings; ${ENET_DATAGRAM[64]} B and ` +
    `${ENET_DATAGRAM[1000]} B floods), the same C UDP client`, [[C_UDP, s(C_UDP)], [DGRAM, s(DGRAM)]]);
  console.log(`  node:dgram / C: throughput ${ratio(s(DGRAM).rate[64], s(C_UDP).rate[64])} (64 B), ${ratio(s(DGRAM).rate[1000], s(C_UDP).rate[1000])} (${ENET_DATAGRAM[1000]} B); ` +
    `p99 RTT ${ratio(s(DGRAM).p99, s(C_UDP).p99)}`);

  // The floors: what the same run says any ENet server on node:dgram could reach at best.
  const pp = s(PP_ENET);
  const c = s(C_ENET);
  const nodeAdds = (key: 'p50' | 'p99'): number[] => s(DGRAM)[key].map((v, i) => v - (s(C_UDP)[key][i] ?? NaN));
  const p99Floor = c.p99.map((v, i) => (v + (nodeAdds('p99')[i] ?? NaN)) / v);
  console.log('\nFloors (the same job without ENet, in the same rounds; per-round figures: median [range])');
  console.log(`  RTT: a node:dgram echo adds ${spread(nodeAdds('p50'), 0, 3)}µs at p50 and ${spread(nodeAdds('p99'), 0, 3)}µs at p99 to a C echo's RTT ` +
    `(plain ${ENET_PING_DATAGRAM} B ping-pongs)`);
  console.log(`  p99 RTT floor of an ENet server on node:dgram = C libenet's p99 + what node:dgram adds = ${spread(p99Floor, 2, 4)}× C libenet's p99; ` +
    `@pp/enet ${spread(pp.p99.map((v, i) => v / (c.p99[i] ?? NaN)), 2, 4)}× [target ≤ 2×]`);
  console.log(`  throughput at 1000 B: a node:dgram plain echo of ${ENET_DATAGRAM[1000]} B datagrams reaches ` +
    `${spread(s(DGRAM).rate[1000]?.map((v, i) => v / (c.rate[1000]?.[i] ?? NaN)) ?? [], 2, 4)}× C libenet's ENet echo (the ceiling under the 0.8× target); ` +
    `@pp/enet reaches ${spread(pp.rate[1000]?.map((v, i) => v / (s(DGRAM).rate[1000]?.[i] ?? NaN)) ?? [], 2, 4)}× that plain echo`);
  console.log(`  server CPU per 1000 B echo: @pp/enet ${median(pp.cpu[1000] ?? []).toFixed(2)} µs, the node:dgram plain echo ` +
    `${median(s(DGRAM).cpu[1000] ?? []).toFixed(2)} µs, C libenet ${median(c.cpu[1000] ?? []).toFixed(2)} µs`);

  const count = 1000;
  // A first, smaller round compiles the connection paths, so that the JIT's code is not counted.
  await idle((max) => ppENetEcho(max), 100);
  const cPerPeer = await idle((max) => cENetEcho(max), count);
  const oursPerPeer = await idle((max) => ppENetEcho(max), count);
  console.log(`\nMemory per idle connected ENet peer, ${count} peers (one C client host)`);
  console.log(`  C libenet 1.3.17          ${(cPerPeer / 1024).toFixed(2).padStart(7)} KiB (server RSS)`);
  console.log(`  @pp/enet ENetConnection   ${(oursPerPeer / 1024).toFixed(2).padStart(7)} KiB (JS heap + buffers)`);
}
