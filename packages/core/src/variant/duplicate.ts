/**
 * Deep copies for `Dictionary.duplicate(true)`: containers and everything mutable in them are
 * copied (Godot's deep duplicate copies nested Arrays and Dictionaries; in JavaScript packed
 * arrays and math values are mutable objects too, so they are copied as well). Objects
 * (`GodotObject`, `EncodedObjectAsID`) are shared, as in Godot.
 */
import { MAX_RECURSION_DEPTH } from '../limits.js';
import { mathComponents, mathFromComponents } from './math-layout.js';
import { PackedStringArray } from './packed.js';
import { TypedArray } from './typed-array.js';
import { isDictionaryLike, isPlainObject, typeOfObject } from './type-of.js';
import type { MathValue } from './value.js';
import { VariantType } from './variant-type.js';

interface Duplicable {
  duplicate(deep: boolean): unknown;
}

export function duplicateDeep<T>(value: T, depth = 0): T {
  if (typeof value !== 'object' || value === null) return value;
  if (depth > MAX_RECURSION_DEPTH) throw new RangeError(`Cannot duplicate: nested deeper than ${MAX_RECURSION_DEPTH} levels`);
  const next = depth + 1;
  if (isDictionaryLike(value)) return (value as unknown as Duplicable).duplicate(true) as T;
  if (value instanceof TypedArray) return new TypedArray(value.elementType, value.map((v) => duplicateDeep(v, next))) as T;
  if (value instanceof PackedStringArray) return PackedStringArray.fromStrings(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => duplicateDeep(v, next)) as T;
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [duplicateDeep(k, next), duplicateDeep(v, next)])) as T;
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, duplicateDeep(v, next)])) as T;
  if (ArrayBuffer.isView(value)) return (value as unknown as Uint8Array).slice() as T;
  const type = typeOfObject(value);
  if (type !== undefined && type >= VariantType.VECTOR2 && type <= VariantType.COLOR) {
    return mathFromComponents(type, mathComponents(value as unknown as MathValue, type)) as T;
  }
  if (type !== undefined && type >= VariantType.PACKED_VECTOR2_ARRAY) {
    // The packed vector and color arrays: the same class over copied components.
    const packed = value as unknown as { data: Float64Array; constructor: { fromData(data: Float64Array): T } };
    return packed.constructor.fromData(packed.data.slice());
  }
  return value;
}
