/**
 * WebRTCMultiplayerPeer against Godot's source (modules/webrtc/webrtc_multiplayer_peer.cpp):
 * the channel layout and the dictionaries it passes, the mode/channel mapping both ways,
 * round-robin reading, targets, topology rules. Peers in this process over loopback (127.0.0.1
 * only; support/multiplayer.ts).
 */
import { ConnectionStatus, ErrorCode, TransferMode } from '@pp/core';
import { until, useScope } from '@pp/conformance/testing';
import { describe, expect, it } from 'vitest';
import {
  ChannelState, WebRTCMultiplayerPeer, WebRTCPeerConnection, type DataChannelOptions, type WebRTCMultiplayerPeerOptions,
} from '../../src/index.js';
import { loopbackConnection } from '../support/loopback.js';
import { pairPeers } from '../support/multiplayer.js';

const scope = useScope();
const peer = (options: WebRTCMultiplayerPeerOptions = {}): WebRTCMultiplayerPeer =>
  scope.add(new WebRTCMultiplayerPeer(options), (p) => p.close());
const connected = (p: WebRTCMultiplayerPeer): boolean => p.getConnectionStatus() === ConnectionStatus.CONNECTED;

async function serverWithClients(count: number, channels: TransferMode[] = []): Promise<{ server: WebRTCMultiplayerPeer; clients: WebRTCMultiplayerPeer[] }> {
  const server = peer();
  expect(server.createServer(channels)).toBe(ErrorCode.OK);
  const joined = new Set<number>();
  server.on('peerConnected', (id) => joined.add(id));
  const clients: WebRTCMultiplayerPeer[] = [];
  for (let i = 0; i < count; i++) {
    const client = peer();
    expect(client.createClient(100 + i, channels)).toBe(ErrorCode.OK);
    expect(pairPeers(server, 1, client, 100 + i)).toBe(true);
    clients.push(client);
  }
  await until(() => clients.every(connected) && joined.size === count, 'every client connecting', 10_000);
  return { server, clients };
}

/** Reads every waiting packet: [sender, channel, mode, first byte]. */
function drain(p: WebRTCMultiplayerPeer): Array<[number, number, TransferMode, number]> {
  const out: Array<[number, number, TransferMode, number]> = [];
  while (p.getAvailablePacketCount() > 0) {
    const row: [number, number, TransferMode, number] = [p.getPacketPeer(), p.getPacketChannel(), p.getPacketMode(), 0];
    row[3] = p.getPacket()[0] as number;
    out.push(row);
  }
  return out;
}

describe('WebRTCMultiplayerPeer', () => {
  it('creates Godot\'s negotiated channels with Godot\'s very dictionaries (maxPacketLifetime spelling included)', () => {
    const seen: Array<[string, DataChannelOptions]> = [];
    const connection = scope.add(new WebRTCPeerConnection(), (c) => c.close());
    const original = connection.createDataChannel.bind(connection);
    connection.createDataChannel = (label, options) => {
      seen.push([label, { ...options }]);
      return original(label, options);
    };
    const mp = peer();
    mp.createServer([TransferMode.UNRELIABLE_ORDERED, TransferMode.UNRELIABLE, TransferMode.RELIABLE]);
    expect(mp.addPeer(connection, 5, 7)).toBe(ErrorCode.OK);
    expect(seen).toEqual([
      ['reliable', { negotiated: true, ordered: true, id: 1 }],
      ['ordered', { negotiated: true, ordered: true, id: 2, maxPacketLifetime: 7 }],
      ['unreliable', { negotiated: true, ordered: false, id: 3, maxPacketLifetime: 7 }],
      ['4', { id: 4, negotiated: true, ordered: true, maxPacketLifetime: 1 }],
      ['5', { id: 5, negotiated: true, ordered: false, maxPacketLifetime: 1 }],
      ['6', { id: 6, negotiated: true, ordered: true }],
    ]);
    const info = mp.getPeer(5);
    expect(info?.connected).toBe(false);
    expect(info?.connection).toBe(connection);
    const channels = info?.channels ?? [];
    expect(channels.map((c) => [c.getLabel(), c.getId(), c.isOrdered(), c.isNegotiated(), c.getMaxPacketLifeTime()])).toEqual([
      ['reliable', 1, true, true, -1],
      // The misspelled key is ignored, as by browsers and Godot's native extension: reliable channels.
      ['ordered', 2, true, true, -1],
      ['unreliable', 3, false, true, -1],
      ['4', 4, true, true, -1],
      ['5', 5, false, true, -1],
      ['6', 6, true, true, -1],
    ]);
  });

  it('partialReliability spells the key right: the unreliable channels give messages up after their lifetime', () => {
    const mp = peer({ partialReliability: true });
    mp.createMesh(1, [TransferMode.UNRELIABLE]);
    const connection = scope.add(new WebRTCPeerConnection(), (c) => c.close());
    expect(mp.addPeer(connection, 2, 30)).toBe(ErrorCode.OK);
    expect(mp.getPeer(2)?.channels.map((c) => c.getMaxPacketLifeTime())).toEqual([-1, 30, 30, 1]);
  });

  it('topology and argument rules, with Godot\'s codes', () => {
    const idle = peer();
    expect(idle.addPeer(scope.add(new WebRTCPeerConnection(), (c) => c.close()), 2)).toBe(ErrorCode.ERR_UNCONFIGURED);
    expect(idle.createClient(1)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(idle.createMesh(0)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(idle.createServer([7 as TransferMode])).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(idle.lastError?.message).toMatch(/channels_config/);
    expect(idle.getUniqueId()).toBe(0);

    const client = peer();
    expect(client.createClient(42)).toBe(ErrorCode.OK);
    expect(client.getConnectionStatus()).toBe(ConnectionStatus.CONNECTING);
    expect(client.getUniqueId()).toBe(42);
    expect(client.isServerRelaySupported()).toBe(true);
    expect(client.createMesh(3)).toBe(ErrorCode.ERR_ALREADY_IN_USE);
    const fresh = (): WebRTCPeerConnection => scope.add(new WebRTCPeerConnection(), (c) => c.close());
    expect(client.addPeer(fresh(), 2)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(client.addPeer(fresh(), 1, -1)).toBe(ErrorCode.ERR_INVALID_PARAMETER);

    const server = peer();
    expect(server.createServer()).toBe(ErrorCode.OK);
    expect(server.getConnectionStatus()).toBe(ConnectionStatus.CONNECTED);
    expect(server.isServer()).toBe(true);
    expect(server.getMaxPacketSize()).toBe(1200);
    expect(server.addPeer(fresh(), 1)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(server.addPeer(fresh(), 2 ** 31)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    const busy = loopbackConnection();
    scope.add(busy, (c) => c.close());
    busy.createDataChannel('x');
    busy.createOffer();
    expect(server.addPeer(busy, 7)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    server.refuseNewConnections = true;
    expect(server.addPeer(fresh(), 7)).toBe(ErrorCode.ERR_UNAUTHORIZED);
    server.refuseNewConnections = false;
    expect(server.addPeer(fresh(), 7)).toBe(ErrorCode.OK);
    expect(server.hasPeer(7)).toBe(true);
    expect([...server.getPeers().keys()]).toEqual([7]);
    server.removePeer(7);
    expect(server.hasPeer(7)).toBe(false);
    expect(server.getPeer(7)).toBeNull();

    const mesh = peer();
    expect(mesh.createMesh(1)).toBe(ErrorCode.OK);
    expect(mesh.isServerRelaySupported()).toBe(false);
    expect(mesh.addPeer(fresh(), 1)).toBe(ErrorCode.OK);
  });

  it('maps transfer modes and channels to Godot\'s channel indices both ways', async () => {
    const channels = [TransferMode.UNRELIABLE_ORDERED, TransferMode.RELIABLE];
    const { server, clients } = await serverWithClients(1, channels);
    const [client] = clients as [WebRTCMultiplayerPeer];
    const sends: Array<[number, TransferMode]> = [
      [0, TransferMode.RELIABLE], [0, TransferMode.UNRELIABLE_ORDERED], [0, TransferMode.UNRELIABLE],
      // A custom channel keeps its own mode, whatever transferMode says.
      [1, TransferMode.RELIABLE], [2, TransferMode.UNRELIABLE],
    ];
    for (const [from, to, target] of [[client, server, 1], [server, client, 100]] as const) {
      from.setTargetPeer(target);
      for (const [i, [channel, mode]] of sends.entries()) {
        from.transferChannel = channel;
        from.transferMode = mode;
        expect(from.putPacket(Uint8Array.of(i))).toBe(ErrorCode.OK);
        await until(() => to.getAvailablePacketCount() === 1, 'the packet arriving');
        expect(drain(to)).toEqual([[target === 1 ? 100 : 1, channel, channel === 0 ? mode : channels[channel - 1], i]]);
      }
      from.transferChannel = 3;
      expect(from.putPacket(Uint8Array.of(9))).toBe(ErrorCode.ERR_INVALID_PARAMETER);
      expect(from.lastError?.message).toMatch(/Unable to send packet on channel 5, max channels: 5/);
      from.transferChannel = 0;
    }
  });

  it('reads round-robin across peers, each peer\'s channels in index order, as Godot', async () => {
    const { server, clients } = await serverWithClients(2, [TransferMode.RELIABLE]);
    const [a, b] = clients as [WebRTCMultiplayerPeer, WebRTCMultiplayerPeer];
    for (const client of [a, b]) {
      client.setTargetPeer(1);
      client.transferChannel = 1;
      client.putPacket(Uint8Array.of(0xc0));
      client.transferChannel = 0;
      for (let i = 1; i <= 3; i++) client.putPacket(Uint8Array.of(i));
    }
    await until(() => server.getAvailablePacketCount() === 8, 'all eight packets arriving');
    const read = drain(server);
    const senders = read.map(([from]) => from);
    // Alternating senders, whoever was first.
    expect(senders.every((from, i) => i === 0 || from !== senders[i - 1])).toBe(true);
    for (const id of [100, 101]) {
      const own = read.filter(([from]) => from === id).map(([, channel, , byte]) => [channel, byte]);
      // A packet staged before the rest arrived may be the custom channel's; after that, channel 0 comes first.
      expect(own.filter(([channel]) => channel === 0).map(([, byte]) => byte)).toEqual([1, 2, 3]);
      expect(own).toContainEqual([1, 0xc0]);
    }
  });

  it('a peer is connected only when its connection is up and every channel is open; a closed channel removes it', async () => {
    const { server, clients } = await serverWithClients(1);
    const [client] = clients as [WebRTCMultiplayerPeer];
    expect(server.getPeer(100)?.connected).toBe(true);
    expect(server.getPeer(100)?.channels.every((c) => c.getReadyState() === ChannelState.OPEN)).toBe(true);
    const gone: number[] = [];
    const lost: number[] = [];
    server.on('peerDisconnected', (id) => gone.push(id));
    client.on('peerDisconnected', (id) => lost.push(id));
    server.getPeer(100)?.channels[2]?.close();
    await until(() => gone.length === 1 && lost.length === 1, 'both sides removing the peer', 10_000);
    expect(gone).toEqual([100]);
    expect(lost).toEqual([1]);
    expect(server.hasPeer(100)).toBe(false);
    expect(client.getConnectionStatus()).toBe(ConnectionStatus.DISCONNECTED);
  });

  it('a mesh of three Node peers: broadcast, exclude, one target', async () => {
    const mesh = [1, 2, 3].map((id) => {
      const p = peer();
      expect(p.createMesh(id)).toBe(ErrorCode.OK);
      return p;
    });
    const [p1, p2, p3] = mesh as [WebRTCMultiplayerPeer, WebRTCMultiplayerPeer, WebRTCMultiplayerPeer];
    pairPeers(p1, 1, p2, 2);
    pairPeers(p1, 1, p3, 3);
    pairPeers(p2, 2, p3, 3);
    await until(() => mesh.every((p) => p.getPeers().size === 2 && [...p.getPeers().values()].every((i) => i.connected)), 'the mesh connecting', 10_000);
    p2.setTargetPeer(0);
    p2.putPacket(Uint8Array.of(20));
    p3.setTargetPeer(-1);
    p3.putPacket(Uint8Array.of(30));
    p1.setTargetPeer(3);
    p1.putPacket(Uint8Array.of(10));
    await until(() => p1.getAvailablePacketCount() === 1 && p2.getAvailablePacketCount() === 1 && p3.getAvailablePacketCount() === 2, 'the packets arriving');
    expect(drain(p1).map(([from, , , byte]) => [from, byte])).toEqual([[2, 20]]);
    expect(drain(p2).map(([from, , , byte]) => [from, byte])).toEqual([[3, 30]]);
    expect(drain(p3).map(([from, , , byte]) => [from, byte]).sort()).toEqual([[1, 10], [2, 20]]);
  });
});
