/**
 * Godot 4's `Variant.Type` ids, as written in the low byte of every encoded Variant's header.
 * Godot 3 uses other ids on the wire (see `format.ts`); this enum is always the Godot 4 one.
 */
export const VariantType = {
  /** Godot's `TYPE_NIL` (0): `null`. */
  NIL: 0,
  /** Godot's `TYPE_BOOL` (1): `boolean`. */
  BOOL: 1,
  /** Godot's `TYPE_INT` (2): a 64-bit integer: a plain integral `number`, or a `bigint` beyond 2^53. */
  INT: 2,
  /** Godot's `TYPE_FLOAT` (3): a 64-bit float: `Float`, or a non-integral `number`. */
  FLOAT: 3,
  /** Godot's `TYPE_STRING` (4): `string`. */
  STRING: 4,
  /** Godot's `TYPE_VECTOR2` (5): `Vector2`. */
  VECTOR2: 5,
  /** Godot's `TYPE_VECTOR2I` (6): `Vector2i`. */
  VECTOR2I: 6,
  /** Godot's `TYPE_RECT2` (7): `Rect2`. */
  RECT2: 7,
  /** Godot's `TYPE_RECT2I` (8): `Rect2i`. */
  RECT2I: 8,
  /** Godot's `TYPE_VECTOR3` (9): `Vector3`. */
  VECTOR3: 9,
  /** Godot's `TYPE_VECTOR3I` (10): `Vector3i`. */
  VECTOR3I: 10,
  /** Godot's `TYPE_TRANSFORM2D` (11): `Transform2D`. */
  TRANSFORM2D: 11,
  /** Godot's `TYPE_VECTOR4` (12): `Vector4`. */
  VECTOR4: 12,
  /** Godot's `TYPE_VECTOR4I` (13): `Vector4i`. */
  VECTOR4I: 13,
  /** Godot's `TYPE_PLANE` (14): `Plane`. */
  PLANE: 14,
  /** Godot's `TYPE_QUATERNION` (15): `Quaternion`. */
  QUATERNION: 15,
  /** Godot's `TYPE_AABB` (16): `AABB`. */
  AABB: 16,
  /** Godot's `TYPE_BASIS` (17): `Basis`. */
  BASIS: 17,
  /** Godot's `TYPE_TRANSFORM3D` (18): `Transform3D`. */
  TRANSFORM3D: 18,
  /** Godot's `TYPE_PROJECTION` (19): `Projection`. */
  PROJECTION: 19,
  /** Godot's `TYPE_COLOR` (20): `Color`. */
  COLOR: 20,
  /** Godot's `TYPE_STRING_NAME` (21): `StringName`. */
  STRING_NAME: 21,
  /** Godot's `TYPE_NODE_PATH` (22): `NodePath`. */
  NODE_PATH: 22,
  /** Godot's `TYPE_RID` (23): `RID`. */
  RID: 23,
  /** Godot's `TYPE_OBJECT` (24): an object (`GodotObject`; `EncodedObjectAsID` when sent as an id; `null` for a null object). */
  OBJECT: 24,
  /** Godot's `TYPE_CALLABLE` (25): `Callable` (Godot sends no payload for it). */
  CALLABLE: 25,
  /** Godot's `TYPE_SIGNAL` (26): `Signal` (a name and an object id). */
  SIGNAL: 26,
  /** Godot's `TYPE_DICTIONARY` (27): `Dictionary`. */
  DICTIONARY: 27,
  /** Godot's `TYPE_ARRAY` (28): an `Array` (plain or typed). */
  ARRAY: 28,
  /** Godot's `TYPE_PACKED_BYTE_ARRAY` (29): `Uint8Array`. */
  PACKED_BYTE_ARRAY: 29,
  /** Godot's `TYPE_PACKED_INT32_ARRAY` (30): `Int32Array`. */
  PACKED_INT32_ARRAY: 30,
  /** Godot's `TYPE_PACKED_INT64_ARRAY` (31): `BigInt64Array`. */
  PACKED_INT64_ARRAY: 31,
  /** Godot's `TYPE_PACKED_FLOAT32_ARRAY` (32): `Float32Array`. */
  PACKED_FLOAT32_ARRAY: 32,
  /** Godot's `TYPE_PACKED_FLOAT64_ARRAY` (33): `Float64Array`. */
  PACKED_FLOAT64_ARRAY: 33,
  /** Godot's `TYPE_PACKED_STRING_ARRAY` (34): `PackedStringArray`. */
  PACKED_STRING_ARRAY: 34,
  /** Godot's `TYPE_PACKED_VECTOR2_ARRAY` (35): `PackedVector2Array`. */
  PACKED_VECTOR2_ARRAY: 35,
  /** Godot's `TYPE_PACKED_VECTOR3_ARRAY` (36): `PackedVector3Array`. */
  PACKED_VECTOR3_ARRAY: 36,
  /** Godot's `TYPE_PACKED_COLOR_ARRAY` (37): `PackedColorArray`. */
  PACKED_COLOR_ARRAY: 37,
  /** Godot's `TYPE_PACKED_VECTOR4_ARRAY` (38): `PackedVector4Array` (Godot 4.3+). */
  PACKED_VECTOR4_ARRAY: 38,
} as const;

/** A Godot 4 `Variant.Type` id (0 … 38). */
export type VariantType = (typeof VariantType)[keyof typeof VariantType];

/** `Variant.VARIANT_MAX` in Godot 4.3+: type ids at or above it are invalid. */
export const VARIANT_MAX = 39;

const TYPE_NAMES: readonly string[] = [
  'Nil', 'bool', 'int', 'float', 'String', 'Vector2', 'Vector2i', 'Rect2', 'Rect2i', 'Vector3',
  'Vector3i', 'Transform2D', 'Vector4', 'Vector4i', 'Plane', 'Quaternion', 'AABB', 'Basis',
  'Transform3D', 'Projection', 'Color', 'StringName', 'NodePath', 'RID', 'Object', 'Callable',
  'Signal', 'Dictionary', 'Array', 'PackedByteArray', 'PackedInt32Array', 'PackedInt64Array',
  'PackedFloat32Array', 'PackedFloat64Array', 'PackedStringArray', 'PackedVector2Array',
  'PackedVector3Array', 'PackedColorArray', 'PackedVector4Array',
];

/** Godot's name for a type id, as `type_string()` prints it (e.g. `'PackedInt32Array'`). */
export function variantTypeName(type: number): string {
  return TYPE_NAMES[type] ?? `<invalid type ${type}>`;
}

/** Whether `type` is a valid Godot 4 type id. */
export function isVariantType(type: unknown): type is VariantType {
  return typeof type === 'number' && Number.isInteger(type) && type >= 0 && type < VARIANT_MAX;
}
