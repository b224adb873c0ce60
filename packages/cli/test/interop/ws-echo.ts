/** An @pp WebSocket echo server on 127.0.0.1: every message straight back, text as text. */
import { once } from 'node:events';
import { createServer } from 'node:net';
import { WebSocketPeer, WriteMode } from '@pp/websocket';

export async function startWsEcho(): Promise<{ port: number; close(): Promise<void> }> {
  const server = createServer((socket) => {
    const peer = new WebSocketPeer();
    peer.acceptStream(socket);
    peer.on('packet', (packet, { wasString }) => peer.send(packet, wasString ? WriteMode.TEXT : WriteMode.BINARY));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as { port: number }).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
