/**
 * The optional idle timeout of UDP peers (issue 9 §2; off by default, as in Godot): a
 * `UDPServer` sheds senders that fall silent. On a ManualClock, so no test waits for it.
 */
import { ErrorCode, ManualClock, type GodotError } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { PacketPeerUDP, UDPServer } from '../../src/index.js';
import { until, useSockets } from '../support/sockets.js';

const sockets = useSockets();

describe('idleTimeoutMs (UDP)', () => {
  it("closes a UDPServer's peer that received nothing for idleTimeoutMs; its next datagram is a new connection", async () => {
    const clock = new ManualClock();
    const server = sockets.server({ clock, idleTimeoutMs: 1000 });
    expect(server.listen(0, '127.0.0.1')).toBe(ErrorCode.OK);
    const client = sockets.peer();
    expect(client.connectToHost('127.0.0.1', server.getLocalPort())).toBe(ErrorCode.OK);
    client.putPacket(Uint8Array.of(1));
    await until(() => (server.poll(), server.isConnectionAvailable()));
    const peer = server.takeConnection() as PacketPeerUDP;
    expect(peer.idleTimeoutMs).toBe(1000);
    const errors: GodotError[] = [];
    peer.on('error', (error) => errors.push(error));
    clock.advance(700);
    client.putPacket(Uint8Array.of(2));
    await until(() => peer.getAvailablePacketCount() === 2);
    clock.advance(700);
    expect(peer.isSocketConnected()).toBe(true);
    clock.advance(300);
    expect(peer.isSocketConnected()).toBe(false);
    expect(errors.map((error) => error.code)).toEqual([ErrorCode.ERR_TIMEOUT]);
    expect(errors[0]?.message).toMatch(/No datagram received for 1000 ms/);
    client.putPacket(Uint8Array.of(3));
    await until(() => (server.poll(), server.isConnectionAvailable()));
    expect(server.takeConnection()?.getPacket()).toEqual(Uint8Array.of(3));
  });

  it('applies to a connected PacketPeerUDP too, and is off by default', () => {
    const clock = new ManualClock();
    const timed = sockets.peer({ clock, idleTimeoutMs: 50 });
    const untimed = sockets.peer({ clock });
    expect(timed.connectToHost('127.0.0.1', 9)).toBe(ErrorCode.OK);
    expect(untimed.connectToHost('127.0.0.1', 9)).toBe(ErrorCode.OK);
    clock.advance(3_600_000);
    expect([timed.isSocketConnected(), untimed.isSocketConnected()]).toEqual([false, true]);
  });

  it.each([-1, Number.NaN, 2 ** 31])('refuses idleTimeoutMs %s with ERR_INVALID_PARAMETER', (idleTimeoutMs) => {
    const invalid = expect.objectContaining({ code: ErrorCode.ERR_INVALID_PARAMETER });
    expect(() => new UDPServer({ idleTimeoutMs })).toThrow(invalid);
    expect(() => new PacketPeerUDP({ idleTimeoutMs })).toThrow(invalid);
  });
});
