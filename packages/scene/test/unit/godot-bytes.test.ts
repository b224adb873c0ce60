/**
 * SceneMultiplayer as a server against the exact bytes Godot 4.6 sent (test/vectors/godot46.ts),
 * fed through a raw in-memory client, and the exact bytes Godot accepted coming out of it.
 */
import { Vector2, Float, type VariantLike } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { SceneMultiplayer, type DropReport } from '../../src/index.js';
import { hex, toHex } from '../support/hex.js';
import { MemoryMultiplayerHub, drainHex, type MemoryMultiplayerPeer } from '../support/memory-multiplayer.js';
import { Player, probeGame } from '../support/probe-game.js';
import { settle } from '../support/wait.js';
import { FROM_GODOT, SYNC_ENTRIES, TO_GODOT } from '../vectors/godot46.js';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

type Server = SceneMultiplayer<typeof probeGame>;

async function setup(auth?: (mp: Server, peer: number, data: Uint8Array) => void): Promise<{
  server: Server; client: MemoryMultiplayerPeer; received: () => string[]; dropped: DropReport[];
}> {
  const hub = new MemoryMultiplayerHub();
  const server: Server = new SceneMultiplayer({ game: probeGame, multiplayerPeer: hub.createServer() });
  if (auth) server.authCallback = (peer, data) => auth(server, peer, data);
  const client = hub.createClient(7);
  const dropped: DropReport[] = [];
  server.on('dropped', (report) => dropped.push(report));
  // The probe's client makes itself authority of its cursor in code.
  server.setMultiplayerAuthority('Main/Cursor', 7);
  await settle();
  const received = (): string[] => drainHex(client);
  return { server, client, received, dropped };
}

describe('a TS server and the bytes of a Godot 4.6 client', () => {
  it('authenticates exactly as Godot: early packets dropped, token, reply, markers, then admission', async () => {
    const auth: Array<[number, string]> = [];
    const { server, client, received, dropped } = await setup((mp, peer, data) => {
      auth.push([peer, new TextDecoder().decode(data)]);
      mp.sendAuth(peer, text('ok'));
      mp.completeAuth(peer);
    });
    expect(server.getAuthenticatingPeers()).toEqual([7]);
    client.putPacket(hex(FROM_GODOT.simplifyMain)); // too early: dropped, not queued
    client.putPacket(hex(FROM_GODOT.authToken));
    server.poll();
    expect(auth).toEqual([[7, 'token-123']]);
    expect(dropped.map((d) => d.reason)).toEqual(['not-authenticated']);
    expect(received()).toEqual([TO_GODOT.authReply, TO_GODOT.authDone]);
    expect(server.getPeers()).toEqual([]);
    client.putPacket(hex(FROM_GODOT.authDone));
    server.poll();
    expect(server.getPeers()).toEqual([7]);
    expect(server.getAuthenticatingPeers()).toEqual([]);
    // The early SIMPLIFY_PATH was lost: its id means nothing.
    client.putPacket(hex(FROM_GODOT.helloAgainIdForm));
    server.poll();
    expect(dropped.map((d) => d.reason)).toEqual(['not-authenticated', 'unknown-path-id']);
  });

  it('answers SIMPLIFY_PATH, takes path-form, id-form and node-level RPCs with typed arguments, and RAW through relay', async () => {
    const { server, client, received, dropped } = await setup();
    const calls: unknown[] = [];
    server.onRpc('Main', 'hello', (ctx, who) => calls.push(['hello', ctx.sender, who, server.getRemoteSenderId()]));
    server.onRpc('Main', 'report', (ctx, ...args) => calls.push(['report', ctx.sender, args]));
    server.onRpc('Main', 'dyn', (ctx, n) => calls.push(['dyn', ctx.sender, n]));
    const raw: Array<[number, string]> = [];
    server.on('peerPacket', (id, bytes) => raw.push([id, new TextDecoder().decode(bytes)]));
    for (const vector of [FROM_GODOT.simplifyMain, FROM_GODOT.helloWebPathForm, FROM_GODOT.reportPathForm, FROM_GODOT.relayPing]) {
      client.putPacket(hex(vector));
    }
    server.poll();
    expect(received()).toEqual(['02 01 01 00 00 00']);
    client.putPacket(hex(FROM_GODOT.helloAgainIdForm));
    client.putPacket(hex(FROM_GODOT.dynNodeLevel));
    server.poll();
    expect(dropped).toEqual([]);
    expect(calls.slice(0, 1)).toEqual([['hello', 7, 'web', 7]]);
    const report = calls[1] as [string, number, VariantLike[]];
    expect(report[2].slice(0, 8)).toEqual([true, -1, 300, 70000, 1.5, 'hi', new Vector2(1, 2), 2 ** 40]);
    expect(calls.slice(2)).toEqual([['hello', 7, 'again', 7], ['dyn', 7, 5]]);
    expect(raw).toEqual([[7, 'ping']]);
    expect(server.getRemoteSenderId()).toBe(0);
  });

  it('sends the bytes Godot accepted: SIMPLIFY_PATH, path-form then id-form RPCs, node-level ids', async () => {
    const { server, client, received } = await setup();
    expect(server.rpc('Main', 'welcome', 7, 42)).toBe(0);
    expect(received()).toEqual([TO_GODOT.simplifyMain, TO_GODOT.welcome42PathForm]);
    client.putPacket(hex(FROM_GODOT.confirmMain));
    server.poll();
    server.rpc('Main', 'welcome', 7, 43);
    server.rpc('Main', 'dyn', 7, 9);
    expect(received()).toEqual([TO_GODOT.welcome43IdForm, TO_GODOT.dyn9]);
    expect(server.sendBytes(text('pong'), 7)).toBe(0);
    expect(received()).toEqual([TO_GODOT.rawPong]);
  });

  it('spawns, syncs, deltas and despawns with the bytes Godot accepted', async () => {
    const { server, received } = await setup();
    server.rpc('Main', 'welcome', 7, 42); // as in the probe: Main takes cache id 1, the spawner 2
    received();
    const player = server.spawn('Main/PlayerSpawner', Player, { name: '7', props: { '.': { position: new Vector2(100, 100), hp: 100 } } });
    expect(received()).toEqual([TO_GODOT.simplifySpawner, TO_GODOT.spawn7]);
    player.root.set('position', new Vector2(110, 100));
    player.root.set('hp', 90);
    server.poll();
    expect(received()).toEqual([TO_GODOT.sync7, TO_GODOT.delta7]);
    server.poll();
    // SYNC every frame (time 2), DELTA only on change.
    expect(received()).toEqual([TO_GODOT.sync7.replace('06 01 00', '06 02 00')]);
    server.despawn(player);
    expect(received()).toEqual([TO_GODOT.despawn7]);
    server.poll();
    expect(received()).toEqual([]);
  });

  it('receives a Godot client spawn, its SYNCs and DELTAs, a path-based SYNC, and its despawn', async () => {
    const { server, client, received, dropped } = await setup();
    server.setMultiplayerAuthority('Main/MineSpawner', 7);
    const events: string[] = [];
    server.on('spawned', (i) => events.push(`spawned ${i.path} hp=${String(i.root.get('hp'))}`));
    server.on('synchronized', (s) => events.push(`sync ${s.path}`));
    server.on('deltaSynchronized', (s) => events.push(`delta ${s.path}`));
    server.on('despawned', (i) => events.push(`despawned ${i.path}`));
    for (const v of [FROM_GODOT.simplifyMineSpawner, FROM_GODOT.spawnMine, FROM_GODOT.firstSync, FROM_GODOT.firstDelta, FROM_GODOT.deltaHp6]) {
      client.putPacket(hex(v));
    }
    server.poll();
    expect(received()).toEqual(['02 01 02 00 00 00']);
    const mine = server.node('Main/Mine/mine');
    expect(mine.get('position')).toEqual(new Vector2(3, 4));
    expect(mine.get('hp')).toBe(6);
    client.putPacket(hex(FROM_GODOT.simplifyCursorSync));
    client.putPacket(hex(`06 44 00 ${SYNC_ENTRIES.mineAt78} ${SYNC_ENTRIES.cursor}`));
    client.putPacket(hex(`06 43 00 ${SYNC_ENTRIES.mineAt78.replace('e0 40 00 00 00 41', '00 00 00 00 00 00')}`)); // older: ignored
    server.poll();
    expect(received()).toEqual(['02 01 03 00 00 00']);
    expect(mine.get('position')).toEqual(new Vector2(7, 8));
    expect(server.node('Main/Cursor').get('position')).toEqual(new Vector2(-1, 0.5));
    client.putPacket(hex(FROM_GODOT.despawnMine));
    server.poll();
    expect(dropped).toEqual([]);
    expect(events).toEqual([
      'spawned Main/Mine/mine hp=5', 'sync Main/Mine/mine/Sync', 'delta Main/Mine/mine/Sync', 'delta Main/Mine/mine/Sync',
      'sync Main/Mine/mine/Sync', 'sync Main/Cursor/CursorSync', 'despawned Main/Mine/mine',
    ]);
    expect(server.tree.get('Main/Mine/mine')).toBeUndefined();
    void Float;
  });

  it('a TS client mirrors the replication bytes Godot made (host role: peer 1 sends them)', async () => {
    const hub = new MemoryMultiplayerHub();
    const host = hub.createServer(); // raw: it replays what Godot 4.6 sent
    const client = new SceneMultiplayer({ game: probeGame, multiplayerPeer: hub.createClient(9) });
    const events: string[] = [];
    client.on('spawned', (i) => events.push(`spawned ${i.path} by ${i.remotePeer}`));
    client.on('deltaSynchronized', (s) => events.push(`delta ${String(s.instance?.root.get('hp'))}`));
    client.on('despawned', (i) => events.push(`despawned ${i.path}`));
    const dropped: DropReport[] = [];
    client.on('dropped', (r) => dropped.push(r));
    await settle();
    for (const v of [FROM_GODOT.simplifyMineSpawner, FROM_GODOT.spawnMine, FROM_GODOT.firstSync, FROM_GODOT.firstDelta, FROM_GODOT.deltaHp6]) {
      host.setTargetPeer(9);
      host.putPacket(hex(v));
    }
    client.poll();
    const mine = client.node('Main/Mine/mine');
    expect(mine.get('position')).toEqual(new Vector2(3, 4));
    expect(mine.get('hp')).toBe(6);
    host.putPacket(hex(FROM_GODOT.despawnMine));
    client.poll();
    expect(events).toEqual(['spawned Main/Mine/mine by 1', 'delta 5', 'delta 6', 'despawned Main/Mine/mine']);
    expect(dropped).toEqual([]);
    // And it answered the host's SIMPLIFY_PATH in the 4.3+ form.
    expect(host.getAvailablePacketCount()).toBeGreaterThan(0);
    expect(toHex(host.getPacket())).toBe('02 01 02 00 00 00');
  });
});
