/** WebSocket timers (handshake timeout, heartbeat, the multiplayer client's id wait) run on the peer's clock. */
import { createServer, type Socket } from 'node:net';
import { ConnectionStatus, ErrorCode, ManualClock } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket as WsClient } from 'ws';
import { State, WebSocketMultiplayerPeer, WebSocketPeer } from '../../src/index.js';
import { nextEvent, until, useScope } from '../support/scope.js';
import { closeServer, listen } from '../support/servers.js';

const scope = useScope();

async function silentServer(): Promise<number> {
  const sockets = new Set<Socket>();
  const silent = scope.add(createServer((socket) => sockets.add(socket)), (s) => closeServer(s, sockets));
  return listen(silent);
}

describe('timers on a ManualClock', () => {
  it('the handshake timeout fires when the clock reaches it', async () => {
    const port = await silentServer();
    const clock = new ManualClock();
    const peer = scope.add(new WebSocketPeer({ clock, handshakeTimeout: 3 }), (p) => p.close(-1));
    peer.connectToUrl(`ws://127.0.0.1:${port}`);
    const failed = peer.waitForOpen({ timeoutMs: 5000 });
    clock.advance(2999);
    expect(peer.getReadyState()).toBe(State.CONNECTING);
    clock.advance(1);
    expect(peer.getReadyState()).toBe(State.CLOSED);
    await expect(failed).rejects.toMatchObject({ code: ErrorCode.ERR_TIMEOUT });
    expect(clock.pending).toBe(0);
  });

  it('the heartbeat pings on every tick of the clock and drops a peer that stops answering', async () => {
    const wss = scope.add(new WebSocketServer({ port: 0, host: '127.0.0.1', autoPong: false }), (w) => {
      for (const c of w.clients) c.terminate();
      return new Promise((r) => w.close(r));
    });
    await nextEvent(wss, 'listening');
    let pings = 0;
    let answer = true;
    wss.on('connection', (ws: WsClient) => ws.on('ping', () => {
      pings++;
      if (answer) ws.pong();
    }));
    const clock = new ManualClock();
    const peer = scope.add(new WebSocketPeer({ clock, heartbeatInterval: 10 }), (p) => p.close(-1));
    peer.connectToUrl(`ws://127.0.0.1:${(wss.address() as { port: number }).port}`);
    await peer.waitForOpen({ timeoutMs: 5000 });
    for (let beat = 1; beat <= 3; beat++) {
      clock.advance(10_000);
      await until(() => pings === beat, `ping ${beat}`);
      // The Pong must be back before the next beat checks for it.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(peer.getReadyState()).toBe(State.OPEN);
    answer = false;
    clock.advance(10_000);
    await until(() => pings === 4, 'ping 4');
    clock.advance(10_000);
    expect(peer.getReadyState()).toBe(State.CLOSED);
    expect(peer.lastError?.message).toMatch(/heartbeat/);
  });

  it('a multiplayer client gives up when no id arrives by handshakeTimeout on its clock', async () => {
    const port = await silentServer();
    const clock = new ManualClock();
    const client = scope.add(new WebSocketMultiplayerPeer({ clock, handshakeTimeout: 2 }), (p) => p.close());
    expect(client.createClient(`ws://127.0.0.1:${port}`)).toBe(ErrorCode.OK);
    const failed = client.waitForConnected();
    clock.advance(1999);
    expect(client.getConnectionStatus()).toBe(ConnectionStatus.CONNECTING);
    clock.advance(1);
    expect(client.getConnectionStatus()).toBe(ConnectionStatus.DISCONNECTED);
    await expect(failed).rejects.toMatchObject({ code: ErrorCode.ERR_TIMEOUT });
  });
});
