/**
 * Godot 4.6 (official web build, in headless Chromium) against our Node server: its
 * WebSocketPeer clients, and three of its WebSocketMultiplayerPeer clients at once. Each test is
 * one engine run; the GDScript lives in ./godot/.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { EncodedObjectAsID, ErrorCode, bytesToVar, varToBytes } from '@pp/core';
import { decodeBase64, startGodot4, type GodotHandle } from '@pp/interop';
import { describeWithGodot4 } from '@pp/interop/vitest';
import { expect, it } from 'vitest';
import { WebSocketMultiplayerPeer, type WebSocketPeer } from '../../src/index.js';
import { until, withTimeout } from '../support/scope.js';
import { serveStream } from '../support/servers.js';
import { GODOT4_VALUES } from '../support/variants.js';

const script = (name: string, port: number): string =>
  readFileSync(new URL(`./godot/${name}`, import.meta.url), 'utf8').replaceAll('__PORT__', String(port));

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const pattern = (size: number): Uint8Array => Uint8Array.from({ length: size }, (_, i) => i % 251);

async function nextPacket(peer: WebSocketPeer): Promise<{ data: Uint8Array; text: boolean }> {
  await peer.waitForPacket({ timeoutMs: 10_000 });
  const data = peer.getPacket();
  return { data, text: peer.wasStringPacket() };
}

/** Stops the engine if the test failed before it finished, adding what it printed to the failure. */
async function finish(handle: GodotHandle, failure: unknown): Promise<void> {
  if (handle.running) await handle.stop();
  if (failure instanceof Error) failure.message += `\n--- Godot output ---\n${handle.output.tail(100)}`;
}

describeWithGodot4('Godot 4.6 web build', () => {
  it('WebSocketPeer clients: sub-protocols, every Variant type both ways, text, size limits, close codes both ways', async () => {
    const server = await serveStream({
      supportedProtocols: ['pp-test'],
      handshakeHeaders: ['X-PP-Server: yes'],
      outboundBufferSize: 0,
    });
    const handle = await startGodot4({ script: script('websocket_peer_client.gd', server.port), timeoutMs: 40_000 });
    const results: Record<string, unknown> = {};
    try {
      // Every connection: /svclose is closed by us at once, /main runs the cases below.
      const byPath = new Map<string, WebSocketPeer>();
      let resolveMain: (peer: WebSocketPeer) => void = () => undefined;
      const main = new Promise<WebSocketPeer>((resolve) => (resolveMain = resolve));
      server.onPeer((peer) => {
        peer.once('open', () => {
          const path = new URL(peer.getRequestedUrl()).pathname;
          byPath.set(path, peer);
          // Each connection says hello once Godot has seen it open.
          const hello = peer.waitForPacket({ timeoutMs: 10_000 }).then(() => new TextDecoder().decode(peer.getPacket()));
          if (path === '/svclose') void hello.then(() => peer.close(4002, 'node says bye'));
          if (path === '/main') void hello.then((text) => (results['hello'] = text)).then(() => resolveMain(peer));
        });
        peer.once('error', (error) => (results['refused'] = error.message));
      });
      const peer = await withTimeout(main, 30_000, 'the main connection');
      expect(results['hello']).toBe('hello from main');
      results['protocol'] = peer.getSelectedProtocol();
      results['requestedUrl'] = peer.getRequestedUrl();

      // Every Variant type: Godot decodes ours with get_var and sends it back with put_var.
      peer.sendText(`cmd:vars ${GODOT4_VALUES.length}`);
      for (const [, value] of GODOT4_VALUES) expect(peer.putVar(value)).toBe(ErrorCode.OK);
      const echoes: Uint8Array[] = [];
      for (let i = 0; i < GODOT4_VALUES.length; i++) {
        const { data, text } = await nextPacket(peer);
        expect(text).toBe(false);
        echoes.push(data);
      }
      results['echoes'] = echoes.map((bytes, i) => {
        const [type, value] = GODOT4_VALUES[i] ?? ['', null];
        // An object id arrives as an EncodedObjectAsID instance; put_var sends that instance's own id.
        if (type === 'Object') return bytesToVar(bytes) instanceof EncodedObjectAsID;
        return sha256(bytes) === sha256(varToBytes(value));
      });

      // Sizes towards Godot: 65535 fits its inbound buffer, 65536 does not. Godot's web build
      // drops what arrives while its buffer is full, so the big one must be read first.
      expect(peer.putPacket(pattern(65535))).toBe(ErrorCode.OK);
      await handle.waitForTag('binary', 10_000);
      expect(peer.putPacket(pattern(65536))).toBe(ErrorCode.OK);
      expect(peer.putPacket(pattern(1000))).toBe(ErrorCode.OK);
      expect(peer.sendText('héllo from node ✓')).toBe(ErrorCode.OK);

      // Sizes from Godot, then text frames from Godot.
      peer.sendText('cmd:send 65534,65535,65536');
      const fromGodot = await nextPacket(peer);
      results['fromGodot'] = [fromGodot.data.length, sha256(fromGodot.data) === sha256(pattern(fromGodot.data.length))];
      peer.sendText('cmd:text');
      const texts = [await nextPacket(peer), await nextPacket(peer)];
      results['texts'] = texts.map(({ data, text }) => [new TextDecoder().decode(data), text]);

      const closed = new Promise<void>((resolve) => peer.once('close', resolve));
      peer.sendText('cmd:close 4001 godot says bye');
      await withTimeout(closed, 10_000, 'Godot closing');
      results['closeFromGodot'] = [peer.getCloseCode(), peer.getCloseReason()];

      const run = await handle.finished;
      const lines = (tag: string): string[] => run.taggedText(tag);
      expect(lines('defaults')).toEqual(['65535,65535,4096,0.0']);
      expect(lines('mp_defaults')).toEqual(['65535,65535,4096,3.0']);
      expect(lines('connect')).toEqual(['main|0', 'svclose|0', 'badproto|0']);
      expect(lines('open').sort()).toEqual([
        `main|pp-test|ws://127.0.0.1:${server.port}/main?x=1`,
        `svclose|pp-test|ws://127.0.0.1:${server.port}/svclose`,
      ]);
      expect(results['protocol']).toBe('pp-test');
      expect(results['requestedUrl']).toBe(`ws://127.0.0.1:${server.port}/main?x=1`);
      expect(lines('var')).toEqual(GODOT4_VALUES.map(([type]) => `${type}|false|0`));
      expect(results['echoes']).toEqual(GODOT4_VALUES.map(() => true));
      // The 65536-byte message does not fit Godot's web inbound buffer and is dropped.
      expect(lines('binary')).toEqual([
        `main|65535|${sha256(pattern(65535))}`,
        `main|1000|${sha256(pattern(1000))}`,
      ]);
      expect(lines('text')).toEqual(['main|héllo from node ✓']);
      // Godot's web build refuses a message of outbound_buffer_size bytes or more.
      expect(lines('sent')).toEqual(['65534|0', '65535|6', '65536|6']);
      expect(results['fromGodot']).toEqual([65534, true]);
      expect(lines('sent_text')).toEqual(['0|0']);
      expect(results['texts']).toEqual([['héllo ✓ from godot', true], ['raw text', true]]);
      expect(results['closeFromGodot']).toEqual([4001, 'godot says bye']);
      expect(lines('closed').sort()).toEqual([
        'badproto|1006|',
        'main|4001|godot says bye',
        'svclose|4002|node says bye',
      ]);
      expect(results['refused']).toMatch(/No common sub-protocol/);
      expect(byPath.get('/svclose')?.getCloseCode()).toBe(4002);
      // The web build cannot send custom headers; it drops the oversized message and refuses
      // the two oversized sends with an engine error each, and nothing else goes wrong.
      expect(run.warnings.map((entry) => entry.message)).toEqual(['Custom headers are not supported in Web platform.']);
      expect(run.errors.map((entry) => entry.message.slice(0, 26))).toEqual([
        'Buffer payload full! Dropp', 'Condition "outbound_buffer', 'Condition "outbound_buffer',
      ]);
    } catch (error) {
      await finish(handle, error);
      throw error;
    } finally {
      await finish(handle, undefined);
      await server.close();
    }
  }, 60_000);

  it('three WebSocketMultiplayerPeer clients at once: ids, targeted and broadcast packets, leaving, being disconnected', async () => {
    const server = new WebSocketMultiplayerPeer();
    server.createServer(0, '127.0.0.1');
    await server.waitForConnected({ timeoutMs: 5000 });
    const joined: number[] = [];
    const left: number[] = [];
    server.on('peerConnected', (id) => joined.push(id));
    server.on('peerDisconnected', (id) => left.push(id));
    const handle = await startGodot4({ script: script('multiplayer_clients.gd', server.getLocalPort()), timeoutMs: 40_000 });
    try {
      // Each client says hello with the id the server gave it; packets are attributed to it.
      const ids = new Map<number, number>();
      while (ids.size < 3) {
        await server.waitForPacket({ timeoutMs: 15_000 });
        const from = server.getPacketPeer();
        const hello = server.getVar() as [string, number, number];
        expect(hello[0]).toBe('hello');
        expect(hello[2]).toBe(from);
        ids.set(hello[1], from);
      }
      expect([...ids.values()].sort()).toEqual([...joined].sort());
      const id = (index: number): number => ids.get(index) ?? 0;

      const got = async (count: number): Promise<Array<[number, number, unknown]>> => {
        const out: Array<[number, number, unknown]> = [];
        for (let i = 0; i < count; i++) out.push(bytesToVar(decodeBase64(await handle.waitForTag('got', 10_000))) as [number, number, unknown]);
        return out.sort((a, b) => a[0] - b[0]);
      };
      server.setTargetPeer(id(0));
      server.putVar('for 0');
      server.setTargetPeer(0);
      server.putVar('for all');
      server.setTargetPeer(-id(1));
      server.putVar('not for 1');
      expect(await got(6)).toEqual([
        [0, 1, 'for 0'], [0, 1, 'for all'], [0, 1, 'not for 1'], [1, 1, 'for all'], [2, 1, 'for all'], [2, 1, 'not for 1'],
      ]);

      // Client 2 leaves; the others still get broadcasts.
      server.setTargetPeer(id(2));
      server.putVar('leave');
      expect(await got(1)).toEqual([[2, 1, 'leave']]);
      await until(() => left.length === 1, 'the server seeing client 2 leave', 10_000);
      expect(left).toEqual([id(2)]);
      server.setTargetPeer(0);
      server.putVar('after 2 left');
      expect(await got(2)).toEqual([[0, 1, 'after 2 left'], [1, 1, 'after 2 left']]);

      // The server disconnects client 1, then closes.
      server.disconnectPeer(id(1));
      await until(() => left.length === 2, 'the server seeing client 1 go', 10_000);
      server.close();
      const run = await handle.finished;
      expect(run.tagged('create')).toEqual(['0|0', '1|0', '2|0']);
      expect(run.tagged('peer_connected').sort()).toEqual(['0|1', '1|1', '2|1']);
      // A client that closes itself gets no peer_disconnected; the two that were dropped do.
      expect(run.tagged('peer_disconnected').sort()).toEqual(['0|1', '1|1']);
      for (const [index, assigned] of ids) {
        expect(run.tagged('status').filter((line) => line.startsWith(`${index}|`))).toEqual([
          `${index}|1|0`, `${index}|2|${assigned}`, `${index}|0|0`,
        ]);
      }
      expect(run.errors).toEqual([]);
    } catch (error) {
      await finish(handle, error);
      throw error;
    } finally {
      await finish(handle, undefined);
      server.close();
    }
  }, 60_000);
});
