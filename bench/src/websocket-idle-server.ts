/**
 * Child process of the idle-connection benchmark: starts one server (`raw` ws or `pp`'s
 * WebSocketMultiplayerPeer), measures this process, connects `count` idle clients from other
 * child processes (half, then the other half, measuring in between), measures again and sends
 * the parent the growth per connection as JSON.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { WebSocketMultiplayerPeer } from '@pp/websocket';
import { WebSocketServer } from 'ws';
import { listening } from './websocket.js';
import { collectGarbage } from './collect-garbage.js';

export type IdleServerKind = 'raw' | 'pp';

/** Bytes per connection. */
export interface IdleFigures {
  heap: number;
  rss: number;
  /**
   * RSS per connection of the second half of the connections alone: what one more connection
   * costs, without what the process spends once (compiled code, heap and allocator growth).
   */
  rssMarginal: number;
}

interface IdleServer {
  port: number;
  connections(): number;
}


function usage(): Pick<IdleFigures, 'heap' | 'rss'> {
  collectGarbage();
  const { heapUsed, external, rss } = process.memoryUsage();
  return { heap: heapUsed + external, rss };
}

async function start(kind: IdleServerKind): Promise<IdleServer> {
  if (kind === 'raw') {
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
    return { port: await listening(server), connections: () => server.clients.size };
  }
  const server = new WebSocketMultiplayerPeer({ handshakeTimeout: 30 });
  let connected = 0;
  server.on('peerConnected', () => connected++);
  server.createServer(0, '127.0.0.1');
  await server.waitForConnected({ timeoutMs: 5000 });
  return { port: server.getLocalPort(), connections: () => connected };
}

/** Connects `count` idle `ws` clients to `port` from a child process; resolves once all are open, with that process. */
async function idleClients(port: number, count: number): Promise<ChildProcess> {
  const child = fork(new URL('./websocket-clients.js', import.meta.url), [String(port), String(count)], { stdio: 'inherit' });
  await new Promise<void>((resolve, reject) => {
    child.once('message', (message) => (message === 'open' ? resolve() : reject(new Error(String(message)))));
    child.once('exit', (code) => reject(new Error(`the client process exited with ${code}`)));
  });
  return child;
}

/** `count` more idle clients, once all of them are connected; `total` are connected then. */
async function connectMore(server: IdleServer, count: number, total: number): Promise<ChildProcess> {
  const clients = await idleClients(server.port, count);
  while (server.connections() < total) await new Promise((resolve) => setTimeout(resolve, 20));
  return clients;
}

const [kind, count] = [process.argv[2] as IdleServerKind, Number(process.argv[3])];
const server = await start(kind);
const before = usage();
const half = Math.floor(count / 2);
const first = await connectMore(server, half, half);
const middle = usage();
const second = await connectMore(server, count - half, count);
const after = usage();
const figures: IdleFigures = {
  heap: (after.heap - before.heap) / count,
  rss: (after.rss - before.rss) / count,
  rssMarginal: (after.rss - middle.rss) / (count - half),
};
first.kill();
second.kill();
process.send?.(JSON.stringify(figures), () => process.exit(0));
