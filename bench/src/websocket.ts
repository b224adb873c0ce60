/**
 * `@pp/websocket` against raw `ws`, in one process on loopback:
 *
 * - throughput: messages/s and MB/s from a client to a server, a fixed amount in flight, for
 *   `WebSocketPeer` (putPacket → `packet` events) and for `ws` (send → `message` events);
 * - memory per idle connection: 10,000 clients (raw `ws`, in a child process, so both servers
 *   see the same clients and each process stays under the file-descriptor limit) connected to a
 *   `WebSocketMultiplayerPeer` server, then to a bare `ws` server.
 */
import { execFileSync, fork } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { WebSocketMultiplayerPeer, WebSocketPeer } from '@pp/websocket';
import { WebSocket, WebSocketServer } from 'ws';
import { printTable } from './measure.js';
import { measureFlows, windowedFlow, type Flow, type FlowCase } from './measure-async.js';

/** Messages in flight: about 1 MiB. */
const windowFor = (size: number): number => Math.max(16, Math.floor((1024 * 1024) / size));

function listening(server: Server | WebSocketServer): Promise<number> {
  return new Promise((resolve) => {
    if ('listening' in server && server.listening) resolve((server.address() as AddressInfo).port);
    else server.once('listening', () => resolve((server.address() as AddressInfo).port));
  });
}

function pp(size: number): FlowCase {
  return {
    name: `@pp/websocket WebSocketPeer, ${size} B messages`,
    bytes: size,
    async open(): Promise<Flow> {
      const peers: WebSocketPeer[] = [];
      let onPacket = (): void => undefined;
      const server = createServer((socket) => {
        const peer = new WebSocketPeer({ inboundBufferSize: size });
        peer.acceptStream(socket);
        peer.on('packet', () => onPacket());
        peers.push(peer);
      }).listen(0, '127.0.0.1');
      // Godot's default outbound limits would refuse ~1 MiB in flight; lift them for the test.
      const client = await WebSocketPeer.connect(`ws://127.0.0.1:${await listening(server)}`, {
        outboundBufferSize: 0, maxQueuedPackets: 1 << 20, timeoutMs: 5000,
      });
      const payload = new Uint8Array(size).fill(7);
      const { flow, done } = windowedFlow(windowFor(size), () => client.putPacket(payload));
      onPacket = done;
      return {
        run: flow.run,
        close: async () => {
          client.close(-1);
          for (const peer of peers) peer.close(-1);
          await new Promise<void>((resolve) => server.close(() => resolve()));
        },
      };
    },
  };
}

function raw(size: number): FlowCase {
  return {
    name: `raw ws, ${size} B messages`,
    bytes: size,
    async open(): Promise<Flow> {
      let onMessage = (): void => undefined;
      const server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false, maxPayload: size });
      server.on('connection', (ws) => ws.on('message', () => onMessage()));
      const client = new WebSocket(`ws://127.0.0.1:${await listening(server)}`, { perMessageDeflate: false });
      await new Promise((resolve) => client.once('open', resolve));
      const payload = new Uint8Array(size).fill(7);
      const { flow, done } = windowedFlow(windowFor(size), () => client.send(payload));
      onMessage = done;
      return {
        run: flow.run,
        close: async () => {
          client.terminate();
          for (const ws of server.clients) ws.terminate();
          await new Promise((resolve) => server.close(resolve));
        },
      };
    },
  };
}

export async function websocketThroughputBench(): Promise<void> {
  for (const size of [64, 1024, 16384]) {
    const results = await measureFlows([raw(size), pp(size)], { rounds: 7, roundMs: 700 });
    printTable(`WebSocket over loopback, ~1 MiB in flight, ${size}-byte binary messages (ops = messages)`, results);
    const [base, ours] = results;
    if (base !== undefined && ours !== undefined) {
      console.log(`  @pp/websocket at ${((ours.opsPerSec / base.opsPerSec) * 100).toFixed(0)}% of raw ws`);
    }
  }
}

// --- memory per idle connection ------------------------------------------------------------

/** The file-descriptor limit of this process (a shell child inherits it). */
function fileLimit(): number {
  try {
    return Number(execFileSync('/bin/sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim()) || 1024;
  } catch {
    return 1024;
  }
}

const collect = ((): (() => void) => {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  return () => {
    for (let i = 0; i < 3; i++) gc();
  };
})();

function usage(): { heap: number; rss: number } {
  collect();
  const { heapUsed, external, rss } = process.memoryUsage();
  return { heap: heapUsed + external, rss };
}

/** Connects `count` idle `ws` clients to `port` from a child process; resolves once all are open. */
async function idleClients(port: number, count: number): Promise<{ close(): Promise<void> }> {
  const child = fork(new URL('./websocket-clients.js', import.meta.url), [String(port), String(count)], { stdio: 'inherit' });
  await new Promise<void>((resolve, reject) => {
    child.once('message', (message) => (message === 'open' ? resolve() : reject(new Error(String(message)))));
    child.once('exit', (code) => reject(new Error(`the client process exited with ${code}`)));
  });
  return {
    close: () => new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill();
    }),
  };
}

async function perConnection(
  name: string,
  count: number,
  start: () => Promise<{ port: number; connections: () => number; close: () => Promise<void> }>,
): Promise<string> {
  const server = await start();
  const before = usage();
  const clients = await idleClients(server.port, count);
  while (server.connections() < count) await new Promise((resolve) => setTimeout(resolve, 20));
  const after = usage();
  await clients.close();
  await server.close();
  const heap = (after.heap - before.heap) / count;
  const rss = (after.rss - before.rss) / count;
  return `  ${name.padEnd(42)} ${(heap / 1024).toFixed(2).padStart(6)} KiB JS heap + buffers, ${(rss / 1024).toFixed(2).padStart(6)} KiB RSS`;
}

export async function websocketIdleBench(): Promise<void> {
  const limit = fileLimit();
  // Each side holds one descriptor per connection, plus a few of its own.
  const count = Math.min(10_000, limit - 200);
  console.log(`\nMemory per idle WebSocket connection, ${count} clients on loopback (ulimit -n: ${limit}; clients in a child process)`);
  if (count < 10_000) console.log(`  (fewer than 10,000: raise the descriptor limit above ${10_200} to run them all)`);
  console.log(await perConnection('raw ws WebSocketServer', count, async () => {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
    const port = await listening(server);
    return {
      port,
      connections: () => server.clients.size,
      close: async () => {
        for (const ws of server.clients) ws.terminate();
        await new Promise((resolve) => server.close(resolve));
      },
    };
  }));
  console.log(await perConnection('@pp/websocket WebSocketMultiplayerPeer', count, async () => {
    const server = new WebSocketMultiplayerPeer({ handshakeTimeout: 30 });
    let connected = 0;
    server.on('peerConnected', () => connected++);
    server.createServer(0, '127.0.0.1');
    await server.waitForConnected({ timeoutMs: 5000 });
    return { port: server.getLocalPort(), connections: () => connected, close: async () => server.close() };
  }));
}

export async function websocketBench(): Promise<void> {
  await websocketThroughputBench();
  await websocketIdleBench();
}
