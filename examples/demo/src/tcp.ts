/**
 * A TCP echo over loopback: a `TCPServer` accepts a `StreamPeerTCP`, both wrapped in
 * `PacketPeerStream` (4-byte little-endian length + payload, what Godot's PacketPeerStream
 * writes), exchanging the demo's Variants with `putVar` / `getVar`.
 */
import type { Variant } from '@pp/core';
import { PacketPeerStream, StreamPeerTCP, TCPServer } from '@pp/stream';
import { echoSummary } from './describe.js';
import { DEMO_VALUES } from './memory.js';

const WAIT = { timeoutMs: 5000 };

export async function tcpDemo(log: (line: string) => void): Promise<Variant[]> {
  const server = new TCPServer();
  const tcp = new StreamPeerTCP();
  const client = new PacketPeerStream({ streamPeer: tcp });
  const received: Variant[] = [];
  let connection: PacketPeerStream | undefined;
  try {
    await server.listenAsync(0, '127.0.0.1');
    const [accepted] = await Promise.all([server.accept(WAIT), tcp.connectToHostAsync('127.0.0.1', server.getLocalPort(), WAIT)]);
    connection = new PacketPeerStream({ streamPeer: accepted });
    const echo = connection;
    echo.on('packet', (packet) => echo.putPacket(packet));
    for (const [, value] of DEMO_VALUES) {
      client.putVar(value);
      await client.waitForPacket(WAIT);
      const echoed = client.getVar();
      received.push(echoed);
    }
    log(`  TCP        ${echoSummary(DEMO_VALUES, received)} over tcp://127.0.0.1:${server.getLocalPort()} (PacketPeerStream framing)`);
  } finally {
    client.close();
    connection?.close();
    server.stop();
  }
  return received;
}
