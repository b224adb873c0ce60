import { packetPeerSuite, type PacketPeerCapabilities } from '@pp/conformance';
import { PacketPeerStream } from '../../src/index.js';
import { tcpStreams } from '../support/sockets.js';

const capabilities: PacketPeerCapabilities = {
  reliable: true,
  ordered: true,
  maxPacketSize: 65532,
  refusesOversized: true,
  closePropagates: true,
};

async function tcpPair(format: 'godot4' | 'godot3' = 'godot4') {
  const streams = await tcpStreams();
  const a = new PacketPeerStream({ streamPeer: streams.client, format });
  const b = new PacketPeerStream({ streamPeer: streams.accepted, format });
  return {
    a,
    b,
    close: () => {
      a.close();
      b.close();
      streams.close();
    },
  };
}

packetPeerSuite({ name: 'PacketPeerStream over StreamPeerTCP', connect: () => tcpPair(), capabilities });
packetPeerSuite({
  name: 'PacketPeerStream over StreamPeerTCP, Godot 3 format',
  connect: () => tcpPair('godot3'),
  capabilities: { ...capabilities, format: 'godot3' },
});
