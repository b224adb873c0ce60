import { describe, expect, it } from 'vitest';
import { EventType, Packet, PacketFlag, PeerState } from '../../src/protocol/index.js';
import { expectBytes, pattern } from '../support/bytes.js';
import { SimNetwork, type SimHost } from '../support/sim.js';

function connected(net: SimNetwork, server: SimHost, client: SimHost, channels = 4) {
  const peer = client.host.connect(server.address, channels, 77, net.now)!;
  net.until(() => client.events.some((e) => e.type === EventType.CONNECT) && server.events.some((e) => e.type === EventType.CONNECT));
  const serverPeer = server.take(EventType.CONNECT)[0]!.peer;
  client.take(EventType.CONNECT);
  return { peer, serverPeer };
}

describe('retransmission and timeouts', () => {
  it('resends CONNECT with a doubling timeout, then gives up after timeoutMaximum (30 s)', () => {
    const net = new SimNetwork();
    const server = net.add();
    const client = net.add({ peerCount: 1 });
    server.deaf = true;
    const start = net.now;
    client.host.connect(server.address, 1, 0, net.now);
    net.until(() => client.events.some((e) => e.type === EventType.DISCONNECT), 40_000);
    const times = client.sent.map((s) => s.at - start);
    // 500 ms first timeout (fresh RTT 500, variance 0), doubling: 0, 500, 1500, 3500, 7500, 15500.
    expect(times).toEqual([0, 500, 1500, 3500, 7500, 15500]);
    const disconnect = client.events.find((e) => e.type === EventType.DISCONNECT)!;
    expect(disconnect.data).toBe(0);
    expect(net.now - start).toBe(31500);
  });

  it('with a short timeoutMaximum and limit, times out at timeoutMinimum once 2^(attempts-1) >= limit', () => {
    const net = new SimNetwork();
    const server = net.add();
    const client = net.add({ peerCount: 1 });
    const { peer } = connected(net, server, client);
    peer.timeout(4, 1000, 60_000);
    server.deaf = true;
    const start = net.now;
    peer.send(0, new Packet(new Uint8Array(10), PacketFlag.RELIABLE));
    net.until(() => client.events.some((e) => e.type === EventType.DISCONNECT), 60_000);
    // RTT on a zero-delay link is 1 ms, variance 0 after the handshake's samples; the timeout is
    // max(RTT + 4 var, …) — the check runs each time a command's timeout expires.
    const attempts = client.sent.filter((s) => s.at >= start).length;
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(net.now - start).toBeGreaterThanOrEqual(1000);
    expect(net.now - start).toBeLessThan(5000);
    expect(peer.state).toBe(PeerState.DISCONNECTED);
  });

  it('a peer that never acknowledges is disconnected, and the server slot is free again', () => {
    const net = new SimNetwork();
    const server = net.add({ peerCount: 1 });
    const client = net.add({ peerCount: 1 });
    const { serverPeer } = connected(net, server, client);
    client.mute = true;
    serverPeer.send(0, new Packet(new Uint8Array(100), PacketFlag.RELIABLE));
    net.until(() => server.events.some((e) => e.type === EventType.DISCONNECT), 40_000);
    expect(serverPeer.state).toBe(PeerState.DISCONNECTED);
    // The slot takes a new connection.
    const other = net.add({ peerCount: 1 });
    other.host.connect(server.address, 1, 5, net.now);
    net.until(() => server.events.some((e) => e.type === EventType.CONNECT && e.data === 5));
  });

  it('pings an idle connection every pingInterval and keeps it alive', () => {
    const net = new SimNetwork();
    const server = net.add();
    const client = net.add({ peerCount: 1 });
    const { peer } = connected(net, server, client);
    const before = client.sent.length;
    net.run(10_000);
    const pings = client.sent.slice(before).filter((s) => s.data.length === 8 && s.data[4] === 0x85);
    expect(pings.length).toBeGreaterThanOrEqual(15);
    expect(pings.length).toBeLessThanOrEqual(21);
    expect(peer.state).toBe(PeerState.CONNECTED);
  });
});

describe('reliable window', () => {
  it('keeps at most max(window × throttle / 32, mtu) bytes of reliable data in flight', () => {
    const net = new SimNetwork();
    const server = net.add();
    const client = net.add({ peerCount: 1 });
    const { peer } = connected(net, server, client);
    server.deaf = true;
    for (let i = 0; i < 200; i++) peer.send(0, new Packet(pattern(1000, i), PacketFlag.RELIABLE));
    net.run(100);
    const limit = Math.max(Math.floor((peer.packetThrottle * peer.windowSize) / 32), peer.mtu);
    expect(peer.reliableDataInTransit).toBeGreaterThan(0);
    expect(peer.reliableDataInTransit).toBeLessThanOrEqual(limit);
    expect(peer.outgoingSendReliableCommands.size()).toBeGreaterThan(0);
  });

  it('a bandwidth-limited server shrinks the client window to 4096 bytes', () => {
    const net = new SimNetwork();
    const server = net.add({ incomingBandwidth: 6 });
    const client = net.add({ peerCount: 1 });
    const { peer } = connected(net, server, client);
    expect(peer.windowSize).toBe(4096);
  });
});

describe('under loss, duplication and reordering', () => {
  it('every reliable packet arrives once, intact and in order; sequenced ones never out of order', () => {
    const net = new SimNetwork();
    const server = net.add();
    const client = net.add({ peerCount: 1 });
    const { peer } = connected(net, server, client);
    net.condition({ loss: 0.1, duplicate: 0.05, jitter: 30, delay: 5, seed: 99 });
    const sentReliable: Uint8Array[][] = [[], [], []];
    for (let i = 0; i < 300; i++) {
      const channel = i % 3;
      const size = i % 10 === 0 ? 5000 + i * 10 : 50 + i;
      const data = pattern(size, i);
      sentReliable[channel]!.push(data);
      expect(peer.send(channel, new Packet(data, PacketFlag.RELIABLE))).toBe(0);
      const seq = new Uint8Array(4);
      new DataView(seq.buffer).setUint32(0, i);
      peer.send(3, new Packet(seq, 0));
      if (i % 20 === 0) net.run(20);
    }
    net.run(20_000);
    const received = server.take(EventType.RECEIVE);
    for (const channel of [0, 1, 2]) {
      const got = received.filter((e) => e.channelID === channel).map((e) => e.packet!.data);
      expect(got.length).toBe(sentReliable[channel]!.length);
      got.forEach((data, i) => expectBytes(data, sentReliable[channel]![i]!));
    }
    const sequenced = received.filter((e) => e.channelID === 3).map((e) => new DataView(e.packet!.data.buffer, e.packet!.data.byteOffset).getUint32(0));
    // Sequenced packets overtaken by newer ones are dropped, and jitter lowers the throttle.
    expect(sequenced.length).toBeGreaterThan(10);
    expect(sequenced.length).toBeLessThanOrEqual(300);
    for (let i = 1; i < sequenced.length; i++) expect(sequenced[i]!).toBeGreaterThan(sequenced[i - 1]!);
  });

  it('unsequenced duplicates are delivered once', () => {
    const net = new SimNetwork();
    const server = net.add();
    const client = net.add({ peerCount: 1 });
    const { peer } = connected(net, server, client);
    net.condition({ duplicate: 1, seed: 3 });
    for (let i = 0; i < 20; i++) peer.send(0, new Packet(pattern(10, i), PacketFlag.UNSEQUENCED));
    net.run(100);
    expect(server.take(EventType.RECEIVE)).toHaveLength(20);
  });
});

describe('throttle and bandwidth', () => {
  it('a server advertising 6 B/s incoming bandwidth throttles a client until its BANDWIDTH_LIMIT frees it', () => {
    const net = new SimNetwork();
    const server = net.add({ incomingBandwidth: 6 });
    const client = net.add({ peerCount: 1 });
    const { peer } = connected(net, server, client);
    expect(peer.incomingBandwidth).toBe(6);
    for (let i = 0; i < 20; i++) {
      peer.send(1, new Packet(pattern(200, i), 0));
      net.run(50);
    }
    // The client's first throttle epoch (t = 1000) cut its limit to 1; the server's first
    // epoch sent BANDWIDTH_LIMIT with the client's own outgoing bandwidth (0: unlimited).
    expect(peer.incomingBandwidth).toBe(0);
    expect(peer.packetThrottleLimit).toBe(1);
    expect(peer.windowSize).toBe(65536);
    net.run(1000);
    expect(peer.packetThrottleLimit).toBe(32);
  });

  it('a client with an outgoing bandwidth stays limited by a 6 B/s server: 2 of 32 unreliable packets pass', () => {
    const net = new SimNetwork();
    const server = net.add({ incomingBandwidth: 6 });
    const client = net.add({ peerCount: 1, outgoingBandwidth: 100_000 });
    const { peer } = connected(net, server, client);
    for (let i = 0; i < 60; i++) {
      peer.send(1, new Packet(pattern(200, i), 0));
      net.run(50);
    }
    expect(peer.incomingBandwidth).toBe(6);
    expect(peer.packetThrottleLimit).toBe(1);
    expect(peer.packetThrottle).toBeLessThanOrEqual(1);
    server.take(EventType.RECEIVE);
    for (let i = 0; i < 320; i++) peer.send(1, new Packet(pattern(20, i), 0));
    net.run(100);
    const passed = server.take(EventType.RECEIVE).length;
    expect(passed).toBeGreaterThan(0);
    expect(passed).toBeLessThanOrEqual(20);
  });

  it('BANDWIDTH_LIMIT reaches the peer after bandwidthLimit()', () => {
    const net = new SimNetwork();
    const server = net.add();
    const client = net.add({ peerCount: 1, outgoingBandwidth: 500_000 });
    const { peer } = connected(net, server, client);
    server.host.setBandwidthLimit(100_000, 300_000);
    net.run(2500);
    expect(peer.incomingBandwidth).toBe(100_000);
    expect(peer.outgoingBandwidth).toBe(300_000);
    expect(peer.windowSize).toBe(Math.floor(100_000 / 65536) * 4096);
  });

  it('THROTTLE_CONFIGURE replaces the remote throttle parameters', () => {
    const net = new SimNetwork();
    const server = net.add();
    const client = net.add({ peerCount: 1 });
    const { peer, serverPeer } = connected(net, server, client);
    peer.throttleConfigure(1000, 5, 6);
    net.run(100);
    expect([serverPeer.packetThrottleInterval, serverPeer.packetThrottleAcceleration, serverPeer.packetThrottleDeceleration]).toEqual([1000, 5, 6]);
  });
});
