/** The declaration layer: method ids and md5s, replication lists, type tags, paths, and the types TypeScript derives. */
import { ErrorCode, Float, Vector2, VariantType } from '@pp/core';
import { describe, expect, it } from 'vitest';
import {
  MethodTable, SceneMultiplayer, SyncTemplate, compareCodePoints, defineGame, md5Hex, rpc, t, tagOfGodotType,
} from '../../src/index.js';
import { godotToInt, isValidNodeName, joinPath, splitPropertyPath } from '../../src/tree/paths.js';
import { MAIN_MD5 } from '../vectors/godot46.js';
import { probeGame } from '../support/probe-game.js';

describe('method tables', () => {
  it('node-level names first (0x8000 | i), then script-level, each sorted; md5 of the concatenation (as Godot 4.6)', () => {
    const table = MethodTable.of(probeGame.nodes.Main);
    expect([...table.byId].map(([id, m]) => [id, m.name])).toEqual([[0x8000, 'dyn'], [0, 'hello'], [1, 'report'], [2, 'welcome']]);
    expect(table.md5).toBe(MAIN_MD5);
    expect(MethodTable.of({}).md5).toBe(md5Hex(''));
  });

  it('sorts by code point, not by UTF-16 unit', () => {
    const astral = '\u{1F600}';
    const bmp = '\uFFFD';
    expect([astral, bmp].sort(compareCodePoints)).toEqual([bmp, astral]);
    expect([astral, bmp].sort()).toEqual([astral, bmp]); // what plain JS sort would do
    expect(['b', 'B', 'a', '_x', 'aa'].sort(compareCodePoints)).toEqual(['B', '_x', 'a', 'aa', 'b']);
  });

  it('guesses a method missing on the peer from its md5', () => {
    const table = MethodTable.of({ rpc: { a: rpc(), b: rpc(), c: rpc() } });
    expect(table.guessMissing(md5Hex('ac'))).toEqual(['b']);
    expect(table.guessMissing(md5Hex('x'))).toEqual([]);
  });
});

describe('replication configs', () => {
  it('spawn, sync and watch lists in config order; 4.1 may watch a synced property too', () => {
    const tpl = SyncTemplate.of({
      properties: [
        { path: '.:position', type: t.vector2 },
        { path: '.:hp', type: t.int, mode: 'on_change' },
        { path: 'Sprite:modulate:a', type: t.float, spawn: false, mode: 'always', alsoWatch: true },
        { path: '.:secret', type: t.string, mode: 'never' },
      ],
    });
    expect(tpl.root).toBe('..');
    expect(tpl.spawn.map((p) => p.path)).toEqual(['.:position', '.:hp', '.:secret']);
    expect(tpl.sync.map((p) => p.path)).toEqual(['.:position', 'Sprite:modulate:a']);
    expect(tpl.watch.map((p) => p.path)).toEqual(['.:hp', 'Sprite:modulate:a']);
    expect(tpl.sync[1]).toMatchObject({ node: 'Sprite', property: 'modulate:a' });
    expect(() => SyncTemplate.of({ properties: [{ path: 'position', type: t.int }] })).toThrow(/names no property/);
    expect(() => SyncTemplate.of({ replicationInterval: -1, properties: [] })).toThrow(expect.objectContaining({ code: ErrorCode.ERR_INVALID_PARAMETER }));
    expect(() => SyncTemplate.of({ deltaInterval: 100, replicationInterval: 0.1, properties: [] })).not.toThrow();
    expect(() => SyncTemplate.of({ replicationInterval: 5000, properties: [] })).toThrow(/replicationInterval \(seconds\)/);
  });
});

describe('type tags', () => {
  it('check outgoing values and convert incoming ones like GDScript typed parameters', () => {
    expect(t.float.toVariant(2)).toEqual(new Float(2));
    expect(t.float.fromVariant(3, VariantType.INT)).toBe(3);
    expect(t.float.fromVariant(new Float(2), VariantType.FLOAT)).toBe(2);
    expect(t.int.fromVariant(1.5, VariantType.FLOAT)).toBeUndefined();
    expect(() => t.int.toVariant(1.5)).toThrow(/expected int, got number/);
    expect(() => t.vector2.toVariant({ x: 1, y: 2 } as Vector2)).toThrow(/expected Vector2, got Object/);
    expect(t.string.fromVariant('a', VariantType.STRING)).toBe('a');
    expect(t.any.fromVariant(new Float(1), VariantType.FLOAT)).toEqual(new Float(1));
    expect(t.vector2.zero()).toEqual(new Vector2(0, 0));
  });

  it('maps GDScript type names', () => {
    expect(tagOfGodotType('int')).toEqual({ key: 'int', known: true });
    expect(tagOfGodotType('Array[int]')).toEqual({ key: 'array', known: true });
    expect(tagOfGodotType('PackedVector2Array')).toEqual({ key: 'packedVector2Array', known: true });
    expect(tagOfGodotType(undefined)).toEqual({ key: 'any', known: true });
    expect(tagOfGodotType('Node2D')).toEqual({ key: 'any', known: false });
  });
});

describe('paths', () => {
  it("resolve like Godot's relative NodePaths", () => {
    expect(joinPath('Main/PlayerSpawner', '../Players')).toBe('Main/Players');
    expect(joinPath('Main/Players/7/Sync', '..')).toBe('Main/Players/7');
    expect(joinPath('Main/Players/7', '.')).toBe('Main/Players/7');
    expect(joinPath('Main/Players/7', 'Body/Sprite')).toBe('Main/Players/7/Body/Sprite');
    expect(splitPropertyPath(':hp')).toEqual({ node: '.', property: 'hp' });
    expect(godotToInt('123')).toBe(123);
    expect(godotToInt('a1b2c3')).toBe(123);
    expect(godotToInt('1.2.3')).toBe(1);
    expect(godotToInt('-42')).toBe(-42);
    expect(isValidNodeName('Player7')).toBe(true);
    expect(isValidNodeName('@Node@2')).toBe(true);
    expect(isValidNodeName('a/b')).toBe(false);
    expect(isValidNodeName('a.b')).toBe(false);
  });
});

describe('types derived from a declaration', () => {
  it('type RPC calls and handlers (compile-time checks)', () => {
    const game = defineGame({
      godot: '4.6',
      nodes: { Main: { rpc: { say: rpc({ args: [t.string, t.int], minArgs: 1 }), any: rpc(), pos: rpc({ args: [t.vector2] }) } } },
    });
    const mp = new SceneMultiplayer({ game });
    const typed = (): void => {
      mp.rpc('Main', 'say', 0, 'hi');
      mp.rpc('Main', 'say', 0, 'hi', 3);
      mp.rpc('Main', 'any', 0, 1, 'two', new Vector2());
      // @ts-expect-error a number where a String is declared
      mp.rpc('Main', 'say', 0, 5);
      // @ts-expect-error an undeclared method
      mp.rpc('Main', 'nope', 0);
      mp.onRpc('Main', 'say', (ctx, text, count) => {
        const s: string = text;
        const n: number | bigint | undefined = count;
        return [ctx.sender, s, n];
      });
      // @ts-expect-error the handler's parameter types follow the declaration
      mp.onRpc('Main', 'pos', (_ctx, p: string) => p);
    };
    expect(typeof typed).toBe('function');
    expect(() => mp.onRpc('Main', 'nope' as 'say', () => undefined)).toThrow(/declares no RPC "nope"/);
  });
});
