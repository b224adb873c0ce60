/**
 * Dictionary key identity without re-serialising keys: the hash (`keyCanon`), the comparison
 * that confirms equal hashes (`keysEqual`) and the complete primitive (`variantKey`) must agree,
 * and agree with Godot 4's rules.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Dictionary, Float, Int, NodePath, PackedStringArray, StringName, TypedArray, Vector2, Vector2i, VariantType,
  bytesToVar, variantKey, varToBytes, type Variant, type VariantLike,
} from '../../src/index.js';
import { DECODED_ENTRY } from '../../src/variant/dictionary.js';
import { keyCanon, keysEqual } from '../../src/variant/variant-key.js';
import { variant } from '../support/arbitraries.js';

/** A value and another that is often the same key in another JavaScript form. */
const pair = variant('godot4').chain((a) =>
  fc.oneof(
    fc.constant([a, a] as const),
    fc.constant([a, bytesToVar(varToBytes(a), { exact: true })] as const),
    fc.constant([a, bytesToVar(varToBytes(a))] as const),
    variant('godot4').map((b) => [a, b] as const),
  ),
);

describe('key identity', () => {
  it('keysEqual, keyCanon and variantKey agree (nested rules)', () => {
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const equal = keysEqual(a, b);
        expect(equal).toBe(keysEqual(b, a));
        expect(equal).toBe(variantKey([a]) === variantKey([b]));
        if (equal) expect(keyCanon([a])).toBe(keyCanon([b]));
      }),
      { numRuns: 1500, seed: 15 },
    );
  });

  it('a Dictionary finds every key it holds by an equal key in another form', () => {
    fc.assert(
      fc.property(fc.array(variant('godot4'), { maxLength: 20 }), (keys) => {
        const d = new Dictionary(keys.map((k, i) => [k as Variant, i]));
        const back = bytesToVar(varToBytes(d)) as Dictionary;
        expect(back.size).toBe(d.size);
        for (const [key, value] of d) expect(back.get(bytesToVar(varToBytes(key as VariantLike)))).toBe(value);
      }),
      { numRuns: 300, seed: 16 },
    );
  });

  it('follows Godot 4: INT and FLOAT apart, String and StringName one key at the top only, 0.0 is -0.0, NaN is NaN', () => {
    expect(keysEqual([1], [new Float(1)])).toBe(false);
    expect(keysEqual([1], [1n])).toBe(true);
    expect(keysEqual([2 ** 60], [2n ** 60n])).toBe(true);
    expect(keysEqual([new Int(5)], [5])).toBe(true);
    expect(keysEqual([1.5], [new Float(1.5)])).toBe(true);
    expect(keysEqual([0.5, new Float(0)], [0.5, -0])).toBe(true);
    expect(keysEqual([NaN], [new Float(NaN)])).toBe(true);
    expect(keysEqual(['s'], [new StringName('s')])).toBe(false);
    expect(variantKey('s')).toBe(variantKey(new StringName('s')));
    expect(keysEqual(new Vector2(1, 2), new Vector2(1, 2))).toBe(true);
    expect(keysEqual(new Vector2(1, 2), new Vector2i(1, 2))).toBe(false);
    expect(keysEqual(new TypedArray(VariantType.INT, [1]), [1])).toBe(false);
    expect(keysEqual(PackedStringArray.fromStrings(['a']), ['a'])).toBe(false);
    expect(keysEqual({ a: 1 }, new Map([['a', 1]]))).toBe(true);
    expect(keysEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(keysEqual(new NodePath('/a:b'), new NodePath('/a:b'))).toBe(true);
    expect(keysEqual(Uint8Array.of(1, 2), Buffer.from([1, 2]))).toBe(true);
    expect(variantKey(Uint8Array.of(1, 2))).toBe(variantKey(Buffer.from([1, 2])));
  });

  it('structured keys whose hashes collide stay apart, and equal ones still collapse', () => {
    for (const size of [3, 40]) {
      const d = new Dictionary();
      const memo = new Map<object, number>();
      const keys = Array.from({ length: size }, (_, i) => [i]);
      // Every key gets the same hash: all of them land in one bucket.
      for (const key of keys) memo.set(key, 42);
      keys.forEach((key, i) => d[DECODED_ENTRY](key, i, memo));
      expect(d.size).toBe(size);
      const again = [size - 1];
      memo.set(again, 42);
      d[DECODED_ENTRY](again, 'last', memo);
      expect(d.size).toBe(size);
      expect([...d.values()].at(-1)).toBe('last');
      expect([...d.keys()].at(-1)).toBe(keys.at(-1));
    }
  });
});
