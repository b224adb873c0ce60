/**
 * The optional idle timeout of WebSocket peers (issue 9 §2; off by default, as in Godot): a
 * server sheds clients that send no message. On a ManualClock, so no test waits for it.
 */
import { ErrorCode, ManualClock } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { State, WebSocketMultiplayerPeer, WebSocketPeer } from '../../src/index.js';
import { Opcode } from '../support/raw-client.js';
import { until, useScope } from '../support/scope.js';
import { rawPair } from '../support/raw-pair.js';

const scope = useScope();


describe('idleTimeoutMs (WebSocket)', () => {
  it('drops a connection that sent no message for idleTimeoutMs (Pings do not count)', async () => {
    const clock = new ManualClock();
    const { client, remote, errors } = await rawPair(scope, { clock, idleTimeoutMs: 1000 });
    clock.advance(600);
    client.send(Opcode.BINARY, Uint8Array.of(1));
    await until(() => remote.getAvailablePacketCount() === 1);
    clock.advance(600);
    client.send(Opcode.PING, 'p');
    await client.readFrame();
    expect(remote.getReadyState()).toBe(State.OPEN);
    clock.advance(400);
    await until(() => remote.getReadyState() === State.CLOSED);
    expect(remote.getCloseCode()).toBe(-1);
    expect(errors.map((error) => error.code)).toEqual([ErrorCode.ERR_TIMEOUT]);
    expect(errors[0]?.message).toMatch(/No message received for 1000 ms/);
  });

  it('is off by default, as in Godot', async () => {
    const clock = new ManualClock();
    const { remote } = await rawPair(scope, { clock });
    expect(remote.idleTimeoutMs).toBe(0);
    clock.advance(24 * 3600 * 1000);
    expect(remote.getReadyState()).toBe(State.OPEN);
  });

  it('a WebSocketMultiplayerPeer server gives it to every connection and sheds silent clients', async () => {
    const clock = new ManualClock();
    const server = scope.add(new WebSocketMultiplayerPeer({ clock, idleTimeoutMs: 1000 }), (p) => p.close());
    expect(server.idleTimeoutMs).toBe(1000);
    expect(server.createServer(0, '127.0.0.1')).toBe(ErrorCode.OK);
    await server.waitForConnected({ timeoutMs: 5000 });
    const client = scope.add(new WebSocketMultiplayerPeer(), (p) => p.close());
    expect(client.createClient(`ws://127.0.0.1:${server.getLocalPort()}`)).toBe(ErrorCode.OK);
    await client.waitForConnected({ timeoutMs: 5000 });
    const gone: number[] = [];
    server.on('peerDisconnected', (id) => gone.push(id));
    clock.advance(1000);
    await until(() => gone.length === 1);
    expect(gone).toEqual([client.getUniqueId()]);
  });

  it.each([-1, Number.NaN, 2 ** 31])('refuses idleTimeoutMs %s with ERR_INVALID_PARAMETER', (idleTimeoutMs) => {
    const invalid = expect.objectContaining({ code: ErrorCode.ERR_INVALID_PARAMETER });
    expect(() => new WebSocketPeer({ idleTimeoutMs })).toThrow(invalid);
    expect(() => new WebSocketMultiplayerPeer({ idleTimeoutMs })).toThrow(invalid);
  });
});
