/**
 * The decoder's promise: whatever the bytes, it returns a value or throws a VariantError with one
 * of Godot's decode error codes; it never throws anything else, never hangs and never allocates
 * from a count it has not checked.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ErrorCode, VARIANT_FORMATS, VariantError, bytesToVar, varToBytes } from '../../src/index.js';
import { variant } from '../support/arbitraries.js';

const DECODE_CODES = new Set<number>([
  ErrorCode.ERR_INVALID_DATA, ErrorCode.ERR_FILE_EOF, ErrorCode.ERR_UNAUTHORIZED, ErrorCode.ERR_OUT_OF_MEMORY,
]);

/** Decodes and returns the error code, or OK. Fails the test on anything but a VariantError. */
function decodeOutcome(bytes: Uint8Array, allowObjects: boolean, format: (typeof VARIANT_FORMATS)[number]): number {
  const started = performance.now();
  try {
    bytesToVar(bytes, { allowObjects, format });
    return ErrorCode.OK;
  } catch (error) {
    if (!(error instanceof VariantError)) throw new Error(`decoder threw ${String(error)}`, { cause: error });
    if (!DECODE_CODES.has(error.code)) throw new Error(`unexpected code ${error.codeName}: ${error.message}`);
    return error.code;
  } finally {
    // A hang guard, not a speed target: even 64 KiB of hostile input decodes in well under this.
    expect(performance.now() - started).toBeLessThan(1000);
  }
}

/** A valid encoding with a few bytes changed, removed or inserted. */
const mutated = (format: (typeof VARIANT_FORMATS)[number]) =>
  fc
    .tuple(variant(format, true), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 6 }))
    .map(([value, edits]) => {
      let bytes = Array.from(varToBytes(value, { format, fullObjects: true }));
      for (const [position, byte, kind] of edits) {
        const at = bytes.length === 0 ? 0 : position % bytes.length;
        if (kind === 0) bytes[at] = byte;
        else if (kind === 1) bytes.splice(at, 1);
        else if (kind === 2) bytes.splice(at, 0, byte);
        else bytes = bytes.slice(0, at);
      }
      return Uint8Array.from(bytes);
    });

describe.each(VARIANT_FORMATS)("decoder fuzzing, format '%s'", (format) => {
  it('random bytes only ever give a value or a VariantError with a decode code', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), fc.boolean(), (bytes, allowObjects) => {
        decodeOutcome(bytes, allowObjects, format);
      }),
      { numRuns: 3000, seed: 1 },
    );
  });

  it('random bytes behind a plausible header (every type id, every flag)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 15 }), fc.uint8Array({ maxLength: 64 }), (type, flags, tail) => {
        const bytes = new Uint8Array(4 + tail.length);
        new DataView(bytes.buffer).setUint32(0, type | (flags << 16), true);
        bytes.set(tail, 4);
        decodeOutcome(bytes, true, format);
      }),
      { numRuns: 3000, seed: 2 },
    );
  });

  it('mutated valid encodings only ever give a value or a VariantError', () => {
    fc.assert(
      fc.property(mutated(format), fc.boolean(), (bytes, allowObjects) => {
        decodeOutcome(bytes, allowObjects, format);
      }),
      { numRuns: 2000, seed: 3 },
    );
  });
});

describe('allocation safety', () => {
  it.each([
    ['Array', 0x1c],
    ['Dictionary', 0x1b],
    ['PackedByteArray', 0x1d],
    ['PackedInt64Array', 0x1f],
    ['PackedStringArray', 0x22],
    ['PackedVector3Array', 0x24],
  ])('a 16-byte %s claiming 2^31 - 1 elements fails at once', (_name, type) => {
    const bytes = new Uint8Array(16);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, type, true);
    view.setUint32(4, 0x7fffffff, true);
    const before = process.memoryUsage().arrayBuffers;
    expect(() => bytesToVar(bytes)).toThrow(VariantError);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1 << 20);
  });

  it('memory stays bounded over many hostile inputs, and the decoder keeps working', () => {
    const samples = fc.sample(fc.uint8Array({ minLength: 16, maxLength: 4096 }), { numRuns: 5000, seed: 4 });
    global.gc?.();
    const before = process.memoryUsage().heapUsed;
    for (const bytes of samples) decodeOutcome(bytes, false, 'godot4');
    global.gc?.();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
    expect(bytesToVar(varToBytes({ still: 'works' }))).toBeTruthy();
  });
});
