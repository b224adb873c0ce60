import { packetPeerSuite, type ConnectedPair } from '@pp/conformance';
import { ErrorCode } from '@pp/core';
import { expect } from 'vitest';
import { MAX_DATAGRAM_IPV4, MAX_DATAGRAM_IPV6, PacketPeerUDP, UDPServer } from '../../src/index.js';

const capabilities = {
  // A burst of 200 datagrams sent in one tick overflows the kernel's default receive buffer
  // before Node (or Godot, polling once a frame) can read it: raw node:dgram loses them too.
  reliable: false,
  ordered: true,
  maxPacketSize: MAX_DATAGRAM_IPV4,
  refusesOversized: true,
  closePropagates: false,
  why: {
    reliable: 'UDP does not guarantee delivery (a burst sent in one tick overflows the kernel\'s receive buffer)',
    closePropagates: 'UDP has no connection: closing one end tells the other nothing',
  },
};

/** Two bound peers, each connected to the other. */
function connectedPair(host: string, bindAddress = host): ConnectedPair {
  const a = new PacketPeerUDP();
  const b = new PacketPeerUDP();
  expect(a.bind(0, bindAddress)).toBe(ErrorCode.OK);
  expect(b.bind(0, bindAddress)).toBe(ErrorCode.OK);
  expect(a.connectToHost(host, b.getLocalPort())).toBe(ErrorCode.OK);
  expect(b.connectToHost(host, a.getLocalPort())).toBe(ErrorCode.OK);
  return { a, b, close: () => { a.close(); b.close(); } };
}

packetPeerSuite({ name: 'PacketPeerUDP pair, IPv4', connect: async () => connectedPair('127.0.0.1'), capabilities });
packetPeerSuite({
  name: 'PacketPeerUDP pair, IPv6',
  connect: async () => connectedPair('::1'),
  capabilities: { ...capabilities, maxPacketSize: MAX_DATAGRAM_IPV6 },
});
packetPeerSuite({ name: "PacketPeerUDP pair, dual stack '*'", connect: async () => connectedPair('127.0.0.1', '*'), capabilities });

packetPeerSuite({
  name: 'UDPServer peer and its client',
  connect: async () => {
    const server = new UDPServer();
    expect(server.listen(0, '127.0.0.1')).toBe(ErrorCode.OK);
    const client = new PacketPeerUDP();
    expect(client.connectToHost('127.0.0.1', server.getLocalPort())).toBe(ErrorCode.OK);
    client.putPacket(Uint8Array.of(0));
    const peer = await server.accept({ timeoutMs: 5000 });
    expect(peer.getPacket()).toEqual(Uint8Array.of(0));
    return { a: client, b: peer, close: () => { client.close(); server.stop(); } };
  },
  capabilities,
});

packetPeerSuite({
  name: 'PacketPeerUDP pair, Godot 3 format',
  connect: async () => {
    const pair = connectedPair('127.0.0.1');
    pair.a.format = 'godot3';
    pair.b.format = 'godot3';
    return pair;
  },
  capabilities: { ...capabilities, format: 'godot3' },
});
