/**
 * `jsonFromNative` / `jsonToNative` against what Godot 4.6's `JSON.from_native` / `to_native`
 * produced for the same values (the interop corpus checks every type against the engine).
 */
import { describe, expect, it } from 'vitest';
import {
  Basis, Callable, Color, Dictionary, EncodedObjectAsID, ErrorCode, Float, GodotObject, NodePath, PackedStringArray,
  PackedVector2Array, Projection, RID, Signal, StringName, Transform3D, TypedArray, Vector2, Vector2i, Vector3,
  VariantError, VariantType, jsonFromNative, jsonToNative, varToStr, type JsonValue, type VariantLike,
} from '../../src/index.js';

const T = VariantType;

function code(run: () => unknown): number {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(VariantError);
    return (error as VariantError).code;
  }
  throw new Error('did not throw');
}

describe('jsonFromNative', () => {
  it.each<[string, VariantLike, JsonValue]>([
    ['int', 1, 'i:1'],
    ['whole float', new Float(1), 'f:1.0'],
    ['float', 0.5, 'f:0.5'],
    ['14 decimals', 1 / 3, 'f:0.33333333333333'],
    ['large float', 1e20, 'f:100000000000000000000.0'],
    ['-0.0', -0, 'f:0.0'],
    ['inf', Infinity, 'f:inf'],
    ['-inf', -Infinity, 'f:-inf'],
    ['nan', NaN, 'f:nan'],
    ['tiny', 1e-7, 'f:0.0000001'],
    ['decimals left after the magnitude', 123456789.125, 'f:123456789.125'],
    ['0.1 + 0.2', 0.1 + 0.2, 'f:0.3'],
    ['-1e-300', -1e-300, 'f:-0.0'],
    ['2^63', new Float(2 ** 63), 'f:9223372036854775807.0'],
    ['1e15 + 0.5', 1e15 + 0.5, 'f:1000000000000000.5'],
    ['int beyond 2^53', 9007199254740993n, 'i:9007199254740993'],
    ['String', 'x', 's:x'],
    ['StringName', new StringName('y'), 'sn:y'],
    ['NodePath', new NodePath('/a:b'), 'np:/a:b'],
    ['Vector2', new Vector2(1.5, 2), { type: 'Vector2', args: [1.5, 2] }],
    ['Vector2i', new Vector2i(1, 2), { type: 'Vector2i', args: [1, 2] }],
    ['Color', new Color(1, 0.5, 0, 1), { type: 'Color', args: [1, 0.5, 0, 1] }],
    ['Array', [1, new Float(2)], ['i:1', 'f:2.0']],
    ['Dictionary', { a: 1, 2: [3] } as VariantLike, { type: 'Dictionary', args: ['s:2', ['i:3'], 's:a', 'i:1'] }],
    ['PackedByteArray', new Uint8Array([1, 2]), { type: 'PackedByteArray', args: [1, 2] }],
    ['PackedInt64Array', new BigInt64Array([9007199254740993n]), { type: 'PackedInt64Array', args: [9007199254740992] }],
    ['PackedFloat32Array', new Float32Array([0.1]), { type: 'PackedFloat32Array', args: [Math.fround(0.1)] }],
    ['PackedStringArray', PackedStringArray.fromStrings(['a', 'b']), { type: 'PackedStringArray', args: ['a', 'b'] }],
    ['PackedVector2Array', new PackedVector2Array([new Vector2(1, 2)]), { type: 'PackedVector2Array', args: [1, 2] }],
    ['Array[int]', new TypedArray(T.INT, [1]), { type: 'Array', elem_type: 'int', args: ['i:1'] }],
    ['RID', new RID(5n), { type: 'RID' }],
    ['Callable', new Callable(), { type: 'Callable' }],
    ['Signal', new Signal('x', 1n), { type: 'Signal' }],
    ['null', null, null],
    ['bool', true, true],
    ['Basis (columns)', new Basis(), { type: 'Basis', args: [1, 0, 0, 0, 1, 0, 0, 0, 1] }],
    ['Transform3D', new Transform3D(), { type: 'Transform3D', args: [1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0] }],
    ['Projection', new Projection(), { type: 'Projection', args: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1] }],
    ['Dictionary[String, float]', new Dictionary([['a', 1]], { keyType: T.STRING, valueType: T.FLOAT }),
      { type: 'Dictionary', key_type: 'String', value_type: 'float', args: ['s:a', 'f:1.0'] }],
  ])('%s', (_name, value, json) => {
    expect(jsonFromNative(value)).toEqual(json);
  });

  it('writes objects only with fullObjects, as Godot does', () => {
    const resource = new GodotObject('Resource', [['resource_local_to_scene', false], ['resource_name', ''], ['script', null]]);
    expect(jsonFromNative(resource, true)).toEqual({ type: 'Resource', props: ['resource_local_to_scene', false, 'resource_name', 's:', 'script', null] });
    expect(jsonFromNative(new EncodedObjectAsID(1234n), true)).toEqual({ type: 'EncodedObjectAsID', props: ['object_id', 'i:1234', 'script', null] });
    expect(code(() => jsonFromNative(resource))).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    const nodes = new TypedArray({ kind: 'class', className: 'Node' });
    expect(jsonFromNative(nodes, true)).toEqual({ type: 'Array', elem_type: 'Node', args: [] });
    expect(code(() => jsonFromNative(nodes))).toBe(ErrorCode.ERR_INVALID_PARAMETER);
  });
});

describe('jsonToNative', () => {
  const text = (json: JsonValue, allowObjects = false): string => varToStr(jsonToNative(json, allowObjects) as VariantLike);

  it.each<[JsonValue, string]>([
    ['f:inf', 'inf'],
    ['f:-inf', 'inf_neg'],
    ['f:nan', 'nan'],
    ['f:', '0.0'],
    ['f:1e400', 'inf'],
    ['f:0.1', '0.1'],
    ['i:-5', '-5'],
    ['i:abc', '0'],
    ['i:12abc', '12'],
    ['i:99999999999999999999', '9223372036854775807'],
    ['i: 5', '5'],
    ['i:+5', '5'],
    ['i:1.5', '1'],
    ['s:', '""'],
    ['sn:a', '&"a"'],
    ['np:/a:b', 'NodePath("/a:b")'],
    [{ type: 'Vector2i', args: [1.7, -2.7] }, 'Vector2i(1, -2)'],
    [{ type: 'Dictionary', key_type: 'int', value_type: 'float', args: ['i:1', 'i:2'] }, 'Dictionary[int, float]({\n1: 2.0\n})'],
    [{ type: 'PackedStringArray', args: ['a', 1] }, 'PackedStringArray("a", "1.0")'],
    [{ type: 'PackedByteArray', args: [300, 1.7, -1] }, 'PackedByteArray(44, 1, 0)'],
    [{ type: 'PackedInt32Array', args: [4294967297, 1e20] }, 'PackedInt32Array(2147483647, 2147483647)'],
    [{ type: 'RID', args: [5] }, 'RID()'],
    [{ type: 'Signal' }, 'Signal()'],
    [[], '[]'],
    [{ type: 'Basis', args: [1, 2, 3, 4, 5, 6, 7, 8, 9] }, 'Basis(1, 4, 7, 2, 5, 8, 3, 6, 9)'],
    [{ type: 'Projection', args: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16] }, 'Projection(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)'],
    [['i:5', 'f:2', 'f:1e3', 'i:1.5', { type: 'Vector2i', args: [1.7, 2] }], '[5, 2.0, 1000.0, 1, Vector2i(1, 2)]'],
  ])('%j', (json, expected) => {
    expect(text(json)).toBe(expected);
  });

  it.each<[JsonValue, number]>([
    ['x:1', ErrorCode.ERR_INVALID_DATA],
    [1.5, ErrorCode.ERR_INVALID_DATA],
    [{ type: 'Vector2', args: [1, 2, 3] }, ErrorCode.ERR_INVALID_DATA],
    [{ type: 'Dictionary', args: ['i:1'] }, ErrorCode.ERR_INVALID_DATA],
    [{ type: 'Array', elem_type: 'Node', args: [] }, ErrorCode.ERR_UNAUTHORIZED],
    [{ type: 'PackedVector2Array', args: [1, 2, 3] }, ErrorCode.ERR_INVALID_DATA],
    [{ type: 'Node', props: ['name', 'sn:x'] }, ErrorCode.ERR_UNAUTHORIZED],
    [{ args: [] }, ErrorCode.ERR_INVALID_DATA],
    [{ type: 'int' }, ErrorCode.ERR_INVALID_DATA],
    [{ type: 'Dictionary', key_type: 'int', args: ['s:a', 'i:2'] }, ErrorCode.ERR_INVALID_DATA],
  ])('%j fails as in Godot (which returns null)', (json, expected) => {
    expect(code(() => jsonToNative(json))).toBe(expected);
  });

  it('reads objects with allowObjects', () => {
    expect(jsonToNative({ type: 'Node', props: ['name', 'sn:x'] }, true)).toEqual(new GodotObject('Node', [['name', new StringName('x')]]));
    expect(jsonToNative({ type: 'EncodedObjectAsID', props: ['object_id', 'i:1234'] }, true)).toEqual(new EncodedObjectAsID(1234n));
    expect(jsonToNative({ type: 'Array', elem_type: 'Node', args: [] }, true)).toEqual(new TypedArray({ kind: 'class', className: 'Node' }));
  });

  it('reads back what jsonFromNative writes, for every type (floats to 14 decimals)', () => {
    const values: VariantLike[] = [
      1, new Float(2), 0.5, 's', new StringName('n'), new NodePath('a/b:c'), new Vector2(1.5, -2), new Vector3(1, 2, 3),
      new Color(0.25, 0.5, 1, 1), new Transform3D(), new Projection(), [1, [2, 'x']], new Dictionary([[1, 'a'], ['b', new Float(1)]]),
      new Uint8Array([1, 255]), new Int32Array([-5]), new Float64Array([0.5]), PackedStringArray.fromStrings(['q']),
      new TypedArray(T.FLOAT, [1, 2.5]), new Dictionary([['k', 1]], { keyType: T.STRING, valueType: T.INT }),
    ];
    for (const value of values) expect(varToStr(jsonToNative(jsonFromNative(value)) as VariantLike)).toBe(varToStr(value));
  });

  it('limits nesting', () => {
    let json: JsonValue = 'i:1';
    for (let i = 0; i < 1100; i++) json = [json];
    expect(code(() => jsonToNative(json))).toBe(ErrorCode.ERR_OUT_OF_MEMORY);
  });
});
