/**
 * Step 7: a TypeScript SceneMultiplayer server for a stock Godot 4.6 game (./game/, official web
 * build in Chromium, over WebSocketMultiplayerPeer). The declaration is what the importer makes
 * of the game's own files (test/support/arena-godot.generated.ts; importer.test.ts checks it is
 * current). Three clients: alice and bob are accepted, mallory refused.
 */
import { ErrorCode, Vector2 } from '@pp/core';
import { decodeBase64Text, startGodot4Project, type GodotHandle } from '@pp/interop';
import { describeWithGodot4 } from '@pp/interop/vitest';
import { WebSocketMultiplayerPeer } from '@pp/websocket';
import { expect, it } from 'vitest';
import { SceneMultiplayer, type DropReport, type SceneInstance } from '../../src/index.js';
import { importProject } from '../../src/importer/index.js';
import { Player, game } from '../support/arena-godot.generated.js';
import { gameFiles } from '../support/godot-game.js';
import { readGodotProject } from '@pp/interop';

const GAME = new URL('./game/', import.meta.url);

async function until(condition: () => boolean, what: string, handles: GodotHandle[], ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${handles.map((h) => h.output.tail(30)).join('\n---\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describeWithGodot4('SceneMultiplayer: a TS server for a Godot 4.6 game', () => {
  it('auth accepted and refused, RPCs both ways, send_bytes, spawn/SYNC/DELTA/despawn, relay between two Godot clients', async () => {
    expect(importProject(readGodotProject(GAME.pathname)).warnings).toEqual([]);
    const transport = new WebSocketMultiplayerPeer();
    transport.createServer(0, '127.0.0.1');
    await transport.waitForConnected({ timeoutMs: 5000 });
    const mp = new SceneMultiplayer({ game, multiplayerPeer: transport });
    const dropped: DropReport[] = [];
    mp.on('dropped', (r) => dropped.push(r));
    const mismatches: string[] = [];
    mp.on('checksumMismatch', (m) => mismatches.push(m.message));
    const byToken = new Map<string, number>();
    const players = new Map<number, SceneInstance>();
    const hellos: unknown[] = [];
    const raw: string[] = [];
    const inputs: string[] = [];
    mp.authCallback = (id, data) => {
      const token = new TextDecoder().decode(data);
      if (token === 'alice' || token === 'bob') {
        byToken.set(token, id);
        mp.sendAuth(id, new TextEncoder().encode('welcome'));
        mp.completeAuth(id);
      } else {
        mp.sendAuth(id, new TextEncoder().encode('go away'));
        setTimeout(() => mp.disconnectPeer(id), 50);
      }
    };
    mp.onRpc('Main', 'hello', (ctx, name, level, ratio, at) => {
      hellos.push([name, level, ratio, at]);
      const index = players.size;
      players.set(ctx.sender, mp.spawn('Main/PlayerSpawner', Player, {
        name: String(ctx.sender),
        props: { '.': { position: new Vector2(10 * (index + 1), 20), nick: name } },
      }));
      mp.rpc('Main', 'welcome', ctx.sender, `hello ${name}`, mp.getPeers(), 1.5);
    });
    mp.on('peerPacket', (id, bytes) => raw.push(`${id}|${new TextDecoder().decode(bytes)}`));
    mp.on('synchronized', (sync) => {
      if (sync.name === 'InputSync') inputs.push(`${sync.instance?.name}|${String(sync.get('direction'))}`);
    });
    mp.on('peerDisconnected', (id) => {
      const player = players.get(id);
      if (player) mp.despawn(player);
      players.delete(id);
    });
    mp.start(10);

    const handles: GodotHandle[] = [];
    try {
      const start = (token: string): Promise<GodotHandle> =>
        startGodot4Project({ files: gameFiles(GAME, 'game.gd', { PORT: transport.getLocalPort(), TOKEN: token }), timeoutMs: 60_000 });
      const alice = await start('alice');
      handles.push(alice);
      await until(() => players.size === 1, 'alice spawned', handles);
      const [bob, mallory] = await Promise.all([start('bob'), start('mallory')]);
      handles.push(bob, mallory);
      await until(() => players.size === 2, 'bob spawned', handles);
      const a = byToken.get('alice') as number;
      const b = byToken.get('bob') as number;
      await alice.waitForLine((l) => l.tag === 'ready' && l.payload?.startsWith(`${b}|`) === true, 15_000);
      await bob.waitForLine((l) => l.tag === 'ready' && l.payload?.startsWith(`${a}|`) === true, 15_000);

      // SYNC (position) and DELTA (hp) of alice's player, seen by both.
      const pa = players.get(a) as SceneInstance;
      pa.root.set('position', new Vector2(33, 44));
      pa.root.set('hp', 75);
      for (const h of [alice, bob]) {
        await h.waitForLine((l) => l.tag === 'sync' && l.payload === `${a}|33,44`, 10_000);
        await h.waitForLine((l) => l.tag === 'delta' && l.payload === `${a}|75`, 10_000);
      }
      // An RPC on a spawned node, typed.
      expect(mp.rpc(pa.root, 'hit', a, 12)).toBe(ErrorCode.OK);
      await alice.waitForTag('hit', 10_000);
      // The client owns its input synchronizer: path-based SYNC to the server (and to bob, relayed).
      mp.rpc('Main', 'command', a, 'input', 3);
      await until(() => inputs.includes(`${a}|Vector2(3.0, -3.0)`), 'alice input on the server', handles);
      await bob.waitForLine((l) => l.tag === 'input' && l.payload === `${a}|3,-3`, 10_000);
      // Client to client through the relay: an RPC, send_bytes, a broadcast RPC.
      mp.rpc('Main', 'command', a, 'chat', b);
      mp.rpc('Main', 'command', b, 'bytes_to', a);
      mp.rpc('Main', 'command', b, 'chat_all', 0);
      await bob.waitForLine((l) => l.tag === 'chat', 10_000);
      await alice.waitForLine((l) => l.tag === 'raw' && decodeBase64Text(l.payload ?? '').startsWith(`${b}|`), 10_000);
      await alice.waitForLine((l) => l.tag === 'chat', 10_000);
      // A call_local broadcast from the server; send_bytes from the server; a forbidden call.
      mp.rpc('Main', 'ping', 0);
      mp.sendBytes(new TextEncoder().encode('bytes from server'), b);
      mp.rpc('Main', 'command', a, 'forbidden', 0);
      await until(() => dropped.some((d) => d.reason === 'rpc-not-allowed'), 'the forbidden call dropped', handles);
      await bob.waitForLine((l) => l.tag === 'raw' && decodeBase64Text(l.payload ?? '') === '1|bytes from server', 10_000);
      // Despawn bob's player; alice leaves (DEL_PEER to bob, her player despawned).
      mp.despawn(players.get(b) as SceneInstance);
      players.delete(b);
      await alice.waitForLine((l) => l.tag === 'despawned' && l.payload === String(b), 10_000);
      mp.rpc('Main', 'command', a, 'leave', 0);
      await bob.waitForLine((l) => l.tag === 'peer_disconnected' && l.payload === String(a), 10_000);
      await bob.waitForLine((l) => l.tag === 'despawned' && l.payload === String(a), 10_000);
      transport.close();
      const [ra, rb, rm] = await Promise.all([alice.finished, bob.finished, mallory.finished]);

      // What the server saw.
      expect(hellos).toEqual([['alice', 7, 2.5, new Vector2(1, 2)], ['bob', 7, 2.5, new Vector2(1, 2)]]);
      expect(raw.sort()).toEqual([`${a}|bytes from alice`, `${b}|bytes from bob`].sort());
      expect(dropped.map((d) => [d.peer, d.reason])).toEqual([[a, 'rpc-not-allowed']]);
      expect(mismatches).toEqual([]);

      // What the Godot clients saw.
      const tagged = (run: typeof ra, tag: string): string[] => run.tagged(tag);
      const text = (run: typeof ra, tag: string): string[] => run.taggedText(tag);
      expect(text(ra, 'auth_reply')).toEqual(['welcome']);
      expect(tagged(ra, 'connected')).toEqual([String(a)]);
      expect(text(ra, 'welcome')).toEqual([`hello alice|[${a}]|1.5|1`]);
      expect(text(rb, 'welcome')).toEqual([`hello bob|[${a}, ${b}]|1.5|1`]);
      expect(tagged(ra, 'ready')).toEqual([`${a}|10,20|100|${btoa('alice')}|${a}`, `${b}|20,20|100|${btoa('bob')}|${b}`]);
      expect(tagged(rb, 'ready')).toEqual([`${a}|10,20|100|${btoa('alice')}|${a}`, `${b}|20,20|100|${btoa('bob')}|${b}`]);
      expect(tagged(ra, 'spawned')).toEqual([String(a), String(b)]);
      expect(tagged(ra, 'hit')).toEqual([`${a}|12|1`]);
      expect(text(rb, 'chat')).toEqual([`${a}|hi from alice`]);
      expect(text(ra, 'chat')).toEqual([`${b}|everyone from bob`]);
      expect(text(ra, 'raw')).toEqual([`${b}|direct from bob`]);
      expect(tagged(ra, 'ping')).toEqual(['1']);
      expect(tagged(rb, 'ping')).toEqual(['1']);
      expect(tagged(ra, 'peer_connected')).toEqual(['1', String(b)]);
      expect(tagged(rb, 'peer_connected').sort()).toEqual(['1', String(a)].sort());
      expect(tagged(rb, 'despawned')).toEqual([String(b), String(a)]);
      expect(text(rm, 'auth_reply')).toEqual(['go away']);
      expect(tagged(rm, 'auth_failed')).toEqual(['1']);
      expect(tagged(rm, 'connected')).toEqual([]);
      for (const run of [ra, rb, rm]) expect(run.errors.map((e) => e.message)).toEqual([]);
    } catch (error) {
      if (error instanceof Error) error.message += `\n--- Godot ---\n${handles.map((h) => h.output.tail(40)).join('\n---\n')}`;
      throw error;
    } finally {
      mp.stop();
      for (const h of handles) if (h.running) await h.stop();
      transport.close();
    }
  }, 120_000);
});
