/**
 * Hostile and broken input: every datagram here is dropped or ends its connection; nothing
 * throws, hangs or grows without bound, and the host keeps serving honest peers.
 */
import { describe, expect, it } from 'vitest';
import { EventType, Packet, PacketFlag, PeerState, type PeerAddress } from '../../src/protocol/index.js';
import { pattern } from '../support/bytes.js';
import { SimNetwork, type SimHost } from '../support/sim.js';

function established(options: Parameters<SimNetwork['add']>[0] = {}) {
  const net = new SimNetwork();
  const server = net.add({ peerCount: 8, ...options });
  const client = net.add({ peerCount: 1 });
  const peer = client.host.connect(server.address, 2, 5, net.now)!;
  net.until(() => server.events.some((e) => e.type === EventType.CONNECT));
  const serverPeer = server.take(EventType.CONNECT)[0]!.peer;
  client.take();
  return { net, server, client, peer, serverPeer };
}

/** A datagram as `client` would send it to `server`'s slot, with one command. */
function datagram(serverPeer: { outgoingPeerID: number; incomingSessionID: number }, command: Uint8Array, sentTime = 1): Uint8Array {
  const out = new Uint8Array(4 + command.length);
  const view = new DataView(out.buffer);
  view.setUint16(0, 0x8000 | (serverPeer.incomingSessionID << 12) | 0);
  view.setUint16(2, sentTime);
  out.set(command, 4);
  return out;
}

function expectStillServes(net: SimNetwork, server: SimHost): void {
  const honest = net.add({ peerCount: 1 });
  const peer = honest.host.connect(server.address, 1, 99, net.now)!;
  net.until(() => honest.events.some((e) => e.type === EventType.CONNECT), 10_000);
  peer.send(0, new Packet(pattern(3000, 1), PacketFlag.RELIABLE));
  net.run(500);
  expect(server.take(EventType.RECEIVE).some((e) => e.packet!.data.length === 3000)).toBe(true);
}

describe('malformed datagrams', () => {
  it('truncated headers, unknown commands and lying lengths are dropped', () => {
    const { net, server, client, serverPeer } = established();
    const from = client.address;
    const target = serverPeer.incomingPeerID;
    const word = (flags: number) => [(flags | target) >> 8, (flags | target) & 0xff];
    const bad: number[][] = [
      [], [0x80], word(0x8000), [...word(0x8000), 0], // shorter than their header
      [...word(0xc000), 0, 1, 9, 9, 9], // compressed, but no compressor
      [...word(0x8000), 0, 1, 0x0d, 0, 0, 0], // command 13: unknown
      [...word(0x8000), 0, 1, 0x0f, 0, 0, 0],
      [...word(0x8000), 0, 1, 0x86, 0, 0, 1, 0xff, 0xff, 1, 2], // SEND_RELIABLE claims 65535 bytes
      [...word(0x8000), 0, 1, 0x07, 0, 0, 0, 0, 1, 0x10, 0], // SEND_UNRELIABLE claims 4096
      [...word(0x8000), 0, 1, 0x86, 0], // command cut in half
      [0x0f, 0xfe, 0, 0], // peer id 4094: no such slot
    ];
    for (const bytes of bad) server.host.receive(Uint8Array.from(bytes), from, net.now);
    net.run(100);
    expect(serverPeer.state).toBe(PeerState.CONNECTED);
    expect(server.take(EventType.RECEIVE)).toEqual([]);
    expectStillServes(net, server);
  });

  it('datagrams from the wrong address or session are ignored', () => {
    const { net, server, client, serverPeer } = established();
    const spoof: PeerAddress = { ip: client.address.ip, port: client.address.port + 1 };
    const disconnect = Uint8Array.of(0x84, 0xff, 0, 9, 0, 0, 0, 0);
    server.host.receive(datagram(serverPeer, disconnect), spoof, net.now);
    const wrongSession = datagram({ ...serverPeer, incomingSessionID: (serverPeer.incomingSessionID + 1) & 3 }, disconnect);
    server.host.receive(wrongSession, client.address, net.now);
    net.run(100);
    expect(serverPeer.state).toBe(PeerState.CONNECTED);
  });

  it('lying fragment fields are rejected before anything is allocated', () => {
    const { net, server, client, serverPeer } = established({ maximumPacketSize: 100_000 });
    const fragment = (count: number, number: number, total: number, offset: number, length: number, start = 1) => {
      const command = new Uint8Array(24 + length);
      const view = new DataView(command.buffer);
      command[0] = 0x88;
      command[1] = 0;
      view.setUint16(2, start);
      view.setUint16(4, start);
      view.setUint16(6, length);
      view.setUint32(8, count);
      view.setUint32(12, number);
      view.setUint32(16, total);
      view.setUint32(20, offset);
      return datagram(serverPeer, command);
    };
    const lies = [
      fragment(2_000_000, 0, 3_000_000, 0, 10), // more than 1 048 576 fragments
      fragment(10, 10, 1000, 0, 10), // fragment number ≥ count
      fragment(10, 0, 200_000, 0, 10), // total above maximumPacketSize
      fragment(100, 0, 50, 0, 10), // total < count
      fragment(10, 0, 1000, 1000, 10), // offset past the end
      fragment(10, 0, 1000, 995, 10), // runs past the end
      fragment(10, 0, 1000, 0, 0), // empty fragment
    ];
    for (const lie of lies) server.host.receive(lie, client.address, net.now);
    expect(serverPeer.totalWaitingData).toBe(0);
    // A fragment that disagrees with the first one's count or total length is refused.
    server.host.receive(fragment(10, 0, 1000, 0, 100), client.address, net.now);
    expect(serverPeer.totalWaitingData).toBe(1000);
    server.host.receive(fragment(11, 1, 1000, 100, 100), client.address, net.now);
    server.host.receive(fragment(10, 1, 2000, 100, 100), client.address, net.now);
    expect(serverPeer.channels[0]!.incomingReliableCommands.front().fragmentsRemaining).toBe(9);
    net.run(100);
    expect(server.take(EventType.RECEIVE)).toEqual([]);
    expectStillServes(net, server);
  });

  it('huge fragment totals are bounded by maximumWaitingData per peer', () => {
    const { net, server, client, serverPeer } = established({ maximumWaitingData: 1_000_000, maximumPacketSize: 600_000 });
    // Many started-but-never-finished fragmented packets on different sequence numbers.
    for (let start = 1; start < 200; start++) {
      const command = new Uint8Array(24 + 10);
      const view = new DataView(command.buffer);
      command[0] = 0x88;
      view.setUint16(2, start);
      view.setUint16(4, start);
      view.setUint16(6, 10);
      view.setUint32(8, 500);
      view.setUint32(12, 0);
      view.setUint32(16, 500_000);
      view.setUint32(20, 0);
      server.host.receive(datagram(serverPeer, command), client.address, net.now);
    }
    expect(serverPeer.totalWaitingData).toBeLessThanOrEqual(1_000_000 + 600_000);
    expect(serverPeer.channels[0]!.incomingReliableCommands.size()).toBeLessThanOrEqual(3);
    expectStillServes(net, server);
  });

  it('reliable commands far outside the window are neither kept nor acknowledged', () => {
    const { net, server, client, serverPeer } = established();
    const far = Uint8Array.of(0x86, 0, 0x90, 0x00, 0, 1, 42); // seq 0x9000: 9 windows ahead
    server.host.receive(datagram(serverPeer, far), client.address, net.now);
    const ahead7 = Uint8Array.of(0x86, 0, 0x70, 0x00, 0, 1, 42); // 7 windows ahead: not acknowledged
    server.host.receive(datagram(serverPeer, ahead7), client.address, net.now);
    expect(serverPeer.channels[0]!.incomingReliableCommands.isEmpty()).toBe(true);
    expect(serverPeer.acknowledgements.size()).toBe(1); // only the 9-windows-ahead one (ENet's rule)
    net.run(100);
    expect(server.take(EventType.RECEIVE)).toEqual([]);
  });
});

describe('floods', () => {
  it('a CONNECT flood from many ports fills the slots and nothing more; honest peers get in once slots free', () => {
    const net = new SimNetwork();
    const server = net.add({ peerCount: 16 });
    for (let port = 20_000; port < 25_000; port++) {
      const connect = new Uint8Array(52);
      const view = new DataView(connect.buffer);
      view.setUint16(0, 0x8fff);
      connect[4] = 0x82;
      connect[5] = 0xff;
      view.setUint16(6, 1);
      connect[10] = 0xff;
      connect[11] = 0xff;
      view.setUint32(12, 1392);
      view.setUint32(16, 65536);
      view.setUint32(20, 2);
      view.setUint32(32, 5000);
      view.setUint32(36, 2);
      view.setUint32(40, 2);
      view.setUint32(44, port);
      server.host.receive(connect, { ip: '10.9.9.9', port }, net.now);
    }
    expect(server.host.peers.filter((p) => p.state !== PeerState.DISCONNECTED)).toHaveLength(16);
    net.run(100);
    // The half-open slots never complete and time out; then honest peers connect.
    net.run(35_000);
    expect(server.host.peers.every((p) => p.state === PeerState.DISCONNECTED)).toBe(true);
    expect(server.take(EventType.CONNECT)).toEqual([]);
    expectStillServes(net, server);
  });

  it('duplicatePeers limits the connections from one address', () => {
    const net = new SimNetwork();
    const server = net.add({ peerCount: 16, duplicatePeers: 3 });
    const clients = Array.from({ length: 6 }, (_, i) => net.add({ peerCount: 1 }, 3000 + i));
    for (const client of clients) client.host.connect(server.address, 1, 10, net.now);
    net.run(2000);
    expect(server.take(EventType.CONNECT)).toHaveLength(3);
  });

  it('a client that goes quiet mid-transfer is timed out and its buffers released', () => {
    const { net, server, client, serverPeer } = established();
    for (let i = 0; i < 50; i++) serverPeer.send(0, new Packet(pattern(4000, i), PacketFlag.RELIABLE));
    client.deaf = true;
    client.mute = true;
    net.until(() => server.events.some((e) => e.type === EventType.DISCONNECT), 60_000);
    expect(serverPeer.state).toBe(PeerState.DISCONNECTED);
    expect(serverPeer.outgoingSendReliableCommands.isEmpty()).toBe(true);
    expect(serverPeer.sentReliableCommands.isEmpty()).toBe(true);
    expectStillServes(net, server);
  });
});
