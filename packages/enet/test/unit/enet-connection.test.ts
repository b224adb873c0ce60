import { ErrorCode, ManualClock, MemoryNetwork } from '@pp/core';
import { useScope, until } from '@pp/conformance/testing';
import { describe, expect, it } from 'vitest';
import {
  CompressionMode, ENetConnection, ENetPacketPeer, EventType, FLAG_RELIABLE, FLAG_UNRELIABLE_FRAGMENT, FLAG_UNSEQUENCED, HostStatistic,
  PeerState, PeerStatistic, type ENetServiceResult,
} from '../../src/index.js';
import { expectBytes, pattern } from '../support/bytes.js';

const scope = useScope();

/** Two connections on a memory network with a manual clock. */
function memoryPair(conditions = {}) {
  const clock = new ManualClock(1000);
  const network = new MemoryNetwork({ clock, ...conditions });
  const server = scope.add(new ENetConnection({ clock }), (c) => c.destroy());
  const client = scope.add(new ENetConnection({ clock }), (c) => c.destroy());
  expect(server.createHostOn(network.bind(7000), 8, 4)).toBe(ErrorCode.OK);
  expect(client.createHostOn(network.bind(), 1)).toBe(ErrorCode.OK);
  /** Services both in Godot's poll style for `ms`, collecting their events. */
  const run = (ms: number, step = 5) => {
    const events: { server: ENetServiceResult[]; client: ENetServiceResult[] } = { server: [], client: [] };
    for (let t = 0; t <= ms; t += step) {
      for (const [name, connection] of [['server', server], ['client', client]] as const) {
        for (let e = connection.service(); e[0] !== EventType.EVENT_NONE; e = connection.service()) events[name].push(e);
      }
      clock.advance(step);
    }
    return events;
  };
  return { clock, network, server, client, run };
}

describe('ENetConnection, poll style (Godot)', () => {
  it('connects, exchanges packets on every flag, queues them on the peer with their flags', () => {
    const { server, client, run } = memoryPair();
    const peer = client.connectToHost('127.0.0.1', 7000, 3, 1234)!;
    expect(peer).toBeInstanceOf(ENetPacketPeer);
    expect(peer.getState()).toBe(PeerState.STATE_CONNECTING);
    expect(client.connectToHost('127.0.0.1', 7000)).toBeNull(); // one outgoing connection
    const first = run(100);
    const serverConnect = first.server.find((e) => e[0] === EventType.EVENT_CONNECT)!;
    expect(serverConnect[2]).toBe(1234);
    const remote = serverConnect[1]!;
    expect(first.client.map((e) => e[0])).toEqual([EventType.EVENT_CONNECT]);
    expect(first.client[0]![1]).toBe(peer);
    expect(peer.getState()).toBe(PeerState.STATE_CONNECTED);
    expect(peer.getChannels()).toBe(3);
    expect(server.getPeers()).toEqual([remote]);
    expect(remote.getRemotePort()).toBe(client.getLocalPort());

    expect(peer.send(0, pattern(10, 1), FLAG_RELIABLE)).toBe(ErrorCode.OK);
    expect(peer.send(1, pattern(20, 2), FLAG_UNSEQUENCED)).toBe(ErrorCode.OK);
    expect(peer.send(2, pattern(5000, 3), FLAG_UNRELIABLE_FRAGMENT)).toBe(ErrorCode.OK);
    expect(peer.putPacket(pattern(30, 4))).toBe(ErrorCode.OK);
    expect(peer.send(3, pattern(1, 1), 0)).toBe(ErrorCode.FAILED); // channel == count
    expect(peer.send(4, pattern(1, 1), 0)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(peer.send(0, pattern(1, 1), 4)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    const second = run(200);
    const receives = second.server.filter((e) => e[0] === EventType.EVENT_RECEIVE);
    expect(receives.map((e) => e[3]).sort()).toEqual([0, 0, 1, 2]);
    expect(remote.getAvailablePacketCount()).toBe(4);
    const got: Array<[number, number]> = [];
    while (remote.getAvailablePacketCount() > 0) {
      const flags = remote.getPacketFlags();
      const data = remote.getPacket();
      got.push([data.length, flags]);
    }
    expect(got.sort((a, b) => a[0] - b[0])).toEqual([[10, FLAG_RELIABLE], [20, FLAG_UNSEQUENCED], [30, FLAG_RELIABLE], [5000, FLAG_UNRELIABLE_FRAGMENT]]);
  });

  it('does nothing between service() calls, like Godot', () => {
    const { client, server, clock, run } = memoryPair();
    run(0);
    client.connectToHost('127.0.0.1', 7000);
    clock.advance(1000);
    expect(server.host!.totalReceivedPackets).toBe(0);
    run(50);
    expect(server.host!.totalReceivedPackets).toBeGreaterThan(0);
  });

  it('graceful, later and immediate disconnects; DISCONNECT carries the data', () => {
    const { client, run } = memoryPair();
    const peer = client.connectToHost('127.0.0.1', 7000)!;
    const remote = run(100).server[0]![1]!;
    peer.peerDisconnect(7);
    const events = run(200);
    expect(events.server.filter((e) => e[0] === EventType.EVENT_DISCONNECT).map((e) => e[2])).toEqual([7]);
    expect(events.client.filter((e) => e[0] === EventType.EVENT_DISCONNECT)).toHaveLength(1);
    expect(peer.isActive()).toBe(false);
    expect(remote.isActive()).toBe(false);
    expect(remote.disconnectData).toBe(7);

    const again = client.connectToHost('127.0.0.1', 7000)!;
    const remote2 = run(100).server.find((e) => e[0] === EventType.EVENT_CONNECT)![1]!;
    expect(remote2).not.toBe(remote);
    again.peerDisconnectNow(9);
    expect(again.isActive()).toBe(false);
    const now = run(100);
    expect(now.client).toEqual([]);
    expect(now.server.filter((e) => e[0] === EventType.EVENT_DISCONNECT).map((e) => e[2])).toEqual([9]);
  });

  it('reset() sends nothing: the remote side times out', () => {
    const { client, run } = memoryPair();
    const peer = client.connectToHost('127.0.0.1', 7000)!;
    run(100);
    peer.reset();
    expect(peer.getState()).toBe(PeerState.STATE_DISCONNECTED);
    const events = run(40_000, 50);
    expect(events.server.filter((e) => e[0] === EventType.EVENT_DISCONNECT)).toHaveLength(1);
  });

  it('statistics, limits and host figures', () => {
    const { client, server, run } = memoryPair();
    const peer = client.connectToHost('127.0.0.1', 7000)!;
    run(1000);
    expect(peer.getStatistic(PeerStatistic.PEER_PACKET_THROTTLE)).toBe(32);
    expect(peer.getStatistic(PeerStatistic.PEER_ROUND_TRIP_TIME)).toBeGreaterThan(0);
    expect(() => peer.setTimeout(10, 5, 100)).toThrow(/Timeout limit/);
    peer.setTimeout(16, 1000, 2000);
    expect(client.popStatistic(HostStatistic.HOST_TOTAL_SENT_PACKETS)).toBeGreaterThan(0);
    expect(client.popStatistic(HostStatistic.HOST_TOTAL_SENT_PACKETS)).toBe(0);
    expect(server.getMaxChannels()).toBe(4);
    server.channelLimit(0);
    expect(server.getMaxChannels()).toBe(255);
    expect(server.getLocalPort()).toBe(7000);
  });

  it('create* validates like Godot', () => {
    const connection = scope.add(new ENetConnection(), (c) => c.destroy());
    expect(connection.createHostBound('not an ip', 0)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(connection.createHostBound('127.0.0.1', 70000)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(connection.createHost(0)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(connection.createHost(4096)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(connection.createHost(1, 256)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(connection.createHost(1, 0, -1)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(connection.createHostBound('127.0.0.1', 0, 4)).toBe(ErrorCode.OK);
    expect(connection.createHost()).toBe(ErrorCode.ERR_ALREADY_IN_USE);
    const taken = scope.add(new ENetConnection(), (c) => c.destroy());
    expect(taken.createHostBound('127.0.0.1', connection.getLocalPort())).toBe(ErrorCode.ERR_CANT_CREATE);
    connection.destroy();
    expect(connection.service()[0]).toBe(EventType.EVENT_ERROR);
  });
});

describe('ENetConnection, event style', () => {
  it('services itself: connect / receive / disconnect events, no polling', async () => {
    const { server, client, clock } = memoryPair();
    const connects: number[] = [];
    const received: Uint8Array[] = [];
    server.on('connect', (_peer, data) => connects.push(data));
    server.on('receive', (_peer, packet) => received.push(packet));
    const peer = client.connectToHost('127.0.0.1', 7000, 0, 55)!;
    const connected = client.connectToHostAsync('127.0.0.1', 7000).catch((e: unknown) => e);
    expect(await connected).toMatchObject({ code: ErrorCode.ERR_CANT_CREATE }); // already has a peer
    const settle = async (ms: number) => {
      for (let t = 0; t < ms; t += 5) {
        clock.advance(5);
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    client.autoService = true;
    await settle(100);
    expect(connects).toEqual([55]);
    peer.send(0, pattern(3000, 9), FLAG_RELIABLE);
    await settle(100);
    expect(received).toHaveLength(1);
    expectBytes(received[0], pattern(3000, 9));
    const gone = peer.peerDisconnectAsync(1);
    await settle(100);
    await gone;
    expect(peer.isActive()).toBe(false);
  });

  it('real UDP on loopback: connectToHostAsync, for await over events, packets both ways', async () => {
    const server = scope.add(new ENetConnection(), (c) => c.destroy());
    const client = scope.add(new ENetConnection(), (c) => c.destroy());
    expect(server.createHostBound('127.0.0.1', 0, 4)).toBe(ErrorCode.OK);
    expect(client.createHost(1)).toBe(ErrorCode.OK);
    // An echo server: the loop runs until destroy() ends the iteration.
    const served = (async () => {
      for await (const event of server.events()) {
        if (event.type === 'receive') event.peer.send(event.channel, event.packet, event.flags);
      }
    })();
    const peer = await client.connectToHostAsync('localhost', server.getLocalPort(), 2, 0, { timeoutMs: 5000 });
    expect(peer.getState()).toBe(PeerState.STATE_CONNECTED);
    client.autoService = true;
    peer.send(1, pattern(100_000, 5), FLAG_RELIABLE);
    await until(() => peer.getAvailablePacketCount() > 0, 'the echo');
    expect(peer.getPacketChannel()).toBe(1);
    expectBytes(peer.getPacket(), pattern(100_000, 5));
    server.destroy();
    await served;
  });

  it('compression modes between two connections', async () => {
    for (const mode of [CompressionMode.COMPRESS_RANGE_CODER, CompressionMode.COMPRESS_FASTLZ, CompressionMode.COMPRESS_ZLIB, CompressionMode.COMPRESS_ZSTD]) {
      const { server, client, run } = memoryPair();
      await server.compressAsync(mode);
      await client.compressAsync(mode);
      const peer = client.connectToHost('127.0.0.1', 7000)!;
      const remote = run(100).server[0]![1]!;
      peer.send(0, new Uint8Array(4000).fill(3), FLAG_RELIABLE);
      run(200);
      expect(remote.getPacket().length).toBe(4000);
      expect(server.compressionMode).toBe(mode);
    }
  });
});
