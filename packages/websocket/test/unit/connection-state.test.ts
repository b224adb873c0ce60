/**
 * What an accepted connection keeps is small (one idle server holds thousands): defaults shared
 * between peers, addresses read once, a multiplayer server told of its connections through one
 * shared object. These check that none of that shows: each peer keeps its own settings and
 * state, and the order of events is the order of listeners.
 */
import { connect, createServer, type Server } from 'node:net';
import { ErrorCode, ManualClock } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { State, WebSocketMultiplayerPeer, WebSocketPeer, WriteMode } from '../../src/index.js';
import { Opcode, RawClient } from '../support/raw-client.js';
import { until, useScope } from '../support/scope.js';

const scope = useScope();

/** A TCP server whose connections `peerFor()` accepts, and the peers it made. */
async function streamServer(peerFor: () => WebSocketPeer): Promise<{ port: number; peers: WebSocketPeer[] }> {
  const peers: WebSocketPeer[] = [];
  const server: Server = scope.add(createServer((socket) => {
    const peer = peerFor();
    peers.push(peer);
    peer.acceptStream(socket);
  }), (s) => {
    for (const peer of peers) peer.close(-1);
    return new Promise<void>((resolve) => s.close(() => resolve()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as { port: number }).port, peers };
}

async function rawClient(port: number, path = '/'): Promise<RawClient> {
  const { client } = await RawClient.handshake(port, [], path);
  return scope.add(client, (c) => c.socket.destroy());
}

describe('per-connection state', () => {
  it('idleTimeoutMs set as a property on one peer applies to it alone', async () => {
    const clock = new ManualClock();
    let made = 0;
    const { port, peers } = await streamServer(() => {
      const peer = new WebSocketPeer({ clock });
      if (made++ === 0) peer.idleTimeoutMs = 1000;
      return peer;
    });
    await rawClient(port);
    await rawClient(port);
    await until(() => peers.length === 2 && peers.every((p) => p.getReadyState() === State.OPEN));
    const [timed, untimed] = peers as [WebSocketPeer, WebSocketPeer];
    expect(timed.idleTimeoutMs).toBe(1000);
    expect(untimed.idleTimeoutMs).toBe(0);
    clock.advance(1000);
    await until(() => timed.getReadyState() === State.CLOSED);
    expect(timed.lastError?.code).toBe(ErrorCode.ERR_TIMEOUT);
    expect(untimed.getReadyState()).toBe(State.OPEN);
  });

  it('a refused idleTimeoutMs leaves a default peer as it was', () => {
    const peer = new WebSocketPeer();
    expect(() => (peer.idleTimeoutMs = -1)).toThrow(expect.objectContaining({ code: ErrorCode.ERR_INVALID_PARAMETER }));
    expect(peer.idleTimeoutMs).toBe(0);
    peer.idleTimeoutMs = 0;
    expect(peer.idleTimeoutMs).toBe(0);
    peer.idleTimeoutMs = 250;
    peer.idleTimeoutMs = 0;
    expect(peer.idleTimeoutMs).toBe(0);
    expect(new WebSocketPeer().idleTimeoutMs).toBe(0);
  });

  it('keeps the address, port and requested URL after the connection closed', async () => {
    const { port, peers } = await streamServer(() => new WebSocketPeer());
    const client = await rawClient(port, '/room/7?x=1');
    await until(() => peers[0]?.getReadyState() === State.OPEN);
    const peer = peers[0] as WebSocketPeer;
    const expected = { host: '127.0.0.1', port: client.socket.localPort, url: `ws://127.0.0.1:${port}/room/7?x=1` };
    expect({ host: peer.getConnectedHost(), port: peer.getConnectedPort(), url: peer.getRequestedUrl() }).toEqual(expected);
    client.send(Opcode.CLOSE, Uint8Array.of(0x03, 0xe8));
    await until(() => peer.getReadyState() === State.CLOSED);
    expect({ host: peer.getConnectedHost(), port: peer.getConnectedPort(), url: peer.getRequestedUrl() }).toEqual(expected);
    expect(peer.getCloseCode()).toBe(1000);
  });

  it('a multiplayer server hears of a connection before the connection\'s own listeners', async () => {
    const server = scope.add(new WebSocketMultiplayerPeer(), (p) => p.close());
    expect(server.createServer(0, '127.0.0.1')).toBe(ErrorCode.OK);
    await server.waitForConnected({ timeoutMs: 5000 });
    const order: string[] = [];
    server.on('peerConnected', (id) => {
      const child = server.getPeer(id);
      child?.on('close', () => order.push(`child close, joined: ${server.getPeer(id) !== null}`));
      child?.on('open', () => order.push('child open'));
      order.push('peerConnected');
    });
    server.on('peerDisconnected', () => order.push('peerDisconnected'));
    const client = await rawClient(server.getLocalPort());
    expect((await client.readFrame()).payload.length).toBe(4);
    await until(() => order.includes('peerConnected'));
    client.send(Opcode.CLOSE, Uint8Array.of(0x03, 0xe8));
    await until(() => order.length === 3).catch((error: unknown) => {
      throw new Error(`${String(error)}: ${order.join(', ')}`);
    });
    expect(order).toEqual(['peerConnected', 'peerDisconnected', 'child close, joined: false']);
    // Once closed, the connection is no longer the server's: a new one on it would not join.
    await client.readClose().catch(() => undefined);
  });

  it('a setting changed on one connection of a server stays with it; a server change reaches only later connections', async () => {
    const server = scope.add(new WebSocketMultiplayerPeer({ handshakeTimeout: 30, supportedProtocols: ['game'] }), (p) => p.close());
    expect(server.createServer(0, '127.0.0.1')).toBe(ErrorCode.OK);
    await server.waitForConnected({ timeoutMs: 5000 });
    const ids: number[] = [];
    server.on('peerConnected', (id) => ids.push(id));
    const join = async (): Promise<WebSocketPeer> => {
      const count = ids.length;
      const { client } = await RawClient.handshake(server.getLocalPort(), ['Sec-WebSocket-Protocol: game']);
      scope.add(client, (c) => c.socket.destroy());
      await until(() => ids.length === count + 1);
      return server.getPeer(ids[count] as number) as WebSocketPeer;
    };
    const [a, b] = [await join(), await join()];
    a.outboundBufferSize = 10;
    a.supportedProtocols = ['other'];
    expect([a.outboundBufferSize, b.outboundBufferSize, server.outboundBufferSize]).toEqual([10, 65535, 65535]);
    expect([a.supportedProtocols, b.supportedProtocols, server.supportedProtocols]).toEqual([['other'], ['game'], ['game']]);
    expect(b.handshakeTimeout).toBe(30);
    expect(a.send(new Uint8Array(11))).toBe(ErrorCode.ERR_OUT_OF_MEMORY);
    expect(b.send(new Uint8Array(11))).toBe(ErrorCode.OK);
    // The getters hand out copies: changing one changes no peer.
    b.supportedProtocols.push('changed');
    expect(b.supportedProtocols).toEqual(['game']);
    server.maxQueuedPackets = 7;
    server.handshakeHeaders = ['X-Room: 1'];
    const c = await join();
    expect([a.maxQueuedPackets, b.maxQueuedPackets, c.maxQueuedPackets]).toEqual([4096, 4096, 7]);
    expect([b.handshakeHeaders, c.handshakeHeaders]).toEqual([[], ['X-Room: 1']]);
    expect([c.outboundBufferSize, c.supportedProtocols, c.handshakeTimeout]).toEqual([65535, ['game'], 30]);
  });

  it('a setting changed on one default peer leaves every other peer on the defaults', () => {
    const [changed, other] = [new WebSocketPeer(), new WebSocketPeer()];
    changed.outboundWriteMode = WriteMode.TEXT;
    changed.inboundBufferSize = 100;
    changed.heartbeatInterval = 2;
    changed.handshakeHeaders = ['X-A: 1'];
    expect([changed.outboundWriteMode, changed.inboundBufferSize, changed.heartbeatInterval, changed.handshakeHeaders])
      .toEqual([WriteMode.TEXT, 100, 2, ['X-A: 1']]);
    for (const peer of [other, new WebSocketPeer()]) {
      expect([peer.outboundWriteMode, peer.inboundBufferSize, peer.heartbeatInterval, peer.handshakeHeaders, peer.supportedProtocols])
        .toEqual([WriteMode.BINARY, 65535, 0, [], []]);
    }
    expect(() => (other.maxQueuedPackets = 0)).toThrow(expect.objectContaining({ code: ErrorCode.ERR_INVALID_PARAMETER }));
    expect(new WebSocketPeer().maxQueuedPackets).toBe(4096);
  });

  it('a server on every address reports a client\'s address as Node does (IPv4-mapped on a dual-stack socket)', async () => {
    // What Node reports for a client of a plain TCP server listening the same way ('*': no host).
    const plain: Server = scope.add(createServer(), (p) => new Promise<void>((resolve) => p.close(() => resolve())));
    await new Promise<void>((resolve) => plain.listen({ port: 0 }, resolve));
    const seen = new Promise<string>((resolve) => plain.once('connection', (socket) => {
      resolve(socket.remoteAddress ?? '');
      socket.destroy();
    }));
    scope.add(connect((plain.address() as { port: number }).port, '127.0.0.1').on('error', () => undefined), (c) => c.destroy());
    const expected = await seen;
    const server = scope.add(new WebSocketMultiplayerPeer(), (p) => p.close());
    expect(server.createServer(0)).toBe(ErrorCode.OK);
    let id = 0;
    server.on('peerConnected', (peer) => (id = peer));
    await rawClient(server.getLocalPort());
    await until(() => id !== 0);
    expect(server.getPeerAddress(id)).toBe(expected);
    expect(server.getPeer(id)?.getConnectedHost()).toBe(expected);
  });

  it('peers made with equal options keep their own settings; each sends its own handshake headers', async () => {
    const options = { handshakeHeaders: ['X-Room: 1'], supportedProtocols: ['game'], outboundBufferSize: 500 };
    const [x, y] = [new WebSocketPeer(options), new WebSocketPeer(options)];
    x.outboundBufferSize = 100;
    expect([x.outboundBufferSize, y.outboundBufferSize, new WebSocketPeer(options).outboundBufferSize]).toEqual([100, 500, 500]);
    const z = new WebSocketPeer({ ...options, handshakeHeaders: ['X-Room: 2'] });
    expect([y.handshakeHeaders, z.handshakeHeaders]).toEqual([['X-Room: 1'], ['X-Room: 2']]);
    // What each client writes in its request (the server never answers).
    const requests: string[] = [];
    const server: Server = scope.add(createServer((socket) => {
      const at = requests.push('') - 1;
      socket.on('data', (chunk: Buffer) => (requests[at] += chunk.toString('latin1')));
    }), (sv) => new Promise<void>((resolve) => sv.close(() => resolve())));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    for (const peer of [y, z]) {
      scope.add(peer, (p) => p.close(-1));
      const count = requests.length;
      expect(peer.connectToUrl(`ws://127.0.0.1:${(server.address() as { port: number }).port}/`)).toBe(ErrorCode.OK);
      await until(() => requests[count]?.includes('\r\n\r\n') === true);
    }
    expect(requests.map((r) => /x-room: (\d)/i.exec(r)?.[1])).toEqual(['1', '2']);
  });
});
