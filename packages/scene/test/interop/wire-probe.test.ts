/**
 * Step 1, the wire probe: a stock Godot 4.6 SceneMultiplayer client (./probe/) against a raw
 * @pp WebSocketMultiplayerPeer server that records every byte and answers with hand-made
 * packets. It pins the vectors of test/vectors/godot46.ts to the real engine, both directions:
 * what Godot sends must equal them byte for byte, and what we send must make Godot print the
 * expected results (and nothing else).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { GODOT4_HELPERS, startGodot4Project, withHelpers, type GodotHandle } from '@pp/interop';
import { describeWithGodot4 } from '@pp/interop/vitest';
import { expect, it } from 'vitest';
import { ascii, hex } from '../support/hex.js';
import { RecordingServer } from '../support/probe-server.js';
import { EMPTY_MD5, FROM_GODOT, SYNC_ENTRIES, TO_GODOT } from '../vectors/godot46.js';

const dir = new URL('./probe/', import.meta.url);

function probeFiles(port: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    let text = readFileSync(new URL(name, dir), 'utf8').replaceAll('__PORT__', String(port));
    if (name === 'probe.gd') text = withHelpers(text, GODOT4_HELPERS);
    files[name] = text;
  }
  return files;
}

const cmd = (text: string): Uint8Array => hex(`03 ${ascii(`cmd:${text}`)}`);

describeWithGodot4('wire probe: Godot 4.6 SceneMultiplayer bytes', () => {
  it('auth, path cache, RPC forms, RAW/relay, SPAWN/SYNC/DELTA/DESPAWN in both directions', async () => {
    const server = await RecordingServer.start();
    let handle: GodotHandle | undefined;
    try {
      handle = await startGodot4Project({ files: probeFiles(server.port), timeoutMs: 60_000 });
      const h = handle;
      const text = (tag: string): Promise<string> => h.waitForTag(tag, 10_000);
      const take = (vector: string, what: string): Promise<unknown> => server.take((p) => p.hex === vector, what);

      // Auth: the client's token, our reply and marker, its marker.
      await take(FROM_GODOT.authToken, 'the auth token');
      // Too early: the client has not admitted us, so it drops this RPC (never "welcome 41").
      server.send(hex('20 09 00 00 80 02 01 02 29 4d 61 69 6e 00'));
      server.send(hex(TO_GODOT.authReply));
      server.send(hex(TO_GODOT.authDone));
      await take(FROM_GODOT.authDone, 'the client completing auth');
      // Admitted: its first packets, in order.
      const first = [await server.take(() => true, 'packet 1'), await server.take(() => true, 'packet 2'),
        await server.take(() => true, 'packet 3'), await server.take(() => true, 'packet 4')].map((p) => p.hex);
      expect(first).toEqual([FROM_GODOT.simplifyMain, FROM_GODOT.helloWebPathForm, FROM_GODOT.reportPathForm, FROM_GODOT.relayPing]);
      server.send(hex('02 01 01 00 00 00')); // confirm its Main

      server.send(hex(TO_GODOT.rawPong));
      server.send(hex(TO_GODOT.simplifyMain));
      server.send(hex(TO_GODOT.welcome42PathForm));
      await take(FROM_GODOT.confirmMain, 'the confirmation of our Main');
      server.send(hex(TO_GODOT.welcome43IdForm));
      server.send(hex(TO_GODOT.dyn9));
      server.send(hex(TO_GODOT.simplifySpawner));
      server.send(hex(TO_GODOT.spawn7));
      server.send(hex(TO_GODOT.sync7));
      server.send(hex(TO_GODOT.delta7));
      await take(FROM_GODOT.confirmSpawner, 'the confirmation of our spawner');
      await text('delta');
      // The stale check: older or equal times are ignored, a jump of half the u16 range wraps.
      const syncAt = (time: string, x: string): Uint8Array => hex(`06 ${time} 02 00 00 00 0c 00 00 00 05 00 00 00 00 00 ${x} 00 00 c8 42`);
      server.send(syncAt('03 00', 'f0 42')); // 120: accepted
      server.send(syncAt('02 00', '02 43')); // older: ignored
      server.send(syncAt('03 00', '02 43')); // equal: ignored
      server.send(syncAt('10 80', '0c 43')); // 140: accepted
      server.send(syncAt('05 00', '16 43')); // 150: 0x8010 - 5 >= 32767, wrapped: accepted
      server.send(syncAt('04 00', '20 43')); // older again: ignored
      await h.waitForLine((l) => l.tag === 'sync' && l.payload === '7|150.0,100.0', 10_000);
      server.send(hex(TO_GODOT.despawn7));
      await text('despawned');

      // The client's id-form RPCs, broadcast and node-level method.
      server.send(cmd('again'));
      await take(FROM_GODOT.helloAgainIdForm, 'hello("again")');
      await take(FROM_GODOT.helloEveryone, 'hello.rpc("everyone")');
      await take(FROM_GODOT.dynNodeLevel, 'dyn.rpc_id(1, 5)');

      // The client spawns with itself as authority.
      server.send(cmd('spawn'));
      await take(FROM_GODOT.simplifyMineSpawner, 'SIMPLIFY_PATH of MineSpawner');
      server.send(hex('02 01 02 00 00 00'));
      await take(FROM_GODOT.spawnMine, 'SPAWN of mine');
      await take(FROM_GODOT.firstSync, 'the first SYNC');
      await take(FROM_GODOT.firstDelta, 'the first DELTA');
      server.send(cmd('hp'));
      await take(FROM_GODOT.deltaHp6, 'DELTA hp = 6');
      server.send(cmd('move'));
      await server.take((p) => p.hex.slice(9) === SYNC_ENTRIES.mineAt78 && p.hex.startsWith('06'), 'SYNC at (7, 8)');

      // A scene-placed synchronizer: SYNC only after its path is confirmed, with id 0x80000003.
      server.send(cmd('cursor'));
      await take(FROM_GODOT.simplifyCursorSync, 'SIMPLIFY_PATH of CursorSync');
      server.received.length = 0;
      server.send(hex('02 01 03 00 00 00'));
      await server.take((p) => p.hex.slice(9) === `${SYNC_ENTRIES.mineAt78} ${SYNC_ENTRIES.cursor}`, 'SYNC with both entries');

      server.send(cmd('despawn'));
      await take(FROM_GODOT.despawnMine, 'DESPAWN of mine');
      server.received.length = 0;
      await server.take((p) => p.hex.slice(9) === SYNC_ENTRIES.cursor, 'SYNC of the cursor alone');

      // A SIMPLIFY_PATH with a wrong md5 is cached and answered with valid = 0.
      server.send(hex(`01 ${ascii('0'.repeat(32))} 00 03 00 00 00 ${ascii('Main/Cursor', true)}`));
      await take(FROM_GODOT.confirmCursorBadMd5, 'CONFIRM_PATH valid = 0');

      server.send(cmd('done'));
      const run = await handle.finished;
      const b64 = (tag: string): string[] => run.taggedText(tag);
      expect(b64('auth')).toEqual(['1|ok']);
      expect(run.tagged('welcome')).toEqual(['42|1', '43|1']); // not 41: sent before auth completed
      expect(run.tagged('dyn')).toEqual(['9|1']);
      expect(run.tagged('ready')).toEqual(['7|100.0,100.0|100', 'mine|3.0,4.0|5']);
      expect(run.tagged('spawned')).toEqual(['7']);
      expect(run.tagged('sync')).toEqual(['7|110.0,100.0', '7|120.0,100.0', '7|140.0,100.0', '7|150.0,100.0']);
      expect(run.tagged('delta')).toEqual(['7|90']);
      expect(run.tagged('despawned')).toEqual(['7']);
      expect(b64('raw')[0]).toBe('1|pong');
      // Exactly the two errors the probe provokes: the too-early RPC and the wrong md5.
      expect(run.errors.map((e) => e.message)).toEqual([
        'Condition "len < 2 || (packet[0] & CMD_MASK) != NETWORK_COMMAND_SYS || packet[1] != SYS_COMMAND_AUTH" is true. Continuing.',
        'The rpc node checksum failed. Make sure to have the same methods on both nodes. Node path: Main/Cursor',
      ]);
      expect(EMPTY_MD5).toHaveLength(32);
    } catch (error) {
      if (error instanceof Error && handle) error.message += `\n--- Godot ---\n${handle.output.tail(60)}`;
      throw error;
    } finally {
      if (handle?.running) await handle.stop();
      server.close();
    }
  }, 90_000);
});
