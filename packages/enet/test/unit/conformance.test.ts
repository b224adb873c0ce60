import { multiplayerPeerSuite, packetPeerSuite } from '@pp/conformance';
import { useScope } from '@pp/conformance/testing';
import { ErrorCode } from '@pp/core';
import { ENetConnection, ENetMultiplayerPeer, type ENetPacketPeer } from '../../src/index.js';

useScope();

/** Two ENetPacketPeers connected over loopback UDP, servicing themselves. */
async function pair() {
  const server = new ENetConnection();
  const client = new ENetConnection();
  server.createHostBound('127.0.0.1', 0, 2);
  client.createHost(1);
  server.autoService = true;
  const accepted = new Promise<ENetPacketPeer>((resolve) => server.once('connect', resolve));
  const a = await client.connectToHostAsync('127.0.0.1', server.getLocalPort(), 1, 0, { timeoutMs: 5000 });
  client.autoService = true;
  const b = await accepted;
  return {
    a,
    b,
    close: () => {
      client.destroy();
      server.destroy();
    },
  };
}

packetPeerSuite({
  name: 'ENetPacketPeer (reliable, channel 0)',
  connect: pair,
  capabilities: { reliable: true, ordered: true, maxPacketSize: 65536, refusesOversized: false, closePropagates: true },
});

multiplayerPeerSuite({
  name: 'ENetMultiplayerPeer',
  async createServer() {
    const server = new ENetMultiplayerPeer();
    server.setBindIp('127.0.0.1');
    if (server.createServer(0) !== ErrorCode.OK) throw new Error('createServer failed');
    return server;
  },
  createClient(server) {
    const client = new ENetMultiplayerPeer();
    client.createClient('127.0.0.1', (server as ENetMultiplayerPeer).host!.getLocalPort());
    return client;
  },
  createIdle: () => new ENetMultiplayerPeer(),
  // 64 KiB (48 fragments): the suite compares with toEqual, which is slow on megabytes; 1 MB is
  // covered against C libenet.
  capabilities: { maxPacketSize: 65536, reliableOrdered: true, serverRelay: true, refusedClientsSeeConnected: true },
});
