/**
 * The Godot proof game with a TypeScript server, over any transport: a stock Godot 4.6 game
 * (test/interop/game/, official web build in Chromium) as clients of our SceneMultiplayer. The
 * declaration is what the importer makes of the game's own files (arena-godot.generated.ts;
 * importer.test.ts checks it is current). Three clients: alice and bob are accepted, mallory
 * refused. Each interop test file gives it one transport (every address 127.0.0.1).
 */
import { until } from '@pp/conformance/testing';
import { ErrorCode, Vector2, type MultiplayerPeer } from '@pp/core';
import { decodeBase64Text, readGodotProject, startGodot4Project, type GodotHandle } from '@pp/interop';
import { expect } from 'vitest';
import { SceneMultiplayer, type DropReport, type SceneInstance } from '../../src/index.js';
import { importProject } from '../../src/importer/index.js';
import { Player, game } from './arena-godot.generated.js';
import { gameFiles } from './godot-game.js';
import { errorsOf, type LateSync } from './late-sync.js';

export const GAME = new URL('../interop/game/', import.meta.url);

/** A server transport opened for one run. */
export interface OpenServerTransport {
  /** The server's MultiplayerPeer (id 1), connected. */
  readonly peer: MultiplayerPeer;
  /** game.gd's TRANSPORT, URL and LOBBY for its clients. */
  readonly values: Readonly<Record<string, string | number>>;
  /** Files the clients need beside the game's (`res://` paths). */
  readonly files?: Readonly<Record<string, string>>;
  /** Closes the peer and whatever serves it; may be called more than once. */
  close(): Promise<void>;
}

/** What a test file gives {@link runArenaServerGame}. */
export interface ServerTransport {
  open(): Promise<OpenServerTransport>;
  /** Errors the Godot clients may log on this transport (see late-sync.ts). @default [] */
  readonly lateSync?: readonly LateSync[];
}

/** `until`'s failure detail for a run with Godot clients: the end of what each printed. */
export function stories(handles: readonly GodotHandle[]): () => string {
  return () => handles.map((h) => story(h, 30)).join('\n---\n');
}

/** What a run printed, but for the SYNC reports of every frame (for failures). */
export function story(handle: GodotHandle, count = 60): string {
  const lines = handle.output.lines.filter((l) => l.tag !== 'sync' && l.tag !== 'input');
  return lines.slice(-count).map((l) => `  ${l.text}`).join('\n');
}

/**
 * Auth accepted and refused, RPCs both ways, send_bytes, spawn/SYNC/DELTA/despawn, relay between
 * two Godot clients.
 */
export async function runArenaServerGame(serverTransport: ServerTransport): Promise<void> {
  expect(importProject(readGodotProject(GAME.pathname)).warnings).toEqual([]);
  const transport = await serverTransport.open();
  const mp = new SceneMultiplayer({ game, multiplayerPeer: transport.peer });
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
  let step = 'the clients joining';
  try {
    const start = (token: string): Promise<GodotHandle> =>
      startGodot4Project({
        files: { ...gameFiles(GAME, 'game.gd', { ROLE: 'client', ...transport.values, TOKEN: token }), ...transport.files },
        timeoutMs: 90_000,
      });
    const alice = await start('alice');
    handles.push(alice);
    await until(() => players.size === 1, 'alice spawned', 15_000, stories(handles));
    const bob = await start('bob');
    handles.push(bob);
    await until(() => players.size === 2, 'bob spawned', 15_000, stories(handles));
    // One page boots at a time: two Godot web builds starting together in a fresh CI clone
    // left one of them booting some 50 s late.
    const mallory = await start('mallory');
    handles.push(mallory);
    const a = byToken.get('alice') as number;
    const b = byToken.get('bob') as number;
    await alice.waitForLine((l) => l.tag === 'ready' && l.payload?.startsWith(`${b}|`) === true, 15_000);
    await bob.waitForLine((l) => l.tag === 'ready' && l.payload?.startsWith(`${a}|`) === true, 15_000);

    step = 'SYNC (position) and DELTA (hp) of alice\'s player, seen by both.';
    const pa = players.get(a) as SceneInstance;
    pa.root.set('position', new Vector2(33, 44));
    pa.root.set('hp', 75);
    // In either order: over WebRTC, SYNC (unreliable) and DELTA (reliable) take different channels.
    const printed = (h: GodotHandle, tag: string, payload: string): boolean => h.output.tagged(tag).includes(payload);
    await until(() => [alice, bob].every((h) => printed(h, 'sync', `${a}|33,44`) && printed(h, 'delta', `${a}|75`)), 'the SYNC and DELTA', 10_000, stories(handles));
    step = 'An RPC on a spawned node, typed.';
    expect(mp.rpc(pa.root, 'hit', a, 12)).toBe(ErrorCode.OK);
    await alice.waitForTag('hit', 10_000);
    step = 'The client owns its input synchronizer: path-based SYNC to the server (and to bob, relayed).';
    mp.rpc('Main', 'command', a, 'input', 3);
    await until(() => inputs.includes(`${a}|Vector2(3.0, -3.0)`), 'alice input on the server', 15_000, stories(handles));
    await bob.waitForLine((l) => l.tag === 'input' && l.payload === `${a}|3,-3`, 10_000);
    step = 'Client to client through the relay: an RPC, send_bytes, a broadcast RPC.';
    mp.rpc('Main', 'command', a, 'chat', b);
    mp.rpc('Main', 'command', b, 'bytes_to', a);
    mp.rpc('Main', 'command', b, 'chat_all', 0);
    await bob.waitForLine((l) => l.tag === 'chat', 10_000);
    await alice.waitForLine((l) => l.tag === 'raw' && decodeBase64Text(l.payload ?? '').startsWith(`${b}|`), 10_000);
    await alice.waitForLine((l) => l.tag === 'chat', 10_000);
    step = 'A call_local broadcast from the server; send_bytes from the server; a forbidden call.';
    mp.rpc('Main', 'ping', 0);
    mp.sendBytes(new TextEncoder().encode('bytes from server'), b);
    mp.rpc('Main', 'command', a, 'forbidden', 0);
    await until(() => dropped.some((d) => d.reason === 'rpc-not-allowed'), 'the forbidden call dropped', 15_000, stories(handles));
    await bob.waitForLine((l) => l.tag === 'raw' && decodeBase64Text(l.payload ?? '') === '1|bytes from server', 10_000);
    step = 'Despawn bob\'s player; alice leaves (DEL_PEER to bob, her player despawned).';
    mp.despawn(players.get(b) as SceneInstance);
    players.delete(b);
    await alice.waitForLine((l) => l.tag === 'despawned' && l.payload === String(b), 10_000);
    mp.rpc('Main', 'command', a, 'leave', 0);
    await bob.waitForLine((l) => l.tag === 'peer_disconnected' && l.payload === String(a), 10_000);
    await bob.waitForLine((l) => l.tag === 'despawned' && l.payload === String(a), 10_000);
    // Nothing above waits for mallory: closing the transport before the auth callback refused
    // her would refuse her connection itself.
    step = 'Mallory refused by the auth callback.';
    await mallory.waitForTag('auth_failed', 30_000);
    await transport.close();
    const [ra, rb, rm] = await Promise.all([alice.finished, bob.finished, mallory.finished]);

    step = 'What the server saw.';
    expect(hellos).toEqual([['alice', 7, 2.5, new Vector2(1, 2)], ['bob', 7, 2.5, new Vector2(1, 2)]]);
    expect(raw.sort()).toEqual([`${a}|bytes from alice`, `${b}|bytes from bob`].sort());
    expect(dropped.map((d) => [d.peer, d.reason])).toEqual([[a, 'rpc-not-allowed']]);
    expect(mismatches).toEqual([]);

    step = 'What the Godot clients saw.';
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
    for (const run of [ra, rb, rm]) expect(errorsOf(run, serverTransport.lateSync)).toEqual([]);
  } catch (error) {
    if (error instanceof Error) error.message += `\n(at: ${step})\n--- Godot ---\n${handles.map((h) => story(h)).join('\n---\n')}`;
    throw error;
  } finally {
    mp.stop();
    for (const h of handles) if (h.running) await h.stop();
    await transport.close();
  }
}
