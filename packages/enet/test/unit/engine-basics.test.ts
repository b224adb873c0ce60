import { describe, expect, it } from 'vitest';
import { EventType, Packet, PacketFlag, PeerState } from '../../src/protocol/index.js';
import { expectBytes, pattern } from '../support/bytes.js';
import { SimNetwork } from '../support/sim.js';

function pair(options: { channels?: number } = {}) {
  const net = new SimNetwork();
  const server = net.add({ peerCount: 8 });
  const client = net.add({ peerCount: 1 });
  const peer = client.host.connect(server.address, options.channels ?? 4, 0x12345678, net.now);
  if (peer === null) throw new Error('no slot');
  net.until(() => client.drainEvents().some((e) => e.type === EventType.CONNECT) && server.drainEvents().some((e) => e.type === EventType.CONNECT));
  const serverPeer = server.take(EventType.CONNECT)[0]!.peer;
  client.take(EventType.CONNECT);
  return { net, server, client, peer, serverPeer };
}

describe('handshake', () => {
  it('connects with the CONNECT data, channel count and session ids agreed', () => {
    const net = new SimNetwork();
    const server = net.add({ peerCount: 8, channelLimit: 3 });
    const client = net.add({ peerCount: 1 });
    const peer = client.host.connect(server.address, 10, 0xdeadbeef, net.now)!;
    expect(peer.state).toBe(PeerState.CONNECTING);
    net.until(() => server.drainEvents().length > 0 && client.drainEvents().length > 0);
    const [serverEvent] = server.take();
    const [clientEvent] = client.take();
    expect(serverEvent!.type).toBe(EventType.CONNECT);
    expect(serverEvent!.data).toBe(0xdeadbeef);
    expect(clientEvent!.type).toBe(EventType.CONNECT);
    expect(clientEvent!.data).toBe(0);
    const serverPeer = serverEvent!.peer;
    expect(peer.state).toBe(PeerState.CONNECTED);
    expect(serverPeer.state).toBe(PeerState.CONNECTED);
    expect(peer.channelCount).toBe(3);
    expect(serverPeer.channelCount).toBe(3);
    expect(peer.outgoingPeerID).toBe(serverPeer.incomingPeerID);
    expect(serverPeer.outgoingPeerID).toBe(peer.incomingPeerID);
    expect(peer.outgoingSessionID).toBe(serverPeer.incomingSessionID);
    expect(peer.incomingSessionID).toBe(serverPeer.outgoingSessionID);
    expect(peer.connectID).toBe(serverPeer.connectID);
  });

  it('writes the CONNECT datagram ENet expects', () => {
    const net = new SimNetwork();
    const server = net.add();
    const client = net.add({ peerCount: 1 });
    client.host.connect(server.address, 2, 7, net.now);
    net.settle();
    const first = client.sent[0]!.data;
    const view = new DataView(first.buffer, first.byteOffset);
    expect(first.length).toBe(4 + 48);
    expect(view.getUint16(0)).toBe(0x8000 | 0xfff); // sent time, no peer id, no session
    expect(first[4]).toBe(0x82); // CONNECT | ACKNOWLEDGE
    expect(first[5]).toBe(0xff);
    expect(view.getUint16(6)).toBe(1);
    expect(view.getUint16(8)).toBe(0); // outgoingPeerID = our slot
    expect(first[10]).toBe(0xff);
    expect(first[11]).toBe(0xff);
    expect(view.getUint32(12)).toBe(1392);
    expect(view.getUint32(16)).toBe(65536);
    expect(view.getUint32(20)).toBe(2);
    expect(view.getUint32(32)).toBe(5000);
    expect(view.getUint32(36)).toBe(2);
    expect(view.getUint32(40)).toBe(2);
    expect(view.getUint32(48)).toBe(7);
  });
});

describe('data', () => {
  it('delivers reliable packets in order on each channel', () => {
    const { net, server, peer } = pair();
    for (let i = 0; i < 50; i++) peer.send(i % 3, new Packet(pattern(10 + i, i), PacketFlag.RELIABLE));
    net.run(1000);
    const received = server.take(EventType.RECEIVE);
    expect(received).toHaveLength(50);
    for (const channel of [0, 1, 2]) {
      const lengths = received.filter((e) => e.channelID === channel).map((e) => e.packet!.data.length);
      expect(lengths).toEqual(Array.from({ length: 50 }, (_, i) => 10 + i).filter((_, i) => i % 3 === channel));
    }
    for (const event of received) {
      const i = event.packet!.data.length - 10;
      expectBytes(event.packet!.data, pattern(10 + i, i));
      expect(event.packet!.flags).toBe(PacketFlag.RELIABLE);
    }
  });

  it('reassembles reliable and unreliable fragmented packets', () => {
    const { net, server, peer } = pair();
    const big = pattern(200_000, 3);
    const medium = pattern(5000, 4);
    expect(peer.send(0, new Packet(big, PacketFlag.RELIABLE))).toBe(0);
    expect(peer.send(1, new Packet(medium, PacketFlag.UNRELIABLE_FRAGMENT))).toBe(0);
    net.run(5000);
    const received = server.take(EventType.RECEIVE);
    expect(received).toHaveLength(2);
    const reliable = received.find((e) => e.channelID === 0)!;
    const unreliable = received.find((e) => e.channelID === 1)!;
    expectBytes(reliable.packet!.data, big);
    expect(reliable.packet!.flags).toBe(PacketFlag.RELIABLE);
    expectBytes(unreliable.packet!.data, medium);
    expect(unreliable.packet!.flags).toBe(PacketFlag.UNRELIABLE_FRAGMENT);
  });

  it('sends unsequenced and unreliable packets with their flags', () => {
    const { net, server, peer } = pair();
    peer.send(0, new Packet(pattern(20, 1), PacketFlag.UNSEQUENCED));
    peer.send(0, new Packet(pattern(21, 2), 0));
    net.run(100);
    const received = server.take(EventType.RECEIVE);
    expect(received.map((e) => e.packet!.flags)).toEqual([PacketFlag.UNSEQUENCED, 0]);
  });

  it('refuses sends on channels that do not exist, or before connecting', () => {
    const { peer } = pair({ channels: 2 });
    expect(peer.send(2, new Packet(new Uint8Array(1), 0))).toBe(-1);
    expect(peer.send(1, new Packet(new Uint8Array(1), 0))).toBe(0);
  });
});

describe('disconnect', () => {
  it('graceful: both sides get DISCONNECT with the data', () => {
    const { net, server, client, peer } = pair();
    peer.disconnect(42);
    expect(peer.state).toBe(PeerState.DISCONNECTING);
    net.run(1000);
    const serverEvents = server.take(EventType.DISCONNECT);
    const clientEvents = client.take(EventType.DISCONNECT);
    expect(serverEvents.map((e) => e.data)).toEqual([42]);
    expect(clientEvents).toHaveLength(1);
    expect(peer.state).toBe(PeerState.DISCONNECTED);
  });

  it('later: queued packets arrive before the disconnect', () => {
    const { net, server, client, peer } = pair();
    for (let i = 0; i < 5; i++) peer.send(0, new Packet(pattern(3000, i), PacketFlag.RELIABLE));
    peer.disconnectLater(9);
    expect(peer.state).toBe(PeerState.DISCONNECT_LATER);
    net.run(2000);
    expect(server.take(EventType.RECEIVE)).toHaveLength(5);
    expect(server.take(EventType.DISCONNECT).map((e) => e.data)).toEqual([9]);
    expect(client.take(EventType.DISCONNECT)).toHaveLength(1);
  });

  it('now: the remote side gets DISCONNECT, the local side no event', () => {
    const { net, server, client, peer } = pair();
    peer.disconnectNow(5);
    expect(peer.state).toBe(PeerState.DISCONNECTED);
    net.run(100);
    expect(server.take(EventType.DISCONNECT).map((e) => e.data)).toEqual([5]);
    expect(client.take()).toEqual([]);
  });
});
