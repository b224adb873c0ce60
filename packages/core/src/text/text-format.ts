/**
 * The two text dialects: Godot 4's `var_to_str` / `str_to_var` and Godot 3's `var2str` /
 * `str2var`. They differ in constructor names (`Transform3D` / `Transform`, `PackedByteArray` /
 * `PoolByteArray`), spacing (`Vector2(1, 2)` / `Vector2( 1, 2 )`), float digits (shortest
 * round-trip / six significant) and the types they have.
 */
import type { VariantFormat } from '../variant/format.js';
import { VariantType } from '../variant/variant-type.js';

/** `'godot4'` (Godot 4.x text) or `'godot3'` (Godot 3.x). `'godot4.3'` is accepted as `'godot4'`. */
export type TextFormat = VariantFormat;

const T = VariantType;

/** Constructor names Godot 3 writes, by Godot 4 type id (missing: the type does not exist). */
const GODOT3_NAMES: Partial<Record<VariantType, string>> = {
  [T.VECTOR2]: 'Vector2', [T.RECT2]: 'Rect2', [T.VECTOR3]: 'Vector3', [T.TRANSFORM2D]: 'Transform2D',
  [T.PLANE]: 'Plane', [T.QUATERNION]: 'Quat', [T.AABB]: 'AABB', [T.BASIS]: 'Basis',
  [T.TRANSFORM3D]: 'Transform', [T.COLOR]: 'Color', [T.NODE_PATH]: 'NodePath', [T.RID]: 'RID',
  [T.PACKED_BYTE_ARRAY]: 'PoolByteArray', [T.PACKED_INT32_ARRAY]: 'PoolIntArray',
  [T.PACKED_FLOAT32_ARRAY]: 'PoolRealArray', [T.PACKED_STRING_ARRAY]: 'PoolStringArray',
  [T.PACKED_VECTOR2_ARRAY]: 'PoolVector2Array', [T.PACKED_VECTOR3_ARRAY]: 'PoolVector3Array',
  [T.PACKED_COLOR_ARRAY]: 'PoolColorArray',
};

/** Types Godot 3 has, by Godot 4 id. */
export const GODOT3_TYPES: ReadonlySet<VariantType> = new Set<VariantType>([
  T.NIL, T.BOOL, T.INT, T.FLOAT, T.STRING, T.OBJECT, T.DICTIONARY, T.ARRAY,
  ...(Object.keys(GODOT3_NAMES).map(Number) as VariantType[]),
]);

export interface TextDialect {
  readonly godot3: boolean;
  /** Writes a constructor: `Name(a, b)` in Godot 4, `Name( a, b )` in Godot 3. */
  construct(name: string, args: readonly string[]): string;
}

const GODOT4_DIALECT: TextDialect = {
  godot3: false,
  construct: (name, args) => `${name}(${args.join(', ')})`,
};

const GODOT3_DIALECT: TextDialect = {
  godot3: true,
  construct: (name, args) => `${name}( ${args.join(', ')} )`,
};

export function textDialect(format: TextFormat = 'godot4'): TextDialect {
  if (format === 'godot3') return GODOT3_DIALECT;
  if (format === 'godot4' || format === 'godot4.3') return GODOT4_DIALECT;
  throw new RangeError(`Unknown text format '${String(format)}' (expected godot4 or godot3)`);
}

/** The constructor name of a type in a dialect, or undefined when the dialect lacks the type. */
export function constructorName(type: VariantType, godot3: boolean, godot4Name: string): string | undefined {
  return godot3 ? GODOT3_NAMES[type] : godot4Name;
}
