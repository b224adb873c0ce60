/**
 * The behaviours the speed work rests on: what is copied and what is not, one service per batch
 * of datagrams in event style, no busy wait while the reliable window is full, and the shared
 * state of idle channels.
 */
import { ErrorCode, ManualClock, MemoryNetwork } from '@pp/core';
import { useScope } from '@pp/conformance/testing';
import { describe, expect, it } from 'vitest';
import { ENetConnection, EventType as GodotEvent, FLAG_RELIABLE, HostStatistic } from '../../src/index.js';
import { copyBytes, takeBytes } from '../../src/protocol/byte-slab.js';
import { EventType, Packet, PacketFlag } from '../../src/protocol/index.js';
import { expectBytes, pattern } from '../support/bytes.js';
import { SimNetwork } from '../support/sim.js';

const scope = useScope();

function connectedSims() {
  const net = new SimNetwork();
  const server = net.add();
  const client = net.add({ peerCount: 1 });
  const peer = client.host.connect(server.address, 2, 0, net.now)!;
  net.until(() => server.events.some((e) => e.type === EventType.CONNECT) && client.events.some((e) => e.type === EventType.CONNECT));
  const serverPeer = server.take(EventType.CONNECT)[0]!.peer;
  client.take(EventType.CONNECT);
  return { net, server, client, peer, serverPeer };
}

describe('copies', () => {
  it('received packets are views into the datagram that carried them, never copies', () => {
    const { net, server, peer } = connectedSims();
    peer.send(0, new Packet(pattern(100, 1), PacketFlag.RELIABLE));
    peer.send(1, new Packet(pattern(50, 2), PacketFlag.RELIABLE));
    net.run(50);
    const received = server.take(EventType.RECEIVE);
    expect(received).toHaveLength(2);
    const [a, b] = received.map((e) => e.packet!.data);
    expectBytes(a!, pattern(100, 1));
    expectBytes(b!, pattern(50, 2));
    // Both packets travelled in one datagram: one buffer, two disjoint windows of it.
    expect(a!.buffer).toBe(b!.buffer);
    expect(a!.byteOffset + a!.length).toBeLessThanOrEqual(b!.byteOffset);
  });

  it('send() copies: changing the array afterwards changes nothing on the wire', () => {
    const { clock, server, client, run } = memoryConnections();
    expect(run(() => server.getPeers().length > 0 && client.getPeers()[0]?.isActive() === true)).toBe(true);
    const data = pattern(800, 3);
    const original = data.slice();
    expect(client.getPeers()[0]!.send(0, data, FLAG_RELIABLE)).toBe(ErrorCode.OK);
    data.fill(0xee);
    const got: Uint8Array[] = [];
    server.on('receive', (_peer, packet) => got.push(packet));
    for (let i = 0; i < 20 && got.length === 0; i++) {
      client.service();
      clock.advance(5);
    }
    expect(got).toHaveLength(1);
    expectBytes(got[0]!, original);
  });

  it('the byte slab hands out disjoint, zeroed arrays, and large ones of their own', () => {
    const a = takeBytes(1000);
    a.fill(1);
    const b = takeBytes(1000);
    expect(b.every((x) => x === 0)).toBe(true);
    expect(b.byteOffset >= a.byteOffset + a.length || b.buffer !== a.buffer).toBe(true);
    const big = takeBytes(100_000);
    expect(big.byteOffset).toBe(0);
    expect(big.buffer.byteLength).toBe(100_000);
    const source = pattern(300, 4);
    const copy = copyBytes(source);
    source.fill(0);
    expectBytes(copy, pattern(300, 4));
  });
});

/** Two connections on a memory network and a manual clock; `run(until)` services both. */
function memoryConnections() {
  const clock = new ManualClock(1000);
  const network = new MemoryNetwork({ clock });
  const server = scope.add(new ENetConnection({ clock }), (c) => c.destroy());
  const client = scope.add(new ENetConnection({ clock }), (c) => c.destroy());
  expect(server.createHostOn(network.bind(7000), 4, 2)).toBe(ErrorCode.OK);
  expect(client.createHostOn(network.bind(), 1)).toBe(ErrorCode.OK);
  server.autoService = true;
  client.connectToHost('127.0.0.1', 7000, 2);
  const run = (done: () => boolean): boolean => {
    for (let i = 0; i < 100 && !done(); i++) {
      client.service();
      clock.advance(5);
    }
    return done();
  };
  return { clock, network, server, client, run };
}

describe('event style', () => {
  it('datagrams that arrive together are answered by one service: every ack and echo in one datagram', () => {
    const { clock, server, client, run } = memoryConnections();
    expect(run(() => server.getPeers().length > 0 && client.getPeers()[0]?.isActive() === true)).toBe(true);
    const peer = client.getPeers()[0]!;
    server.on('receive', (from, packet, channel, flags) => from.send(channel, packet, flags));
    for (let e = client.service(); e[0] !== GodotEvent.EVENT_NONE; e = client.service());
    clock.advance(5);
    server.popStatistic(HostStatistic.HOST_TOTAL_SENT_PACKETS);
    client.popStatistic(HostStatistic.HOST_TOTAL_SENT_PACKETS);
    // Ten datagrams of one small reliable packet each, all in flight at once.
    for (let i = 0; i < 10; i++) {
      peer.send(0, pattern(40, i), FLAG_RELIABLE);
      client.flush();
    }
    expect(client.popStatistic(HostStatistic.HOST_TOTAL_SENT_PACKETS)).toBe(10);
    clock.advance(1); // delivers the ten together; the server's pump runs after them
    expect(server.popStatistic(HostStatistic.HOST_TOTAL_SENT_PACKETS)).toBe(1);
    const echoes: Uint8Array[] = [];
    for (let i = 0; i < 10 && echoes.length < 10; i++) {
      for (let e = client.service(); e[0] !== GodotEvent.EVENT_NONE; e = client.service()) {
        if (e[0] === GodotEvent.EVENT_RECEIVE) echoes.push(peer.getPacket());
      }
      clock.advance(1);
    }
    expect(echoes).toHaveLength(10);
    echoes.forEach((echo, i) => expectBytes(echo, pattern(40, i)));
  });
});

describe('deadlines', () => {
  it('a sender whose reliable window is full waits for the retransmission timeout, not in a busy loop', () => {
    const { net, client, peer } = connectedSims();
    // A throttle of 0 leaves one MTU of reliable data in flight: one 1000 B packet at a time.
    peer.packetThrottle = 0;
    peer.packetThrottleLimit = 0;
    for (let i = 0; i < 5; i++) peer.send(0, new Packet(pattern(1000, i), PacketFlag.RELIABLE));
    client.host.service(net.now);
    expect(peer.sentReliableCommands.size()).toBe(1);
    expect(peer.outgoingSendReliableCommands.size()).toBe(4);
    const wait = client.host.timeUntilDeadline(net.now);
    expect(wait).toBe((peer.nextTimeout - net.now) >>> 0);
    expect(wait).toBeGreaterThan(0);
  });

  it('peers share one all-zero unsequenced window until they first receive an unsequenced packet', () => {
    const { net, peer, serverPeer } = connectedSims();
    const shared = serverPeer.unsequencedWindow;
    expect(peer.unsequencedWindow).toBe(shared);
    peer.send(0, new Packet(pattern(10, 1), PacketFlag.UNSEQUENCED));
    net.run(5);
    expect(serverPeer.unsequencedWindow).not.toBe(shared);
    expect(serverPeer.unsequencedWindow.some((word) => word !== 0)).toBe(true);
    expect(shared.every((word) => word === 0)).toBe(true);
    serverPeer.reset();
    expect(serverPeer.unsequencedWindow).toBe(shared);
  });

  it('channels share one all-zero window table until they first send reliably', () => {
    const { net, peer, serverPeer } = connectedSims();
    const [zero, one] = peer.channels;
    expect(zero!.reliableWindows).toBe(one!.reliableWindows);
    expect(zero!.reliableWindows).toBe(serverPeer.channels[0]!.reliableWindows);
    peer.send(1, new Packet(pattern(10, 1), PacketFlag.RELIABLE));
    net.run(5);
    expect(one!.reliableWindows).not.toBe(zero!.reliableWindows);
    expect(zero!.reliableWindows.every((n) => n === 0)).toBe(true);
  });
});
