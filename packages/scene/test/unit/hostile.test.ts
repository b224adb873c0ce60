/**
 * Bad input from a connected peer: every malformed, lying or forbidden packet is dropped and
 * reported with the peer and a reason — never a throw — and the multiplayer stays usable.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SceneMultiplayer, type DropReason, type DropReport } from '../../src/index.js';
import { ascii, hex } from '../support/hex.js';
import { MemoryMultiplayerHub, drainHex, type MemoryMultiplayerPeer } from '../support/memory-multiplayer.js';
import { Player, probeGame } from '../support/probe-game.js';
import { settle } from '../support/wait.js';
import { EMPTY_MD5, FROM_GODOT, MAIN_MD5, TO_GODOT } from '../vectors/godot46.js';

async function admitted(options: Partial<ConstructorParameters<typeof SceneMultiplayer>[0]> = {}): Promise<{
  server: SceneMultiplayer<typeof probeGame>; client: MemoryMultiplayerPeer; hub: MemoryMultiplayerHub; reports: DropReport[]; calls: string[];
}> {
  const hub = new MemoryMultiplayerHub();
  const server = new SceneMultiplayer({ ...options, game: probeGame, multiplayerPeer: hub.createServer() });
  const client = hub.createClient(7);
  const reports: DropReport[] = [];
  const calls: string[] = [];
  server.on('dropped', (r) => reports.push(r));
  server.onRpc('Main', 'hello', (ctx, who) => calls.push(`${ctx.sender} ${who}`));
  await settle();
  server.poll();
  return { server, client, hub, reports, calls };
}

const toHexU32 = (n: number): string => [0, 8, 16, 24].map((shift) => ((n >>> shift) & 0xff).toString(16).padStart(2, '0')).join(' ');

/** [what, packet, reason], sent in this order after Main's path was offered (cache id 1). */
const CASES: ReadonlyArray<readonly [string, string, DropReason]> = [
  ['unknown SYS sub-command', '07 04 00 00 00 00', 'unknown-command'],
  ['short SYS packet', '07 01 00', 'malformed'],
  ['ADD_PEER sent by a client', '07 01 05 00 00 00', 'relay-disabled'],
  ['AUTH data after admission', '07 00 01 02', 'malformed'],
  ['RELAY wrapping SYS', '07 03 00 00 00 00 07 00', 'unknown-command'],
  ['RELAY to a peer that is not there', '07 03 63 00 00 00 03 01', 'relay-target-missing'],
  ['short SIMPLIFY_PATH', '01 00 00', 'malformed'],
  ['SIMPLIFY_PATH of an unknown node', `01 ${ascii(MAIN_MD5)} 00 09 00 00 00 ${ascii('Nope', true)}`, 'unknown-node'],
  ['SIMPLIFY_PATH reusing an id for another path', `01 ${ascii(MAIN_MD5)} 00 01 00 00 00 ${ascii('Main/Cursor', true)}`, 'duplicate-id'],
  ['CONFIRM_PATH in the 4.0–4.2 form', '02 01 4d 61 69 6e 00', 'version-mismatch'],
  ['CONFIRM_PATH of the wrong size', '02 01 01', 'malformed'],
  ['RPC with an unknown cache id', '00 09 00 01 02 05', 'unknown-path-id'],
  ['RPC with node id size 3', '30 01 00 00 00 00 01 02 05', 'unknown-command'],
  ['RPC whose path offset lies', '20 7f 00 00 80 00 01 02 05', 'lying-length'],
  ['RPC of an unknown method id', '00 01 07 00', 'unknown-method'],
  ['RPC of an unknown node-level method id', '40 01 05 80 00', 'unknown-method'],
  ['authority-only RPC from a client', '00 01 02 01 02 05', 'rpc-not-allowed'],
  ['RPC with an argument of the wrong type', '00 01 00 01 02 05', 'bad-arguments'],
  ['RPC with too many arguments', '00 01 00 02 04 00 00 00 01 00 00 00 61 00 00 00 02 05', 'bad-arguments'],
  ['RPC whose argument lies about its length', '00 01 00 01 04 00 00 00 ff 00 00 00 61', 'bad-arguments'],
  ['RPC with an Object argument', '00 01 00 01 18 00 00 00 00 00 00 00', 'objects-not-allowed'],
  ['RPC claiming more arguments than there are', '00 01 01 05 02 01', 'bad-arguments'],
  ['RAW without bytes', '03', 'malformed'],
  ['SPAWN with a lying length', '04 00 01 00 00 00 01 00 00 00 ff ff 00 00 02 00 00 00 37 00', 'lying-length'],
  ['SPAWN with a spawner id never offered', '04 00 09 00 00 00 01 00 00 00 00 00 00 00 02 00 00 00 37 00', 'unknown-path-id'],
  ['SPAWN naming a non-spawner', '04 00 01 00 00 00 01 00 00 00 00 00 00 00 02 00 00 00 37 00', 'unknown-node'],
  ['DESPAWN of a net id never spawned', '05 09 00 00 00', 'unknown-net-id'],
  ['short DESPAWN', '05 01', 'malformed'],
  ['short SYNC', '06 01 00 02 00', 'malformed'],
  ['SYNC whose entry lies', '06 01 00 02 00 00 00 ff 00 00 00 05 00', 'lying-length'],
  ['DELTA whose entry lies', '16 02 00 00 00 01 00 00 00 00 00 00 00 09 00 00 00 02 5a', 'lying-length'],
  ['DELTA for an unknown net id', '16 09 00 00 00 01 00 00 00 00 00 00 00 02 00 00 00 02 5a', 'unknown-net-id'],
];

describe('bad input', () => {
  it('each case is dropped with its reason, the peer named, and the next packet still works', async () => {
    const { server, client, reports, calls } = await admitted();
    client.putPacket(hex(FROM_GODOT.simplifyMain));
    server.poll();
    for (const [what, packet, reason] of CASES) {
      reports.length = 0;
      client.putPacket(hex(packet));
      expect(() => server.poll(), what).not.toThrow();
      expect(reports.map((r) => [r.peer, r.reason]), what).toEqual([[7, reason]]);
      expect(reports[0]?.message.length, what).toBeGreaterThan(10);
    }
    client.putPacket(hex(FROM_GODOT.helloAgainIdForm));
    server.poll();
    expect(calls).toEqual(['7 again']);
  });

  it('SPAWN and SYNC from a peer that is not the authority, and an invalid spawned name', async () => {
    const { server, client, reports } = await admitted();
    client.putPacket(hex(FROM_GODOT.simplifyMineSpawner));
    client.putPacket(hex(FROM_GODOT.spawnMine)); // MineSpawner's authority is the server here
    server.poll();
    expect(reports.map((r) => r.reason)).toEqual(['not-authority']);
    server.setMultiplayerAuthority('Main/MineSpawner', 7);
    client.putPacket(hex(FROM_GODOT.spawnMine.replace('6d 69 6e 65 00', '61 2f 62 63 00'))); // "a/bc"
    server.poll();
    expect(reports.map((r) => r.reason)).toEqual(['not-authority', 'invalid-name']);
    client.putPacket(hex(FROM_GODOT.simplifyCursorSync));
    client.putPacket(hex('06 05 00 03 00 00 80 0c 00 00 00 05 00 00 00 00 00 80 bf 00 00 00 3f')); // the server owns the cursor
    server.poll();
    expect(reports.map((r) => r.reason)).toEqual(['not-authority', 'invalid-name', 'not-authority']);
    expect(server.node('Main/Cursor').get('position')?.toString()).toBe('Vector2(0.0, 0.0)');
  });

  it('random and mutated packets only ever produce reports (seeded)', async () => {
    const { server, client, reports } = await admitted();
    client.putPacket(hex(FROM_GODOT.simplifyMain));
    server.setMultiplayerAuthority('Main/MineSpawner', 7);
    const seeds = Object.values(FROM_GODOT).map(hex);
    const packet = fc.oneof(
      fc.uint8Array({ minLength: 1, maxLength: 64 }),
      fc.tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 })).map(([base, edits]) => {
        const out = base.slice();
        for (const [at, value] of edits) out[at % out.length] = value;
        return out;
      }),
      fc.tuple(fc.constantFrom(...seeds), fc.nat()).map(([base, cut]) => base.slice(0, 1 + (cut % base.length))),
    );
    fc.assert(
      fc.property(fc.array(packet, { minLength: 1, maxLength: 8 }), (packets) => {
        for (const p of packets) client.putPacket(p);
        server.poll();
        return true;
      }),
      { seed: 1407, numRuns: 400 },
    );
    expect(reports.length).toBeGreaterThan(100);
    expect(reports.filter((r) => r.reason === 'internal-error' || r.reason === 'handler-error').map((r) => r.message)).toEqual([]);
    // Still usable.
    server.rpc('Main', 'welcome', 7, 1);
    expect(client.getAvailablePacketCount()).toBeGreaterThan(0);
  });

  it('a relayed SYNC loses the entries of synchronizers gone in the meantime (Godot would forward them)', async () => {
    const { server, client, hub, reports } = await admitted();
    const other = hub.createClient(8);
    await settle();
    server.poll();
    drainHex(other);
    const player = server.spawn('Main/PlayerSpawner', Player, { name: '7' });
    // The client taught the server its id 5 for the player's synchronizer, then the server despawned it.
    client.putPacket(hex(`01 ${ascii(EMPTY_MD5)} 00 05 00 00 00 ${ascii('Main/Players/7/Sync', true)}`));
    server.poll();
    server.despawn(player);
    const entry = (id: string): string => `${id} 0c 00 00 00 05 00 00 00 00 00 80 3f 00 00 80 3f`;
    client.putPacket(hex(`07 03 08 00 00 00 06 09 00 ${entry('05 00 00 80')} ${entry('09 00 00 80')}`));
    client.putPacket(hex(`07 03 08 00 00 00 06 0a 00 ${entry('05 00 00 80')}`));
    server.poll();
    const got = drainHex(other);
    expect(reports.map((r) => r.message)).toEqual([]);
    expect(got.filter((p) => p.startsWith('07 03'))).toEqual([`07 03 07 00 00 00 06 09 00 ${entry('09 00 00 80')}`]);
  });

  it('the path cache holds one id per path, however many ids a peer offers for it', async () => {
    const { server, client, reports, calls } = await admitted();
    for (let id = 1; id <= 500; id++) client.putPacket(hex(`01 ${ascii(MAIN_MD5)} 00 ${toHexU32(id)} ${ascii('Main', true)}`));
    server.poll();
    expect(reports).toEqual([]);
    client.putPacket(hex('00 01 00 01 04 00 00 00 01 00 00 00 61 00 00 00')); // the old id 1: gone
    client.putPacket(hex('00 f4 01 00 01 04 00 00 00 01 00 00 00 62 00 00 00'.replace('00 f4 01', '10 f4 01'))); // id 500, 2-byte form
    server.poll();
    expect(reports.map((r) => r.reason)).toEqual(['unknown-path-id']);
    expect(calls).toEqual(['7 b']);
  });

  it('a throwing handler or authCallback is reported as handler-error; the next call still runs', async () => {
    const { server, client, reports, calls } = await admitted();
    server.onRpc('Main', 'dyn', (_ctx, n) => {
      if (n === 5) throw new Error('boom');
      calls.push(`dyn ${n}`);
    });
    client.putPacket(hex(FROM_GODOT.simplifyMain));
    client.putPacket(hex(FROM_GODOT.dynNodeLevel));
    client.putPacket(hex('40 01 00 80 01 02 06'));
    server.poll();
    expect(reports.map((r) => [r.reason, r.message])).toEqual([['handler-error', 'the handler of Main.dyn threw: boom']]);
    expect(calls).toEqual(['dyn 6']);
  });

  it('badPacketPolicy disconnects the sender, by rule or by function', async () => {
    const a = await admitted({ badPacketPolicy: 'disconnect' });
    a.client.putPacket(hex('07 04 00 00 00 00'));
    a.server.poll();
    await settle();
    expect(a.server.getPeers()).toEqual([]);
    expect(a.hub.peers.has(7)).toBe(false);

    const b = await admitted({ badPacketPolicy: (report) => (report.reason === 'rpc-not-allowed' ? 'disconnect' : 'drop') });
    b.client.putPacket(hex('03'));
    b.server.poll();
    expect(b.server.getPeers()).toEqual([7]);
    b.client.putPacket(hex(FROM_GODOT.simplifyMain));
    b.client.putPacket(hex('00 01 02 01 02 05'));
    b.server.poll();
    expect(b.server.getPeers()).toEqual([]);
    void TO_GODOT;
  });
});
