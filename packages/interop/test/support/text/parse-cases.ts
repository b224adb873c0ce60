/**
 * Hand-written texts for the parsers, the kind a developer or a tool writes: what both engines'
 * parsers read (and refuse) is compared with what `strToVar` reads (and refuses). Where we
 * knowingly differ from Godot, `DEVIATIONS` says how.
 */

const ALL_ASCII = Array.from({ length: 126 }, (_, i) => String.fromCharCode(i + 1)).join('');

export const GODOT4_TEXTS: readonly string[] = [
  '1', '-1', '1.0', '1.', '1e5', '1E5', '1e-5', '1e', '1e+', '-0', '-0.0', '0.1', '-inf', 'inf', 'nan', 'inf_neg',
  '9223372036854775807', '9223372036854775808', '-9223372036854775809', '99999999999999999999', '1.7976931348623157e308',
  '1e400', '4.9e-324', '1e-320', '123456789012345678901234567890', '0.1e1', '12345678901234567890.5', '1.0063725663392093e+82',
  '3.14159265358979323846264338327950288', '2.2250738585072011e-308', '0x10', '1 2', '[1, 2,]', '{1: 2,}', '[1, ; comment\n 2]',
  '   [\n1\n]  trailing', 'nil', 'null', 'true', 'false', 'True', 'Vector2(1, 2)', 'Vector2( 1 , 2 )', 'Vector2(1)',
  'Vector2i(1.7, -2.7)', 'Vector2i(4294967297, 2)', 'Vector2(inf, nan)', 'Vector2(-inf, inf_neg)', 'Vector2(0.1, 0.2)',
  'Rect2(1, 2, 3, 4)', 'Rect2i(1, 2, 3, 4)', 'Vector3(1, 2, 3)', 'Vector3i(1, 2, 3)', 'Transform2D(1, 0, 0, 1, 2, 3)',
  'Matrix32(1, 0, 0, 1, 2, 3)', 'Vector4(1, 2, 3, 4)', 'Vector4i(1, 2, 3, 4)', 'Plane(1, 2, 3, 4)', 'Quaternion(1, 2, 3, 4)',
  'Quat(1, 2, 3, 4)', 'AABB(1, 2, 3, 4, 5, 6)', 'Rect3(1, 2, 3, 4, 5, 6)', 'Basis(1, 2, 3, 4, 5, 6, 7, 8, 9)',
  'Matrix3(1, 2, 3, 4, 5, 6, 7, 8, 9)', 'Transform3D(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)', 'Transform(1, 0, 0, 0, 1, 0, 0, 0, 1, 5, 6, 7)',
  'Projection(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)', 'Color(1, 0.5, 0, 1)', 'Color(1, 2, 3)', '[#ff0000]',
  '[#f00]', '[#ff000080]', '[#f008]', '[#12345]', '#ff0000', '&"x"', '@"y"', '&x', '"a\\u00e9\\U01F600\\ud83d\\ude00\\q"',
  '"\\a\\v\\\'\\?\\b\\f\\r\\t\\n\\\\\\""', '"\\ud83d"', '"\\ude00"', '"\\uzzzz"', '"a\nb"', '"abc', 'NodePath("/root/a:b")',
  'NodePath("")', 'NodePath(":a:b")', 'NodePath("a")', 'RID(5)', 'RID()', 'RID(-1)', 'Signal()', 'Callable()',
  'Array[int]([1, 2.5])', 'Array[float]([1, 2])', 'Array[String]([&"a"])', 'Array[StringName](["a"])',
  'Array[Variant]([1])', 'Array[Vector2]([Vector2(1, 2)])', 'Array[int]([])', 'Dictionary[Variant, int]({1: 2})',
  'Dictionary[String, Variant]({&"a": 2})', 'Dictionary[String, float]({"a": 1, "b": 2.5})', 'Dictionary[int, int]({})',
  'PackedByteArray("AQID")', 'PackedByteArray(1, 2, 300)', 'PackedByteArray("!!")', 'PackedByteArray()', 'PackedByteArray("")',
  'PackedInt32Array(1, 2.9, 4294967297)', 'PackedInt64Array(1.5, -1)', 'PackedFloat32Array(1e39, 0.1)', 'PackedFloat64Array(0.1, inf_neg)',
  'PackedStringArray("a", "b\\"c")', 'PackedStringArray()', 'PackedVector2Array(1, 2, 3)', 'PackedVector3Array(1, 2, 3)',
  'PackedVector4Array(1, 2, 3, 4)', 'PackedColorArray(1, 2, 3)', 'PackedColorArray(1, 2, 3, 4)', 'PoolIntArray(1)',
  'PoolRealArray(0.5)', 'PoolStringArray("x")', 'ByteArray(1)', 'IntArray(1)', 'FloatArray(1)', 'StringArray("s")',
  'Vector2Array(1, 2)', 'Vector3Array(1, 2, 3)', 'ColorArray(1, 2, 3, 4)', '{"a": {"b": [1, {}]}}', '{"a": 1, "a": 2}',
  '{"s": 1, &"s": 2}', '{1: 1, 1.0: 2}', '[1 2]', '{"a" 1}', '', '  ', '{', '[', 'Vector2(1, 2', '(', 'Vector2("a", 1)',
  'Vector2(1,,2)', 'Array[int]', '.5', '+1', '-', 'Resource("res://x.tres")', `"${ALL_ASCII.replace(/["\\]/g, (c) => `\\${c}`)}"`,
];

export const GODOT3_TEXTS: readonly string[] = [
  '1', '-1', '1.0', '1e5', '1E5', '1e-5', '-0.0', '0.1', 'inf', 'nan', '-inf', '-inf.0', '-', 'inf_neg', '9223372036854775808',
  '99999999999999999999', '1.7976931348623157e308', '4.9e-324', '0.333333', '1.23457e+06', 'Vector2( 1, 2 )', 'Vector2(1)',
  'Rect2( 1, 2, 3, 4 )', 'Vector3( 1, 2, 3 )', 'Transform2D( 1, 0, 0, 1, 2, 3 )', 'Matrix32(1, 0, 0, 1, 2, 3)', 'Plane( 1, 2, 3, 4 )',
  'Quat( 1, 2, 3, 4 )', 'AABB( 1, 2, 3, 4, 5, 6 )', 'Rect3(1, 2, 3, 4, 5, 6)', 'Basis( 1, 2, 3, 4, 5, 6, 7, 8, 9 )',
  'Transform( 1, 0, 0, 0, 1, 0, 0, 0, 1, 5, 6, 7 )', 'Color( 1, 0.5, 0, 1 )', '[#ff0000]', '[#80ff0000]', 'NodePath("/root/a:b")',
  'RID(5)', 'RID()', 'PoolByteArray( 1, 2, 300 )', 'PoolByteArray(  )', 'PoolIntArray( 1, -2 )', 'PoolRealArray( 0.5, 1 )',
  'PoolRealArray( inf )', 'PoolStringArray( "a", "b" )', 'PoolVector2Array( 1, 2 )', 'PoolVector3Array( 1, 2, 3 )',
  'PoolColorArray( 1, 0, 0, 1 )', 'ByteArray(1)', 'ColorArray(1, 2, 3, 4)', '[ 1, [ 2, {\n\n} ], "x" ]', '[  ]', '{\n\n}',
  '{\n"a": 1,\n"b": 2\n}', '"\\a\\v\\\'\\?\\b\\f\\r\\t\\n"', '"a\\u00e9"', '&"x"', 'Vector2i(1, 2)', 'Array[int]([1])', '"abc',
  '[1 2]', '', '1 2', `"${ALL_ASCII.replace(/["\\]/g, (c) => `\\${c}`)}"`,
];

/** Texts Godot reads where we knowingly refuse (Godot returns a partial value, or drops data). */
export const DEVIATIONS: Readonly<Record<string, string>> = {
  'Resource("res://x.tres")': 'resources cannot be loaded here (Godot fails too: the file does not exist)',
};
