/**
 * Strings take different paths by length and content (the ASCII cache, the short UTF-8 loops,
 * Node's `utf8Slice`/`utf8Write` or `TextDecoder`/`TextEncoder` past 64 bytes). Whatever the
 * path, the bytes must be the string's UTF-8 and decoding must give the string back.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, VariantError, bytesToVar, varToBytes } from '../../src/index.js';

const pieces = ['a', 'Z', ' ', '~', 'é', 'Ø', '—', '今', '日', '👋', '𝄞', 'Здр', '\u00ff', '\u0800', '\uffff'];
const text = fc.array(fc.constantFrom(...pieces), { maxLength: 160, size: 'max' }).map((parts) => parts.join(''));

function stringBytes(value: string): number[] {
  const utf8 = new TextEncoder().encode(value);
  const header = [4, 0, 0, 0, utf8.length & 0xff, (utf8.length >> 8) & 0xff, 0, 0];
  return [...header, ...utf8, ...new Array<number>((4 - (utf8.length % 4)) % 4).fill(0)];
}

describe('strings of every length and script', () => {
  it('encode to their UTF-8 and decode back, alone and after other values', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 6 }), (strings) => {
        for (const s of strings) {
          expect([...varToBytes(s)]).toEqual(stringBytes(s));
          expect(bytesToVar(varToBytes(s))).toBe(s);
        }
        expect(bytesToVar(varToBytes(strings))).toEqual(strings);
      }),
      { numRuns: 400, seed: 1518 },
    );
  });

  it('a long string with a lone surrogate is refused, not written with a replacement character', () => {
    const bad = `${'日'.repeat(70)}\ud83d${'a'.repeat(10)}`;
    expect(() => varToBytes(bad)).toThrow(VariantError);
    try {
      varToBytes(bad);
    } catch (error) {
      expect((error as VariantError).code).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    }
  });
});
