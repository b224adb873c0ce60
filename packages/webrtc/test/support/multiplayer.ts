/**
 * In-process signalling for WebRTCMultiplayerPeer tests, loopback only (connections bind
 * 127.0.0.1 and only 127.0.0.1 candidates are forwarded: see loopback.ts). Like Godot's demo,
 * the peer with the higher id makes the offer.
 */
import { ErrorCode, generateUniqueId, type TransferMode } from '@pp/core';
import type { MultiplayerPeerHarness } from '@pp/conformance';
import { WebRTCMultiplayerPeer, type WebRTCMultiplayerPeerOptions } from '../../src/index.js';
import { link, loopbackConnection, type LinkOptions } from './loopback.js';

/**
 * Connects `x` (as peer `xId`) and `y` (as peer `yId`): one connection each, added to both
 * sides, then signalled. Returns false, and signals nothing, when `x` refuses the peer.
 */
export function pairPeers(
  x: WebRTCMultiplayerPeer, xId: number, y: WebRTCMultiplayerPeer, yId: number, options: LinkOptions = {},
): boolean {
  const onX = loopbackConnection();
  const onY = loopbackConnection();
  const ours = y.addPeer(onY, xId);
  if (ours !== ErrorCode.OK) throw new Error(`addPeer on the joining side failed: ${ours}`);
  if (x.addPeer(onX, yId) !== ErrorCode.OK) {
    onX.close();
    return false;
  }
  link(onX, onY, options);
  (xId > yId ? onX : onY).createOffer();
  return true;
}

/** The MultiplayerPeer conformance harness: a server and clients with random ids. */
export function multiplayerHarness(
  name: string, options: WebRTCMultiplayerPeerOptions = {}, channelsConfig: readonly TransferMode[] = [],
): MultiplayerPeerHarness {
  return {
    name,
    createServer: async () => {
      const server = new WebRTCMultiplayerPeer(options);
      if (server.createServer(channelsConfig) !== ErrorCode.OK) throw new Error('createServer failed');
      return server;
    },
    createClient: (server) => {
      const id = generateUniqueId();
      const client = new WebRTCMultiplayerPeer(options);
      if (client.createClient(id, channelsConfig) !== ErrorCode.OK) throw new Error('createClient failed');
      pairPeers(server as WebRTCMultiplayerPeer, 1, client, id);
      return client;
    },
    createIdle: () => new WebRTCMultiplayerPeer(options),
    capabilities: { maxPacketSize: 1200, reliableOrdered: true, serverRelay: true },
    timeoutMs: 10_000,
  };
}
