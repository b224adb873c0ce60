/**
 * The interop codec tests are only as strict as their comparison helpers: these check that the
 * helpers do catch differences.
 */
import { Dictionary, Float, NodePath, TypedArray, Vector2, VariantType, varToBytes } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { f64hex, matchDescription, type Tree } from '../support/codec/match-description.js';
import { compareEncodings, compareGodotEncodings, nodePathPadding } from '../support/codec/wire.js';

describe('matchDescription', () => {
  const vector: Tree = ['Vector2', f64hex(1), f64hex(2)];

  it('accepts the matching value and reports every difference', () => {
    expect(matchDescription(new Vector2(1, 2), vector, { exact: false })).toEqual([]);
    expect(matchDescription(new Vector2(1, 3), vector, { exact: false })).toHaveLength(1);
    expect(matchDescription([1, 2], vector, { exact: false })[0]).toMatch(/expected a Vector2/);
  });

  it('tells ints from floats: every float a Float in exact mode, integral ones by default', () => {
    const float: Tree = ['float', f64hex(1)];
    expect(matchDescription(new Float(1), float, { exact: true })).toEqual([]);
    expect(matchDescription(1, float, { exact: true })).toHaveLength(1);
    expect(matchDescription(new Float(1), float, { exact: false })).toEqual([]);
    expect(matchDescription(1, float, { exact: false })).toHaveLength(1);
    expect(matchDescription(new Float(-0), ['float', f64hex(-0)], { exact: false })).toEqual([]);
    expect(matchDescription(0.5, ['float', f64hex(0.5)], { exact: false })).toEqual([]);
    expect(matchDescription(new Float(0.5), ['float', f64hex(0.5)], { exact: false })).toHaveLength(1);
    expect(matchDescription(new Float(1), ['int', '1'], { exact: true })).toHaveLength(1);
    expect(matchDescription(2n ** 53n, ['int', String(2n ** 53n)], { exact: false })).toEqual([]);
    expect(matchDescription(5n, ['int', '5'], { exact: false })[0]).toMatch(/safe int should decode to a number/);
  });

  it('checks container types, sizes and nested elements', () => {
    const typed: Tree = ['Array', ['builtin', '2'], [['int', '1']]];
    expect(matchDescription(new TypedArray(VariantType.INT, [1]), typed, { exact: false })).toEqual([]);
    expect(matchDescription([1], typed, { exact: false })[0]).toMatch(/expected a TypedArray/);
    expect(matchDescription(new TypedArray(VariantType.INT, [2]), typed, { exact: false })[0]).toMatch(/\$\[0\]/);
    const dict: Tree = ['Dictionary', null, null, [[['String', 'a'], ['int', '1']]]];
    expect(matchDescription(new Dictionary([['a', 1]]), dict, { exact: false })).toEqual([]);
    expect(matchDescription(new Dictionary([['b', 1]]), dict, { exact: false })).toHaveLength(1);
  });

  it('compares NaN by being NaN', () => {
    expect(matchDescription(NaN, ['float', '000000000000f87f'], { exact: false })).toEqual([]);
    expect(matchDescription(0, ['float', '000000000000f87f'], { exact: false })).toHaveLength(1);
  });
});

describe('compareEncodings', () => {
  it('allows only stale NodePath padding to differ', () => {
    const ours = varToBytes([new NodePath('/root/A:b'), 'xy']);
    const stale = ours.slice();
    const padding = nodePathPadding(ours, 'godot4');
    expect(padding.size).toBe(3 + 3); // "root" needs none, "A" and "b" three each
    for (const at of padding) stale[at] = 0x30;
    expect(compareEncodings(ours, stale, 'godot4')).toBeNull();
    const elsewhere = ours.slice();
    elsewhere[elsewhere.length - 1] = 0x30; // the String's padding is not NodePath padding
    expect(compareEncodings(ours, elsewhere, 'godot4')).toMatch(/^byte \d+/);
    expect(compareEncodings(ours, ours.subarray(4), 'godot4')).toMatch(/^length/);
  });

  it('compareGodotEncodings lets both sides carry their own stale padding, and nothing else', () => {
    const ours = varToBytes([new NodePath('/root/A:b'), 'xy']);
    const one = ours.slice();
    const other = ours.slice();
    for (const at of nodePathPadding(ours, 'godot4')) {
      one[at] = 0x30;
      other[at] = 0x61;
    }
    expect(compareGodotEncodings(one, other, 'godot4')).toBeNull();
    other[other.length - 1] = 0x30;
    expect(compareGodotEncodings(one, other, 'godot4')).toMatch(/^byte \d+/);
  });
});
