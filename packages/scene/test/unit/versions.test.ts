/** Godot 4.0–4.6 wire differences, and a clear error when a peer does not fit the configured version. */
import { TypedArray, VariantType, Vector2 } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { SceneMultiplayer, defineGame, defineScene, godotQuirks, rpc, t, type DropReport, type GameDecl, type SceneNode } from '../../src/index.js';
import { ascii, hex } from '../support/hex.js';
import { MemoryMultiplayerHub, drainHex } from '../support/memory-multiplayer.js';
import { probeGame } from '../support/probe-game.js';
import { settle } from '../support/wait.js';
import { FROM_GODOT, TO_GODOT } from '../vectors/godot46.js';

async function server<G extends GameDecl>(game: G, godot: G['godot'], authCallback?: (mp: SceneMultiplayer<G>, id: number) => void) {
  const hub = new MemoryMultiplayerHub();
  const mp: SceneMultiplayer<G> = new SceneMultiplayer({ game, godot, multiplayerPeer: hub.createServer() });
  if (authCallback) mp.authCallback = (id) => authCallback(mp, id);
  const client = hub.createClient(7);
  const reports: DropReport[] = [];
  mp.on('dropped', (r) => reports.push(r));
  // The probe's client owns its cursor (set in code).
  if ((game as GameDecl) === probeGame) (mp as unknown as SceneMultiplayer<typeof probeGame>).setMultiplayerAuthority('Main/Cursor', 7);
  await settle();
  const received = (): string[] => drainHex(client);
  return { mp, client, reports, received };
}

describe('Godot versions', () => {
  it('parses versions and refuses others clearly', () => {
    expect(godotQuirks('4.6')).toMatchObject({ legacyConfirmPath: false, legacyAuth: false, delta: true, variantFormat: 'godot4' });
    expect(godotQuirks('4.3')).toMatchObject({ legacyConfirmPath: false, cacheByPath: false, variantFormat: 'godot4.3' });
    expect(godotQuirks('4.2')).toMatchObject({ legacyConfirmPath: true, cacheByPath: true, legacyAuth: true });
    expect(godotQuirks('4.2.2')).toMatchObject({ legacyConfirmPath: true, legacyAuth: false });
    expect(godotQuirks('4.0')).toMatchObject({ delta: false });
    expect(() => godotQuirks('3.5')).toThrow(/Godot 4.0 … 4.6/);
    expect(() => godotQuirks('4.7')).toThrow(/unsupported Godot version "4.7"/);
  });

  it('4.0–4.2: CONFIRM_PATH carries the path; a 4.3+ confirmation is named a version mismatch', async () => {
    const { mp, client, reports, received } = await server(probeGame, '4.2');
    client.putPacket(hex(FROM_GODOT.simplifyMain));
    mp.poll();
    expect(received()).toEqual(['02 01 4d 61 69 6e 00']);
    mp.rpc('Main', 'welcome', 7, 42);
    expect(received()).toEqual([TO_GODOT.simplifyMain, TO_GODOT.welcome42PathForm]);
    client.putPacket(hex(FROM_GODOT.confirmMain)); // the 4.3+ form
    mp.poll();
    expect(reports.map((r) => r.reason)).toEqual(['version-mismatch']);
    expect(reports[0]?.message).toMatch(/4\.3\+ form.*configured Godot version is 4\.0–4\.2/);
    client.putPacket(hex('02 01 4d 61 69 6e 00'));
    mp.poll();
    mp.rpc('Main', 'welcome', 7, 43);
    expect(received()).toEqual([TO_GODOT.welcome43IdForm]);
  });

  it('4.0–4.2: a node re-created at the same path keeps its cache id; 4.3+: a new id and a new SIMPLIFY_PATH', async () => {
    const Bot = defineScene('res://bot.tscn', { nodes: { '.': { rpc: { ping: rpc({ mode: 'any_peer' }) } } } });
    const game = defineGame({ godot: '4.6', nodes: { Main: {}, 'Main/Spawner': { spawner: { spawnPath: '../Bots', scenes: [Bot] } } } });
    const outcome: Record<string, string[]> = {};
    for (const godot of ['4.2', '4.6'] as const) {
      const { mp, client, received } = await server(game, godot);
      const first = mp.spawn('Main/Spawner', Bot, { name: 'b' });
      mp.rpc(first.root as SceneNode<(typeof Bot)['nodes']['.']>, 'ping', 7);
      const offered = received().find((p) => p.startsWith('01') && p.endsWith(ascii('Main/Bots/b', true)));
      client.putPacket(hex(godot === '4.2' ? `02 01 ${ascii('Main/Bots/b', true)}` : `02 01 ${offered?.slice(102, 113)}`));
      mp.poll();
      mp.despawn(first);
      const again = mp.spawn('Main/Spawner', Bot, { name: 'b' });
      received();
      mp.rpc(again.root as SceneNode<(typeof Bot)['nodes']['.']>, 'ping', 7);
      outcome[godot] = received();
    }
    // 4.2: the path's id (2) is still known and confirmed: the short form at once.
    expect(outcome['4.2']).toEqual(['80 02 00']);
    // 4.6: a new node, a new id (3), offered again, and the call carries the path.
    expect(outcome['4.6']?.map((p) => p.slice(0, 2))).toEqual(['01', 'a0']);
    expect(outcome['4.6']?.[0]).toContain('00 03 00 00 00 4d 61 69 6e');
  });

  it('before 4.2.2: once we completed auth, the first packet of any kind admits the peer', async () => {
    for (const [godot, admitted] of [['4.2.1', true], ['4.6', false]] as const) {
      const calls: string[] = [];
      const { mp, client } = await server(probeGame, godot, (s, id) => s.completeAuth(id));
      mp.onRpc('Main', 'hello', (ctx, who) => calls.push(who));
      client.putPacket(hex(FROM_GODOT.authToken));
      mp.poll();
      client.putPacket(hex(FROM_GODOT.simplifyMain));
      client.putPacket(hex(FROM_GODOT.helloWebPathForm));
      mp.poll();
      expect(mp.getPeers().length === 1, godot).toBe(admitted);
      expect(calls, godot).toEqual(admitted ? ['web'] : []);
    }
  });

  it('4.0: no DELTA; on-change properties are refused up front and a DELTA packet is a version mismatch', async () => {
    const game40 = defineGame({ godot: '4.0', nodes: { Main: {}, 'Main/S': { synchronizer: { properties: [{ path: '.:x', type: t.int }] } } } });
    const { mp, client, reports } = await server(game40, '4.0');
    client.putPacket(hex('16 02 00 00 00 01 00 00 00 00 00 00 00 02 00 00 00 02 5a'));
    mp.poll();
    expect(reports.map((r) => r.reason)).toEqual(['version-mismatch']);
    expect(() => new SceneMultiplayer({ game: probeGame, godot: '4.0' })).toThrow(/on-change properties, which need Godot 4.1/);
  });

  it('4.0–4.3 encode typed containers without the 4.4 type bits', async () => {
    const game = defineGame({ godot: '4.6', nodes: { Main: { rpc: { list: rpc({ args: [t.array] }) } } } });
    const sent: Record<string, string> = {};
    for (const godot of ['4.3', '4.6'] as const) {
      const { mp, received } = await server(game, godot);
      mp.rpc('Main', 'list', 7, new TypedArray(VariantType.INT, [1]));
      sent[godot] = received().at(-1) ?? '';
    }
    expect(sent['4.6']).toContain('1c 00 01 00'); // ARRAY with the builtin-typed flag
    expect(sent['4.3']).toContain('1c 00 00 00');
    void Vector2;
  });
});
