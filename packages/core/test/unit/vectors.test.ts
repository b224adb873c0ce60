/**
 * Godot's own test vectors (`tests/core/io/test_marshalls.h`) and the derived vectors that Godot 4.6 confirmed, in both
 * directions. Each case: the value, its exact bytes, and (for decoding) what we expect back.
 */
import { describe, expect, it } from 'vitest';
import {
  Callable, Color, Dictionary, EncodedObjectAsID, Float, NodePath, PackedColorArray, PackedStringArray,
  PackedVector2Array, PackedVector3Array, PackedVector4Array, RID, Signal, StringName, Transform2D,
  TypedArray, Vector2, Vector2i, Vector3, Vector4, VariantType, builtin, bytesToVar, decodeVariant,
  varToBytes, type VariantLike,
} from '../../src/index.js';
import { hex, toHex } from '../support/hex.js';

const BIG = -1070935975390360081n; // 0xF123456789ABCDEF as int64

interface Case {
  name: string;
  value: VariantLike;
  bytes: string;
  /** The decoded value when it differs from `value` (e.g. a `Float` for an integral float). */
  decoded?: unknown;
  realIsDouble?: boolean;
}

const cases: Case[] = [
  { name: 'null', value: null, bytes: '00 00 00 00' },
  { name: 'true', value: true, bytes: '01 00 00 00 01 00 00 00' },
  { name: 'false', value: false, bytes: '01 00 00 00 00 00 00 00' },
  { name: 'int 0x12345678', value: 0x12345678, bytes: '02 00 00 00 78 56 34 12' },
  { name: 'int 0xF123456789ABCDEF', value: BIG, bytes: '02 00 01 00 ef cd ab 89 67 45 23 f1' },
  { name: 'int -1', value: -1, bytes: '02 00 00 00 ff ff ff ff' },
  { name: 'int 2^31-1', value: 2147483647, bytes: '02 00 00 00 ff ff ff 7f' },
  { name: 'int 2^31', value: 2147483648, bytes: '02 00 01 00 00 00 00 80 00 00 00 00' },
  { name: 'int -2^31-1', value: -2147483649, bytes: '02 00 01 00 ff ff ff 7f ff ff ff ff' },
  { name: 'int 2^53+1', value: 9007199254740993n, bytes: '02 00 01 00 01 00 00 00 00 00 20 00' },
  { name: 'int64 min', value: -9223372036854775808n, bytes: '02 00 01 00 00 00 00 00 00 00 00 80' },
  { name: 'float 0.15625', value: 0.15625, bytes: '03 00 00 00 00 00 20 3e' },
  { name: 'float 1/3', value: 0.3333333333333333, bytes: '03 00 01 00 55 55 55 55 55 55 d5 3f' },
  { name: 'float 0.5', value: 0.5, bytes: '03 00 00 00 00 00 00 3f' },
  { name: 'float 1.0', value: new Float(1), bytes: '03 00 00 00 00 00 80 3f' },
  { name: 'float -0.0', value: -0, bytes: '03 00 00 00 00 00 00 80', decoded: new Float(-0) },
  { name: 'float 0.1', value: 0.1, bytes: '03 00 01 00 9a 99 99 99 99 99 b9 3f' },
  { name: 'float INF', value: Infinity, bytes: '03 00 00 00 00 00 80 7f' },
  { name: 'float NaN', value: NaN, bytes: '03 00 01 00 00 00 00 00 00 00 f8 7f' },
  { name: 'float 1e39', value: 1e39, bytes: '03 00 01 00 1d 4a 9c f4 87 82 07 48', decoded: new Float(1e39) },
  { name: 'empty string', value: '', bytes: '04 00 00 00 00 00 00 00' },
  { name: '"Hi"', value: 'Hi', bytes: '04 00 00 00 02 00 00 00 48 69 00 00' },
  { name: '"abcd"', value: 'abcd', bytes: '04 00 00 00 04 00 00 00 61 62 63 64' },
  { name: '"é"', value: 'é', bytes: '04 00 00 00 02 00 00 00 c3 a9 00 00' },
  { name: '&"a"', value: new StringName('a'), bytes: '15 00 00 00 01 00 00 00 61 00 00 00' },
  { name: 'Vector2(1, 2)', value: new Vector2(1, 2), bytes: '05 00 00 00 00 00 80 3f 00 00 00 40' },
  {
    name: 'Vector2(1, 2), double build',
    value: new Vector2(1, 2),
    bytes: '05 00 01 00 00 00 00 00 00 00 f0 3f 00 00 00 00 00 00 00 40',
    realIsDouble: true,
  },
  { name: 'Vector2i(1, -1)', value: new Vector2i(1, -1), bytes: '06 00 00 00 01 00 00 00 ff ff ff ff' },
  { name: 'Vector3(0, 0, 1)', value: new Vector3(0, 0, 1), bytes: '09 00 00 00 00 00 00 00 00 00 00 00 00 00 80 3f' },
  {
    name: 'Transform2D.IDENTITY',
    value: new Transform2D(),
    bytes: '0b 00 00 00 00 00 80 3f 00 00 00 00 00 00 00 00 00 00 80 3f 00 00 00 00 00 00 00 00',
  },
  { name: 'Color(1, 0, 0, 1)', value: new Color(1, 0, 0, 1), bytes: '14 00 00 00 00 00 80 3f 00 00 00 00 00 00 00 00 00 00 80 3f' },
  {
    name: 'NodePath("/root/A:b")',
    value: new NodePath('/root/A:b'),
    bytes: '16 00 00 00 02 00 00 80 01 00 00 00 01 00 00 00 04 00 00 00 72 6f 6f 74 01 00 00 00 41 00 00 00 01 00 00 00 62 00 00 00',
  },
  { name: 'NodePath("")', value: new NodePath(''), bytes: '16 00 00 00 00 00 00 80 00 00 00 00 00 00 00 00' },
  { name: 'RID 5', value: new RID(5n), bytes: '17 00 00 00 05 00 00 00 00 00 00 00' },
  { name: 'Object as id 1234', value: new EncodedObjectAsID(1234n), bytes: '18 00 01 00 d2 04 00 00 00 00 00 00' },
  { name: 'Callable()', value: new Callable(), bytes: '19 00 00 00' },
  {
    name: 'Signal "hit" on 7',
    value: new Signal('hit', 7n),
    bytes: '1a 00 00 00 03 00 00 00 68 69 74 00 07 00 00 00 00 00 00 00',
  },
  {
    name: '{"a": 1}',
    value: { a: 1 },
    bytes: '1b 00 00 00 01 00 00 00 04 00 00 00 01 00 00 00 61 00 00 00 02 00 00 00 01 00 00 00',
    decoded: new Dictionary([['a', 1]]),
  },
  { name: '{}', value: new Dictionary(), bytes: '1b 00 00 00 00 00 00 00' },
  {
    name: '[1, "x"]',
    value: [1, 'x'],
    bytes: '1c 00 00 00 02 00 00 00 02 00 00 00 01 00 00 00 04 00 00 00 01 00 00 00 78 00 00 00',
  },
  { name: '[]', value: [], bytes: '1c 00 00 00 00 00 00 00' },
  {
    name: 'Array[int]([0xF123456789ABCDEF])',
    value: new TypedArray(VariantType.INT, [BIG]),
    bytes: '1c 00 01 00 02 00 00 00 01 00 00 00 02 00 01 00 ef cd ab 89 67 45 23 f1',
  },
  {
    name: 'Array[int]([5])',
    value: new TypedArray(VariantType.INT, [5]),
    bytes: '1c 00 01 00 02 00 00 00 01 00 00 00 02 00 00 00 05 00 00 00',
  },
  {
    name: 'Array[Node]([])',
    value: new TypedArray({ kind: 'class', className: 'Node' }),
    bytes: '1c 00 02 00 11 00 00 00 45 6e 63 6f 64 65 64 4f 62 6a 65 63 74 41 73 49 44 00 00 00 00 00 00 00',
    decoded: new TypedArray({ kind: 'class', className: 'EncodedObjectAsID' }),
  },
  {
    name: 'Dictionary[int, int]({k: k})',
    value: new Dictionary([[BIG, BIG]], { keyType: VariantType.INT, valueType: VariantType.INT }),
    bytes: '1b 00 05 00 02 00 00 00 02 00 00 00 01 00 00 00 02 00 01 00 ef cd ab 89 67 45 23 f1 02 00 01 00 ef cd ab 89 67 45 23 f1',
  },
  {
    name: 'Dictionary[String, int]({})',
    value: new Dictionary(null, { keyType: builtin(VariantType.STRING), valueType: builtin(VariantType.INT) }),
    bytes: '1b 00 05 00 04 00 00 00 02 00 00 00 00 00 00 00',
  },
  { name: 'PackedByteArray([1,2,3])', value: Uint8Array.of(1, 2, 3), bytes: '1d 00 00 00 03 00 00 00 01 02 03 00' },
  { name: 'PackedByteArray([])', value: new Uint8Array(), bytes: '1d 00 00 00 00 00 00 00' },
  { name: 'PackedInt32Array([1,-2])', value: Int32Array.of(1, -2), bytes: '1e 00 00 00 02 00 00 00 01 00 00 00 fe ff ff ff' },
  { name: 'PackedInt64Array([1])', value: BigInt64Array.of(1n), bytes: '1f 00 00 00 01 00 00 00 01 00 00 00 00 00 00 00' },
  { name: 'PackedFloat32Array([1.5])', value: Float32Array.of(1.5), bytes: '20 00 00 00 01 00 00 00 00 00 c0 3f' },
  { name: 'PackedFloat64Array([0.1])', value: Float64Array.of(0.1), bytes: '21 00 00 00 01 00 00 00 9a 99 99 99 99 99 b9 3f' },
  {
    name: 'PackedStringArray(["a","bcd",""])',
    value: PackedStringArray.fromStrings(['a', 'bcd', '']),
    bytes: '22 00 00 00 03 00 00 00 02 00 00 00 61 00 00 00 04 00 00 00 62 63 64 00 01 00 00 00 00 00 00 00',
  },
  {
    name: 'PackedVector2Array([Vector2(1,2)])',
    value: new PackedVector2Array([new Vector2(1, 2)]),
    bytes: '23 00 00 00 01 00 00 00 00 00 80 3f 00 00 00 40',
  },
  {
    name: 'PackedVector3Array([Vector3(1,2,3)])',
    value: new PackedVector3Array([new Vector3(1, 2, 3)]),
    bytes: '24 00 00 00 01 00 00 00 00 00 80 3f 00 00 00 40 00 00 40 40',
  },
  {
    name: 'PackedColorArray([Color(0,0,0,1)])',
    value: new PackedColorArray([new Color(0, 0, 0, 1)]),
    bytes: '25 00 00 00 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 80 3f',
  },
  {
    name: 'PackedVector4Array([Vector4(1,2,3,4)])',
    value: new PackedVector4Array([new Vector4(1, 2, 3, 4)]),
    bytes: '26 00 00 00 01 00 00 00 00 00 80 3f 00 00 00 40 00 00 40 40 00 00 80 40',
  },
];

describe('Godot\'s and the confirmed derived vectors', () => {
  describe.each(cases)('$name', ({ value, bytes, decoded, realIsDouble }) => {
    it('encodes to the exact bytes', () => {
      expect(toHex(varToBytes(value, realIsDouble ? { realIsDouble } : {}))).toBe(bytes);
    });

    it('decodes back, reporting the whole length', () => {
      const input = hex(bytes);
      const result = decodeVariant(input);
      expect(result.length).toBe(input.length);
      expect(result.value).toEqual(decoded ?? value);
    });

    it('re-encodes in exact mode to the same bytes', () => {
      const exact = bytesToVar(hex(bytes), { exact: true });
      expect(toHex(varToBytes(exact as VariantLike, realIsDouble ? { realIsDouble } : {}))).toBe(bytes);
    });
  });

  it('decodes a NodePath with stale padding bytes (Godot 4.6 does not zero them)', () => {
    const stale = hex('16 00 00 00 02 00 00 80 01 00 00 00 01 00 00 00 04 00 00 00 72 6f 6f 74 01 00 00 00 41 30 30 30 01 00 00 00 62 30 30 30');
    const path = bytesToVar(stale) as NodePath;
    expect(path.toString()).toBe('/root/A:b');
    expect(path.absolute).toBe(true);
  });

  it('keeps int and float apart: 1 is INT, Float(1) is FLOAT; an integral float decodes to Float (exact mode: every float)', () => {
    expect(toHex(varToBytes(1))).toBe('02 00 00 00 01 00 00 00');
    expect(toHex(varToBytes(new Float(1)))).toBe('03 00 00 00 00 00 80 3f');
    expect(bytesToVar(hex('03 00 00 00 00 00 80 3f'))).toEqual(new Float(1));
    expect(bytesToVar(hex('03 00 00 00 00 00 80 3f'), { exact: true })).toEqual(new Float(1));
    expect(bytesToVar(hex('03 00 00 00 00 00 00 3f'))).toBe(0.5);
    expect(bytesToVar(hex('03 00 00 00 00 00 00 3f'), { exact: true })).toEqual(new Float(0.5));
    expect(bytesToVar(hex('03 00 00 00 00 00 80 7f'))).toBe(Infinity);
    expect(bytesToVar(hex('03 00 01 00 00 00 00 00 00 00 f8 7f'))).toBeNaN();
  });

  it('returns bigint for ints beyond 2^53, or always with alwaysBigInt', () => {
    expect(bytesToVar(hex('02 00 01 00 01 00 00 00 00 00 20 00'))).toBe(9007199254740993n);
    expect(bytesToVar(hex('02 00 00 00 ff ff ff ff'))).toBe(-1);
    expect(bytesToVar(hex('02 00 00 00 ff ff ff ff'), { alwaysBigInt: true })).toBe(-1n);
    expect(bytesToVar(hex('02 00 01 00 05 00 00 00 00 00 00 00'))).toBe(5);
  });
});
