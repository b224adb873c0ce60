/**
 * A UDP echo over loopback, the way a Godot dedicated server does it: a `UDPServer` turns the
 * client's first datagram into a connection, and both sides use `putVar` / `getVar`, the bytes a
 * Godot game's `PacketPeerUDP` sends and receives.
 */
import type { Variant } from '@pp/core';
import { PacketPeerUDP, UDPServer } from '@pp/udp';
import { echoSummary } from './describe.js';
import { DEMO_VALUES } from './memory.js';

const WAIT = { timeoutMs: 5000 };

export async function udpDemo(log: (line: string) => void): Promise<Variant[]> {
  const server = new UDPServer();
  const client = new PacketPeerUDP();
  const received: Variant[] = [];
  try {
    await server.listenAsync(0, '127.0.0.1');
    await client.connectToHostAsync('127.0.0.1', server.getLocalPort());
    let connection: PacketPeerUDP | undefined;
    for (const [, value] of DEMO_VALUES) {
      client.putVar(value);
      connection ??= await server.accept(WAIT);
      await connection.wait(WAIT);
      connection.putPacket(connection.getPacket()); // echo the datagram as it came
      await client.wait(WAIT);
      const echoed = client.getVar();
      received.push(echoed);
    }
    log(`  UDP        ${echoSummary(DEMO_VALUES, received)} over udp://127.0.0.1:${server.getLocalPort()} (a UDPServer connection)`);
  } finally {
    client.close();
    server.stop();
  }
  return received;
}
