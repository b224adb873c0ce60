/**
 * Godot's `TCPServer.take_connection()` → `WebSocketPeer.accept_stream(conn)` with our own
 * `StreamPeerTCP` (issue 9 §2), and arguments `acceptStream`/`acceptUpgrade` cannot use: refused
 * at the call with `ERR_INVALID_PARAMETER`, never a crash from a timer later.
 */
import { ErrorCode } from '@pp/core';
import { StreamPeerTCP, TCPServer, TCPStatus } from '@pp/stream';
import { describe, expect, it } from 'vitest';
import { State, WebSocketPeer } from '../../src/index.js';
import { until, useScope } from '../support/scope.js';

const scope = useScope();

async function tcpServer(): Promise<TCPServer> {
  const server = scope.add(new TCPServer(), (s) => s.stop());
  await server.listenAsync(0, '127.0.0.1');
  return server;
}

function peer(options: ConstructorParameters<typeof WebSocketPeer>[0] = {}): WebSocketPeer {
  return scope.add(new WebSocketPeer(options), (p) => p.close(-1));
}

describe('WebSocketPeer.acceptStream(StreamPeerTCP)', () => {
  it("takes a StreamPeerTCP from TCPServer.takeConnection(), with the request bytes it already read", async () => {
    const server = await tcpServer();
    const client = peer();
    expect(client.connectToUrl(`ws://127.0.0.1:${server.getLocalPort()}/game`)).toBe(ErrorCode.OK);
    await until(() => server.isConnectionAvailable());
    const conn = scope.add(server.takeConnection() as StreamPeerTCP, (c) => c.close());
    // The handshake request has arrived in the StreamPeerTCP before it is handed over.
    await until(() => conn.getAvailableBytes() > 0);
    const remote = peer();
    expect(remote.acceptStream(conn)).toBe(ErrorCode.OK);
    expect(conn.getStatus()).toBe(TCPStatus.STATUS_NONE);
    await Promise.all([client.waitForOpen({ timeoutMs: 5000 }), remote.waitForOpen({ timeoutMs: 5000 })]);
    expect(remote.getRequestedUrl()).toBe(`ws://127.0.0.1:${server.getLocalPort()}/game`);
    expect(remote.getConnectedHost()).toBe('127.0.0.1');
    expect(client.putPacket(Uint8Array.of(1, 2, 3))).toBe(ErrorCode.OK);
    expect(remote.putVar('hello')).toBe(ErrorCode.OK);
    await Promise.all([remote.waitForPacket({ timeoutMs: 5000 }), client.waitForPacket({ timeoutMs: 5000 })]);
    expect(remote.getPacket()).toEqual(Uint8Array.of(1, 2, 3));
    expect(client.getVar()).toBe('hello');
    remote.close(1000, 'bye');
    await until(() => client.getReadyState() === State.CLOSED);
    expect([client.getCloseCode(), client.getCloseReason()]).toEqual([1000, 'bye']);
  });

  it('refuses a StreamPeerTCP that is not connected, and a busy peer keeps the stream', async () => {
    const server = await tcpServer();
    expect(peer().acceptStream(new StreamPeerTCP())).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    const client = peer();
    client.connectToUrl(`ws://127.0.0.1:${server.getLocalPort()}`);
    const conn = scope.add(await server.accept({ timeoutMs: 5000 }), (c) => c.close());
    const busy = peer();
    busy.connectToUrl(`ws://127.0.0.1:${server.getLocalPort()}`);
    expect(busy.acceptStream(conn)).toBe(ErrorCode.ERR_ALREADY_IN_USE);
    expect(conn.getStatus()).toBe(TCPStatus.STATUS_CONNECTED);
  });

  it.each([
    ['null', null],
    ['a number', 42],
    ['a string', 'socket'],
    ['a plain object', {}],
    ['an emitter-like object', { on: () => undefined, once: () => undefined, off: () => undefined, emit: () => true }],
  ])('refuses %s with ERR_INVALID_PARAMETER at the call, and nothing fails later', async (_name, value) => {
    const remote = peer({ handshakeTimeout: 0.05 });
    expect(remote.acceptStream(value as never)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(remote.acceptUpgrade(value as never, value as never)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(remote.getReadyState()).toBe(State.CLOSED);
    // Past the handshake timeout: no timer was started, so none can throw.
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(remote.getReadyState()).toBe(State.CLOSED);
  });
});
