/**
 * Child process of the tcp-write-memory benchmark: a `TCPServer` on 127.0.0.1 and `clients` raw
 * clients that never read; the server writes 1 MiB chunks to each connection until `putData`
 * answers `ERR_BUSY` (its per-connection and server-wide limits). Reports RSS and heap (with
 * array buffers) when full, and after the clients left, as JSON to the parent.
 */
import { connect, type Socket } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ErrorCode } from '@pp/core';
import { TCPServer, type StreamPeerTCP, type TCPServerOptions } from '@pp/stream';

const clients = Number(process.argv[2]);
const options = JSON.parse(process.argv[3] ?? '{}') as TCPServerOptions;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
const memory = (): { rss: number; heap: number } => {
  for (let i = 0; i < 4; i++) gc();
  const { rss, heapUsed, arrayBuffers } = process.memoryUsage();
  return { rss, heap: heapUsed + arrayBuffers };
};

const base = memory();
const server = new TCPServer(options);
await server.listenAsync(0, '127.0.0.1');
const sockets: Socket[] = [];
const peers: StreamPeerTCP[] = [];
for (let i = 0; i < clients; i++) {
  const socket = connect(server.getLocalPort(), '127.0.0.1');
  socket.on('error', () => undefined);
  socket.pause();
  sockets.push(socket);
  peers.push(await server.accept());
}
const chunk = new Uint8Array(1024 * 1024).fill(7);
let written = 0;
// Rounds until no connection takes more: the kernel's buffers fill first, then ours.
for (let progress = true; progress;) {
  progress = false;
  for (const peer of peers) {
    if (peer.putData(chunk) === ErrorCode.OK) {
      written += chunk.length;
      progress = true;
    }
  }
  await sleep(5);
}
const full = memory();
for (const socket of sockets) socket.destroy();
await sleep(500);
for (const peer of peers) peer.close();
server.stop();
await sleep(500);
const left = memory();
process.send?.(JSON.stringify({ written, base, full, left }));
