import { ErrorCode, GodotError } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { PacketPeerUDP, type UDPServer } from '../../src/index.js';
import { until, useSockets } from '../support/sockets.js';

const sockets = useSockets();

/** A client connected to `server` that has sent `payload` (one byte: its number). */
function client(server: UDPServer, payload: number, host = '127.0.0.1'): PacketPeerUDP {
  const peer = sockets.peer();
  expect(peer.connectToHost(host, server.getLocalPort())).toBe(ErrorCode.OK);
  expect(peer.putPacket(Uint8Array.of(payload))).toBe(ErrorCode.OK);
  return peer;
}

function listening(options?: ConstructorParameters<typeof UDPServer>[0], address = '127.0.0.1'): UDPServer {
  const server = sockets.server(options);
  expect(server.listen(0, address)).toBe(ErrorCode.OK);
  return server;
}

describe('UDPServer.listen', () => {
  it('listens on a free port; a second listen is ERR_ALREADY_IN_USE; stop makes it reusable', () => {
    const server = sockets.server();
    expect(server.isListening()).toBe(false);
    expect(server.poll()).toBe(ErrorCode.ERR_UNCONFIGURED);
    expect(server.listen(0, '127.0.0.1')).toBe(ErrorCode.OK);
    expect(server.isListening()).toBe(true);
    expect(server.getLocalPort()).toBeGreaterThan(0);
    expect(server.poll()).toBe(ErrorCode.OK);
    expect(server.listen(0, '127.0.0.1')).toBe(ErrorCode.ERR_ALREADY_IN_USE);
    server.stop();
    expect(server.isListening()).toBe(false);
    expect(server.getLocalPort()).toBe(0);
    expect(server.listen(0, '127.0.0.1')).toBe(ErrorCode.OK);
  });

  it('refuses bad ports and addresses with ERR_INVALID_PARAMETER; listenAsync rejects with the code', async () => {
    const server = sockets.server();
    expect(server.listen(-1)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(server.listen(0, 'example.com')).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    await expect(server.listenAsync(65536)).rejects.toMatchObject({ name: 'GodotError', code: ErrorCode.ERR_INVALID_PARAMETER });
    expect(server.isListening()).toBe(false);
  });

  it('sets SO_REUSEADDR like Godot, so a second server may share the port', () => {
    const first = listening();
    const second = sockets.server();
    expect(second.listen(first.getLocalPort(), '127.0.0.1')).toBe(ErrorCode.OK);
  });
});

describe('UDPServer connections', () => {
  it('hands out new senders oldest first, each holding its first datagram and connected to it', async () => {
    const server = listening();
    const clients: PacketPeerUDP[] = [];
    for (let i = 1; i <= 3; i++) {
      clients.push(client(server, i));
      await until(() => server.pendingConnectionCount === i);
    }
    for (let i = 1; i <= 3; i++) {
      const peer = server.takeConnection() as PacketPeerUDP;
      expect(peer).toBeInstanceOf(PacketPeerUDP);
      expect([peer.getPacketIp(), peer.getPacketPort()]).toEqual(['127.0.0.1', clients[i - 1]?.getLocalPort()]);
      expect(peer.isSocketConnected()).toBe(true);
      expect(peer.isBound()).toBe(true);
      expect(peer.getLocalPort()).toBe(server.getLocalPort());
      expect(peer.getPacket()).toEqual(Uint8Array.of(i));
    }
    expect(server.isConnectionAvailable()).toBe(false);
    expect(server.takeConnection()).toBeNull();
  });

  it('routes later datagrams of a known sender to its peer, pending or taken', async () => {
    const server = listening();
    const a = client(server, 1);
    a.putPacket(Uint8Array.of(2));
    await until(() => server.pendingConnectionCount === 1);
    const peer = server.takeConnection() as PacketPeerUDP;
    await until(() => peer.getAvailablePacketCount() === 2);
    a.putPacket(Uint8Array.of(3));
    await until(() => peer.getAvailablePacketCount() === 3);
    expect([peer.getPacket(), peer.getPacket(), peer.getPacket()]).toEqual([Uint8Array.of(1), Uint8Array.of(2), Uint8Array.of(3)]);
    expect(server.isConnectionAvailable()).toBe(false);
    expect(server.refusedConnections).toBe(0);
  });

  it('a taken peer answers from the server port, and the client hears it', async () => {
    const server = listening();
    const a = client(server, 1);
    const peer = await server.accept({ timeoutMs: 5000 });
    expect(peer.putVar('welcome')).toBe(ErrorCode.OK);
    await a.wait({ timeoutMs: 5000 });
    expect(a.getVar()).toBe('welcome');
    expect(a.getPacketPort()).toBe(server.getLocalPort());
  });

  it('maxPendingConnections refuses (drops and counts) datagrams from further new senders', async () => {
    const server = listening({ maxPendingConnections: 2 });
    client(server, 1);
    client(server, 2);
    const third = client(server, 3);
    await until(() => server.pendingConnectionCount === 2 && server.refusedConnections === 1);
    expect(server.takeConnection()?.getPacket()).toEqual(Uint8Array.of(1));
    third.putPacket(Uint8Array.of(33));
    const peer = await until(() => server.pendingConnectionCount === 2).then(() => {
      server.takeConnection();
      return server.takeConnection() as PacketPeerUDP;
    });
    expect(peer.getPacketPort()).toBe(third.getLocalPort());
    expect(peer.getPacket()).toEqual(Uint8Array.of(33));
    expect(server.refusedConnections).toBe(1);
  });

  it('maxPendingConnections = 0 refuses everyone', async () => {
    const server = listening({ maxPendingConnections: 0 });
    client(server, 1);
    await until(() => server.refusedConnections === 1);
    expect(server.isConnectionAvailable()).toBe(false);
  });

  it('maxPendingConnections: default 16, refuses negative values, and never discards pending peers', async () => {
    const server = listening();
    expect(server.maxPendingConnections).toBe(16);
    expect(() => (server.maxPendingConnections = -1)).toThrow(GodotError);
    expect(() => (server.maxPendingConnections = 1.5)).toThrow(GodotError);
    client(server, 1);
    client(server, 2);
    await until(() => server.pendingConnectionCount === 2);
    server.maxPendingConnections = 1;
    server.maxPendingConnections = 100;
    expect(server.pendingConnectionCount).toBe(2);
  });

  it("a taken peer's close() makes the sender's next datagram a new pending connection", async () => {
    const server = listening();
    const a = client(server, 1);
    const first = await server.accept({ timeoutMs: 5000 });
    first.close();
    expect(first.isBound()).toBe(false);
    a.putPacket(Uint8Array.of(2));
    const second = await server.accept({ timeoutMs: 5000 });
    expect(second).not.toBe(first);
    expect(second.getPacket()).toEqual(Uint8Array.of(2));
    expect(first.getAvailablePacketCount()).toBe(-1);
  });

  it('a taken peer is locked to the server socket (Godot: ERR_LOCKED), and cannot set another destination', async () => {
    const server = listening();
    client(server, 1);
    const peer = await server.accept({ timeoutMs: 5000 });
    expect(peer.connectToHost('127.0.0.1', 9)).toBe(ErrorCode.ERR_LOCKED);
    expect(peer.joinMulticastGroup('239.255.42.99', 'lo')).toBe(ErrorCode.ERR_LOCKED);
    expect(peer.leaveMulticastGroup('239.255.42.99', 'lo')).toBe(ErrorCode.ERR_LOCKED);
    expect(peer.setDestAddress('127.0.0.1', 9)).toBe(ErrorCode.ERR_ALREADY_IN_USE);
    expect(peer.bind(0)).toBe(ErrorCode.ERR_ALREADY_IN_USE);
  });

  it("a taken peer's queue is Godot's default 65536-byte ring", async () => {
    const server = listening();
    const a = client(server, 1);
    const peer = await server.accept({ timeoutMs: 5000 });
    peer.getPacket();
    for (let i = 0; i < 3; i++) {
      a.putPacket(new Uint8Array(30000));
      await until(() => peer.getAvailablePacketCount() + peer.droppedPackets === i + 1);
    }
    // 2 × (30000 + 24) fit in 65535 bytes, a third does not.
    expect([peer.getAvailablePacketCount(), peer.droppedPackets]).toEqual([2, 1]);
  });

  it('stop() detaches taken peers (close emitted, unbound) and discards pending ones', async () => {
    const server = listening();
    client(server, 1);
    const taken = await server.accept({ timeoutMs: 5000 });
    client(server, 2);
    await until(() => server.pendingConnectionCount === 1);
    let closed = false;
    taken.on('close', () => (closed = true));
    server.stop();
    expect(closed).toBe(true);
    expect(taken.isBound()).toBe(false);
    expect(taken.getAvailablePacketCount()).toBe(-1);
    expect(server.pendingConnectionCount).toBe(0);
    expect(server.isConnectionAvailable()).toBe(false);
    expect(server.takeConnection()).toBeNull();
  });

  it('stop() rejects a waiting accept() with ERR_UNCONFIGURED', async () => {
    const server = listening();
    const waiting = server.accept({ timeoutMs: 5000 });
    server.stop();
    await expect(waiting).rejects.toMatchObject({ code: ErrorCode.ERR_UNCONFIGURED });
    await expect(server.accept({ timeoutMs: 5000 })).rejects.toMatchObject({ code: ErrorCode.ERR_UNCONFIGURED });
  });

  it('accept() times out with ERR_TIMEOUT', async () => {
    const server = listening();
    await expect(server.accept({ timeoutMs: 10 })).rejects.toMatchObject({ code: ErrorCode.ERR_TIMEOUT });
  });

  it("a dual-stack server ('*') accepts IPv4 and IPv6 senders as separate connections", async () => {
    const server = listening(undefined, '*');
    client(server, 4, '127.0.0.1');
    const v4 = await server.accept({ timeoutMs: 5000 });
    client(server, 6, '::1');
    const v6 = await server.accept({ timeoutMs: 5000 });
    expect(v4.getPacketIp()).toBe('127.0.0.1');
    expect(v6.getPacketIp()).toBe('::1');
    expect([v4.getPacket(), v6.getPacket()]).toEqual([Uint8Array.of(4), Uint8Array.of(6)]);
  });
});
