/**
 * `varToStr` against text that Godot 4.6 (`var_to_str`) and Godot 3.2.3 (`var2str`) printed for
 * the same values. The interop corpus (@pp/interop, test/interop/text-*.test.ts) checks thousands
 * more against the engines themselves.
 */
import { describe, expect, it } from 'vitest';
import {
  AABB, Basis, Callable, Color, Dictionary, EncodedObjectAsID, Float, GodotObject, Int, NodePath,
  PackedColorArray, PackedStringArray, PackedVector2Array, PackedVector4Array, Plane, Projection, Quaternion, RID, Rect2i,
  Signal, StringName, Transform2D, Transform3D, TypedArray, Vector2, Vector3, Vector4i, VariantError, VariantType,
  varToStr, type VariantLike,
} from '../../src/index.js';

const T = VariantType;

describe('varToStr (Godot 4)', () => {
  it.each<[string, VariantLike, string]>([
    ['null', null, 'null'],
    ['bool', true, 'true'],
    ['int', 9223372036854775807n, '9223372036854775807'],
    ['int as Int', new Int(-5), '-5'],
    ['whole float', new Float(1), '1.0'],
    ['-0.0', -0, '0.0'],
    ['float', 0.1, '0.1'],
    ['inf', -Infinity, 'inf_neg'],
    ['String', 'a"b\\c\nd\te', '"a\\"b\\\\c\nd\te"'],
    ['StringName', new StringName('a"b\nc'), '&"a\\"b\\nc"'],
    ['NodePath', new NodePath('/root/a:b'), 'NodePath("/root/a:b")'],
    ['Vector2', new Vector2(0.1, -0), 'Vector2(0.1, 0)'],
    ['Vector2 (32-bit digits)', new Vector2(1 / 3, 1e20), 'Vector2(0.33333334, 1e+20)'],
    ['Rect2i', Rect2i.of(1, 2, 3, 4), 'Rect2i(1, 2, 3, 4)'],
    ['Vector4i', new Vector4i(1, 2, 3, 4), 'Vector4i(1, 2, 3, 4)'],
    ['Transform2D', new Transform2D(), 'Transform2D(1, 0, 0, 1, 0, 0)'],
    ['Plane', new Plane(new Vector3(1, 2, 3), 4), 'Plane(1, 2, 3, 4)'],
    ['Quaternion', new Quaternion(), 'Quaternion(0, 0, 0, 1)'],
    ['AABB', new AABB(new Vector3(1, 2, 3), new Vector3(4, 5, 6)), 'AABB(1, 2, 3, 4, 5, 6)'],
    ['Basis (rows)', new Basis(new Vector3(1, 2, 3), new Vector3(4, 5, 6), new Vector3(7, 8, 9)), 'Basis(1, 4, 7, 2, 5, 8, 3, 6, 9)'],
    ['Transform3D', new Transform3D(), 'Transform3D(1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0)'],
    ['Projection', new Projection(), 'Projection(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1)'],
    ['Color', new Color(0.1, 0.2, 0.3, 1), 'Color(0.1, 0.2, 0.3, 1)'],
    ['RID()', new RID(), 'RID()'],
    ['RID with bit 63', new RID(2n ** 64n - 1n), 'RID(-1)'],
    ['Callable', new Callable(), 'Callable()'],
    ['Signal', new Signal('ready', 5n), 'Signal()'],
    ['Object as id', new EncodedObjectAsID(1234n), 'Object(EncodedObjectAsID,"object_id":1234,"script":null)\n'],
    ['full Object', new GodotObject('Resource', [['resource_local_to_scene', false], ['resource_name', ''], ['script', null]]),
      'Object(Resource,"resource_local_to_scene":false,"resource_name":"","script":null)\n'],
    ['Array', [1, [2, {}], 'x'], '[1, [2, {}], "x"]'],
    ['Array with an Object', [new EncodedObjectAsID(1234n), 1], '[Object(EncodedObjectAsID,"object_id":1234,"script":null)\n, 1]'],
    ['Array[int]', new TypedArray(T.INT, [1, 2]), 'Array[int]([1, 2])'],
    ['Array[float] of ints', new TypedArray(T.FLOAT, [1, 2]), 'Array[float]([1.0, 2.0])'],
    ['Array[Node]', new TypedArray({ kind: 'class', className: 'Node' }), 'Array[Node]([])'],
    ['empty Dictionary', {}, '{}'],
    ['Dictionary[String, float]', new Dictionary([['a', 1]], { keyType: T.STRING, valueType: T.FLOAT }), 'Dictionary[String, float]({\n"a": 1.0\n})'],
    ['Dictionary[int, Variant]', new Dictionary([[1, 2]], { keyType: T.INT }), 'Dictionary[int, Variant]({\n1: 2\n})'],
    ['PackedByteArray', new Uint8Array([1, 2, 3]), 'PackedByteArray(1, 2, 3)'],
    ['empty PackedByteArray', new Uint8Array(), 'PackedByteArray()'],
    ['PackedFloat32Array', new Float32Array([0.1, 1 / 3, -0, Infinity]), 'PackedFloat32Array(0.1, 0.33333334, 0, inf)'],
    ['PackedFloat64Array', new Float64Array([0.1, 1 / 3, -0, Infinity, -Infinity, NaN]), 'PackedFloat64Array(0.1, 0.3333333333333333, 0, inf, inf_neg, nan)'],
    ['PackedInt64Array', new BigInt64Array([1n, -(2n ** 63n)]), 'PackedInt64Array(1, -9223372036854775808)'],
    ['PackedStringArray', PackedStringArray.fromStrings(['a', 'b"c']), 'PackedStringArray("a", "b\\"c")'],
    ['PackedVector2Array', new PackedVector2Array([new Vector2(1, 2)]), 'PackedVector2Array(1, 2)'],
    ['PackedColorArray', new PackedColorArray([new Color(1, 0, 0)]), 'PackedColorArray(1, 0, 0, 1)'],
    ['PackedVector4Array', PackedVector4Array.fromData(new Float64Array([1, 2, 3, 4])), 'PackedVector4Array(1, 2, 3, 4)'],
  ])('%s', (_name, value, text) => {
    expect(varToStr(value)).toBe(text);
  });

  it('sorts Dictionary keys like Godot: by type, then by value; String and StringName by text', () => {
    const dict = new Map<VariantLike, VariantLike>([
      ['b', 1], ['a', 2], [3, 4], [1.5, 1], [null, 2], [new Vector2(), 3], [new StringName('c'), 5],
    ]);
    expect(varToStr(dict)).toBe('{\nnull: 2,\n3: 4,\n1.5: 1,\n"a": 2,\n"b": 1,\nVector2(0, 0): 3,\n&"c": 5\n}');
    expect(varToStr({ b: 1, a: new StringName('x') })).toBe('{\n"a": &"x",\n"b": 1\n}');
    expect(varToStr(new Map<VariantLike, VariantLike>([[new StringName('b'), 1], ['a', 2]]))).toBe('{\n"a": 2,\n&"b": 1\n}');
  });

  it('writes control characters as they are, escaping only what c_escape escapes', () => {
    expect(varToStr(new StringName('\x01\x07\b\t\n\v\f\r\'?'))).toBe('&"\x01\\a\\b\\t\\n\\v\\f\\r\\\'?"');
    expect(varToStr('\x01\x07\'')).toBe('"\x01\x07\'"');
  });

  it('refuses what Godot cannot hold, with a VariantError', () => {
    expect(() => varToStr(2n ** 63n)).toThrow(VariantError);
    expect(() => varToStr(undefined as never)).toThrow(/not a Variant/);
    const deep: unknown[] = [];
    let at = deep;
    for (let i = 0; i < 1100; i++) at.push((at = []));
    expect(() => varToStr(deep as VariantLike)).toThrow(/deeper than 1024/);
    expect(varToStr([[[1]]], { maxDepth: 3 })).toBe('[[[1]]]');
    expect(() => varToStr([[[1]]], { maxDepth: 2 })).toThrow(VariantError);
    const cyclic: unknown[] = [];
    cyclic.push(cyclic);
    expect(() => varToStr(cyclic as VariantLike)).toThrow(VariantError);
  });
});

describe('varToStr (Godot 3)', () => {
  const g3 = (value: VariantLike): string => varToStr(value, { format: 'godot3' });

  it.each<[string, VariantLike, string]>([
    ['int', 1, '1'],
    ['float', new Float(1), '1.0'],
    ['six digits', 1 / 3, '0.333333'],
    ['-inf', -Infinity, '-inf.0'],
    ['Vector2', new Vector2(0.1, -0), 'Vector2( 0.1, 0 )'],
    ['PoolRealArray', new Float32Array([0.1, 1 / 3, -0, Infinity]), 'PoolRealArray( 0.1, 0.333333, 0, inf )'],
    ['empty PoolByteArray', new Uint8Array(), 'PoolByteArray(  )'],
    ['empty Dictionary', {}, '{\n\n}'],
    ['empty Array', [], '[  ]'],
    ['nested', [1, [2, {}], 'x'], '[ 1, [ 2, {\n\n} ], "x" ]'],
    ['Transform', new Transform3D(), 'Transform( 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0 )'],
    ['Quat', new Quaternion(), 'Quat( 0, 0, 0, 1 )'],
    ['Color', new Color(0.1, 0.2, 0.3, 1), 'Color( 0.1, 0.2, 0.3, 1 )'],
    ['RID (Godot 3 writes nothing)', new RID(), ''],
    ['PoolStringArray', PackedStringArray.fromStrings(['a', 'b"c']), 'PoolStringArray( "a", "b\\"c" )'],
    ['typed Array (untyped in Godot 3)', new TypedArray(T.INT, [1]), '[ 1 ]'],
  ])('%s', (_name, value, text) => {
    expect(g3(value)).toBe(text);
  });

  it('sorts keys by Godot 3 type ids', () => {
    const dict = new Map<VariantLike, VariantLike>([['b', 1], ['a', 2], [3, 4], [1.5, 1], [null, 2], [new Vector2(), 3]]);
    expect(g3(dict)).toBe('{\nnull: 2,\n3: 4,\n1.5: 1,\n"a": 2,\n"b": 1,\nVector2( 0, 0 ): 3\n}');
  });

  it('refuses Godot 4-only types', () => {
    for (const value of [new StringName('x'), new Vector4i(), new Callable(), new BigInt64Array(1)]) {
      expect(() => g3(value)).toThrow(/cannot be written in the 'godot3' format/);
    }
  });
});
