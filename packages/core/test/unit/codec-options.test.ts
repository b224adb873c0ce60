/**
 * Codec options are checked at the call (issue 8 item 6): a bad one is a VariantError with
 * ERR_INVALID_PARAMETER naming it, never a RangeError or TypeError from inside, and `bytesToVar`
 * throws nothing but VariantError whatever it is given.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, VariantError, bytesToVar, decodeVariant, varToBytes, type DecodeOptions, type EncodeOptions } from '../../src/index.js';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function expectInvalid(run: () => unknown, mentions: RegExp): void {
  const error = thrown(run);
  expect(error).toBeInstanceOf(VariantError);
  expect((error as VariantError).code).toBe(ErrorCode.ERR_INVALID_PARAMETER);
  expect((error as VariantError).message).toMatch(mentions);
}

const bytes = varToBytes([1, 'a']);

describe('decode options', () => {
  it.each<[string, unknown, RegExp]>([
    ['an unknown format', { format: 'godot5' }, /format 'godot5'/],
    ['a format inherited from Object.prototype', { format: 'toString' }, /format 'toString'/],
    ['a negative maxDepth', { maxDepth: -1 }, /maxDepth/],
    ['a NaN maxDepth', { maxDepth: NaN }, /maxDepth/],
    ['a fractional maxDepth', { maxDepth: 1.5 }, /maxDepth/],
    ['a maxDepth beyond 1024 (Godot can neither send nor read it)', { maxDepth: 1e6 }, /maxDepth.*1024/],
    ['a string maxDepth', { maxDepth: '10' }, /maxDepth/],
    ['a non-boolean allowObjects', { allowObjects: 'yes' }, /allowObjects/],
    ['a non-boolean exact', { exact: 1 }, /exact/],
    ['a non-boolean alwaysBigInt', { alwaysBigInt: {} }, /alwaysBigInt/],
    ['options that are not an object', 'godot3', /options must be an object/],
  ])('refuses %s with ERR_INVALID_PARAMETER, before decoding anything', (_name, options, mentions) => {
    expectInvalid(() => bytesToVar(bytes, options as DecodeOptions), mentions);
    expectInvalid(() => decodeVariant(Uint8Array.of(0xff), options as DecodeOptions), mentions);
  });

  it('accepts the edges and null', () => {
    expect(bytesToVar(bytes, null as unknown as DecodeOptions)).toEqual([1, 'a']);
    expect(bytesToVar(varToBytes(1), { maxDepth: 0 })).toBe(1);
    expect(bytesToVar(bytes, { maxDepth: 1024, format: 'godot4.3', exact: false, allowObjects: true, alwaysBigInt: false })).toEqual([1, 'a']);
    expect(() => bytesToVar(bytes, { maxDepth: 0 })).toThrow(/deeper than 0/);
  });

  it('whatever the options and bytes, bytesToVar throws nothing but a VariantError', () => {
    const option = fc.oneof(fc.constant(undefined), fc.anything());
    const options = fc.oneof(
      fc.anything(),
      fc.record({ format: option, maxDepth: option, allowObjects: option, exact: option, alwaysBigInt: option }, { requiredKeys: [] }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), options, (input, given) => {
        try {
          bytesToVar(input, given as DecodeOptions);
        } catch (error) {
          expect(error).toBeInstanceOf(VariantError);
        }
      }),
      { numRuns: 2000, seed: 6 },
    );
  });
});

describe('encode options', () => {
  it.each<[string, unknown, RegExp]>([
    ['an unknown format', { format: 'x' }, /format 'x'/],
    ['realIsDouble with godot3', { format: 'godot3', realIsDouble: true }, /realIsDouble.*godot3/],
    ['a negative maxBytes', { maxBytes: -1 }, /maxBytes/],
    ['a NaN maxBytes', { maxBytes: NaN }, /maxBytes/],
    ['a fractional maxBytes', { maxBytes: 10.5 }, /maxBytes/],
    ['a maxDepth beyond 1024', { maxDepth: 1e6 }, /maxDepth/],
    ['a non-boolean fullObjects', { fullObjects: 'no' }, /fullObjects/],
    ['a non-boolean realIsDouble', { realIsDouble: 1 }, /realIsDouble/],
    ['options that are not an object', 42, /options must be an object/],
  ])('refuses %s with ERR_INVALID_PARAMETER', (_name, options, mentions) => {
    expectInvalid(() => varToBytes([1], options as EncodeOptions), mentions);
  });

  it('accepts the edges and null, and the shared buffer keeps working after a refusal', () => {
    expect(varToBytes(1, null as unknown as EncodeOptions)).toEqual(varToBytes(1));
    expect(varToBytes(1, { maxBytes: Infinity, maxDepth: 0, realIsDouble: true, fullObjects: false })).toHaveLength(8);
    expect(() => varToBytes(1, { maxBytes: 0 })).toThrow(VariantError);
    expect(Array.from(varToBytes('ok'))).toEqual([4, 0, 0, 0, 2, 0, 0, 0, 0x6f, 0x6b, 0, 0]);
  });
});
