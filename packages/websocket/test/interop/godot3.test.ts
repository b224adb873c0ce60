/**
 * Godot 3.2.3 (headless) with `gd_mp_api = false`: its WebSocketClient against our
 * WebSocketPeer server, and our WebSocketPeer client against its WebSocketServer, speaking the
 * Godot 3 Variant format (`format: 'godot3'`).
 */
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { ErrorCode, varToBytes } from '@pp/core';
import { startGodot3, type GodotHandle } from '@pp/interop';
import { describeWithGodot3 } from '@pp/interop/vitest';
import { expect, it } from 'vitest';
import { State, WebSocketPeer } from '../../src/index.js';
import { withTimeout } from '../support/scope.js';
import { closeServer, listen } from '../support/servers.js';
import { GODOT3_VALUES } from '../support/variants.js';

const script = (name: string, port: number): string =>
  readFileSync(new URL(`./godot/${name}`, import.meta.url), 'utf8').replaceAll('__PORT__', String(port));

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

async function nextPacket(peer: WebSocketPeer): Promise<{ data: Uint8Array; text: boolean }> {
  await peer.waitForPacket({ timeoutMs: 10_000 });
  const data = peer.getPacket();
  return { data, text: peer.wasStringPacket() };
}

async function finish(handle: GodotHandle, failure: unknown): Promise<void> {
  if (handle.running) await handle.stop();
  if (failure instanceof Error) failure.message += `\n--- Godot output ---\n${handle.output.tail(60)}`;
}

/** Every value out, Godot's `put_var` of what it decoded back: byte-identical. */
async function echoVars(peer: WebSocketPeer): Promise<boolean[]> {
  peer.sendText(`cmd:vars ${GODOT3_VALUES.length}`);
  for (const [, value] of GODOT3_VALUES) expect(peer.putVar(value)).toBe(ErrorCode.OK);
  const same: boolean[] = [];
  for (const [, value] of GODOT3_VALUES) {
    const { data, text } = await nextPacket(peer);
    expect(text).toBe(false);
    same.push(hex(data) === hex(varToBytes(value, { format: 'godot3' })));
  }
  return same;
}

describeWithGodot3('Godot 3.2.3', () => {
  it('its WebSocketClient against our server: sub-protocol, custom headers, put_var, text and binary, our close code', async () => {
    const accepted: WebSocketPeer[] = [];
    let headers: IncomingHttpHeaders | undefined;
    const http = createHttpServer();
    http.on('upgrade', (request, socket, head: Buffer) => {
      headers = request.headers;
      const peer = new WebSocketPeer({ format: 'godot3', supportedProtocols: ['pp-test'] });
      peer.acceptUpgrade(request, socket, head);
      accepted.push(peer);
    });
    const port = await listen(http);
    const handle = await startGodot3({ script: script('godot3_client.gd', port), timeoutMs: 30_000 });
    try {
      await handle.waitForTag('open', 10_000);
      const peer = accepted[0] as WebSocketPeer;
      await peer.waitForOpen({ timeoutMs: 5000 });
      expect(peer.getSelectedProtocol()).toBe('pp-test');
      expect(headers?.['x-godot']).toBe('3');
      expect(headers?.['sec-websocket-protocol']).toBe('nope,pp-test');
      expect(await echoVars(peer)).toEqual(GODOT3_VALUES.map(() => true));

      peer.putPacket(Uint8Array.of(9, 8, 7));
      peer.sendText('héllo ✓ from node');
      peer.sendText('cmd:text');
      peer.sendText('cmd:binary');
      const texts = [await nextPacket(peer), await nextPacket(peer)];
      expect(texts.map(({ data, text }) => [hex(data), text])).toEqual([
        [hex(new TextEncoder().encode('héllo ✓ from godot 3')), true],
        ['010203fa', false],
      ]);
      const closed = new Promise<void>((resolve) => peer.once('close', resolve));
      peer.close(4003, 'node says bye');
      await withTimeout(closed, 10_000, 'the closing handshake');
      // Godot 3 answers with the same code (its reason is empty).
      expect(peer.getCloseCode()).toBe(4003);

      const run = await handle.finished;
      expect(run.tagged('connect')).toEqual(['0']);
      // Godot 3.2.3's WebSocketPeer writes binary frames by default (write_mode 1).
      expect(run.taggedText('open')).toEqual(['pp-test|1']);
      expect(run.tagged('var')).toEqual(GODOT3_VALUES.map(([type]) => `${type}|False|0`));
      expect(run.taggedBytes('binary')).toEqual([Uint8Array.of(9, 8, 7)]);
      expect(run.taggedText('text')).toEqual(['héllo ✓ from node']);
      expect(run.tagged('sent_text')).toEqual(['0']);
      expect(run.tagged('sent_binary')).toEqual(['0']);
      expect(run.taggedText('close_request')).toEqual(['4003|node says bye']);
      expect(run.tagged('closed')).toEqual(['True']);
      expect(run.errors).toEqual([]);
    } catch (error) {
      await finish(handle, error);
      throw error;
    } finally {
      await finish(handle, undefined);
      for (const peer of accepted) peer.close(-1);
      await closeServer(http);
    }
  });

  it('our clients against its WebSocketServer: sub-protocol, put_var, text, close codes both ways', async () => {
    // Godot 3 cannot report the port it bound, so pick a free one first.
    const probe = createServer();
    const port = await listen(probe);
    await closeServer(probe);
    const handle = await startGodot3({ script: script('godot3_server.gd', port), timeoutMs: 30_000 });
    const client = new WebSocketPeer({ format: 'godot3', supportedProtocols: ['pp-test'], handshakeHeaders: ['X-Node: 1'] });
    const others: WebSocketPeer[] = [];
    try {
      expect(await handle.waitForTag('listen', 10_000)).toBe('0');
      expect(client.connectToUrl(`ws://127.0.0.1:${port}/`)).toBe(ErrorCode.OK);
      await client.waitForOpen({ timeoutMs: 10_000 });
      expect(client.getSelectedProtocol()).toBe('pp-test');
      expect(await echoVars(client)).toEqual(GODOT3_VALUES.map(() => true));
      client.sendText('héllo ✓ from node');
      client.putPacket(new Uint8Array(1000));
      client.sendText('cmd:text');
      const text = await nextPacket(client);
      expect([new TextDecoder().decode(text.data), text.text]).toEqual(['héllo ✓ from godot 3', true]);
      const closed = new Promise<void>((resolve) => client.once('close', resolve));
      client.sendText('cmd:close 4002 godot3 server says bye');
      await withTimeout(closed, 10_000, 'Godot 3 disconnecting us');
      // Godot 3.2.3 sends its reason with a trailing NUL, which is cut off as Godot does.
      expect([client.getCloseCode(), client.getCloseReason()]).toEqual([4002, 'godot3 server says bye']);
      expect(client.getReadyState()).toBe(State.CLOSED);

      // A second client closes the connection itself.
      const second = new WebSocketPeer({ supportedProtocols: ['pp-test'] });
      others.push(second);
      second.connectToUrl(`ws://127.0.0.1:${port}/`);
      await second.waitForOpen({ timeoutMs: 10_000 });
      const secondClosed = new Promise<void>((resolve) => second.once('close', resolve));
      second.close(4004, 'node client says bye');
      await withTimeout(secondClosed, 10_000, 'the closing handshake');
      expect(second.getCloseCode()).toBe(4004);

      const run = await handle.finished;
      expect(run.taggedText('connected')).toEqual(['pp-test|1', 'pp-test|1']);
      expect(run.tagged('var')).toEqual(GODOT3_VALUES.map(([type]) => `${type}|False|0`));
      expect(run.taggedText('text')).toEqual(['héllo ✓ from node']);
      expect(run.tagged('binary')).toEqual(['1000']);
      expect(run.taggedText('close_request')).toEqual(['4004|node client says bye']);
      // Godot 3.2.3 calls a close it started itself (disconnect_peer) unclean, one the client
      // started clean, although both closing handshakes complete.
      expect(run.tagged('disconnected')).toEqual(['False', 'True']);
      expect(run.errors).toEqual([]);
    } catch (error) {
      await finish(handle, error);
      throw error;
    } finally {
      await finish(handle, undefined);
      client.close(-1);
      for (const other of others) other.close(-1);
    }
  });
});
