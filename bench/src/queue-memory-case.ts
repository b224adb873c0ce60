/**
 * Child process of the queue-memory benchmark: one server on 127.0.0.1 whose application never
 * reads, `connections` clients each flooding it with `size`-byte packets, then the heap it holds
 * per connection and per queued packet, sent to the parent as JSON.
 */
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { PacketPeerStream, TCPServer } from '@pp/stream';
import { WebSocketMultiplayerPeer, WebSocketPeer } from '@pp/websocket';
import { WebSocket } from 'ws';
import { collectGarbage } from './collect-garbage.js';

const [kind, size, connections] = [process.argv[2] as string, Number(process.argv[3]), Number(process.argv[4])];
/** Bytes each client sends: far more than any queue takes. */
const FLOOD = 2 * 1024 * 1024;

const heap = (): number => {
  collectGarbage(4);
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
};
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function repeated(frame: Buffer): Buffer {
  const out = Buffer.alloc(Math.floor(FLOOD / frame.length) * frame.length);
  for (let at = 0; at < out.length; at += frame.length) frame.copy(out, at);
  return out;
}

/** A masked binary WebSocket frame of `size` bytes (mask key 0). */
const wsFrame = (): Buffer => Buffer.concat([Buffer.from([0x82, 0x80 | size, 0, 0, 0, 0]), Buffer.alloc(size, 7)]);

const before = heap();
const sockets: Array<Socket | WebSocket> = [];
let queued = (): number => 0;

if (kind === 'tcp') {
  const server = new TCPServer({ maxPendingConnections: connections });
  await server.listenAsync(0, '127.0.0.1');
  const peers: PacketPeerStream[] = [];
  const frame = Buffer.alloc(4 + size);
  frame.writeUInt32LE(size, 0);
  const flood = repeated(frame);
  for (let i = 0; i < connections; i++) {
    const socket = connect(server.getLocalPort(), '127.0.0.1');
    socket.on('error', () => undefined);
    peers.push(new PacketPeerStream({ streamPeer: await server.accept() }));
    socket.write(flood);
    sockets.push(socket);
  }
  queued = () => peers.reduce((sum, peer) => sum + peer.getAvailablePacketCount(), 0);
} else if (kind === 'websocket') {
  const peers: WebSocketPeer[] = [];
  const server = createServer((socket) => {
    const peer = new WebSocketPeer({ handshakeTimeout: 60 });
    peer.acceptStream(socket);
    peers.push(peer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const flood = repeated(wsFrame());
  for (let i = 0; i < connections; i++) {
    const ws = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}`, { perMessageDeflate: false });
    await new Promise((resolve) => ws.once('open', resolve));
    (ws as unknown as { _socket: Socket })._socket.write(flood);
    sockets.push(ws);
  }
  queued = () => peers.reduce((sum, peer) => sum + peer.getAvailablePacketCount(), 0);
} else {
  const server = new WebSocketMultiplayerPeer({ handshakeTimeout: 60 });
  server.createServer(0, '127.0.0.1');
  await server.waitForConnected({ timeoutMs: 5000 });
  const flood = repeated(wsFrame());
  for (let i = 0; i < connections; i++) {
    const ws = new WebSocket(`ws://127.0.0.1:${server.getLocalPort()}`, { perMessageDeflate: false });
    await new Promise((resolve) => ws.once('message', resolve));
    (ws as unknown as { _socket: Socket })._socket.write(flood);
    sockets.push(ws);
  }
  queued = () => server.getAvailablePacketCount();
}

// Until back-pressure has stopped every connection.
let last = -1;
for (;;) {
  await sleep(300);
  const now = heap();
  if (Math.abs(now - last) < 64 * 1024) break;
  last = now;
}
const held = heap() - before;
const packets = queued();
process.send?.(JSON.stringify({ held, packets }));
process.exit(0);
