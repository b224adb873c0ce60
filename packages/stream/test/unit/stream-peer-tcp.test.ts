import { connect, createServer, type AddressInfo } from 'node:net';
import { ErrorCode, GodotError } from '@pp/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StreamPeerTCP, TCPStatus } from '../../src/index.js';
import { pattern, until, useSockets, withTimeout } from '../support/sockets.js';

const sockets = useSockets();

afterEach(() => {
  vi.useRealTimers();
});

/** A port nobody listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('StreamPeerTCP connecting', () => {
  it('goes NONE → CONNECTING → CONNECTED, then NONE after disconnectFromHost', async () => {
    const server = await sockets.server();
    const peer = sockets.track(new StreamPeerTCP());
    expect(peer.getStatus()).toBe(TCPStatus.STATUS_NONE);
    expect(peer.connectToHost('127.0.0.1', server.getLocalPort())).toBe(ErrorCode.OK);
    expect(peer.getStatus()).toBe(StreamPeerTCP.STATUS_CONNECTING);
    expect(peer.connectToHost('127.0.0.1', server.getLocalPort())).toBe(ErrorCode.ERR_ALREADY_IN_USE);
    await withTimeout(new Promise((resolve) => peer.once('connect', () => resolve(undefined))), 5000, 'connect');
    expect(peer.getStatus()).toBe(TCPStatus.STATUS_CONNECTED);
    expect(peer.poll()).toBe(ErrorCode.OK);
    expect([peer.getConnectedHost(), peer.getConnectedPort()]).toEqual(['127.0.0.1', server.getLocalPort()]);
    expect(peer.getLocalPort()).toBeGreaterThan(0);
    const accepted = sockets.track(await server.accept({ timeoutMs: 5000 }));
    expect(accepted.getConnectedPort()).toBe(peer.getLocalPort());
    peer.disconnectFromHost();
    expect(peer.getStatus()).toBe(TCPStatus.STATUS_NONE);
    expect([peer.getConnectedHost(), peer.getConnectedPort(), peer.getLocalPort()]).toEqual(['', 0, 0]);
  });

  it('refuses bad ports and empty hosts with ERR_INVALID_PARAMETER', () => {
    const peer = sockets.track(new StreamPeerTCP());
    expect(peer.connectToHost('127.0.0.1', 0)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(peer.connectToHost('127.0.0.1', 65536)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(peer.connectToHost('', 80)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(peer.getStatus()).toBe(TCPStatus.STATUS_NONE);
  });

  it('a refused connection: status ERROR, poll() reports ERR_CONNECTION_ERROR once, the async form rejects', async () => {
    const port = await closedPort();
    const peer = sockets.track(new StreamPeerTCP());
    const errors: GodotError[] = [];
    peer.on('error', (error) => errors.push(error));
    await expect(peer.connectToHostAsync('127.0.0.1', port, { timeoutMs: 5000 })).rejects.toMatchObject({
      code: ErrorCode.ERR_CONNECTION_ERROR, message: expect.stringContaining('ECONNREFUSED'),
    });
    expect(peer.getStatus()).toBe(TCPStatus.STATUS_ERROR);
    expect(peer.poll()).toBe(ErrorCode.ERR_CONNECTION_ERROR);
    expect(peer.poll()).toBe(ErrorCode.OK);
    expect(errors).toHaveLength(1);
    expect(peer.lastError).toBe(errors[0]);
    expect(peer.connectToHost('127.0.0.1', port)).toBe(ErrorCode.ERR_ALREADY_IN_USE);
    peer.disconnectFromHost();
    expect(peer.getStatus()).toBe(TCPStatus.STATUS_NONE);
  });

  it('connectTimeoutMs is whole milliseconds: a fraction (seconds by mistake) or 0 is refused at construction', () => {
    expect(() => new StreamPeerTCP({ connectTimeoutMs: 0.5 })).toThrow(expect.objectContaining({ code: ErrorCode.ERR_INVALID_PARAMETER }));
    expect(() => new StreamPeerTCP({ connectTimeoutMs: 0 })).toThrow(/connectTimeoutMs \(milliseconds\)/);
  });

  it('gives up after connectTimeoutMs (default 30 s, Godot\'s connect_timeout_seconds)', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const peer = sockets.track(new StreamPeerTCP());
    expect(peer.connectTimeoutMs).toBe(30_000);
    // The connection cannot complete before the event loop runs, so the timer wins here.
    expect(peer.connectToHost('127.0.0.1', 9)).toBe(ErrorCode.OK);
    vi.advanceTimersByTime(29_999);
    expect(peer.getStatus()).toBe(TCPStatus.STATUS_CONNECTING);
    vi.advanceTimersByTime(1);
    expect(peer.getStatus()).toBe(TCPStatus.STATUS_ERROR);
    expect(peer.poll()).toBe(ErrorCode.ERR_CONNECTION_ERROR);
    expect(peer.lastError?.message).toContain('timed out after 30000 ms');
  });

  it('resolves host names in the background', async () => {
    const server = await sockets.server();
    const peer = sockets.track(new StreamPeerTCP());
    await peer.connectToHostAsync('localhost', server.getLocalPort(), { timeoutMs: 5000 }).catch(async () => {
      // localhost may resolve to ::1 first, which this IPv4 server does not serve.
      peer.disconnectFromHost();
      const dual = await sockets.server();
      await peer.connectToHostAsync('localhost', dual.getLocalPort(), { timeoutMs: 5000 });
    });
    expect(peer.getStatus()).toBe(TCPStatus.STATUS_CONNECTED);
  });

  it('connectToHostAsync: abort and timeout reject and disconnect', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const peer = sockets.track(new StreamPeerTCP());
    const timingOut = peer.connectToHostAsync('127.0.0.1', 9, { timeoutMs: 10 });
    vi.advanceTimersByTime(10);
    await expect(timingOut).rejects.toMatchObject({ code: ErrorCode.ERR_TIMEOUT });
    expect(peer.getStatus()).toBe(TCPStatus.STATUS_NONE);
    const controller = new AbortController();
    const aborted = peer.connectToHostAsync('127.0.0.1', 9, { signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    expect(peer.getStatus()).toBe(TCPStatus.STATUS_NONE);
  });

  it('bind() chooses the local port of the next connection; a taken port fails the connect with ERR_ALREADY_IN_USE', async () => {
    const server = await sockets.server();
    const blocker = await sockets.server();
    const peer = sockets.track(new StreamPeerTCP());
    expect(peer.bind(-1)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(peer.bind(0, 'localhost')).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(peer.bind(blocker.getLocalPort(), '127.0.0.1')).toBe(ErrorCode.OK);
    expect(peer.bind(0)).toBe(ErrorCode.ERR_ALREADY_IN_USE);
    await expect(peer.connectToHostAsync('127.0.0.1', server.getLocalPort(), { timeoutMs: 5000 })).rejects.toMatchObject({
      code: ErrorCode.ERR_ALREADY_IN_USE,
    });
    peer.disconnectFromHost();
    const free = await closedPort();
    expect(peer.bind(free, '127.0.0.1')).toBe(ErrorCode.OK);
    await peer.connectToHostAsync('127.0.0.1', server.getLocalPort(), { timeoutMs: 5000 });
    expect(peer.getLocalPort()).toBe(free);
  });
});

describe('StreamPeerTCP reading and writing', () => {
  it('getData takes exactly n bytes, answers ERR_BUSY (consuming nothing) until they arrived', async () => {
    const { client, accepted } = await sockets.pair();
    expect(client.putData(Uint8Array.of(1, 2, 3))).toBe(ErrorCode.OK);
    await accepted.waitForBytes(3, { timeoutMs: 5000 });
    expect(accepted.getAvailableBytes()).toBe(3);
    expect(accepted.getData(4)).toEqual([ErrorCode.ERR_BUSY, new Uint8Array(0)]);
    expect(accepted.getData(2)).toEqual([ErrorCode.OK, Uint8Array.of(1, 2)]);
    expect(accepted.getPartialData(10)).toEqual([ErrorCode.OK, Uint8Array.of(3)]);
    expect(accepted.getPartialData(10)).toEqual([ErrorCode.OK, new Uint8Array(0)]);
    expect(accepted.getData(-1)[0]).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(accepted.getData(accepted.maxReadSize + 1)[0]).toBe(ErrorCode.ERR_INVALID_PARAMETER);
  });

  it('getDataAsync waits for the bytes; waitForBytes times out with ERR_TIMEOUT', async () => {
    const { client, accepted } = await sockets.pair();
    const reading = accepted.getDataAsync(5, { timeoutMs: 5000 });
    client.putData(Uint8Array.of(1, 2));
    client.putData(Uint8Array.of(3, 4, 5, 6));
    expect(await reading).toEqual(Uint8Array.of(1, 2, 3, 4, 5));
    await expect(accepted.waitForBytes(2, { timeoutMs: 10 })).rejects.toMatchObject({ code: ErrorCode.ERR_TIMEOUT });
    await expect(accepted.waitForBytes(accepted.maxReadSize + 1)).rejects.toMatchObject({ code: ErrorCode.ERR_INVALID_PARAMETER });
  });

  it('after the remote closes, the bytes already received stay readable, then status NONE and close', async () => {
    const { client, accepted } = await sockets.pair();
    client.putData(Uint8Array.of(1, 2, 3));
    await accepted.waitForBytes(3, { timeoutMs: 5000 });
    let closes = 0;
    accepted.on('close', () => closes++);
    client.disconnectFromHost();
    const waiting = accepted.waitForBytes(4, { timeoutMs: 5000 });
    await expect(waiting).rejects.toMatchObject({ code: ErrorCode.ERR_FILE_EOF });
    expect(accepted.getStatus()).toBe(TCPStatus.STATUS_CONNECTED);
    expect(accepted.getData(5)).toEqual([ErrorCode.ERR_FILE_EOF, Uint8Array.of(1, 2, 3)]);
    expect(accepted.getStatus()).toBe(TCPStatus.STATUS_NONE);
    expect(closes).toBe(1);
    expect(accepted.getPartialData(1)[0]).toBe(ErrorCode.FAILED);
    expect(accepted.getAvailableBytes()).toBe(-1);
    expect(accepted.putData(Uint8Array.of(1))).toBe(ErrorCode.FAILED);
  });

  it('a remote close with nothing unread: status NONE and close at once', async () => {
    const { client, accepted } = await sockets.pair();
    const closed = new Promise<void>((resolve) => accepted.once('close', () => resolve()));
    client.disconnectFromHost();
    await withTimeout(closed, 5000, 'close');
    expect(accepted.getStatus()).toBe(TCPStatus.STATUS_NONE);
    expect(accepted.poll()).toBe(ErrorCode.OK);
  });

  it('stops reading above readBufferSize, so a fast sender is held back by TCP', async () => {
    const server = await sockets.server({ readBufferSize: 1024 });
    const { socket, accepted } = await sockets.raw(server);
    let mostHeld = 0;
    accepted.on('readable', () => (mostHeld = Math.max(mostHeld, accepted.getAvailableBytes())));
    const data = pattern(4 * 1024 * 1024, 1);
    socket.write(data);
    await until(() => accepted.getAvailableBytes() >= 1024);
    const received = new Uint8Array(data.length);
    let offset = 0;
    while (offset < data.length) {
      const chunk = await accepted.getDataAsync(Math.min(1000, data.length - offset), { timeoutMs: 5000 });
      received.set(chunk, offset);
      offset += chunk.length;
    }
    // Never more than the limit plus one socket read was held here; the rest waited in TCP.
    expect(mostHeld).toBeGreaterThanOrEqual(1024);
    expect(mostHeld).toBeLessThanOrEqual(1024 + 65536);
    expect(received.every((byte, i) => byte === data[i])).toBe(true);
  });

  it('putData answers ERR_BUSY while writeBufferMaxSize bytes wait; putDataAsync waits for the drain', async () => {
    const { client, accepted } = await sockets.pair({ writeBufferMaxSize: 1024, maxReadSize: 64 * 1024 * 1024 });
    const big = pattern(16 * 1024 * 1024, 2);
    expect(client.putData(big)).toBe(ErrorCode.OK); // an empty write buffer takes anything
    expect(client.putData(Uint8Array.of(1))).toBe(ErrorCode.ERR_BUSY);
    expect(client.putPartialData(Uint8Array.of(1))).toEqual([ErrorCode.OK, 0]);
    const sending = client.putDataAsync(Uint8Array.of(7, 7), { timeoutMs: 10_000 });
    const received = await accepted.getDataAsync(big.length + 2, { timeoutMs: 10_000 });
    await sending;
    expect(received.subarray(-2)).toEqual(Uint8Array.of(7, 7));
    expect(client.putPartialData(Uint8Array.of(1, 2))).toEqual([ErrorCode.OK, 2]);
  });

  it('putData copies: changing the array afterwards changes nothing', async () => {
    const { client, accepted } = await sockets.pair();
    const data = Uint8Array.of(1, 2, 3);
    client.putData(data);
    data[0] = 9;
    expect(await accepted.getDataAsync(3, { timeoutMs: 5000 })).toEqual(Uint8Array.of(1, 2, 3));
  });

  it('a connection reset by the peer: status ERROR, error event, unread bytes dropped', async () => {
    const server = await sockets.server();
    const { socket, accepted } = await sockets.raw(server);
    const errors: GodotError[] = [];
    accepted.on('error', (error) => errors.push(error));
    socket.write(Uint8Array.of(1, 2));
    await accepted.waitForBytes(2, { timeoutMs: 5000 });
    socket.resetAndDestroy();
    await until(() => accepted.getStatus() === TCPStatus.STATUS_ERROR);
    expect(errors[0]).toBeInstanceOf(GodotError);
    expect(errors[0]?.code).toBe(ErrorCode.ERR_CONNECTION_ERROR);
    expect(accepted.poll()).toBe(ErrorCode.ERR_CONNECTION_ERROR);
    expect(accepted.getAvailableBytes()).toBe(-1);
  });

  it('setNoDelay works before and after connecting', async () => {
    const server = await sockets.server();
    const peer = sockets.track(new StreamPeerTCP());
    peer.setNoDelay(true);
    await peer.connectToHostAsync('127.0.0.1', server.getLocalPort(), { timeoutMs: 5000 });
    peer.setNoDelay(false);
    const accepted = sockets.track(await server.accept({ timeoutMs: 5000 }));
    peer.put8(1);
    expect(await accepted.getDataAsync(1, { timeoutMs: 5000 })).toEqual(Uint8Array.of(1));
  });
});

describe('StreamPeerTCP from a raw client', () => {
  it('reads what a node:net client writes', async () => {
    const server = await sockets.server();
    const raw = connect(server.getLocalPort(), '127.0.0.1');
    raw.on('error', () => undefined);
    try {
      const accepted = sockets.track(await server.accept({ timeoutMs: 5000 }));
      raw.write(Uint8Array.of(0x2a, 0, 0, 0));
      await accepted.waitForBytes(4, { timeoutMs: 5000 });
      expect(accepted.get32()).toBe(42);
    } finally {
      raw.destroy();
    }
  });
});
