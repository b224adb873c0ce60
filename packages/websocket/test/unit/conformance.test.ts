import { multiplayerPeerSuite, packetPeerSuite, type PacketPeerCapabilities } from '@pp/conformance';
import { TLSOptions, WebSocketMultiplayerPeer, WebSocketPeer, type WebSocketPeerOptions } from '../../src/index.js';
import { testCertificate } from '../support/certs.js';
import { useScope } from '../support/scope.js';
import { multiplayerHarness, serveStream, serveUpgrade, type PeerServer } from '../support/servers.js';

useScope();

const capabilities: PacketPeerCapabilities = {
  reliable: true, ordered: true, maxPacketSize: 65535, refusesOversized: true, closePropagates: true,
};

async function pair(server: PeerServer, tls?: TLSOptions, options: WebSocketPeerOptions = {}) {
  const client = new WebSocketPeer(options);
  client.connectToUrl(server.url, tls);
  const accepted = await server.nextPeer();
  await Promise.all([client.waitForOpen({ timeoutMs: 5000 }), accepted.waitForOpen({ timeoutMs: 5000 })]);
  return {
    a: client,
    b: accepted,
    close: async () => {
      client.close(-1);
      await server.close();
    },
  };
}

packetPeerSuite({
  name: 'WebSocketPeer, ws://, server side by acceptStream',
  connect: async () => pair(await serveStream()),
  capabilities,
});

// Node's TLS layer writes asynchronously, so a synchronous burst counts as buffered until the
// event loop turns: the suite's 140 KB burst needs outboundBufferSize 0 (Godot's "no byte limit").
packetPeerSuite({
  name: 'WebSocketPeer, wss://, server side by acceptUpgrade on an https.Server',
  connect: async () => {
    const { key, cert } = testCertificate();
    const unlimited = { outboundBufferSize: 0 };
    return pair(await serveUpgrade(unlimited, { key, cert }), TLSOptions.client(cert), unlimited);
  },
  capabilities: {
    ...capabilities,
    refusesOversized: false,
    why: { refusesOversized: 'with outboundBufferSize 0 (Godot\'s "no byte limit") a message of any size is accepted' },
  },
});

packetPeerSuite({
  name: 'WebSocketPeer, format godot3',
  connect: async () => {
    const server = await serveStream({ format: 'godot3' });
    const client = new WebSocketPeer({ format: 'godot3' });
    client.connectToUrl(server.url);
    const accepted = await server.nextPeer();
    await Promise.all([client.waitForOpen(), accepted.waitForOpen()]);
    return { a: client, b: accepted, close: async () => { client.close(-1); await server.close(); } };
  },
  capabilities: { ...capabilities, format: 'godot3' },
});

multiplayerPeerSuite(multiplayerHarness('WebSocketMultiplayerPeer', () => new WebSocketMultiplayerPeer()));
