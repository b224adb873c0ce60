/**
 * The JavaScript shape of Godot Variants.
 *
 * `Variant` is what the decoder returns; `VariantLike` is what the encoder also accepts (plain
 * objects and `Map`s as Dictionaries, read-only arrays).
 */
import type { Dictionary } from './dictionary.js';
import type {
  AABB, Basis, Color, Plane, Projection, Quaternion, Rect2, Rect2i, Transform2D, Transform3D,
  Vector2, Vector2i, Vector3, Vector3i, Vector4, Vector4i,
} from './math.js';
import type { NodePath } from './node-path.js';
import type { Float, Int } from './numbers.js';
import type { Callable, EncodedObjectAsID, GodotObject, RID, Signal } from './objects.js';
import type {
  PackedColorArray, PackedStringArray, PackedVector2Array, PackedVector3Array, PackedVector4Array,
} from './packed.js';
import type { StringName } from './string-name.js';
import type { TypedArray } from './typed-array.js';

/** Math value types. */
export type MathValue =
  | Vector2 | Vector2i | Rect2 | Rect2i | Vector3 | Vector3i | Transform2D | Vector4 | Vector4i
  | Plane | Quaternion | AABB | Basis | Transform3D | Projection | Color;

/** Packed arrays: the five JavaScript typed arrays Godot has twins of, and five small classes. */
export type PackedArray =
  | Uint8Array | Int32Array | BigInt64Array | Float32Array | Float64Array
  | PackedStringArray | PackedVector2Array | PackedVector3Array | PackedColorArray | PackedVector4Array;

/**
 * A decoded Godot Variant.
 *
 * | Godot | JavaScript |
 * | --- | --- |
 * | `null` | `null` |
 * | `bool` | `boolean` |
 * | `int` | `number` when a safe integer, else `bigint` (`alwaysBigInt` option: always `bigint`); `Int` in a float-typed Dictionary |
 * | `float` | `Float` when integral (`1.0`, `-0.0`), else `number`; `Float` always in exact mode |
 * | `String` | `string` |
 * | `StringName`, `NodePath`, math types, `RID`, `Callable`, `Signal` | the classes of the same name |
 * | `Object` | `EncodedObjectAsID` (sent as id) or `GodotObject` (full object) |
 * | `Array` | `Variant[]`; typed `Array[T]`: `TypedArray` |
 * | `Dictionary` | `Dictionary` (typed or not) |
 * | `PackedByteArray` … `PackedFloat64Array` | `Uint8Array`, `Int32Array`, `BigInt64Array`, `Float32Array`, `Float64Array` |
 * | other packed arrays | `PackedStringArray`, `PackedVector2Array`, `PackedVector3Array`, `PackedColorArray`, `PackedVector4Array` |
 */
export type Variant =
  | null | boolean | number | bigint | string
  | Int | Float
  | MathValue
  | StringName | NodePath | RID | EncodedObjectAsID | GodotObject | Callable | Signal
  | Variant[] | TypedArray
  | Dictionary
  | PackedArray;

/** What the encoder accepts: any `Variant`, plus plain objects and `Map`s as Dictionaries. */
export type VariantLike =
  | Exclude<Variant, Variant[]>
  | readonly VariantLike[]
  | ReadonlyMap<VariantLike, VariantLike>
  | { readonly [key: string]: VariantLike };
