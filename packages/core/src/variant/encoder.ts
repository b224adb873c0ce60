/**
 * `var_to_bytes`: JavaScript values to Godot's binary Variant format (`encode_variant` in
 * `core/io/marshalls.cpp`). This file is the walk over the types: it dispatches on the value's
 * prototype (`type-of.ts` decides types), writes with `writer.ts`, lays out math values with
 * `math-layout.ts` and converts typed container elements with `typed-containers.ts`. One pass into
 * a reusable slab; the result is a view of it (see `varToBytes`).
 */
import { ErrorCode } from '../error.js';
import { type EncodeOptions, type EncodeSettings, encodeSettings } from './codec-options.js';
import type { ContainerType } from './container-type.js';
import { Dictionary } from './dictionary.js';
import {
  CONTAINER_NONE, HEADER_FLAG_64, HEADER_FLAG_OBJECT_AS_ID, HEADER_TYPED_ARRAY_SHIFT,
  HEADER_TYPED_DICTIONARY_KEY_SHIFT, HEADER_TYPED_DICTIONARY_VALUE_SHIFT, NODE_PATH_NEW_FORMAT,
} from './header.js';
import { isRealMath, writeMath } from './math-layout.js';
import type { NodePath } from './node-path.js';
import { type Float, type Int, isInt64 } from './numbers.js';
import { EncodedObjectAsID, type GodotObject, type RID, type Signal } from './objects.js';
import type { PackedColorArray, PackedStringArray, PackedVector2Array, PackedVector3Array, PackedVector4Array } from './packed.js';
import type { StringName } from './string-name.js';
import { TypedArray } from './typed-array.js';
import {
  MISMATCH, containerKind, isObjectValue, toArrayElement, toDictionaryEntry, writeContainerType,
} from './typed-containers.js';
import { VARIANT_CLASSES, isIntNumber, isPlainObject, typeOfObject, typeOfValue } from './type-of.js';
import type { MathValue, VariantLike } from './value.js';
import { VariantError } from './variant-error.js';
import { VariantType, variantTypeName } from './variant-type.js';
import { ByteWriter } from './writer.js';

export type { EncodeOptions } from './codec-options.js';

interface Context extends EncodeSettings {
  readonly w: ByteWriter;
  /** The wire headers of INT and FLOAT (every format has both), read once per encode. */
  readonly intHeader: number;
  readonly floatHeader: number;
}

type Encode<T> = (ctx: Context, value: T, depth: number) => void;

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

let sharedWriter: ByteWriter | null = new ByteWriter();

/**
 * Encodes a value like Godot's `var_to_bytes` (or `var_to_bytes_with_objects` with
 * `fullObjects`). Throws a `VariantError` for values Godot cannot represent, for nesting deeper
 * than `maxDepth`, for results bigger than `maxBytes` and for invalid options.
 *
 * Small results are views of a shared 32 KiB slab (like Node's `Buffer` pool): the bytes are the
 * caller's, but `result.buffer` may hold other results too. Use `result.slice()` for a
 * standalone `ArrayBuffer`.
 */
export function varToBytes(value: VariantLike, options?: EncodeOptions): Uint8Array {
  const settings = encodeSettings(options);
  // A getter on a plain object could call back into the encoder: only the outermost call
  // uses the shared writer.
  const w = sharedWriter ?? new ByteWriter(1024);
  sharedWriter = null;
  try {
    w.begin(settings.maxBytes);
    const ctx: Context = {
      w,
      rules: settings.rules,
      fullObjects: settings.fullObjects,
      realIsDouble: settings.realIsDouble,
      maxDepth: settings.maxDepth,
      maxBytes: settings.maxBytes,
      intHeader: settings.rules.toWire[VariantType.INT] as number,
      floatHeader: settings.rules.toWire[VariantType.FLOAT] as number,
    };
    encodeValue(ctx, value, 0);
    w.checkLimit();
    return w.finish();
  } catch (error) {
    w.abort();
    throw error;
  } finally {
    if (w.bytes.length <= 1 << 20) sharedWriter ??= w;
  }
}

function fail(message: string, code: ErrorCode = ErrorCode.ERR_INVALID_PARAMETER): never {
  throw new VariantError(code, message);
}

function header(ctx: Context, type: VariantType, flags = 0): void {
  const wire = ctx.rules.toWire[type] as number;
  if (wire < 0) fail(`${variantTypeName(type)} cannot be encoded in the '${ctx.rules.name}' format`);
  ctx.w.u32(wire | flags);
}

function encodeValue(ctx: Context, value: unknown, depth: number): void {
  if (depth > ctx.maxDepth) {
    fail(`Variant is nested deeper than ${ctx.maxDepth} levels (potential infinite recursion)`, ErrorCode.ERR_OUT_OF_MEMORY);
  }
  switch (typeof value) {
    case 'string':
      header(ctx, VariantType.STRING);
      ctx.w.string(value);
      return;
    case 'number':
      if (isIntNumber(value)) encodeInt(ctx, value);
      else encodeFloat(ctx, value);
      return;
    case 'boolean':
      header(ctx, VariantType.BOOL);
      ctx.w.u32(value ? 1 : 0);
      return;
    case 'bigint':
      encodeInt(ctx, value);
      return;
    case 'object':
      if (value === null) {
        header(ctx, VariantType.NIL);
        return;
      }
      encodeObject(ctx, value, depth);
      return;
    default:
      fail(`A ${typeof value} is not a Variant`);
  }
}

function encodeInt(ctx: Context, value: number | bigint): void {
  if (typeof value === 'number') {
    // The commonest value on the wire: header and payload in one write.
    if (value >= INT32_MIN && value <= INT32_MAX) {
      ctx.w.taggedI32(ctx.intHeader, value);
      return;
    }
    if (value === 2 ** 63) fail(`int ${value} is outside the 64-bit range`);
    value = BigInt(value);
  } else if (!isInt64(value)) {
    fail(`int ${value} is outside the 64-bit range`);
  }
  if (value >= INT32_MIN && value <= INT32_MAX) {
    header(ctx, VariantType.INT);
    ctx.w.i32(Number(value));
  } else {
    header(ctx, VariantType.INT, HEADER_FLAG_64);
    ctx.w.i64(value);
  }
}

function encodeFloat(ctx: Context, value: number): void {
  // Godot keeps 32 bits exactly when the double survives a round trip through float; NaN
  // never does, so it is always sent as 64 bits, like Godot.
  if (Math.fround(value) === value) {
    ctx.w.taggedF32(ctx.floatHeader, value);
  } else {
    header(ctx, VariantType.FLOAT, HEADER_FLAG_64);
    ctx.w.f64(value);
  }
}

function encodeObject(ctx: Context, value: object, depth: number): void {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return encodeRecord(ctx, value as Record<string, unknown>, depth);
  if (proto === Array.prototype) return encodeArray(ctx, value as unknown[], depth);
  const encode = BY_PROTOTYPE.get(proto) ?? bySubclass(value);
  (encode as Encode<object>)(ctx, value, depth);
}

/** Subclasses (a Node `Buffer` is a `Uint8Array`) and objects of other realms. */
function bySubclass(value: object): Encode<never> {
  const type = typeOfObject(value);
  if (type === undefined) {
    const name = (value.constructor as { name?: string } | undefined)?.name;
    fail(`${name ? `A ${name}` : 'This object'} is not a Variant`);
  }
  return BY_TYPE[type] as Encode<never>;
}

// --- scalars held in objects ---------------------------------------------------------------

/** Math encoders with their type bound, so that dispatch does not look the type up again. */
function mathEncoder(type: VariantType): Encode<MathValue> {
  const real = isRealMath(type);
  return (ctx, value) => {
    const double = real && ctx.realIsDouble;
    header(ctx, type, double ? HEADER_FLAG_64 : 0);
    writeMath(ctx.w, value, type, double);
  };
}

const encodeIntWrapper: Encode<Int> = (ctx, v) => encodeInt(ctx, v.value);
const encodeFloatWrapper: Encode<Float> = (ctx, v) => encodeFloat(ctx, v.value);

const encodeStringName: Encode<StringName> = (ctx, s) => {
  header(ctx, VariantType.STRING_NAME);
  ctx.w.string(s.value);
};

const encodeNodePath: Encode<NodePath> = (ctx, path) => {
  header(ctx, VariantType.NODE_PATH);
  const { w } = ctx;
  w.u32((path.names.length | NODE_PATH_NEW_FORMAT) >>> 0);
  w.u32(path.subnames.length);
  w.u32(path.absolute ? 1 : 0);
  for (const name of path.names) w.string(name);
  for (const name of path.subnames) w.string(name);
};

const encodeRID: Encode<RID> = (ctx, rid) => {
  header(ctx, VariantType.RID);
  if (ctx.rules.ridHasId) ctx.w.u64(BigInt.asUintN(64, rid.id));
};

const encodeObjectValue: Encode<EncodedObjectAsID | GodotObject> = (ctx, obj, depth) => {
  if (obj instanceof EncodedObjectAsID) {
    if (obj.objectId === 0n) {
      header(ctx, VariantType.NIL);
      return;
    }
    header(ctx, VariantType.OBJECT, HEADER_FLAG_OBJECT_AS_ID);
    ctx.w.u64(BigInt.asUintN(64, obj.objectId));
    return;
  }
  if (!ctx.fullObjects) {
    fail(`GodotObject '${obj.className}' can only be encoded with fullObjects (var_to_bytes_with_objects)`);
  }
  header(ctx, VariantType.OBJECT);
  ctx.w.string(obj.className);
  ctx.w.u32(obj.properties.size);
  for (const [name, value] of obj.properties) {
    ctx.w.string(name);
    encodeValue(ctx, value, depth + 1);
  }
};

const encodeCallable: Encode<object> = (ctx) => header(ctx, VariantType.CALLABLE);

const encodeSignal: Encode<Signal> = (ctx, signal) => {
  header(ctx, VariantType.SIGNAL);
  ctx.w.string(signal.name);
  ctx.w.u64(BigInt.asUintN(64, signal.objectId));
};

// --- containers -------------------------------------------------------------------------

const encodeArray: Encode<readonly unknown[]> = (ctx, array, depth) => {
  header(ctx, VariantType.ARRAY);
  ctx.w.u32(array.length);
  for (let i = 0; i < array.length; i++) encodeValue(ctx, array[i], depth + 1);
};

const encodeTypedArray: Encode<TypedArray> = (ctx, array, depth) => {
  const type = array.elementType;
  // Older peers get the elements, converted as the typed Array holds them, without the type.
  const kind = ctx.rules.typedContainers ? containerKind(type, ctx.fullObjects) : CONTAINER_NONE;
  header(ctx, VariantType.ARRAY, kind << HEADER_TYPED_ARRAY_SHIFT);
  writeContainerType(ctx.w, type, kind, ctx.fullObjects);
  ctx.w.u32(array.length);
  for (let i = 0; i < array.length; i++) {
    const element = toArrayElement(array[i], type);
    if (element === MISMATCH) {
      const what = type.kind === 'builtin' ? 'does not match the element type' : 'is not an Object';
      fail(`element ${i} of Array[${typeLabel(type)}] ${what} (${describeValue(array[i])})`);
    }
    encodeValue(ctx, element, depth + 1);
  }
};

const encodeDictionary: Encode<Dictionary> = (ctx, dict, depth) => {
  const { keyType, valueType } = dict;
  const typed = ctx.rules.typedContainers;
  const keyKind = typed ? containerKind(keyType, ctx.fullObjects) : CONTAINER_NONE;
  const valueKind = typed ? containerKind(valueType, ctx.fullObjects) : CONTAINER_NONE;
  header(
    ctx,
    VariantType.DICTIONARY,
    (keyKind << HEADER_TYPED_DICTIONARY_KEY_SHIFT) | (valueKind << HEADER_TYPED_DICTIONARY_VALUE_SHIFT),
  );
  if (keyType) writeContainerType(ctx.w, keyType, keyKind, ctx.fullObjects);
  if (valueType) writeContainerType(ctx.w, valueType, valueKind, ctx.fullObjects);
  ctx.w.u32(dict.size);
  for (const [key, value] of dict) {
    encodeValue(ctx, toDictionaryEntry(key, keyType), depth + 1);
    encodeValue(ctx, toDictionaryEntry(value, valueType), depth + 1);
  }
};

const encodeMap: Encode<ReadonlyMap<unknown, unknown>> = (ctx, map, depth) => {
  header(ctx, VariantType.DICTIONARY);
  ctx.w.u32(map.size);
  // forEach, not for…of: no [key, value] array per entry.
  map.forEach((value, key) => {
    encodeValue(ctx, key, depth + 1);
    encodeValue(ctx, value, depth + 1);
  });
};

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * A plain object is a Dictionary with String keys, in property order (`Object.keys` order). The
 * keys are walked with for…in (own ones only) rather than collected in an array, and the count is
 * written once they are.
 */
const encodeRecord: Encode<Record<string, unknown>> = (ctx, record, depth) => {
  header(ctx, VariantType.DICTIONARY);
  const { w } = ctx;
  w.u32(0);
  // Relative to the value: growing moves the value being written to the start of a new buffer.
  const countAt = w.pos - 4 - w.start;
  // Keys are Strings: written directly, without the general dispatch.
  const stringHeader = ctx.rules.toWire[VariantType.STRING] as number;
  let count = 0;
  for (const key in record) {
    if (!hasOwn.call(record, key)) continue;
    if (count === 0 && depth + 1 > ctx.maxDepth) encodeValue(ctx, null, depth + 1);
    w.u32(stringHeader);
    w.string(key);
    encodeValue(ctx, record[key], depth + 1);
    count++;
  }
  w.view.setUint32(w.start + countAt, count, true);
};

/** Any Dictionary-like value reached through a subclass or another realm. */
const encodeAnyDictionary: Encode<object> = (ctx, value, depth) => {
  if (value instanceof Dictionary) return encodeDictionary(ctx, value, depth);
  if (value instanceof Map) return encodeMap(ctx, value, depth);
  if (isPlainObject(value)) return encodeRecord(ctx, value, depth);
  fail('This Dictionary-like object cannot be encoded');
};

const encodeAnyArray: Encode<readonly unknown[]> = (ctx, value, depth) =>
  value instanceof TypedArray ? encodeTypedArray(ctx, value, depth) : encodeArray(ctx, value, depth);

function typeLabel(type: ContainerType): string {
  if (type.kind === 'builtin') return variantTypeName(type.type);
  return type.kind === 'class' ? type.className : type.path;
}

function describeValue(value: unknown): string {
  if (isObjectValue(value) && value !== null) return 'Object';
  const type = typeOfValue(value);
  return type === undefined ? typeof value : variantTypeName(type);
}

// --- packed arrays ------------------------------------------------------------------------

const encodeBytes: Encode<Uint8Array> = (ctx, bytes) => {
  header(ctx, VariantType.PACKED_BYTE_ARRAY);
  ctx.w.u32(bytes.length);
  ctx.w.paddedBytes(bytes);
};

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The numeric packed arrays: on little-endian hosts (all of them in practice) the array's bytes
 * are the wire bytes, copied in one `set`; small arrays and other hosts element by element.
 */
function numericPacked<A extends Int32Array | BigInt64Array | Float32Array | Float64Array>(
  type: VariantType,
  write: (view: DataView, offset: number, value: A[number]) => void,
): Encode<A> {
  return (ctx, array) => {
    header(ctx, type);
    const { w } = ctx;
    w.u32(array.length);
    // Small arrays element by element: cheaper than the byte view a bulk copy needs.
    if (LITTLE_ENDIAN_HOST && array.length > 16) {
      w.paddedBytes(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
      return;
    }
    const width = array.BYTES_PER_ELEMENT;
    w.reserve(array.length * width);
    const view = w.view;
    let p = w.pos;
    for (let i = 0; i < array.length; i++, p += width) write(view, p, array[i] as A[number]);
    w.pos = p;
  };
}

const encodeStrings: Encode<PackedStringArray> = (ctx, strings) => {
  header(ctx, VariantType.PACKED_STRING_ARRAY);
  ctx.w.u32(strings.length);
  for (const s of strings) {
    if (typeof s !== 'string') fail(`PackedStringArray holds a ${typeof s}`);
    ctx.w.string(s, true);
  }
};

/**
 * Packed vectors hold Float64Array components: written as 32-bit floats (converted in one native
 * `set` into a Float32Array over the writer, which is 4-byte aligned like every Variant), or as
 * their own bytes for a double-precision build.
 */
function vectorPacked(type: VariantType): Encode<PackedVector2Array | PackedVector3Array | PackedVector4Array> {
  return (ctx, vectors) => {
    const double = ctx.realIsDouble;
    const data = vectors.data;
    header(ctx, type, double ? HEADER_FLAG_64 : 0);
    const { w } = ctx;
    w.u32(vectors.length);
    if (double) return encodeRaw(w, data);
    w.reserve(data.length * 4);
    if (LITTLE_ENDIAN_HOST) {
      new Float32Array(w.bytes.buffer, w.bytes.byteOffset + w.pos, data.length).set(data);
    } else {
      for (let i = 0; i < data.length; i++) w.view.setFloat32(w.pos + i * 4, data[i] as number, true);
    }
    w.pos += data.length * 4;
  };
}

const encodeColors: Encode<PackedColorArray> = (ctx, colors) => {
  header(ctx, VariantType.PACKED_COLOR_ARRAY);
  ctx.w.u32(colors.length);
  encodeRaw(ctx.w, colors.data);
};

/** Float components written as they are held (32 or 64 bits). */
function encodeRaw(w: ByteWriter, data: Float32Array | Float64Array): void {
  if (LITTLE_ENDIAN_HOST) {
    w.paddedBytes(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    return;
  }
  const wide = data instanceof Float64Array;
  for (let i = 0; i < data.length; i++) {
    if (wide) w.f64(data[i] as number);
    else w.f32(data[i] as number);
  }
}

// --- dispatch -----------------------------------------------------------------------------

/** The encoder of each Godot type, for values that are objects. */
const BY_TYPE: Partial<Record<VariantType, Encode<never>>> = {
  [VariantType.INT]: encodeIntWrapper,
  [VariantType.FLOAT]: encodeFloatWrapper,
  [VariantType.STRING_NAME]: encodeStringName,
  [VariantType.NODE_PATH]: encodeNodePath,
  [VariantType.RID]: encodeRID,
  [VariantType.OBJECT]: encodeObjectValue,
  [VariantType.CALLABLE]: encodeCallable,
  [VariantType.SIGNAL]: encodeSignal,
  [VariantType.DICTIONARY]: encodeAnyDictionary,
  [VariantType.ARRAY]: encodeAnyArray,
  [VariantType.PACKED_BYTE_ARRAY]: encodeBytes,
  [VariantType.PACKED_INT32_ARRAY]: numericPacked<Int32Array>(VariantType.PACKED_INT32_ARRAY, (v, o, x) => v.setInt32(o, x, true)),
  [VariantType.PACKED_INT64_ARRAY]: numericPacked<BigInt64Array>(VariantType.PACKED_INT64_ARRAY, (v, o, x) => v.setBigInt64(o, x, true)),
  [VariantType.PACKED_FLOAT32_ARRAY]: numericPacked<Float32Array>(VariantType.PACKED_FLOAT32_ARRAY, (v, o, x) => v.setFloat32(o, x, true)),
  [VariantType.PACKED_FLOAT64_ARRAY]: numericPacked<Float64Array>(VariantType.PACKED_FLOAT64_ARRAY, (v, o, x) => v.setFloat64(o, x, true)),
  [VariantType.PACKED_STRING_ARRAY]: encodeStrings,
  [VariantType.PACKED_VECTOR2_ARRAY]: vectorPacked(VariantType.PACKED_VECTOR2_ARRAY),
  [VariantType.PACKED_VECTOR3_ARRAY]: vectorPacked(VariantType.PACKED_VECTOR3_ARRAY),
  [VariantType.PACKED_COLOR_ARRAY]: encodeColors,
  [VariantType.PACKED_VECTOR4_ARRAY]: vectorPacked(VariantType.PACKED_VECTOR4_ARRAY),
};
// The math types are the ids from VECTOR2 to COLOR.
for (let type: number = VariantType.VECTOR2; type <= VariantType.COLOR; type++) BY_TYPE[type as VariantType] = mathEncoder(type as VariantType);

/**
 * Encoders by prototype, one lookup for every Variant class and the JavaScript classes Godot
 * types map to (the prototype is at hand; `value.constructor` would be one more lookup).
 */
const BY_PROTOTYPE = new Map<unknown, Encode<never>>([
  ...VARIANT_CLASSES.map(([ctor, type]) => [ctor.prototype, BY_TYPE[type] as Encode<never>] as const),
  [Array.prototype, encodeArray as Encode<never>],
  [TypedArray.prototype, encodeTypedArray as Encode<never>],
  [Map.prototype, encodeMap as Encode<never>],
  [Dictionary.prototype, encodeDictionary as Encode<never>],
]);
