/**
 * Properties of the text forms over generated values of every type: the text `varToStr` writes
 * reads back (`strToVar`) to a value that writes the very same text; and `strToVar` of any text
 * at all either returns a value or throws its `VariantParseError`, quickly and in bounded memory.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dictionary, VariantParseError, VariantType, strToVar, typeOfValue, varToStr, type VariantLike } from '../../src/index.js';
import { variant } from '../support/arbitraries.js';

/**
 * Godot's own text loses these, so they cannot round-trip: `\a` and `\v` in c_escape'd strings
 * (read back as `a` and `v`), the RID (Godot 3 writes nothing), infinities inside Godot 3
 * constructors (its parser only takes numbers there) and `-inf` (Godot 3 reads `-inf.0` as 0).
 */
const survivesText = (text: string, godot3: boolean): boolean =>
  !/\\[av]/.test(text) && !(godot3 && /\binf|\bnan|-inf/.test(text));

/** Whether a value holds something of `type` anywhere. */
function contains(value: unknown, type: VariantType): boolean {
  if (typeOfValue(value) === type) return true;
  if (value instanceof Dictionary) return [...value].some(([k, v]) => contains(k, type) || contains(v, type));
  return Array.isArray(value) && value.some((item) => contains(item, type));
}

/** Godot 3's comparison of Array and Pool*Array keys is not an order: their sorted order depends on the input order. */
function hasUnorderedKeys(value: unknown): boolean {
  if (value instanceof Dictionary) {
    for (const [k, v] of value) {
      const type = typeOfValue(k) ?? VariantType.NIL;
      if (type === VariantType.ARRAY || type >= VariantType.PACKED_BYTE_ARRAY || hasUnorderedKeys(k) || hasUnorderedKeys(v)) return true;
    }
    return false;
  }
  return Array.isArray(value) && value.some(hasUnorderedKeys);
}

describe('text round trip', () => {
  it('Godot 4: strToVar(varToStr(v)) writes the same text again (exact float reading)', () => {
    fc.assert(
      fc.property(variant('godot4'), (value) => {
        const text = varToStr(value);
        fc.pre(survivesText(text, false));
        expect(varToStr(strToVar(text, { exactFloats: true }) as VariantLike)).toBe(text);
      }),
      { numRuns: 400, seed: 13 },
    );
  });

  it('Godot 4: Godot’s own float reading reads everything varToStr writes, to the same types', () => {
    fc.assert(
      fc.property(variant('godot4'), (value) => {
        const text = varToStr(value);
        const read = strToVar(text) as VariantLike;
        expect(typeOfValue(read)).toBe(typeOfValue(value));
      }),
      { numRuns: 300, seed: 14 },
    );
  });

  it('Godot 3: strToVar(varToStr(v)) writes the same text again', () => {
    fc.assert(
      fc.property(variant('godot3'), (value) => {
        const text = varToStr(value, { format: 'godot3' });
        fc.pre(survivesText(text, true) && !hasUnorderedKeys(value) && !contains(value, VariantType.RID));
        expect(varToStr(strToVar(text, { format: 'godot3' }) as VariantLike, { format: 'godot3' })).toBe(text);
      }),
      { numRuns: 400, seed: 15 },
    );
  });
});

const TOKENS = [
  '[', ']', '{', '}', '(', ')', ',', ':', '"', '&"', '#ff', ';', '\n', ' ', '-', '1', '2.5', 'e', '-inf', 'nan', 'Vector2',
  'Array', '[int]', 'Dictionary', 'Object', 'PackedByteArray', '"AQID"', 'NodePath', 'RID', '\\', '\\u', 'd83d', 'x', '9'.repeat(25),
];

function parseOutcome(text: string, format: 'godot4' | 'godot3'): 'ok' | 'error' {
  const started = performance.now();
  try {
    strToVar(text, { format, allowObjects: true });
    return 'ok';
  } catch (error) {
    if (!(error instanceof VariantParseError)) throw new Error(`strToVar threw ${String(error)}`, { cause: error });
    expect(error.line).toBeGreaterThanOrEqual(1);
    expect(error.column).toBeGreaterThanOrEqual(1);
    return 'error';
  } finally {
    expect(performance.now() - started).toBeLessThan(500);
  }
}

describe('strToVar fuzz', () => {
  it.each(['godot4', 'godot3'] as const)('%s: random token soup only ever gives a parse error', (format) => {
    const outcomes = new Set<string>();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }), (tokens) => {
        outcomes.add(parseOutcome(tokens.join(''), format));
      }),
      { numRuns: 2000, seed: 21 },
    );
    expect(outcomes).toEqual(new Set(['ok', 'error']));
  });

  it.each(['godot4', 'godot3'] as const)('%s: random characters only ever give a parse error', (format) => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (text) => {
        parseOutcome(text, format);
      }),
      { numRuns: 2000, seed: 22 },
    );
  });

  it.each(['godot4', 'godot3'] as const)('%s: mutated valid text only ever gives a parse error, in bounded memory', (format) => {
    const before = process.memoryUsage().heapUsed;
    fc.assert(
      fc.property(
        variant(format),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom(...TOKENS), fc.integer({ min: 0, max: 2 })), { minLength: 1, maxLength: 5 }),
        (value, edits) => {
          let text = varToStr(value, { format });
          for (const [position, token, kind] of edits) {
            const at = text.length === 0 ? 0 : position % text.length;
            if (kind === 0) text = text.slice(0, at) + token + text.slice(at);
            else if (kind === 1) text = text.slice(0, at) + text.slice(at + 1);
            else text = text.slice(0, at) + token + text.slice(at + token.length);
          }
          parseOutcome(text, format);
        },
      ),
      { numRuns: 1500, seed: 23 },
    );
    // Nothing accumulates across parses: a generous bound, far below one leaked copy per run.
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('hostile shapes fail fast: deep nesting, huge numbers, long strings', () => {
    for (const text of ['['.repeat(100_000), '{'.repeat(100_000), `${'Array[int]('.repeat(5000)}`, '9'.repeat(100_000), `"${'\\u'.repeat(50_000)}`, `${'1e'.repeat(10_000)}`]) {
      // A run of digits is one (clamped) int; '1e1e…' is the number 1e1 and ignored trailing text.
      expect(parseOutcome(text, 'godot4')).toBe(/^[91]/.test(text) ? 'ok' : 'error');
    }
  });
});
