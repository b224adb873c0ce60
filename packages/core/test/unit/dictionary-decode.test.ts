/**
 * The decoder builds an untyped Dictionary in one pass when every key is a String or a safe int
 * and none repeats, and entry by entry (`set`) otherwise. These tests write Dictionaries on the
 * wire by hand, with keys drawn from a small pool so that repeats and look-alike keys (1, 1.0,
 * "1", &"1", -0.0, ints in and out of order, past the linear-search size) are common, and check
 * that the decoded Dictionary is the one `set` builds from the same entries: same entries in the
 * same order, same lookups, same bytes when encoded again.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dictionary, ErrorCode, Float, StringName, Vector2, VariantError, bytesToVar, varToBytes, type Variant, type VariantLike } from '../../src/index.js';
import { variant } from '../support/arbitraries.js';
import { toHex } from '../support/hex.js';

const DICTIONARY_HEADER = 27;

/** A Dictionary on the wire with exactly these entries, repeats included (varToBytes cannot write repeats). */
function wireDictionary(entries: ReadonlyArray<readonly [VariantLike, VariantLike]>): Uint8Array {
  const parts = entries.flatMap(([k, v]) => [varToBytes(k), varToBytes(v)]);
  const out = new Uint8Array(8 + parts.reduce((n, p) => n + p.length, 0));
  const view = new DataView(out.buffer);
  view.setUint32(0, DICTIONARY_HEADER, true);
  view.setUint32(4, entries.length, true);
  let at = 8;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The general path: each wire entry decoded on its own and `set`, in wire order. */
function setOneByOne(entries: ReadonlyArray<readonly [VariantLike, VariantLike]>): Dictionary {
  const dict = new Dictionary();
  for (const [k, v] of entries) dict.set(bytesToVar(varToBytes(k)), bytesToVar(varToBytes(v)));
  return dict;
}

function expectSameDictionary(decoded: Dictionary, expected: Dictionary): void {
  expect(decoded.size).toBe(expected.size);
  expect([...decoded]).toStrictEqual([...expected]);
  for (const key of expected.keys()) {
    expect(decoded.has(key)).toBe(true);
    expect(decoded.get(key)).toStrictEqual(expected.get(key));
  }
  expect(toHex(varToBytes(decoded))).toBe(toHex(varToBytes(expected)));
}

const stringKey = fc.constantFrom('', 'a', 'b', 'hp', 'x', 'y', 'name', 'pos', 'posx', '1', 'é', 'Zoë', '今日', 'a'.repeat(20), 'b'.repeat(70));
const intKey = fc.oneof(fc.integer({ min: -3, max: 40 }), fc.constantFrom(1000, 2 ** 31, 2 ** 53, -(2 ** 53)));
const otherKey = fc.oneof(
  fc.constantFrom<VariantLike>(new Float(1), new Float(-0), 1.5, NaN, null, true, new StringName('a'), new StringName('1'), 2n ** 60n),
  fc.constantFrom<VariantLike>(new Vector2(1, 2), [1, 'a'], { a: 1 }),
);
const key = fc.oneof({ weight: 4, arbitrary: stringKey }, { weight: 4, arbitrary: intKey }, { weight: 1, arbitrary: otherKey });
const value = fc.oneof(fc.integer(), fc.string({ maxLength: 6 }), fc.constant(new Float(2)), fc.constant(null));

describe('decoding untyped Dictionaries in one pass', () => {
  it('gives the Dictionary that set() builds from the same wire entries, repeats and look-alike keys included', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(key, value), { maxLength: 24, size: 'max' }), (entries) => {
        expectSameDictionary(bytesToVar(wireDictionary(entries)) as Dictionary, setOneByOne(entries));
      }),
      { numRuns: 3000, seed: 1515 },
    );
  });

  it('does the same for ascending int keys (no search) broken by a repeat or a smaller key', () => {
    const shape = fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 40 }), fc.oneof(intKey, stringKey));
    fc.assert(
      fc.property(shape, ([n, breakAt, intruder]) => {
        const entries: Array<[VariantLike, VariantLike]> = Array.from({ length: n }, (_, i) => [i * 3, i]);
        entries.splice(Math.min(breakAt, n), 0, [intruder, 'x']);
        expectSameDictionary(bytesToVar(wireDictionary(entries)) as Dictionary, setOneByOne(entries));
      }),
      { numRuns: 2000, seed: 1516 },
    );
  });

  it('a repeated key keeps its first position and takes the last value, in the linear and the Set range', () => {
    for (const n of [3, 8, 9, 20]) {
      const entries: Array<[VariantLike, VariantLike]> = Array.from({ length: n }, (_, i) => [`k${i}`, i]);
      entries.push(['k1', 'again'], [`k${n - 1}`, 'last']);
      const d = bytesToVar(wireDictionary(entries)) as Dictionary;
      expect(d.size).toBe(n);
      expect(d.keys()).toEqual(Array.from({ length: n }, (_, i) => `k${i}`));
      expect(d.get('k1')).toBe('again');
      expect(d.get(`k${n - 1}`)).toBe('last');
    }
  });

  it('a Dictionary decoded in one pass behaves like any other afterwards (set, erase, lookups past the index size)', () => {
    const entries: Array<[VariantLike, VariantLike]> = Array.from({ length: 12 }, (_, i) => [100 + i, i]);
    const d = bytesToVar(wireDictionary(entries)) as Dictionary;
    const e = setOneByOne(entries);
    for (const dict of [d, e]) {
      dict.set(105, 'five');
      dict.set(new Float(105), 'float');
      dict.erase(100);
      dict.set('100', 'text');
    }
    expectSameDictionary(d, e);
  });

  it('a String key past maxDepth fails where it starts, as every other too-deep value does', () => {
    // The key's header comes after the headers and counts of its containers.
    const cases: Array<[Uint8Array, number, number]> = [
      [varToBytes({ a: 1 }), 0, 8],
      [varToBytes([[{ a: 1 }]]), 2, 24],
    ];
    for (const [bytes, maxDepth, offset] of cases) {
      let caught: unknown;
      try {
        bytesToVar(bytes, { maxDepth });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(VariantError);
      expect((caught as VariantError).code).toBe(ErrorCode.ERR_OUT_OF_MEMORY);
      expect((caught as VariantError).offset).toBe(offset);
    }
  });

  it('random Variants re-encode to the bytes they were decoded from', () => {
    fc.assert(
      fc.property(variant(), (v) => {
        const bytes = varToBytes(v);
        expect(toHex(varToBytes(bytesToVar(bytes) as Variant))).toBe(toHex(bytes));
      }),
      { numRuns: 1000, seed: 1517 },
    );
  });
});
