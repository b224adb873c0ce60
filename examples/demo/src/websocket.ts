/**
 * A WebSocket echo over loopback: a Node WebSocketPeer server (Godot's `accept_stream`) and a
 * WebSocketPeer client exchange the demo's Variants with `putVar` / `getVar` — what a Godot game's
 * `WebSocketPeer` would send and receive, byte for byte.
 */
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Variant } from '@pp/core';
import { WebSocketPeer } from '@pp/websocket';
import { echoSummary } from './describe.js';
import { DEMO_VALUES } from './memory.js';

const WAIT = { timeoutMs: 5000 };

/** Echoes every message it receives, in the frame type it came in. */
function echoServer(): Promise<{ server: Server; port: number; peers: WebSocketPeer[] }> {
  const peers: WebSocketPeer[] = [];
  const server = createServer((socket) => {
    const peer = new WebSocketPeer();
    peer.acceptStream(socket);
    peer.on('packet', (packet, { wasString }) => peer.send(packet, wasString ? 0 : 1));
    peers.push(peer);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({ server, port: (server.address() as AddressInfo).port, peers }));
  });
}

export async function websocketDemo(log: (line: string) => void): Promise<Variant[]> {
  const { server, port, peers } = await echoServer();
  const client = await WebSocketPeer.connect(`ws://127.0.0.1:${port}/echo`, WAIT);
  const received: Variant[] = [];
  try {
    for (const [, value] of DEMO_VALUES) {
      client.putVar(value);
      await client.waitForPacket(WAIT);
      const echoed = client.getVar();
      received.push(echoed);
    }
    client.sendText('héllo, Godot');
    await client.waitForPacket(WAIT);
    const text = `${JSON.stringify(new TextDecoder().decode(client.getPacket()))} (wasStringPacket: ${client.wasStringPacket()})`;
    client.close(1000, 'demo done');
    await new Promise<void>((resolve) => client.once('close', resolve));
    log(`  WebSocket  ${echoSummary(DEMO_VALUES, received)} over ws://127.0.0.1:${port}, and a text frame ${text}; closed with ${client.getCloseCode()}`);
  } finally {
    client.close(-1);
    for (const peer of peers) peer.close(-1);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return received;
}
