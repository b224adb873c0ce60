/** The packet layer against the bytes Godot 4.6 sent and accepted (test/vectors/godot46.ts). */
import { Float, Vector2, type Dictionary, type Variant } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../src/protocol/bytes.js';
import { readCompressedList, writeCompressedList } from '../../src/protocol/compressed-variant.js';
import { confirmPathLegacyPacket, confirmPathPacket, parseConfirmPath, parseSimplifyPath, simplifyPathPacket } from '../../src/protocol/path-packets.js';
import { parseRemoteCall, remoteCallPacket } from '../../src/protocol/remote-call.js';
import {
  despawnPacket, packStateEntries, parseDelta, parseDespawn, parseSpawn, parseSync, spawnPacket,
} from '../../src/protocol/replication-packets.js';
import { authPacket, parseSys, peerNoticePacket, relayPacket } from '../../src/protocol/sys-packets.js';
import { DropError } from '../../src/drop-report.js';
import { hex, toHex } from '../support/hex.js';
import { EMPTY_MD5, FROM_GODOT, MAIN_MD5, SYNC_ENTRIES, TO_GODOT } from '../vectors/godot46.js';

const compressed = (values: readonly Parameters<typeof writeCompressedList>[1][number][]): Uint8Array => {
  const w = new ByteWriter();
  writeCompressedList(w, values);
  return w.finish();
};

const dropReason = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DropError) return error.reason;
    throw error;
  }
  return 'no error';
};

describe('compressed variants', () => {
  const reportArgs = [true, -1, 300, 70000, 1.5, 'hi', new Vector2(1, 2), 2 ** 40, [1, 'a'], { k: new Float(2) }] as const;

  it('encode exactly as Godot 4.6 encoded report(…)', () => {
    const call = parseRemoteCall(hex(FROM_GODOT.reportPathForm));
    const bytes = hex(FROM_GODOT.reportPathForm).subarray(call.argsStart, call.argsEnd);
    expect(toHex(compressed(reportArgs))).toBe(toHex(bytes));
  });

  it('decode what Godot 4.6 sent, with Godot types kept', () => {
    const packet = hex(FROM_GODOT.reportPathForm);
    const call = parseRemoteCall(packet);
    expect(call.argc).toBe(10);
    const { values, end } = readCompressedList(packet, call.argsStart, call.argsEnd, call.argc);
    expect(end).toBe(call.argsEnd);
    const plain: Variant[] = values.map((v) => v.value);
    expect(plain.slice(0, 8)).toEqual([true, -1, 300, 70000, 1.5, 'hi', new Vector2(1, 2), 2 ** 40]);
    expect(plain[8]).toEqual([1, 'a']);
    expect((plain[9] as Dictionary).get('k')?.valueOf()).toBe(2);
    expect(values.map((v) => v.type)).toEqual([1, 2, 2, 2, 3, 4, 5, 2, 28, 27]);
  });

  it('pick the smallest int width, sign-extended', () => {
    expect(toHex(compressed([false, 0, -128, 127, -129, 32767, -32769, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, -(2n ** 63n)]))).toBe(
      '01 02 00 02 80 02 7f 42 7f ff 42 ff 7f 82 ff 7f ff ff 82 ff ff ff 7f 82 00 00 00 80 c2 00 00 00 80 00 00 00 00 c2 00 00 00 00 00 00 00 80',
    );
    const bytes = hex('42 7f ff 82 00 00 00 80 c2 00 00 00 00 00 00 00 80');
    expect(readCompressedList(bytes, 0, bytes.length, 3).values.map((v) => v.value)).toEqual([-129, -(2 ** 31), -(2n ** 63n)]);
  });

  it('keep an integral float a float (Float), and 1.0 encodes as FLOAT', () => {
    const bytes = compressed([new Float(1)]);
    expect(toHex(bytes)).toBe('03 00 00 00 00 00 80 3f');
    expect(readCompressedList(bytes, 0, bytes.length, 1).values[0]?.value).toEqual(new Float(1));
  });

  it('refuse short ints, unknown types and objects', () => {
    expect(() => readCompressedList(hex('42 01'), 0, 2, 1)).toThrow(/compressed int/);
    expect(() => readCompressedList(hex('3f'), 0, 1, 1)).toThrow(/Invalid variant type/);
    expect(() => readCompressedList(hex('02'), 0, 1, 1)).toThrow();
  });
});

describe('SYS packets', () => {
  it('auth, peer notices and relay', () => {
    expect(toHex(authPacket(new TextEncoder().encode('ok')))).toBe(TO_GODOT.authReply);
    expect(toHex(authPacket())).toBe(TO_GODOT.authDone);
    expect(toHex(peerNoticePacket(1, 7))).toBe('07 01 07 00 00 00');
    expect(toHex(peerNoticePacket(2, 2147483647))).toBe('07 02 ff ff ff 7f');
    expect(toHex(relayPacket(0, hex('03 70 69 6e 67')))).toBe(FROM_GODOT.relayPing);
    const relay = parseSys(hex(FROM_GODOT.relayPing));
    expect([relay.command, relay.peer, toHex(relay.payload)]).toEqual([3, 0, '03 70 69 6e 67']);
    expect(parseSys(hex('07 03 f9 ff ff ff 03 01')).peer).toBe(-7);
  });

  it('drop short and unknown SYS packets', () => {
    expect(dropReason(() => parseSys(hex('07 01 00 00 00')))).toBe('malformed');
    expect(dropReason(() => parseSys(hex('07 04 00 00 00 00')))).toBe('unknown-command');
    expect(dropReason(() => parseSys(hex('07 03 00 00 00 00')))).toBe('malformed');
  });
});

describe('path cache packets', () => {
  it('SIMPLIFY_PATH both ways', () => {
    expect(toHex(simplifyPathPacket(MAIN_MD5, 1, 'Main'))).toBe(FROM_GODOT.simplifyMain);
    expect(toHex(simplifyPathPacket(EMPTY_MD5, 2, 'Main/PlayerSpawner'))).toBe(TO_GODOT.simplifySpawner);
    expect(parseSimplifyPath(hex(FROM_GODOT.simplifyCursorSync))).toEqual({ md5: EMPTY_MD5, cacheId: 3, path: 'Main/Cursor/CursorSync' });
    expect(dropReason(() => parseSimplifyPath(hex('01 00')))).toBe('malformed');
  });

  it('CONFIRM_PATH in both version forms, and the other form named as a version mismatch', () => {
    expect(toHex(confirmPathPacket(true, 1))).toBe(FROM_GODOT.confirmMain);
    expect(parseConfirmPath(hex(FROM_GODOT.confirmCursorBadMd5), false)).toEqual({ valid: false, cacheId: 3 });
    expect(toHex(confirmPathLegacyPacket(true, 'Main'))).toBe('02 01 4d 61 69 6e 00');
    expect(parseConfirmPath(hex('02 01 4d 61 69 6e 00'), true)).toEqual({ valid: true, path: 'Main' });
    expect(dropReason(() => parseConfirmPath(hex('02 01 4d 61 69 6e 00'), false))).toBe('version-mismatch');
    expect(dropReason(() => parseConfirmPath(hex(FROM_GODOT.confirmMain), true))).toBe('version-mismatch');
    expect(dropReason(() => parseConfirmPath(hex('02 01 01'), false))).toBe('malformed');
  });
});

describe('REMOTE_CALL', () => {
  it('builds the path form, the 1-byte id form and node-level 2-byte method ids as Godot does', () => {
    const web = compressed(['web']);
    expect(toHex(remoteCallPacket({ kind: 'path', path: 'Main' }, 0, web, 1, false))).toBe(FROM_GODOT.helloWebPathForm);
    expect(toHex(remoteCallPacket({ kind: 'path', path: 'Main' }, 2, compressed([42]), 1, false))).toBe(TO_GODOT.welcome42PathForm);
    expect(toHex(remoteCallPacket({ kind: 'id', id: 1 }, 2, compressed([43]), 1, false))).toBe(TO_GODOT.welcome43IdForm);
    expect(toHex(remoteCallPacket({ kind: 'id', id: 1 }, 0x8000, compressed([9]), 1, false))).toBe(TO_GODOT.dyn9);
    expect(toHex(remoteCallPacket({ kind: 'id', id: 300 }, 1, new Uint8Array(0), 0, true))).toBe('90 2c 01 01');
    expect(toHex(remoteCallPacket({ kind: 'wide-id', id: 3 }, 1, hex('aa bb'), 1, true))).toBe('a0 03 00 00 00 01 aa bb');
  });

  it('parses every form Godot sent', () => {
    expect(parseRemoteCall(hex(FROM_GODOT.helloWebPathForm))).toEqual({ node: { path: 'Main' }, methodId: 0, byteOnly: false, argsStart: 7, argsEnd: 19, argc: 1 });
    expect(parseRemoteCall(hex(FROM_GODOT.helloAgainIdForm))).toMatchObject({ node: { id: 1 }, methodId: 0, argc: 1, argsStart: 4 });
    expect(parseRemoteCall(hex(FROM_GODOT.dynNodeLevel))).toMatchObject({ node: { id: 1 }, methodId: 0x8000, argc: 1 });
    expect(parseRemoteCall(hex('80 01 02'))).toMatchObject({ byteOnly: true, argc: 0 });
    expect(parseRemoteCall(hex('80 01 02 aa'))).toMatchObject({ byteOnly: true, argc: 1, argsStart: 3 });
  });

  it('drops what Godot drops', () => {
    expect(dropReason(() => parseRemoteCall(hex('30 01 00 00')))).toBe('unknown-command');
    expect(dropReason(() => parseRemoteCall(hex('00 01')))).toBe('malformed');
    expect(dropReason(() => parseRemoteCall(hex('20 40 00 00 80 00 01')))).toBe('lying-length');
    expect(dropReason(() => parseRemoteCall(hex('00 01 00')))).toBe('malformed');
  });
});

describe('replication packets', () => {
  const spawnState = compressed([new Vector2(100, 100), 100]);

  it('SPAWN as Godot accepted it and as Godot sent it', () => {
    expect(toHex(spawnPacket({ sceneId: 0, spawnerId: 2, netId: 1, syncIds: [2], name: '7', state: spawnState }))).toBe(TO_GODOT.spawn7);
    const mine = parseSpawn(hex(FROM_GODOT.spawnMine));
    expect({ ...mine, state: toHex(mine.state) }).toEqual({
      sceneId: 0, spawnerId: 2, netId: 1, syncIds: [2], name: 'mine', customData: undefined, state: toHex(compressed([new Vector2(3, 4), 5])),
    });
    // The spec's minimal example: no synchronizers.
    expect(toHex(spawnPacket({ sceneId: 0, spawnerId: 3, netId: 1, syncIds: [], name: 'Bob', state: new Uint8Array(0) })))
      .toBe('04 00 03 00 00 00 01 00 00 00 00 00 00 00 04 00 00 00 42 6f 62 00');
  });

  it('custom SPAWN carries its data size and one compressed value', () => {
    const packet = spawnPacket({ sceneId: 0xff, spawnerId: 1, netId: 4, syncIds: [], name: 'x', customData: compressed([7]), state: new Uint8Array(0) });
    expect(toHex(packet)).toBe('04 ff 01 00 00 00 04 00 00 00 00 00 00 00 02 00 00 00 78 00 02 00 00 00 02 07');
    expect(toHex(parseSpawn(packet).customData ?? new Uint8Array(0))).toBe('02 07');
  });

  it('SPAWN lies are caught', () => {
    expect(dropReason(() => parseSpawn(hex('04 00 02 00 00 00 01 00 00 00 ff 00 00 00 02 00 00 00 37 00')))).toBe('lying-length');
    expect(dropReason(() => parseSpawn(hex('04 00 02 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00 37')))).toBe('malformed');
    expect(dropReason(() => parseSpawn(hex('04 ff 02 00 00 00 01 00 00 00 00 00 00 00 01 00 00 00 00 ff 00 00 00')))).toBe('lying-length');
  });

  it('DESPAWN', () => {
    expect(toHex(despawnPacket(1))).toBe(TO_GODOT.despawn7);
    expect(parseDespawn(hex(FROM_GODOT.despawnMine))).toBe(1);
    expect(dropReason(() => parseDespawn(hex('05 01')))).toBe('malformed');
  });

  it('SYNC and DELTA as Godot accepted and sent them', () => {
    const pos = compressed([new Vector2(110, 100)]);
    expect(toHex(packStateEntries('sync', [{ netId: 2, state: pos }], 1350, 1).packets[0] as Uint8Array)).toBe(TO_GODOT.sync7);
    expect(toHex(packStateEntries('delta', [{ netId: 2, indexes: 1n, state: compressed([90]) }], 65535).packets[0] as Uint8Array)).toBe(TO_GODOT.delta7);
    const both = hex(`06 44 00 ${SYNC_ENTRIES.mineAt78} ${SYNC_ENTRIES.cursor}`);
    const sync = parseSync(both);
    expect(sync.time).toBe(0x44);
    expect(sync.entries.map((e) => [e.netId, toHex(e.state)])).toEqual([
      [2, '05 00 00 00 00 00 e0 40 00 00 00 41'], [0x80000003, '05 00 00 00 00 00 80 bf 00 00 00 3f'],
    ]);
    expect(parseDelta(hex(FROM_GODOT.deltaHp6)).map((e) => [e.netId, e.indexes, toHex(e.state)])).toEqual([[2, 1n, '02 06']]);
  });

  it('splits at the MTU and refuses an entry larger than it', () => {
    const state = new Uint8Array(100);
    const { packets } = packStateEntries('sync', [1, 2, 3].map((netId) => ({ netId, state })), 230, 9);
    expect(packets.map((p) => p.length)).toEqual([3 + 2 * 108, 3 + 108]);
    expect(packets.every((p) => p[0] === 6 && p[1] === 9)).toBe(true);
    expect(packStateEntries('delta', [{ netId: 1, state: new Uint8Array(200) }], 128).tooBig).toHaveLength(1);
  });

  it('SYNC/DELTA lies and short packets are caught', () => {
    expect(dropReason(() => parseSync(hex('06 01 00 02 00 00 00 0c')))).toBe('malformed');
    expect(dropReason(() => parseSync(hex('06 01 00 02 00 00 00 ff 00 00 00 05 00')))).toBe('lying-length');
    expect(dropReason(() => parseDelta(hex('16 02 00 00 00 01 00 00 00 00 00 00 00 09 00 00 00 02 5a')))).toBe('lying-length');
  });
});
