/**
 * Every decoder failure (`decode_variant` in Godot's `core/io/marshalls.cpp`), with Godot's error code. Nothing but a VariantError may escape.
 */
import { describe, expect, it } from 'vitest';
import {
  ErrorCode, GodotObject, VariantError, bytesToVar, decodeVariant, errorName, varToBytes,
  type DecodeOptions,
} from '../../src/index.js';
import { hex } from '../support/hex.js';

function decodeError(bytes: Uint8Array, options?: DecodeOptions): VariantError {
  try {
    bytesToVar(bytes, options);
  } catch (error) {
    expect(error).toBeInstanceOf(VariantError);
    expect((error as VariantError).name).toBe('VariantError');
    return error as VariantError;
  }
  throw new Error('expected the decode to fail');
}

const { ERR_INVALID_DATA, ERR_FILE_EOF, ERR_UNAUTHORIZED, ERR_OUT_OF_MEMORY } = ErrorCode;

const cases: Array<[string, string, number]> = [
  ['one byte (Godot test: r_len stays 0)', '00', ERR_INVALID_DATA],
  ['empty input', '', ERR_INVALID_DATA],
  ['type id 255 (Godot test)', 'ff 00 00 00', ERR_INVALID_DATA],
  ['type id 39 = VARIANT_MAX', '27 00 00 00', ERR_INVALID_DATA],
  ['bool without payload', '01 00 00 00', ERR_INVALID_DATA],
  ['int truncated', '02 00 00 00 01 00', ERR_INVALID_DATA],
  ['64-bit int truncated', '02 00 01 00 01 00 00 00', ERR_INVALID_DATA],
  ['float truncated', '03 00 00 00 00 00', ERR_INVALID_DATA],
  ['64-bit float truncated', '03 00 01 00 00 00 00 00', ERR_INVALID_DATA],
  ['Vector2 truncated', '05 00 00 00 00 00 80 3f', ERR_INVALID_DATA],
  ['Transform3D truncated', '12 00 00 00' + ' 00'.repeat(44), ERR_INVALID_DATA],
  ['Color truncated', '14 00 00 00 00 00 80 3f', ERR_INVALID_DATA],
  ['RID truncated', '17 00 00 00 05 00 00 00', ERR_INVALID_DATA],
  ['object id truncated', '18 00 01 00 d2 04 00 00', ERR_INVALID_DATA],
  ['string: length field missing', '04 00 00 00 01 00', ERR_INVALID_DATA],
  ['string: negative length', '04 00 00 00 ff ff ff ff 00 00 00 00', ERR_FILE_EOF],
  ['string: length beyond the buffer', '04 00 00 00 10 00 00 00 61 62 63 64', ERR_FILE_EOF],
  ['string: padding missing', '04 00 00 00 02 00 00 00 48 69', ERR_FILE_EOF],
  ['string: huge length', '04 00 00 00 ff ff ff 7f 00 00 00 00', ERR_FILE_EOF],
  ['string: invalid UTF-8 lead byte', '04 00 00 00 01 00 00 00 ff 00 00 00', ERR_INVALID_DATA],
  ['string: truncated sequence', '04 00 00 00 01 00 00 00 c3 00 00 00', ERR_INVALID_DATA],
  ['string: overlong encoding', '04 00 00 00 02 00 00 00 c0 af 00 00', ERR_INVALID_DATA],
  ['string: encoded surrogate', '04 00 00 00 03 00 00 00 ed a0 80 00', ERR_INVALID_DATA],
  ['string: above U+10FFFF', '04 00 00 00 04 00 00 00 f4 90 80 80', ERR_INVALID_DATA],
  ['StringName: bad length', '15 00 00 00 08 00 00 00 61 00 00 00', ERR_FILE_EOF],
  ['NodePath: old format', '16 00 00 00 02 00 00 00 00 00 00 00 00 00 00 00', ERR_INVALID_DATA],
  ['NodePath: shorter than 12 bytes', '16 00 00 00 00 00 00 80 00 00 00 00', ERR_INVALID_DATA],
  ['NodePath: more names than bytes', '16 00 00 00 ff ff ff ff 00 00 00 00 00 00 00 00', ERR_INVALID_DATA],
  ['Signal: id truncated', '1a 00 00 00 01 00 00 00 61 00 00 00 07 00 00 00', ERR_INVALID_DATA],
  ['Signal: bad name length', '1a 00 00 00 ff ff ff ff', ERR_FILE_EOF],
  ['Array: count missing', '1c 00 00 00', ERR_INVALID_DATA],
  ['Array: 2^31-1 elements in 16 bytes', '1c 00 00 00 ff ff ff 7f 00 00 00 00 00 00 00 00', ERR_INVALID_DATA],
  ['Array: element error is passed through', '1c 00 00 00 01 00 00 00 04 00 00 00 09 00 00 00', ERR_FILE_EOF],
  ['Dictionary: count missing', '1b 00 00 00', ERR_INVALID_DATA],
  ['Dictionary: value missing', '1b 00 00 00 01 00 00 00 00 00 00 00', ERR_INVALID_DATA],
  ['typed Array: builtin type missing', '1c 00 01 00', ERR_INVALID_DATA],
  ['typed Array: builtin type 39', '1c 00 01 00 27 00 00 00 00 00 00 00', ERR_INVALID_DATA],
  ['typed Dictionary: value type 200', '1b 00 05 00 02 00 00 00 c8 00 00 00 00 00 00 00', ERR_INVALID_DATA],
  ['typed Array: class name length past the end', '1c 00 02 00 20 00 00 00', ERR_FILE_EOF],
  ['PackedByteArray: count missing', '1d 00 00 00', ERR_INVALID_DATA],
  ['PackedByteArray: negative count', '1d 00 00 00 ff ff ff ff', ERR_INVALID_DATA],
  ['PackedByteArray: count beyond the buffer', '1d 00 00 00 05 00 00 00 01 02 03 04', ERR_INVALID_DATA],
  ['PackedInt32Array: negative count', '1e 00 00 00 fe ff ff ff', ERR_INVALID_DATA],
  ['PackedInt32Array: 2^31-1 elements in 16 bytes', '1e 00 00 00 ff ff ff 7f 00 00 00 00 00 00 00 00', ERR_INVALID_DATA],
  ['PackedInt64Array: truncated', '1f 00 00 00 01 00 00 00 01 00 00 00', ERR_INVALID_DATA],
  ['PackedFloat32Array: count beyond', '20 00 00 00 02 00 00 00 00 00 c0 3f', ERR_INVALID_DATA],
  ['PackedFloat64Array: negative', '21 00 00 00 00 00 00 80', ERR_INVALID_DATA],
  ['PackedStringArray: element past the end', '22 00 00 00 02 00 00 00 02 00 00 00 61 00 00 00', ERR_INVALID_DATA],
  ['PackedVector2Array: count beyond', '23 00 00 00 02 00 00 00 00 00 80 3f 00 00 00 40', ERR_INVALID_DATA],
  ['PackedVector3Array: negative', '24 00 00 00 ff ff ff ff', ERR_INVALID_DATA],
  ['PackedColorArray: truncated', '25 00 00 00 01 00 00 00 00 00 00 00', ERR_INVALID_DATA],
  ['PackedVector4Array: huge', '26 00 00 00 ff ff ff 0f', ERR_INVALID_DATA],
  ['full Object without allowObjects', '18 00 00 00 08 00 00 00 52 65 73 6f 75 72 63 65 00 00 00 00', ERR_UNAUTHORIZED],
  ['null full Object without allowObjects (still refused)', '18 00 00 00 00 00 00 00', ERR_UNAUTHORIZED],
  ['full Object nested in an Array', '1c 00 00 00 01 00 00 00 18 00 00 00 00 00 00 00', ERR_UNAUTHORIZED],
];

describe('decode errors', () => {
  it.each(cases)('%s → %s', (_name, bytes, code) => {
    const error = decodeError(hex(bytes));
    expect(errorName(error.code)).toBe(errorName(code));
  });

  it('a full object decodes with allowObjects', () => {
    const bytes = varToBytes(new GodotObject('Resource', { resource_name: 'hello', script: null }), { fullObjects: true });
    expect(decodeError(bytes).code).toBe(ERR_UNAUTHORIZED);
    const value = bytesToVar(bytes, { allowObjects: true }) as GodotObject;
    expect(value.className).toBe('Resource');
    expect([...value.properties]).toEqual([['resource_name', 'hello'], ['script', null]]);
  });

  it('a full object whose script is not a res:// path is invalid data', () => {
    const bytes = varToBytes(new GodotObject('Node', { script: 'user://x.gd' }), { fullObjects: true });
    expect(decodeError(bytes, { allowObjects: true }).code).toBe(ERR_INVALID_DATA);
  });

  function nestedArrays(depth: number): Uint8Array {
    // `depth` Arrays each holding the next, innermost holding null.
    const out = new Uint8Array(depth * 8 + 4);
    const view = new DataView(out.buffer);
    for (let i = 0; i < depth; i++) {
      view.setUint32(i * 8, 0x1c, true);
      view.setUint32(i * 8 + 4, 1, true);
    }
    return out;
  }

  it('accepts the deepest allowed leaf (depth 1024) and refuses 1025 with ERR_OUT_OF_MEMORY', () => {
    expect(() => bytesToVar(nestedArrays(1024))).not.toThrow();
    expect(decodeError(nestedArrays(1025)).code).toBe(ERR_OUT_OF_MEMORY);
  });

  it('checks depth before reading: a truncated value too deep is ERR_OUT_OF_MEMORY', () => {
    expect(decodeError(nestedArrays(1025).subarray(0, 1025 * 8)).code).toBe(ERR_OUT_OF_MEMORY);
  });

  it('honours a smaller maxDepth option', () => {
    expect(decodeError(nestedArrays(3), { maxDepth: 2 }).code).toBe(ERR_OUT_OF_MEMORY);
    expect(() => bytesToVar(nestedArrays(2), { maxDepth: 2 })).not.toThrow();
  });

  it('reports the byte offset of the failure', () => {
    const error = decodeError(hex('1c 00 00 00 02 00 00 00 00 00 00 00 ff 00 00 00'));
    expect(error.offset).toBe(12);
    expect(error.message).toMatch(/Unknown Variant type id 255 at byte 12/);
  });

  it('ignores trailing bytes and reports the consumed length', () => {
    expect(decodeVariant(hex('02 00 00 00 05 00 00 00 ff ff'))).toEqual({ value: 5, length: 8 });
  });

  it('accepts a top-level PackedByteArray whose final padding is missing, like Godot', () => {
    expect(decodeVariant(hex('1d 00 00 00 03 00 00 00 01 02 03'))).toEqual({ value: Uint8Array.of(1, 2, 3), length: 12 });
  });

  it('ignores header bits that do not apply to the type', () => {
    expect(bytesToVar(hex('04 ff 01 ff 01 00 00 00 61 00 00 00'))).toBe('a');
    expect(bytesToVar(hex('1c 00 0c 00 00 00 00 00'))).toEqual([]);
  });

  it('string decoding stops at the first NUL and skips a leading BOM', () => {
    expect(bytesToVar(hex('04 00 00 00 04 00 00 00 61 00 ff 62'))).toBe('a');
    expect(bytesToVar(hex('04 00 00 00 05 00 00 00 ef bb bf 68 69 00 00 00'))).toBe('hi');
  });

  it('long strings (past the short-string loop) follow the same rules: seeded, against a strict TextDecoder', () => {
    const strict = new TextDecoder('utf-8', { fatal: true });
    // Valid pieces, and the ones a lenient decoder would turn into U+FFFD (or keep: BOM, NUL).
    const pieces = [[0x41], [0xc3, 0xa9], [0xe6, 0x97, 0xa5], [0xf0, 0x9f, 0x91, 0x8b], [0xef, 0xbf, 0xbd], [0xef, 0xbb, 0xbf], [0x00], [0xed, 0xa0, 0x80], [0xc0, 0x80], [0x80], [0xff], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]];
    let seed = 15;
    const random = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    for (let i = 0; i < 3000; i++) {
      const body: number[] = i % 3 === 0 ? [0xef, 0xbb, 0xbf] : [];
      const length = 65 + random(200);
      // Mostly valid text, so that many cases decode; a rare bad piece somewhere.
      while (body.length < length) body.push(...(pieces[random(100) < 97 ? random(5) : random(pieces.length)] as number[]));
      const padded = new Uint8Array(8 + body.length + ((4 - (body.length % 4)) % 4));
      const view = new DataView(padded.buffer);
      view.setUint32(0, 4, true);
      view.setInt32(4, body.length, true);
      padded.set(body, 8);
      const text = Uint8Array.from(body);
      const nul = text.indexOf(0);
      let expected: string | number;
      try {
        expected = strict.decode(nul === -1 ? text : text.subarray(0, nul));
      } catch {
        expected = ERR_INVALID_DATA;
      }
      const got = ((): string | number => {
        try {
          return bytesToVar(padded) as string;
        } catch (error) {
          return (error as VariantError).code;
        }
      })();
      expect(got).toBe(expected);
    }
  });

  it('a negative PackedStringArray count is an empty array, not an error', () => {
    expect([...(bytesToVar(hex('22 00 00 00 ff ff ff ff')) as string[])]).toEqual([]);
  });

  it('refuses a non-Uint8Array argument with a VariantError', () => {
    expect(() => bytesToVar('abc' as unknown as Uint8Array)).toThrow(VariantError);
  });
});
