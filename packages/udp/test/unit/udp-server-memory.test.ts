/** UDPServer's demultiplexing over core's in-memory network: no sockets, time driven by a ManualClock. */
import { ErrorCode, ManualClock, MemoryNetwork } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { UDPServer, type PacketPeerUDP } from '../../src/index.js';

function setup(maxPendingConnections = 16): { clock: ManualClock; network: MemoryNetwork; server: UDPServer } {
  const clock = new ManualClock();
  const network = new MemoryNetwork({ clock });
  const server = new UDPServer({ maxPendingConnections });
  expect(server.listenOn(network.bind(7000))).toBe(ErrorCode.OK);
  return { clock, network, server };
}

describe('UDPServer.listenOn(a DatagramEndpoint)', () => {
  it('demultiplexes senders into peers that answer through the endpoint', () => {
    const { clock, network, server } = setup();
    expect(server.getLocalPort()).toBe(7000);
    expect(server.listenOn(network.bind(7001))).toBe(ErrorCode.ERR_ALREADY_IN_USE);
    const clients = [network.bind(), network.bind()];
    const heard: number[][] = [[], []];
    clients.forEach((client, i) => {
      client.onDatagram = (data) => heard[i]?.push(data[0] as number);
      client.send(Uint8Array.of(10 + i), { ip: '127.0.0.1', port: 7000 });
    });
    clients[0]?.send(Uint8Array.of(20), { ip: '127.0.0.1', port: 7000 });
    clock.runAll();
    expect(server.pendingConnectionCount).toBe(2);
    const first = server.takeConnection() as PacketPeerUDP;
    expect([first.getPacketIp(), first.getPacketPort(), first.getLocalPort()]).toEqual(['127.0.0.1', 49152, 7000]);
    expect([first.getPacket()[0], first.getPacket()[0]]).toEqual([10, 20]);
    expect(first.putPacket(Uint8Array.of(99))).toBe(ErrorCode.OK);
    clock.runAll();
    expect(heard).toEqual([[99], []]);
  });

  it('refuses and counts new senders beyond maxPendingConnections; a closed peer frees its address', () => {
    const { clock, network, server } = setup(1);
    const a = network.bind();
    const b = network.bind();
    a.send(Uint8Array.of(1), { ip: '127.0.0.1', port: 7000 });
    b.send(Uint8Array.of(2), { ip: '127.0.0.1', port: 7000 });
    clock.runAll();
    expect([server.pendingConnectionCount, server.refusedConnections]).toEqual([1, 1]);
    const peer = server.takeConnection() as PacketPeerUDP;
    peer.close();
    expect(peer.isBound()).toBe(false);
    a.send(Uint8Array.of(3), { ip: '127.0.0.1', port: 7000 });
    clock.runAll();
    expect(server.takeConnection()?.getPacket()).toEqual(Uint8Array.of(3));
  });

  it('stop() closes the endpoint and detaches taken peers', async () => {
    const { clock, network, server } = setup();
    const a = network.bind();
    a.send(Uint8Array.of(1), { ip: '127.0.0.1', port: 7000 });
    clock.runAll();
    const peer = server.takeConnection() as PacketPeerUDP;
    let closed = 0;
    peer.on('close', () => closed++);
    const waiting = server.accept();
    server.stop();
    await expect(waiting).rejects.toMatchObject({ code: ErrorCode.ERR_UNCONFIGURED });
    expect([closed, peer.isBound(), server.isListening(), server.getLocalPort()]).toEqual([1, false, false, 0]);
    expect(network.bind(7000).localAddress().port).toBe(7000);
  });
});
