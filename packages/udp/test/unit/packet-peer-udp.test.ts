import { networkInterfaces } from 'node:os';
import { itWhen } from '@pp/conformance';
import { expectPlainPackets } from '@pp/conformance/testing';
import { ErrorCode, GodotError } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { MAX_DATAGRAM_IPV4, MAX_DATAGRAM_IPV6, type PacketPeerUDP } from '../../src/index.js';
import { pattern, until, useSockets } from '../support/sockets.js';

const sockets = useSockets();

describe('PacketPeerUDP.bind', () => {
  it('binds port 0 to a free port and reports it', () => {
    const peer = sockets.peer();
    expect(peer.isBound()).toBe(false);
    expect(peer.getLocalPort()).toBe(0);
    expect(peer.bind(0, '127.0.0.1')).toBe(ErrorCode.OK);
    expect(peer.isBound()).toBe(true);
    expect(peer.getLocalPort()).toBeGreaterThan(0);
  });

  it.each([
    ['a port below 0', -1, '*'],
    ['a port above 65535', 65536, '*'],
    ['a fractional port', 1.5, '*'],
    ['a host name', 0, 'localhost'],
    ['garbage', 0, 'not an address'],
  ])('refuses %s with ERR_INVALID_PARAMETER', (_, port, address) => {
    const peer = sockets.peer();
    expect(peer.bind(port, address)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(peer.isBound()).toBe(false);
  });

  it('refuses a second bind with ERR_ALREADY_IN_USE', () => {
    const peer = sockets.peer();
    expect(peer.bind(0, '127.0.0.1')).toBe(ErrorCode.OK);
    expect(peer.bind(0, '127.0.0.1')).toBe(ErrorCode.ERR_ALREADY_IN_USE);
  });

  it('returns ERR_UNAVAILABLE at once when the port is taken (Godot 4: no SO_REUSEADDR)', async () => {
    const first = sockets.peer();
    const second = sockets.peer();
    expect(first.bind(0, '127.0.0.1')).toBe(ErrorCode.OK);
    expect(second.bind(first.getLocalPort(), '127.0.0.1')).toBe(ErrorCode.ERR_UNAVAILABLE);
    expect(second.isBound()).toBe(false);
    await expect(second.bindAsync(first.getLocalPort(), '127.0.0.1')).rejects.toMatchObject({
      name: 'GodotError', code: ErrorCode.ERR_UNAVAILABLE, message: expect.stringContaining('EADDRINUSE'),
    });
    expect(second.bind(0, '127.0.0.1')).toBe(ErrorCode.OK);
  });

  it("binds '*' dual stack: IPv4 and IPv6 senders reach it, IPv4 shown as plain IPv4", async () => {
    const server = sockets.peer();
    expect(server.bind(0, '*')).toBe(ErrorCode.OK);
    const v4 = sockets.peer();
    const v6 = sockets.peer();
    v4.setDestAddress('127.0.0.1', server.getLocalPort());
    v6.setDestAddress('::1', server.getLocalPort());
    expect(v4.putPacket(Uint8Array.of(4))).toBe(ErrorCode.OK);
    await server.wait({ timeoutMs: 5000 });
    expect(server.getPacket()).toEqual(Uint8Array.of(4));
    expect([server.getPacketIp(), server.getPacketPort()]).toEqual(['127.0.0.1', v4.getLocalPort()]);
    expect(v6.putPacket(Uint8Array.of(6))).toBe(ErrorCode.OK);
    await server.wait({ timeoutMs: 5000 });
    expect(server.getPacket()).toEqual(Uint8Array.of(6));
    expect([server.getPacketIp(), server.getPacketPort()]).toEqual(['::1', v6.getLocalPort()]);
  });

  it("keeps an IPv4-only socket ('0.0.0.0') away from IPv6 destinations", () => {
    const peer = sockets.peer();
    expect(peer.bind(0, '0.0.0.0')).toBe(ErrorCode.OK);
    peer.setDestAddress('::1', 9);
    expect(peer.putPacket(Uint8Array.of(1))).toBe(ErrorCode.FAILED);
  });
});

describe('PacketPeerUDP receive queue (Godot ring of 2^nearest_shift(recvBufSize) bytes, 24 per packet)', () => {
  async function fill(receiver: PacketPeerUDP, sizes: number[]): Promise<void> {
    const sender = sockets.peer();
    sender.setDestAddress('127.0.0.1', receiver.getLocalPort());
    for (const [i, size] of sizes.entries()) {
      // One at a time, so that only our queue (not the kernel's buffer) can drop them.
      expect(sender.putPacket(pattern(size, i))).toBe(ErrorCode.OK);
      await until(() => receiver.getAvailablePacketCount() + receiver.droppedPackets === i + 1, `datagram ${i}`, 5000);
    }
  }

  it('recvBufSize 4096 gives an 8192-byte ring: seven 1000-byte packets fit, the rest are dropped and counted', async () => {
    const receiver = sockets.peer();
    expect(receiver.bind(0, '127.0.0.1', 4096)).toBe(ErrorCode.OK);
    await fill(receiver, Array<number>(10).fill(1000));
    expect(receiver.getAvailablePacketCount()).toBe(7);
    expect(receiver.droppedPackets).toBe(3);
    for (let i = 0; i < 7; i++) expect(receiver.getPacket()).toEqual(pattern(1000, i));
  });

  it('the ring holds size − 1 bytes: 8167 + 24 fits an 8192 ring, 8168 + 24 does not', async () => {
    const receiver = sockets.peer();
    expect(receiver.bind(0, '127.0.0.1', 4096)).toBe(ErrorCode.OK);
    await fill(receiver, [8168, 8167]);
    expect(receiver.droppedPackets).toBe(1);
    expect(receiver.getPacket()).toEqual(pattern(8167, 1));
  });

  it('the default recvBufSize (65536) gives 131072 bytes: two 65507-byte datagrams fit, a third does not', async () => {
    const receiver = sockets.peer();
    expect(receiver.bind(0, '127.0.0.1')).toBe(ErrorCode.OK);
    await fill(receiver, [MAX_DATAGRAM_IPV4, MAX_DATAGRAM_IPV4, MAX_DATAGRAM_IPV4]);
    expect([receiver.getAvailablePacketCount(), receiver.droppedPackets]).toEqual([2, 1]);
  });

  it('a socket opened by putPacket (not bound) has the 65536-byte ring: one 65507-byte datagram fits', async () => {
    const target = sockets.peer();
    expect(target.bind(0, '127.0.0.1')).toBe(ErrorCode.OK);
    const receiver = sockets.peer();
    receiver.setDestAddress('127.0.0.1', target.getLocalPort());
    expect(receiver.putPacket(Uint8Array.of(1))).toBe(ErrorCode.OK);
    await target.wait({ timeoutMs: 5000 });
    target.getPacket();
    target.setDestAddress('127.0.0.1', receiver.getLocalPort());
    for (let i = 0; i < 2; i++) {
      expect(target.putPacket(pattern(MAX_DATAGRAM_IPV4, i))).toBe(ErrorCode.OK);
      await until(() => receiver.getAvailablePacketCount() + receiver.droppedPackets === i + 1);
    }
    expect([receiver.getAvailablePacketCount(), receiver.droppedPackets]).toEqual([1, 1]);
  });

  it('makes room again once a packet is read', async () => {
    const receiver = sockets.peer();
    expect(receiver.bind(0, '127.0.0.1', 1024)).toBe(ErrorCode.OK); // 2048-byte ring
    await fill(receiver, [1500, 1500]);
    expect(receiver.droppedPackets).toBe(1);
    expect(receiver.getPacket()).toEqual(pattern(1500, 0));
    const sender = sockets.peer();
    sender.setDestAddress('127.0.0.1', receiver.getLocalPort());
    sender.putPacket(pattern(1500, 9));
    await receiver.wait({ timeoutMs: 5000 });
    expect(receiver.getPacket()).toEqual(pattern(1500, 9));
    expect(receiver.droppedPackets).toBe(1);
  });
});

describe('PacketPeerUDP sending', () => {
  it('putPacket without a destination returns ERR_UNCONFIGURED', () => {
    const peer = sockets.peer();
    expect(peer.putPacket(Uint8Array.of(1))).toBe(ErrorCode.ERR_UNCONFIGURED);
    expect(peer.isBound()).toBe(false);
  });

  it('putPacket opens the socket on a free port, and replies come back to it', async () => {
    const server = sockets.peer();
    expect(server.bind(0, '127.0.0.1')).toBe(ErrorCode.OK);
    const client = sockets.peer();
    expect(client.setDestAddress('127.0.0.1', server.getLocalPort())).toBe(ErrorCode.OK);
    expect(client.putVar('ping')).toBe(ErrorCode.OK);
    expect(client.isBound()).toBe(true);
    expect(client.getLocalPort()).toBeGreaterThan(0);
    await server.wait({ timeoutMs: 5000 });
    expect(server.getVar()).toBe('ping');
    server.setDestAddress(server.getPacketIp(), server.getPacketPort());
    expect(server.putVar('pong')).toBe(ErrorCode.OK);
    await client.wait({ timeoutMs: 5000 });
    expect(client.getVar()).toBe('pong');
  });

  it('refuses datagrams above the UDP maximum with FAILED (Godot 3.2.3: 65507 OK, 65508 FAILED)', () => {
    const v4 = sockets.peer();
    v4.setDestAddress('127.0.0.1', 9);
    expect(v4.putPacket(new Uint8Array(MAX_DATAGRAM_IPV4 + 1))).toBe(ErrorCode.FAILED);
    const v6 = sockets.peer();
    v6.setDestAddress('::1', 9);
    expect(v6.putPacket(new Uint8Array(MAX_DATAGRAM_IPV6 + 1))).toBe(ErrorCode.FAILED);
  });

  it('setDestAddress refuses host names (ERR_CANT_RESOLVE) and bad ports; setDestAddressAsync resolves names', async () => {
    const server = sockets.peer();
    expect(server.bind(0, '127.0.0.1')).toBe(ErrorCode.OK);
    const client = sockets.peer();
    expect(client.setDestAddress('localhost', server.getLocalPort())).toBe(ErrorCode.ERR_CANT_RESOLVE);
    expect(client.setDestAddress('127.0.0.1', 0)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(client.putPacket(Uint8Array.of(1))).toBe(ErrorCode.ERR_UNCONFIGURED);
    const v4only = sockets.peer();
    expect(v4only.bind(0, '0.0.0.0')).toBe(ErrorCode.OK);
    await v4only.setDestAddressAsync('localhost', server.getLocalPort());
    expect(v4only.putPacket(Uint8Array.of(2))).toBe(ErrorCode.OK);
    await server.wait({ timeoutMs: 5000 });
    expect(server.getPacket()).toEqual(Uint8Array.of(2));
  });

  it('reports a send the OS refuses through the error event: broadcast needs setBroadcastEnabled', async () => {
    const receiver = sockets.peer();
    expect(receiver.bind(0, '0.0.0.0')).toBe(ErrorCode.OK);
    const sender = sockets.peer();
    const errors: GodotError[] = [];
    sender.on('error', (error) => errors.push(error));
    sender.setDestAddress('255.255.255.255', receiver.getLocalPort());
    expect(sender.putPacket(Uint8Array.of(1))).toBe(ErrorCode.OK);
    await until(() => errors.length > 0);
    expect(errors[0]).toBeInstanceOf(GodotError);
    expect(errors[0]?.message).toContain('EACCES');
    sender.setBroadcastEnabled(true);
    expect(sender.putPacket(Uint8Array.of(2))).toBe(ErrorCode.OK);
    await receiver.wait({ timeoutMs: 5000 });
    expect(receiver.getPacket()).toEqual(Uint8Array.of(2));
    expect(errors).toHaveLength(1);
  });
});

describe('PacketPeerUDP.connectToHost', () => {
  it('only hears from the connected address, and flushes what was queued before', async () => {
    const a = sockets.peer();
    const b = sockets.peer();
    const stranger = sockets.peer();
    expect(a.bind(0, '127.0.0.1')).toBe(ErrorCode.OK);
    expect(b.bind(0, '127.0.0.1')).toBe(ErrorCode.OK);
    stranger.setDestAddress('127.0.0.1', a.getLocalPort());
    stranger.putPacket(Uint8Array.of(1));
    await a.wait({ timeoutMs: 5000 });
    expect(a.connectToHost('127.0.0.1', b.getLocalPort())).toBe(ErrorCode.OK);
    expect(a.isSocketConnected()).toBe(true);
    expect(a.getAvailablePacketCount()).toBe(0);
    stranger.putPacket(Uint8Array.of(2));
    b.setDestAddress('127.0.0.1', a.getLocalPort());
    b.putPacket(Uint8Array.of(3));
    await a.wait({ timeoutMs: 5000 });
    expect(a.getPacket()).toEqual(Uint8Array.of(3));
    expect([a.getPacketIp(), a.getPacketPort()]).toEqual(['127.0.0.1', b.getLocalPort()]);
    // The stranger's datagram (sent first) never arrives: the kernel filtered it.
    expect(a.getAvailablePacketCount()).toBe(0);
    expect(a.setDestAddress('127.0.0.1', 9)).toBe(ErrorCode.ERR_ALREADY_IN_USE);
  });

  it('takes IP addresses only (Godot 3.2.3 also returns ERR_INVALID_PARAMETER for "localhost"); the async form resolves', async () => {
    const server = sockets.peer();
    expect(server.bind(0, '127.0.0.1')).toBe(ErrorCode.OK);
    const client = sockets.peer();
    expect(client.connectToHost('localhost', server.getLocalPort())).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(client.connectToHost('127.0.0.1', 0)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    const v4only = sockets.peer();
    expect(v4only.bind(0, '0.0.0.0')).toBe(ErrorCode.OK);
    await v4only.connectToHostAsync('localhost', server.getLocalPort());
    expect(v4only.isSocketConnected()).toBe(true);
    await expect(client.connectToHostAsync('127.0.0.1', 70000)).rejects.toMatchObject({ code: ErrorCode.ERR_INVALID_PARAMETER });
  });

  it('opens and binds the socket when it is not bound', () => {
    const client = sockets.peer();
    expect(client.connectToHost('::1', 9)).toBe(ErrorCode.OK);
    expect(client.isBound()).toBe(true);
    expect(client.getLocalPort()).toBeGreaterThan(0);
  });

  it('fails (and closes the socket) when the socket family cannot reach the host', () => {
    const client = sockets.peer();
    expect(client.bind(0, '127.0.0.1')).toBe(ErrorCode.OK);
    expect(client.connectToHost('::1', 9)).toBe(ErrorCode.FAILED);
    expect(client.isBound()).toBe(false);
  });
});

describe('PacketPeerUDP state', () => {
  it('before bind: getAvailablePacketCount is -1 and getPacket fails with FAILED (Godot 3.2.3 agrees)', () => {
    const peer = sockets.peer();
    expect(peer.getAvailablePacketCount()).toBe(-1);
    expect(peer.getPacket()).toHaveLength(0);
    expect(peer.getPacketError()).toBe(ErrorCode.FAILED);
    expect([peer.getPacketIp(), peer.getPacketPort()]).toEqual(['', 0]);
  });

  it('wait() rejects on a closed socket, times out, and resolves when a packet comes', async () => {
    const peer = sockets.peer();
    await expect(peer.wait()).rejects.toMatchObject({ code: ErrorCode.ERR_UNCONFIGURED });
    expect(peer.bind(0, '127.0.0.1')).toBe(ErrorCode.OK);
    await expect(peer.wait({ timeoutMs: 10 })).rejects.toMatchObject({ code: ErrorCode.ERR_TIMEOUT });
    const waiting = peer.wait({ timeoutMs: 5000 });
    const sender = sockets.peer();
    sender.setDestAddress('127.0.0.1', peer.getLocalPort());
    sender.putPacket(Uint8Array.of(1));
    await waiting;
    expect(peer.getAvailablePacketCount()).toBe(1);
  });

  it('close() drops queued packets, emits close, and the peer can bind again', async () => {
    const peer = sockets.peer();
    expect(peer.bind(0, '127.0.0.1', 4096)).toBe(ErrorCode.OK);
    const sender = sockets.peer();
    sender.setDestAddress('127.0.0.1', peer.getLocalPort());
    sender.putPacket(Uint8Array.of(1));
    await peer.wait({ timeoutMs: 5000 });
    let closes = 0;
    peer.on('close', () => closes++);
    peer.close();
    expect(closes).toBe(1);
    expect(peer.isBound()).toBe(false);
    expect(peer.isSocketConnected()).toBe(false);
    expect(peer.getAvailablePacketCount()).toBe(-1);
    expect(peer.bind(0, '127.0.0.1')).toBe(ErrorCode.OK);
    expect(peer.getAvailablePacketCount()).toBe(0);
  });
});

const multicastInterface = Object.entries(networkInterfaces())
  .find(([, addresses]) => addresses?.some((info) => info.family === 'IPv4' && !info.internal))?.[0];

describe('PacketPeerUDP multicast', () => {
  it('refuses unknown interface names for IPv4 groups, and leave on a closed socket', () => {
    const peer = sockets.peer();
    expect(peer.leaveMulticastGroup('239.255.42.99', 'lo')).toBe(ErrorCode.ERR_UNCONFIGURED);
    expect(peer.joinMulticastGroup('239.255.42.99', 'no-such-interface')).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(peer.joinMulticastGroup('not an address', 'lo')).toBe(ErrorCode.ERR_INVALID_PARAMETER);
  });

  itWhen(multicastInterface !== undefined, 'this machine has no non-loopback IPv4 interface to join a group on')('receives datagrams sent to a joined group, and leaves it', async () => {
    const iface = multicastInterface as string;
    const member = sockets.peer();
    expect(member.bind(0, '0.0.0.0')).toBe(ErrorCode.OK);
    expect(member.joinMulticastGroup('239.255.42.99', iface)).toBe(ErrorCode.OK);
    const sender = sockets.peer();
    sender.setDestAddress('239.255.42.99', member.getLocalPort());
    expect(sender.putVar('to the group')).toBe(ErrorCode.OK);
    await member.wait({ timeoutMs: 5000 });
    expect(member.getVar()).toBe('to the group');
    expect(member.leaveMulticastGroup('239.255.42.99', iface)).toBe(ErrorCode.OK);
    expect(member.leaveMulticastGroup('239.255.42.99', iface)).toBe(ErrorCode.FAILED);
  });
});

describe('PacketPeerUDP.putPacket end to end', () => {
  // The copy rules themselves are tested in send-buffer.test.ts: on loopback every send leaves
  // at once, so this checks the scratch path delivers each datagram whole and in its own size.
  it('a buffer changed right after each putPacket: every datagram arrives with the bytes it had then', async () => {
    const receiver = sockets.peer();
    const sender = sockets.peer();
    expect(receiver.bind(0, '127.0.0.1')).toBe(ErrorCode.OK);
    expect(sender.connectToHost('127.0.0.1', receiver.getLocalPort())).toBe(ErrorCode.OK);
    const buffer = new Uint8Array(1200);
    const seen: number[] = [];
    // Bursts small enough for the kernel's receive buffer, so that none is dropped.
    for (let burst = 0; burst < 20; burst++) {
      for (let i = 0; i < 16; i++) {
        buffer.fill(burst * 16 + i);
        expect(sender.putPacket(buffer)).toBe(ErrorCode.OK);
      }
      buffer.fill(0xff);
      await until(() => receiver.getAvailablePacketCount() >= 16, 'sixteen packets', 5000);
      while (receiver.getAvailablePacketCount() > 0) {
        const packet = receiver.getPacket();
        expect(packet.every((byte) => byte === packet[0])).toBe(true);
        seen.push(packet[0] as number);
      }
    }
    expect(seen).toEqual(Array.from({ length: 320 }, (_, i) => i & 0xff));
  });

  it('a received packet is a plain Uint8Array (not a Buffer): its slice() is a copy, in both styles', async () => {
    const receiver = sockets.peer();
    const sender = sockets.peer();
    expect(receiver.bind(0, '127.0.0.1')).toBe(ErrorCode.OK);
    expect(sender.connectToHost('127.0.0.1', receiver.getLocalPort())).toBe(ErrorCode.OK);
    const packets: Uint8Array[] = [];
    sender.putPacket(Uint8Array.of(1, 2, 3));
    await until(() => receiver.getAvailablePacketCount() === 1, 'a packet', 5000);
    packets.push(receiver.getPacket());
    receiver.on('packet', (packet) => packets.push(packet));
    sender.putPacket(Uint8Array.of(4, 5, 6));
    await until(() => packets.length === 2, 'a packet event', 5000);
    expectPlainPackets(packets);
    expect(packets.map((packet) => [...packet])).toEqual([[1, 2, 3], [4, 5, 6]]);
  });
});
