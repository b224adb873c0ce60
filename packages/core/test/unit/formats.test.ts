import { describe, expect, it } from 'vitest';
import {
  Color, Dictionary, ErrorCode, Float, NodePath, PackedColorArray, PackedStringArray, PackedVector2Array,
  PackedVector4Array, RID, StringName, TypedArray, Vector2, Vector2i, Vector4, VariantError, VariantType,
  bytesToVar, varToBytes, type VariantLike,
} from '../../src/index.js';
import { hex, toHex } from '../support/hex.js';

const g3 = { format: 'godot3' } as const;

describe("format 'godot3'", () => {
  it.each<[string, VariantLike, string]>([
    ['{"a": 1}', { a: 1 }, '12 00 00 00 01 00 00 00 04 00 00 00 01 00 00 00 61 00 00 00 02 00 00 00 01 00 00 00'],
    ['[1, "x"]', [1, 'x'], '13 00 00 00 02 00 00 00 02 00 00 00 01 00 00 00 04 00 00 00 01 00 00 00 78 00 00 00'],
    ['Color(1,0,0,1)', new Color(1, 0, 0, 1), '0e 00 00 00 00 00 80 3f 00 00 00 00 00 00 00 00 00 00 80 3f'],
    ['an RID', new RID(99n), '10 00 00 00'],
    ['PoolStringArray(["a"])', PackedStringArray.fromStrings(['a']), '17 00 00 00 01 00 00 00 02 00 00 00 61 00 00 00'],
    ['Vector2(1, 2)', new Vector2(1, 2), '05 00 00 00 00 00 80 3f 00 00 00 40'],
    ['float 0.1 (64-bit like 4.x)', 0.1, '03 00 01 00 9a 99 99 99 99 99 b9 3f'],
    ['NodePath', new NodePath('a:b'), '0f 00 00 00 01 00 00 80 01 00 00 00 00 00 00 00 01 00 00 00 61 00 00 00 01 00 00 00 62 00 00 00'],
  ])('%s', (_name, value, bytes) => {
    expect(toHex(varToBytes(value, g3))).toBe(bytes);
    expect(toHex(varToBytes(bytesToVar(hex(bytes), { ...g3, exact: true }) as VariantLike, g3))).toBe(bytes);
  });

  it('keeps the flag of an absolute NodePath without names, so it re-encodes as it came (Godot 3.2.3 itself reads it as the empty path)', () => {
    const bytes = hex('0f 00 00 00 00 00 00 80 00 00 00 00 01 00 00 00');
    expect((bytesToVar(bytes, g3) as NodePath).absolute).toBe(true);
    expect(toHex(varToBytes(bytesToVar(bytes, g3) as NodePath, g3))).toBe(toHex(bytes));
    expect((bytesToVar(bytes, { ...g3, exact: true }) as NodePath).absolute).toBe(true);
    expect((bytesToVar(hex('16 00 00 00 00 00 00 80 00 00 00 00 01 00 00 00')) as NodePath).absolute).toBe(true);
  });

  it('decodes an RID to an empty RID', () => {
    expect(bytesToVar(hex('10 00 00 00'), g3)).toEqual(new RID(0n));
  });

  it('reads math types as 32-bit even with bit 16 set, as Godot 3 does', () => {
    expect(bytesToVar(hex('05 00 01 00 00 00 80 3f 00 00 00 40'), g3)).toEqual(new Vector2(1, 2));
  });

  it.each<[string, VariantLike]>([
    ['StringName', new StringName('a')],
    ['Vector2i', new Vector2i(1, 2)],
    ['Vector4', new Vector4()],
    ['PackedInt64Array', BigInt64Array.of(1n)],
    ['PackedFloat64Array', Float64Array.of(1)],
    ['PackedVector4Array', new PackedVector4Array()],
    ['a StringName inside an Array', [1, new StringName('x')]],
  ])('refuses %s, which Godot 3 cannot represent', (name, value) => {
    const run = (): Uint8Array => varToBytes(value, g3);
    expect(run).toThrow(VariantError);
    expect(run).toThrow(/cannot be encoded in the 'godot3' format/);
    try {
      run();
    } catch (error) {
      expect((error as VariantError).code).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    }
    expect(name).toBeTruthy();
  });

  it('refuses realIsDouble (a VariantError with ERR_INVALID_PARAMETER, at the call)', () => {
    expect(() => varToBytes(new Vector2(), { ...g3, realIsDouble: true })).toThrow(VariantError);
    expect(() => varToBytes(new Vector2(), { ...g3, realIsDouble: true })).toThrow(/realIsDouble.*godot3/);
  });

  it('rejects type ids from 27 on', () => {
    expect(() => bytesToVar(hex('1b 00 00 00 00 00 00 00'), g3)).toThrow(VariantError);
  });

  it('round-trips pool arrays', () => {
    const values: VariantLike[] = [
      Uint8Array.of(1, 2, 3), Int32Array.of(-1, 5), Float32Array.of(0.5),
      new PackedVector2Array([new Vector2(1, 2)]), new PackedColorArray([new Color(1, 0.5, 0, 1)]),
    ];
    for (const value of values) expect(bytesToVar(varToBytes(value, g3), g3)).toEqual(value);
  });
});

describe("format 'godot4.3' (older 4.x peers)", () => {
  const g43 = { format: 'godot4.3' } as const;

  it('sends typed containers untyped, with their elements converted', () => {
    const bytes = varToBytes(new TypedArray(VariantType.FLOAT, [1, 2]), g43);
    expect(toHex(bytes.subarray(0, 8))).toBe('1c 00 00 00 02 00 00 00');
    expect(bytesToVar(bytes, { exact: true })).toEqual([new Float(1), new Float(2)]);
    expect(bytesToVar(bytes)).toEqual([new Float(1), new Float(2)]);
    const dict = new Dictionary([['a', 1]], { keyType: VariantType.STRING, valueType: VariantType.INT });
    expect(toHex(varToBytes(dict, g43).subarray(0, 8))).toBe('1b 00 00 00 01 00 00 00');
  });

  it('refuses PackedVector4Array', () => {
    expect(() => varToBytes(new PackedVector4Array(), g43)).toThrow(/PackedVector4Array cannot be encoded/);
  });

  it('ignores container bits when decoding', () => {
    expect(bytesToVar(hex('1c 00 01 00 00 00 00 00'), g43)).toEqual([]);
  });
});

describe('double-precision builds', () => {
  it('decodes 64-bit math types in every Godot 4 format', () => {
    const bytes = hex('05 00 01 00 00 00 00 00 00 00 f0 3f 9a 99 99 99 99 99 b9 3f');
    expect(bytesToVar(bytes)).toEqual(new Vector2(1, 0.1));
    expect(toHex(varToBytes(new Vector2(1, 0.1), { realIsDouble: true }))).toBe(toHex(bytes));
  });

  it('writes packed vectors with the 64-bit flag', () => {
    const bytes = varToBytes(new PackedVector2Array([new Vector2(0.1, 2)]), { realIsDouble: true });
    expect(toHex(bytes.subarray(0, 4))).toBe('23 00 01 00');
    expect((bytesToVar(bytes) as PackedVector2Array).get(0)).toEqual(new Vector2(0.1, 2));
  });
});
