/**
 * What an accepted connection keeps is small (one idle server holds thousands): defaults shared
 * between peers, addresses read once, a multiplayer server told of its connections through one
 * shared object. These check that none of that shows: each peer keeps its own settings and
 * state, and the order of events is the order of listeners.
 */
import { createServer, type Server } from 'node:net';
import { ErrorCode, ManualClock } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { State, WebSocketMultiplayerPeer, WebSocketPeer } from '../../src/index.js';
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
});
