import { packetPeerSuite, type PacketPeerCapabilities } from '@pp/conformance';
import { PacketPeerStream, StreamPeerTCP, TCPServer } from '../../src/index.js';

const capabilities: PacketPeerCapabilities = {
  reliable: true,
  ordered: true,
  maxPacketSize: 65532,
  refusesOversized: true,
  closePropagates: true,
};

async function tcpPair(format: 'godot4' | 'godot3' = 'godot4') {
  const server = new TCPServer();
  await server.listenAsync(0, '127.0.0.1');
  const client = new StreamPeerTCP();
  const [accepted] = await Promise.all([
    server.accept({ timeoutMs: 5000 }),
    client.connectToHostAsync('127.0.0.1', server.getLocalPort(), { timeoutMs: 5000 }),
  ]);
  const a = new PacketPeerStream({ streamPeer: client, format });
  const b = new PacketPeerStream({ streamPeer: accepted, format });
  return {
    a,
    b,
    close: () => {
      a.close();
      b.close();
      server.stop();
    },
  };
}

packetPeerSuite({ name: 'PacketPeerStream over StreamPeerTCP', connect: () => tcpPair(), capabilities });
packetPeerSuite({
  name: 'PacketPeerStream over StreamPeerTCP, Godot 3 format',
  connect: () => tcpPair('godot3'),
  capabilities: { ...capabilities, format: 'godot3' },
});
