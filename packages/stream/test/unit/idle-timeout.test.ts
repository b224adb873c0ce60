/**
 * The optional idle timeout of TCP connections (issue 9 §2; off by default, as in Godot): a
 * `TCPServer` sheds clients that send nothing. On a ManualClock, so no test waits for it.
 */
import { ErrorCode, ManualClock } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { StreamPeerTCP, TCPServer, TCPStatus } from '../../src/index.js';
import { pattern, until, useSockets } from '../support/sockets.js';

const sockets = useSockets();

describe('idleTimeoutMs (TCP)', () => {
  it('closes a connection that received nothing for idleTimeoutMs, counted from its last bytes', async () => {
    const clock = new ManualClock();
    const server = await sockets.server({ clock, idleTimeoutMs: 1000 });
    const { socket, accepted } = await sockets.raw(server);
    expect(accepted.idleTimeoutMs).toBe(1000);
    clock.advance(600);
    socket.write(Uint8Array.of(1));
    await until(() => accepted.getAvailableBytes() === 1);
    clock.advance(600);
    expect(accepted.getStatus()).toBe(TCPStatus.STATUS_CONNECTED);
    clock.advance(400);
    expect(accepted.getStatus()).toBe(TCPStatus.STATUS_ERROR);
    expect(accepted.lastError?.code).toBe(ErrorCode.ERR_TIMEOUT);
    expect(accepted.lastError?.message).toMatch(/Nothing received for 1000 ms/);
    await new Promise<void>((resolve) => socket.once('close', () => resolve()).resume());
  });

  it('does not count the time reading is paused because the application does not read', async () => {
    const clock = new ManualClock();
    const server = await sockets.server({ clock, idleTimeoutMs: 1000, readBufferSize: 1024 });
    const { socket, accepted } = await sockets.raw(server);
    socket.write(pattern(64 * 1024, 1));
    await until(() => accepted.getAvailableBytes() >= 1024);
    clock.advance(5000);
    expect(accepted.getStatus()).toBe(TCPStatus.STATUS_CONNECTED);
    // Once the application reads, the timeout counts again.
    while (accepted.getAvailableBytes() > 0) accepted.getPartialData(65536);
    await new Promise((resolve) => setTimeout(resolve, 50));
    while (accepted.getAvailableBytes() > 0) accepted.getPartialData(65536);
    clock.advance(1000);
    expect(accepted.getStatus()).toBe(TCPStatus.STATUS_ERROR);
  });

  it('is off by default, as in Godot', async () => {
    const clock = new ManualClock();
    const server = await sockets.server({ clock });
    const { accepted } = await sockets.raw(server);
    expect(accepted.idleTimeoutMs).toBe(0);
    clock.advance(24 * 3600 * 1000);
    expect(accepted.getStatus()).toBe(TCPStatus.STATUS_CONNECTED);
  });

  it.each([-1, Number.NaN, 2 ** 31])('refuses idleTimeoutMs %s with ERR_INVALID_PARAMETER', (idleTimeoutMs) => {
    const invalid = expect.objectContaining({ code: ErrorCode.ERR_INVALID_PARAMETER });
    expect(() => new TCPServer({ idleTimeoutMs })).toThrow(invalid);
    expect(() => new StreamPeerTCP({ idleTimeoutMs })).toThrow(invalid);
  });
});
