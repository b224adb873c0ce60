/**
 * Which Godot type a JavaScript value is (Godot's `typeof`): the one rule the encoder, key
 * identity and typed-container checks all follow. An integral `number` is an INT, any other
 * `number` (and `-0`) a FLOAT; `Int` and `Float` force the type; plain objects and `Map`s are
 * Dictionaries.
 */
import {
  AABB, Basis, Color, Plane, Projection, Quaternion, Rect2, Rect2i, Transform2D, Transform3D,
  Vector2, Vector2i, Vector3, Vector3i, Vector4, Vector4i,
} from './math.js';
import { NodePath } from './node-path.js';
import { Float, Int } from './numbers.js';
import { Callable, EncodedObjectAsID, GodotObject, RID, Signal } from './objects.js';
import {
  PackedColorArray, PackedStringArray, PackedVector2Array, PackedVector3Array, PackedVector4Array,
} from './packed.js';
import { StringName } from './string-name.js';
import { TypedArray } from './typed-array.js';
import { VariantType } from './variant-type.js';

/**
 * Brand of `Dictionary` (a method yielding its entries), so that this file and key identity can
 * recognise one without importing it (`dictionary.ts` depends on them).
 */
export const DICTIONARY_ENTRIES: unique symbol = Symbol.for('@pp/core.dictionary-entries');

/** What carries `DICTIONARY_ENTRIES`: a `Dictionary`. */
export interface DictionaryLike {
  [DICTIONARY_ENTRIES](): Iterable<readonly [unknown, unknown]>;
}

/** Whether a plain number is a Godot INT under the default mapping. */
export function isIntNumber(value: number): boolean {
  return Number.isInteger(value) && !Object.is(value, -0) && Math.abs(value) <= 2 ** 63;
}

/** An object literal (or `Object.create(null)`), which the encoder takes as a Dictionary. */
export function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export function isDictionaryLike(value: object): value is DictionaryLike {
  return DICTIONARY_ENTRIES in value;
}

export type Ctor = abstract new (...args: never[]) => object;

/**
 * Classes in the order `instanceof` must try them: subclasses before their base (TypedArray and
 * PackedStringArray are Arrays; a Node `Buffer` is a Uint8Array).
 */
export const VARIANT_CLASSES: ReadonlyArray<readonly [Ctor, VariantType]> = [
  [TypedArray, VariantType.ARRAY],
  [PackedStringArray, VariantType.PACKED_STRING_ARRAY],
  [Map, VariantType.DICTIONARY],
  [Vector2, VariantType.VECTOR2],
  [Vector2i, VariantType.VECTOR2I],
  [Rect2, VariantType.RECT2],
  [Rect2i, VariantType.RECT2I],
  [Vector3, VariantType.VECTOR3],
  [Vector3i, VariantType.VECTOR3I],
  [Transform2D, VariantType.TRANSFORM2D],
  [Vector4, VariantType.VECTOR4],
  [Vector4i, VariantType.VECTOR4I],
  [Plane, VariantType.PLANE],
  [Quaternion, VariantType.QUATERNION],
  [AABB, VariantType.AABB],
  [Basis, VariantType.BASIS],
  [Transform3D, VariantType.TRANSFORM3D],
  [Projection, VariantType.PROJECTION],
  [Color, VariantType.COLOR],
  [StringName, VariantType.STRING_NAME],
  [NodePath, VariantType.NODE_PATH],
  [RID, VariantType.RID],
  [EncodedObjectAsID, VariantType.OBJECT],
  [GodotObject, VariantType.OBJECT],
  [Callable, VariantType.CALLABLE],
  [Signal, VariantType.SIGNAL],
  [Int, VariantType.INT],
  [Float, VariantType.FLOAT],
  [Uint8Array, VariantType.PACKED_BYTE_ARRAY],
  [Int32Array, VariantType.PACKED_INT32_ARRAY],
  [BigInt64Array, VariantType.PACKED_INT64_ARRAY],
  [Float32Array, VariantType.PACKED_FLOAT32_ARRAY],
  [Float64Array, VariantType.PACKED_FLOAT64_ARRAY],
  [PackedVector2Array, VariantType.PACKED_VECTOR2_ARRAY],
  [PackedVector3Array, VariantType.PACKED_VECTOR3_ARRAY],
  [PackedColorArray, VariantType.PACKED_COLOR_ARRAY],
  [PackedVector4Array, VariantType.PACKED_VECTOR4_ARRAY],
  [Array, VariantType.ARRAY],
];

/** Exact constructors, found in one lookup (the `instanceof` scan is for subclasses). */
const BY_CONSTRUCTOR = new Map<unknown, VariantType>(VARIANT_CLASSES);

/**
 * The Godot type of an object (`null` and primitives excluded), or `undefined` when it is not a
 * Variant.
 */
export function typeOfObject(value: object): VariantType | undefined {
  const byConstructor = BY_CONSTRUCTOR.get(value.constructor);
  if (byConstructor !== undefined) return byConstructor;
  if (isDictionaryLike(value) || isPlainObject(value)) return VariantType.DICTIONARY;
  for (const [ctor, type] of VARIANT_CLASSES) if (value instanceof ctor) return type;
  return undefined;
}

/**
 * The Godot type a JavaScript value encodes as (Godot's `typeof`), or `undefined` when it is not
 * a Variant. Plain objects and Maps are Dictionaries.
 */
export function typeOfValue(value: unknown): VariantType | undefined {
  switch (typeof value) {
    case 'string':
      return VariantType.STRING;
    case 'number':
      return isIntNumber(value) ? VariantType.INT : VariantType.FLOAT;
    case 'boolean':
      return VariantType.BOOL;
    case 'bigint':
      return VariantType.INT;
    case 'object':
      return value === null ? VariantType.NIL : typeOfObject(value);
    default:
      return undefined;
  }
}
