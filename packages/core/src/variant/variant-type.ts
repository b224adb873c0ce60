/**
 * Godot 4's `Variant.Type` ids, as written in the low byte of every encoded Variant's header.
 * Godot 3 uses other ids on the wire (see `format.ts`); this enum is always the Godot 4 one.
 */
export const VariantType = {
  NIL: 0,
  BOOL: 1,
  INT: 2,
  FLOAT: 3,
  STRING: 4,
  VECTOR2: 5,
  VECTOR2I: 6,
  RECT2: 7,
  RECT2I: 8,
  VECTOR3: 9,
  VECTOR3I: 10,
  TRANSFORM2D: 11,
  VECTOR4: 12,
  VECTOR4I: 13,
  PLANE: 14,
  QUATERNION: 15,
  AABB: 16,
  BASIS: 17,
  TRANSFORM3D: 18,
  PROJECTION: 19,
  COLOR: 20,
  STRING_NAME: 21,
  NODE_PATH: 22,
  RID: 23,
  OBJECT: 24,
  CALLABLE: 25,
  SIGNAL: 26,
  DICTIONARY: 27,
  ARRAY: 28,
  PACKED_BYTE_ARRAY: 29,
  PACKED_INT32_ARRAY: 30,
  PACKED_INT64_ARRAY: 31,
  PACKED_FLOAT32_ARRAY: 32,
  PACKED_FLOAT64_ARRAY: 33,
  PACKED_STRING_ARRAY: 34,
  PACKED_VECTOR2_ARRAY: 35,
  PACKED_VECTOR3_ARRAY: 36,
  PACKED_COLOR_ARRAY: 37,
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
