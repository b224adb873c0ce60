import { describe, expect, it } from 'vitest';
import {
  Dictionary, ErrorCode, Float, GodotObject, Int, StringName, TypedArray, VariantError, VariantType,
  bytesToVar, builtin, varToBytes, type VariantLike,
} from '../../src/index.js';
import { hex, toHex } from '../support/hex.js';

function encodeError(value: VariantLike, options = {}): VariantError {
  try {
    varToBytes(value, options);
  } catch (error) {
    expect(error).toBeInstanceOf(VariantError);
    return error as VariantError;
  }
  throw new Error('expected the encode to fail');
}

describe('typed Arrays', () => {
  it('converts elements on encode the way Godot typed Arrays hold them', () => {
    expect(toHex(varToBytes(new TypedArray(VariantType.FLOAT, [1])))).toBe(toHex(varToBytes(new TypedArray(VariantType.FLOAT, [new Float(1)]))));
    expect(toHex(varToBytes(new TypedArray(VariantType.STRING_NAME, ['a'])))).toBe(
      toHex(varToBytes(new TypedArray(VariantType.STRING_NAME, [new StringName('a')]))),
    );
    expect(toHex(varToBytes(new TypedArray(VariantType.FLOAT, [new Int(2)])))).toBe('1c 00 01 00 03 00 00 00 01 00 00 00 03 00 00 00 00 00 00 40');
  });

  it('refuses elements a Godot typed Array cannot hold', () => {
    expect(encodeError(new TypedArray(VariantType.INT, [1.5])).message).toMatch(/element 0 of Array\[int\]/);
    expect(encodeError(new TypedArray(VariantType.STRING, [1])).code).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(encodeError(new TypedArray({ kind: 'class', className: 'Node' }, ['x'])).message).toMatch(/not an Object/);
  });

  it('decodes with Godot insertion rules: int→float, String↔StringName, mismatches dropped', () => {
    // Array[float] holding INT 2, STRING "x", FLOAT 0.5
    const bytes = hex(
      '1c 00 01 00 03 00 00 00 03 00 00 00 02 00 00 00 02 00 00 00 04 00 00 00 01 00 00 00 78 00 00 00 03 00 00 00 00 00 00 3f',
    );
    const array = bytesToVar(bytes) as TypedArray;
    expect(array.elementType).toEqual(builtin(VariantType.FLOAT));
    expect([...array]).toEqual([new Float(2), 0.5]);
    // Array[StringName] holding String "a"
    const names = bytesToVar(hex('1c 00 01 00 15 00 00 00 01 00 00 00 04 00 00 00 01 00 00 00 61 00 00 00')) as TypedArray;
    expect([...names]).toEqual([new StringName('a')]);
  });

  it('array methods return plain arrays (their element type is unknown)', () => {
    const array = new TypedArray(VariantType.INT, [1, 2, 3]);
    const mapped = array.map((x) => String(x));
    expect(mapped).not.toBeInstanceOf(TypedArray);
    expect(Array.isArray(mapped)).toBe(true);
  });

  it('class-typed Arrays keep the class only with full objects', () => {
    const array = new TypedArray({ kind: 'class', className: 'Node2D' });
    const withObjects = varToBytes(array, { fullObjects: true });
    expect(bytesToVar(withObjects, { allowObjects: true })).toEqual(array);
    expect((bytesToVar(withObjects) as TypedArray).elementType).toEqual({ kind: 'class', className: 'EncodedObjectAsID' });
  });

  it('script-typed Arrays need a res:// path with full objects (ERR_UNAVAILABLE otherwise)', () => {
    const ok = new TypedArray({ kind: 'script', path: 'res://player.gd' });
    expect(bytesToVar(varToBytes(ok, { fullObjects: true }), { allowObjects: true })).toEqual(ok);
    expect(encodeError(new TypedArray({ kind: 'script', path: 'player.gd' }), { fullObjects: true }).code).toBe(ErrorCode.ERR_UNAVAILABLE);
    expect(toHex(varToBytes(new TypedArray({ kind: 'script', path: 'res://p.gd' })))).toBe(
      '1c 00 02 00 11 00 00 00 45 6e 63 6f 64 65 64 4f 62 6a 65 63 74 41 73 49 44 00 00 00 00 00 00 00',
    );
  });
});

describe('typed Dictionaries', () => {
  it('round-trips key and value types', () => {
    const d = new Dictionary([['a', 1]], { keyType: VariantType.STRING, valueType: VariantType.INT });
    const back = bytesToVar(varToBytes(d)) as Dictionary;
    expect(back.keyType).toEqual(builtin(VariantType.STRING));
    expect(back.valueType).toEqual(builtin(VariantType.INT));
    expect(back.isTyped()).toBe(true);
  });

  it('keeps mismatching entries like Godot 4.6 does, and re-encodes them as they came', () => {
    // Dictionary[String, float] {"a": 1 (INT!)}
    const bytes = hex('1b 00 05 00 04 00 00 00 03 00 00 00 01 00 00 00 04 00 00 00 01 00 00 00 61 00 00 00 02 00 00 00 01 00 00 00');
    const plain = bytesToVar(bytes) as Dictionary;
    expect(plain.get('a')).toEqual(new Int(1));
    expect(toHex(varToBytes(plain))).toBe(toHex(bytes));
    const exact = bytesToVar(bytes, { exact: true }) as Dictionary;
    expect(exact.get('a')).toEqual(new Int(1));
    expect(toHex(varToBytes(exact))).toBe(toHex(bytes));
  });
});

describe('full objects', () => {
  it('need fullObjects to encode and allowObjects to decode', () => {
    const object = new GodotObject('Resource', [['resource_local_to_scene', false], ['resource_name', 'hello'], ['script', null]]);
    expect(encodeError(object).code).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    const bytes = varToBytes(object, { fullObjects: true });
    // Confirmed by Godot 4.6.
    expect(toHex(bytes.subarray(0, 20))).toBe('18 00 00 00 08 00 00 00 52 65 73 6f 75 72 63 65 03 00 00 00');
    expect(bytesToVar(bytes, { allowObjects: true })).toEqual(object);
  });
});

describe('encoder refusals and limits', () => {
  it.each<[string, unknown]>([
    ['undefined', undefined],
    ['a function', () => 1],
    ['a symbol', Symbol('x')],
    ['a Date', new Date()],
    ['an Int16Array', new Int16Array(2)],
  ])('refuses %s with ERR_INVALID_PARAMETER', (_name, value) => {
    expect(encodeError(value as VariantLike).code).toBe(ErrorCode.ERR_INVALID_PARAMETER);
  });

  it('refuses ints outside 64 bits', () => {
    expect(encodeError(2n ** 63n).code).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(encodeError(2 ** 63).code).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(toHex(varToBytes(-(2 ** 63)))).toBe('02 00 01 00 00 00 00 00 00 00 00 80');
  });

  it('refuses a lone surrogate instead of silently replacing it', () => {
    expect(encodeError('a\ud800b').code).toBe(ErrorCode.ERR_INVALID_PARAMETER);
  });

  it('refuses nesting deeper than 1024 (and a self-containing Array) with ERR_OUT_OF_MEMORY', () => {
    let deep: VariantLike = null;
    for (let i = 0; i < 1024; i++) deep = [deep];
    expect(() => varToBytes(deep)).not.toThrow();
    expect(encodeError([deep]).code).toBe(ErrorCode.ERR_OUT_OF_MEMORY);
    const cyclic: VariantLike[] = [];
    cyclic.push(cyclic);
    expect(encodeError(cyclic).code).toBe(ErrorCode.ERR_OUT_OF_MEMORY);
  });

  it('stops at maxBytes with ERR_OUT_OF_MEMORY before growing past it', () => {
    expect(encodeError('x'.repeat(2000), { maxBytes: 1024 }).code).toBe(ErrorCode.ERR_OUT_OF_MEMORY);
    expect(varToBytes('x'.repeat(1016), { maxBytes: 1024 })).toHaveLength(1024);
    expect(encodeError('x'.repeat(1017), { maxBytes: 1024 }).code).toBe(ErrorCode.ERR_OUT_OF_MEMORY);
    // Non-ASCII text: the limit is on what it encodes to, not on the room a fast path might want.
    expect(varToBytes('é'.repeat(508), { maxBytes: 1024 })).toHaveLength(1024);
    expect(encodeError('é'.repeat(509), { maxBytes: 1024 }).code).toBe(ErrorCode.ERR_OUT_OF_MEMORY);
  });

  it('encodes Node Buffers as PackedByteArray', () => {
    expect(toHex(varToBytes(Buffer.from([1, 2])))).toBe('1d 00 00 00 02 00 00 00 01 02 00 00');
  });
});
