/**
 * `var_to_bytes`: JavaScript values to Godot's binary Variant format (`encode_variant` in
 * `core/io/marshalls.cpp`). One pass into a reusable growable buffer; the result is a copy.
 */
import { ErrorCode } from '../error.js';
import { type ContainerType, ENCODED_OBJECT_AS_ID } from './container-type.js';
import { Dictionary } from './dictionary.js';
import { type EncodeOptions, encodeSettings } from './codec-options.js';
import type { FormatRules } from './format.js';
import {
  CONTAINER_BUILTIN, CONTAINER_CLASS_NAME, CONTAINER_NONE, CONTAINER_SCRIPT, HEADER_FLAG_64,
  HEADER_FLAG_OBJECT_AS_ID, HEADER_TYPED_ARRAY_SHIFT, HEADER_TYPED_DICTIONARY_KEY_SHIFT,
  HEADER_TYPED_DICTIONARY_VALUE_SHIFT, NODE_PATH_NEW_FORMAT,
} from './header.js';
import {
  AABB, Basis, Color, Plane, Projection, Quaternion, Rect2, Rect2i, Transform2D, Transform3D,
  Vector2, Vector2i, Vector3, Vector3i, Vector4, Vector4i,
} from './math.js';
import { NodePath } from './node-path.js';
import { Float, Int, isInt64 } from './numbers.js';
import { Callable, EncodedObjectAsID, GodotObject, RID, Signal } from './objects.js';
import {
  PackedColorArray, PackedStringArray, PackedVector2Array, PackedVector3Array, PackedVector4Array,
} from './packed.js';
import { StringName } from './string-name.js';
import { TypedArray } from './typed-array.js';
import type { VariantLike } from './value.js';
import { VariantError } from './variant-error.js';
import { isIntNumber, isPlainObject, typeOfValue } from './type-of.js';
import { VariantType, variantTypeName } from './variant-type.js';
import { ByteWriter } from './writer.js';

export type { EncodeOptions } from './codec-options.js';

interface Context {
  readonly w: ByteWriter;
  readonly rules: FormatRules;
  readonly fullObjects: boolean;
  readonly realIsDouble: boolean;
  readonly maxDepth: number;
}

type Encode<T> = (ctx: Context, value: T, depth: number) => void;

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

let sharedWriter: ByteWriter | null = new ByteWriter();

/**
 * Encodes a value like Godot's `var_to_bytes` (or `var_to_bytes_with_objects` with
 * `fullObjects`). Throws a `VariantError` for values Godot cannot represent, for nesting deeper
 * than `maxDepth` and for results bigger than `maxBytes`.
 *
 * Small results are views of a shared 32 KiB slab (like Node's `Buffer` pool): the bytes are the
 * caller's, but `result.buffer` may hold other results too. Use `result.slice()` for a
 * standalone `ArrayBuffer`.
 */
export function varToBytes(value: VariantLike, options?: EncodeOptions): Uint8Array {
  // A getter on a plain object could call back into the encoder: only the outermost call
  // uses the shared writer.
  const w = sharedWriter ?? new ByteWriter(1024);
  sharedWriter = null;
  try {
    encodeInto(w, value, options);
    return w.finish();
  } catch (error) {
    w.abort();
    throw error;
  } finally {
    if (w.bytes.length <= 1 << 20) sharedWriter ??= w;
  }
}

/** Encodes `value` as the writer's next value: `varToBytes` over a writer it chooses. */
export function encodeInto(w: ByteWriter, value: VariantLike, options?: EncodeOptions): void {
  const settings = encodeSettings(options);
  w.begin(settings.maxBytes);
  const ctx: Context = {
    w,
    rules: settings.rules,
    fullObjects: settings.fullObjects,
    realIsDouble: settings.realIsDouble,
    maxDepth: settings.maxDepth,
  };
  encodeValue(ctx, value, 0);
  w.checkLimit();
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
    if (value >= INT32_MIN && value <= INT32_MAX) {
      header(ctx, VariantType.INT);
      ctx.w.i32(value);
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
    header(ctx, VariantType.FLOAT);
    ctx.w.f32(value);
  } else {
    header(ctx, VariantType.FLOAT, HEADER_FLAG_64);
    ctx.w.f64(value);
  }
}

/** Our value classes carry their encoder on the prototype under this key. */
const ENCODE: unique symbol = Symbol('@pp/core.encode');

type WithEncoder = { [ENCODE]?: Encode<object> };

function encodeObject(ctx: Context, value: object, depth: number): void {
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype) return encodeRecord(ctx, value as Record<string, unknown>, depth);
  if (proto === Array.prototype) return encodeArray(ctx, value as unknown[], depth);
  const own = (value as WithEncoder)[ENCODE];
  if (own !== undefined) return own(ctx, value, depth);
  if (value instanceof Int32Array) return encodeInt32s(ctx, value, depth);
  if (value instanceof Uint8Array) return encodeBytes(ctx, value, depth);
  if (Array.isArray(value)) return encodeArray(ctx, value, depth);
  const encode = BUILTIN_ENCODERS.get(value.constructor) ?? findEncoder(value);
  if (encode === undefined) fail(`${describe(value)} is not a Variant`);
  (encode as Encode<object>)(ctx, value, depth);
}

function describe(value: object): string {
  const name = (value.constructor as { name?: string } | undefined)?.name;
  return name ? `A ${name}` : 'This object';
}

/** For subclasses (a Node `Buffer` is a `Uint8Array`) and objects without a prototype. */
function findEncoder(value: object): Encode<never> | undefined {
  if (isPlainObject(value)) return encodeRecord as Encode<never>;
  for (const [ctor, , encode] of TABLE) if (value instanceof ctor) return encode;
  return undefined;
}

// --- real-valued math types -------------------------------------------------------------------

function reals(ctx: Context, type: VariantType, components: readonly number[]): void {
  const { w } = ctx;
  if (ctx.realIsDouble) {
    header(ctx, type, HEADER_FLAG_64);
    for (const c of components) w.f64(c);
  } else {
    header(ctx, type);
    for (const c of components) w.f32(c);
  }
}

function ints(ctx: Context, type: VariantType, components: readonly number[]): void {
  header(ctx, type);
  for (const c of components) ctx.w.i32(c);
}

// Vector2 and Vector3 are the hot math types: written without building an array.
const encodeVector2: Encode<Vector2> = (ctx, v) => {
  const { w } = ctx;
  if (ctx.realIsDouble) return reals(ctx, VariantType.VECTOR2, [v.x, v.y]);
  header(ctx, VariantType.VECTOR2);
  w.reserve(8);
  w.view.setFloat32(w.pos, v.x, true);
  w.view.setFloat32(w.pos + 4, v.y, true);
  w.pos += 8;
};
const encodeVector3: Encode<Vector3> = (ctx, v) => {
  const { w } = ctx;
  if (ctx.realIsDouble) return reals(ctx, VariantType.VECTOR3, [v.x, v.y, v.z]);
  header(ctx, VariantType.VECTOR3);
  w.reserve(12);
  w.view.setFloat32(w.pos, v.x, true);
  w.view.setFloat32(w.pos + 4, v.y, true);
  w.view.setFloat32(w.pos + 8, v.z, true);
  w.pos += 12;
};
const encodeVector4: Encode<Vector4> = (ctx, v) => reals(ctx, VariantType.VECTOR4, [v.x, v.y, v.z, v.w]);
const encodeRect2: Encode<Rect2> = (ctx, r) =>
  reals(ctx, VariantType.RECT2, [r.position.x, r.position.y, r.size.x, r.size.y]);
const encodeTransform2D: Encode<Transform2D> = (ctx, t) =>
  reals(ctx, VariantType.TRANSFORM2D, [t.x.x, t.x.y, t.y.x, t.y.y, t.origin.x, t.origin.y]);
const encodePlane: Encode<Plane> = (ctx, p) =>
  reals(ctx, VariantType.PLANE, [p.normal.x, p.normal.y, p.normal.z, p.d]);
const encodeQuaternion: Encode<Quaternion> = (ctx, q) => reals(ctx, VariantType.QUATERNION, [q.x, q.y, q.z, q.w]);
const encodeAABB: Encode<AABB> = (ctx, b) =>
  reals(ctx, VariantType.AABB, [b.position.x, b.position.y, b.position.z, b.size.x, b.size.y, b.size.z]);

/** Basis travels row by row; our Basis holds columns (x, y, z), so this is the transpose. */
function basisRows(b: Basis): number[] {
  return [b.x.x, b.y.x, b.z.x, b.x.y, b.y.y, b.z.y, b.x.z, b.y.z, b.z.z];
}

const encodeBasis: Encode<Basis> = (ctx, b) => reals(ctx, VariantType.BASIS, basisRows(b));
const encodeTransform3D: Encode<Transform3D> = (ctx, t) =>
  reals(ctx, VariantType.TRANSFORM3D, [...basisRows(t.basis), t.origin.x, t.origin.y, t.origin.z]);
const encodeProjection: Encode<Projection> = (ctx, p) =>
  reals(ctx, VariantType.PROJECTION, [p.x, p.y, p.z, p.w].flatMap((c) => [c.x, c.y, c.z, c.w]));

const encodeVector2i: Encode<Vector2i> = (ctx, v) => ints(ctx, VariantType.VECTOR2I, [v.x, v.y]);
const encodeVector3i: Encode<Vector3i> = (ctx, v) => ints(ctx, VariantType.VECTOR3I, [v.x, v.y, v.z]);
const encodeVector4i: Encode<Vector4i> = (ctx, v) => ints(ctx, VariantType.VECTOR4I, [v.x, v.y, v.z, v.w]);
const encodeRect2i: Encode<Rect2i> = (ctx, r) =>
  ints(ctx, VariantType.RECT2I, [r.position.x, r.position.y, r.size.x, r.size.y]);

const encodeColor: Encode<Color> = (ctx, c) => {
  header(ctx, VariantType.COLOR);
  ctx.w.f32(c.r);
  ctx.w.f32(c.g);
  ctx.w.f32(c.b);
  ctx.w.f32(c.a);
};

// --- numbers, strings, paths, ids ---------------------------------------------------------

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

const encodeObjectId: Encode<EncodedObjectAsID> = (ctx, obj) => {
  if (obj.objectId === 0n) {
    header(ctx, VariantType.NIL);
    return;
  }
  header(ctx, VariantType.OBJECT, HEADER_FLAG_OBJECT_AS_ID);
  ctx.w.u64(BigInt.asUintN(64, obj.objectId));
};

const encodeGodotObject: Encode<GodotObject> = (ctx, obj, depth) => {
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

const encodeCallable: Encode<Callable> = (ctx) => header(ctx, VariantType.CALLABLE);

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
  const kind = ctx.rules.typedContainers ? containerKind(ctx, type) : CONTAINER_NONE;
  header(ctx, VariantType.ARRAY, kind << HEADER_TYPED_ARRAY_SHIFT);
  containerPayload(ctx, type, kind);
  ctx.w.u32(array.length);
  for (let i = 0; i < array.length; i++) {
    encodeElement(ctx, array[i], type, depth + 1, true, () => `element ${i} of Array[${typeLabel(type)}]`);
  }
};

const encodeDictionary: Encode<Dictionary> = (ctx, dict, depth) => {
  const { keyType, valueType } = dict;
  const typed = ctx.rules.typedContainers;
  const keyKind = typed && keyType ? containerKind(ctx, keyType) : CONTAINER_NONE;
  const valueKind = typed && valueType ? containerKind(ctx, valueType) : CONTAINER_NONE;
  header(
    ctx,
    VariantType.DICTIONARY,
    (keyKind << HEADER_TYPED_DICTIONARY_KEY_SHIFT) | (valueKind << HEADER_TYPED_DICTIONARY_VALUE_SHIFT),
  );
  if (keyType) containerPayload(ctx, keyType, keyKind);
  if (valueType) containerPayload(ctx, valueType, valueKind);
  ctx.w.u32(dict.size);
  for (const [key, value] of dict) {
    encodeElement(ctx, key, keyType, depth + 1, false, () => 'a Dictionary key');
    encodeElement(ctx, value, valueType, depth + 1, false, () => 'a Dictionary value');
  }
};

const encodeMap: Encode<ReadonlyMap<unknown, unknown>> = (ctx, map, depth) => {
  header(ctx, VariantType.DICTIONARY);
  ctx.w.u32(map.size);
  for (const [key, value] of map) {
    encodeValue(ctx, key, depth + 1);
    encodeValue(ctx, value, depth + 1);
  }
};

/** A plain object is a Dictionary with String keys, in property order. */
const encodeRecord: Encode<Record<string, unknown>> = (ctx, record, depth) => {
  const keys = Object.keys(record);
  header(ctx, VariantType.DICTIONARY);
  const { w } = ctx;
  w.u32(keys.length);
  if (keys.length > 0 && depth + 1 > ctx.maxDepth) encodeValue(ctx, null, depth + 1);
  // Keys are Strings: written directly, without the general dispatch.
  const stringHeader = ctx.rules.toWire[VariantType.STRING] as number;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i] as string;
    w.u32(stringHeader);
    w.string(key);
    encodeValue(ctx, record[key], depth + 1);
  }
};

function typeLabel(type: ContainerType): string {
  if (type.kind === 'builtin') return variantTypeName(type.type);
  return type.kind === 'class' ? type.className : type.path;
}

function containerKind(ctx: Context, type: ContainerType): number {
  if (type.kind === 'builtin') return type.type === VariantType.NIL ? CONTAINER_NONE : CONTAINER_BUILTIN;
  if (type.kind === 'script' && ctx.fullObjects) return CONTAINER_SCRIPT;
  return CONTAINER_CLASS_NAME;
}

function containerPayload(ctx: Context, type: ContainerType, kind: number): void {
  switch (kind) {
    case CONTAINER_BUILTIN:
      ctx.w.u32((type as { type: VariantType }).type);
      return;
    case CONTAINER_CLASS_NAME:
      ctx.w.string(ctx.fullObjects && type.kind === 'class' ? type.className : ENCODED_OBJECT_AS_ID);
      return;
    case CONTAINER_SCRIPT: {
      const path = (type as { path: string }).path;
      if (!path.startsWith('res://')) {
        fail(`Typed container script path '${path}' is not a res:// path`, ErrorCode.ERR_UNAVAILABLE);
      }
      ctx.w.string(path);
      return;
    }
  }
}

/**
 * An element of a typed container, converted the way Godot's typed containers convert on
 * insertion: an integral number becomes `1.0` in a float container, a string a StringName in a
 * StringName container. A typed Array refuses elements Godot would refuse (`strict`); a typed
 * Dictionary sends them as they are, since Godot 4.6 keeps such entries.
 */
function encodeElement(
  ctx: Context,
  value: unknown,
  type: ContainerType | null,
  depth: number,
  strict: boolean,
  where: () => string,
): void {
  if (type === null || type.kind !== 'builtin') {
    if (strict && type !== null && !isObjectValue(value)) fail(`${where()} is not an Object`);
    encodeValue(ctx, value, depth);
    return;
  }
  // An explicit Int in a float-typed Dictionary is one Godot kept unconverted (exact mode).
  const converted = !strict && value instanceof Int ? MISMATCH : convertForType(value, type.type);
  if (converted === MISMATCH) {
    if (strict) fail(`${where()} does not match the element type (${describeValue(value)})`);
    encodeValue(ctx, value, depth);
    return;
  }
  encodeValue(ctx, converted, depth);
}

const MISMATCH = Symbol('mismatch');

function convertForType(value: unknown, type: VariantType): unknown {
  switch (type) {
    case VariantType.FLOAT:
      if (typeof value === 'number') return new Float(value);
      if (typeof value === 'bigint') return new Float(Number(value));
      if (value instanceof Int) return new Float(Number(value.value));
      return value instanceof Float ? value : MISMATCH;
    case VariantType.INT:
      if (typeof value === 'number') return Number.isInteger(value) ? (Object.is(value, -0) ? 0 : value) : MISMATCH;
      return typeof value === 'bigint' || value instanceof Int ? value : MISMATCH;
    case VariantType.STRING:
      if (value instanceof StringName) return value.value;
      return typeof value === 'string' ? value : MISMATCH;
    case VariantType.STRING_NAME:
      if (typeof value === 'string') return new StringName(value);
      return value instanceof StringName ? value : MISMATCH;
    case VariantType.OBJECT:
      return isObjectValue(value) ? value : MISMATCH;
    default:
      return typeOfValue(value) === type ? value : MISMATCH;
  }
}

function isObjectValue(value: unknown): boolean {
  return value === null || value instanceof EncodedObjectAsID || value instanceof GodotObject;
}

function describeValue(value: unknown): string {
  const type = typeOfValue(value);
  return type === undefined ? typeof value : variantTypeName(type);
}

// --- packed arrays ------------------------------------------------------------------------

function packedHeader(ctx: Context, type: VariantType, count: number, bytes: number): void {
  header(ctx, type);
  ctx.w.u32(count);
  ctx.w.reserve(bytes);
}

const encodeBytes: Encode<Uint8Array> = (ctx, bytes) => {
  header(ctx, VariantType.PACKED_BYTE_ARRAY);
  ctx.w.u32(bytes.length);
  ctx.w.paddedBytes(bytes);
};

function numericPacked<A extends ArrayLike<number> | BigInt64Array>(
  type: VariantType,
  width: number,
  write: (view: DataView, offset: number, value: A[number]) => void,
): Encode<A> {
  return (ctx, array) => {
    packedHeader(ctx, type, array.length, array.length * width);
    const { w } = ctx;
    const view = w.view;
    let p = w.pos;
    for (let i = 0; i < array.length; i++, p += width) write(view, p, array[i] as A[number]);
    w.pos = p;
  };
}

const encodeInt32s = numericPacked<Int32Array>(VariantType.PACKED_INT32_ARRAY, 4, (v, o, x) => v.setInt32(o, x, true));
const encodeInt64s = numericPacked<BigInt64Array>(VariantType.PACKED_INT64_ARRAY, 8, (v, o, x) => v.setBigInt64(o, x, true));
const encodeFloat32s = numericPacked<Float32Array>(VariantType.PACKED_FLOAT32_ARRAY, 4, (v, o, x) => v.setFloat32(o, x, true));
const encodeFloat64s = numericPacked<Float64Array>(VariantType.PACKED_FLOAT64_ARRAY, 8, (v, o, x) => v.setFloat64(o, x, true));

const encodeStrings: Encode<PackedStringArray> = (ctx, strings) => {
  header(ctx, VariantType.PACKED_STRING_ARRAY);
  ctx.w.u32(strings.length);
  for (const s of strings) {
    if (typeof s !== 'string') fail(`PackedStringArray holds a ${typeof s}`);
    ctx.w.string(s, true);
  }
};

function vectorPacked(type: VariantType): Encode<PackedVector2Array | PackedVector3Array | PackedVector4Array> {
  return (ctx, vectors) => {
    const double = ctx.realIsDouble;
    const data = vectors.data;
    const width = double ? 8 : 4;
    header(ctx, type, double ? HEADER_FLAG_64 : 0);
    ctx.w.u32(vectors.length);
    ctx.w.reserve(data.length * width);
    const { w } = ctx;
    const view = w.view;
    let p = w.pos;
    for (let i = 0; i < data.length; i++, p += width) {
      if (double) view.setFloat64(p, data[i] as number, true);
      else view.setFloat32(p, data[i] as number, true);
    }
    w.pos = p;
  };
}

const encodeColors: Encode<PackedColorArray> = (ctx, colors) => {
  const data = colors.data;
  packedHeader(ctx, VariantType.PACKED_COLOR_ARRAY, colors.length, data.length * 4);
  const { w } = ctx;
  const view = w.view;
  let p = w.pos;
  for (let i = 0; i < data.length; i++, p += 4) view.setFloat32(p, data[i] as number, true);
  w.pos = p;
};

// --- dispatch -----------------------------------------------------------------------------

type Ctor = abstract new (...args: never[]) => object;

const TABLE: ReadonlyArray<readonly [Ctor, VariantType, Encode<never>]> = [
  [TypedArray, VariantType.ARRAY, encodeTypedArray],
  [Dictionary, VariantType.DICTIONARY, encodeDictionary],
  [Map, VariantType.DICTIONARY, encodeMap],
  [Vector2, VariantType.VECTOR2, encodeVector2],
  [Vector2i, VariantType.VECTOR2I, encodeVector2i],
  [Rect2, VariantType.RECT2, encodeRect2],
  [Rect2i, VariantType.RECT2I, encodeRect2i],
  [Vector3, VariantType.VECTOR3, encodeVector3],
  [Vector3i, VariantType.VECTOR3I, encodeVector3i],
  [Transform2D, VariantType.TRANSFORM2D, encodeTransform2D],
  [Vector4, VariantType.VECTOR4, encodeVector4],
  [Vector4i, VariantType.VECTOR4I, encodeVector4i],
  [Plane, VariantType.PLANE, encodePlane],
  [Quaternion, VariantType.QUATERNION, encodeQuaternion],
  [AABB, VariantType.AABB, encodeAABB],
  [Basis, VariantType.BASIS, encodeBasis],
  [Transform3D, VariantType.TRANSFORM3D, encodeTransform3D],
  [Projection, VariantType.PROJECTION, encodeProjection],
  [Color, VariantType.COLOR, encodeColor],
  [StringName, VariantType.STRING_NAME, encodeStringName],
  [NodePath, VariantType.NODE_PATH, encodeNodePath],
  [RID, VariantType.RID, encodeRID],
  [EncodedObjectAsID, VariantType.OBJECT, encodeObjectId],
  [GodotObject, VariantType.OBJECT, encodeGodotObject],
  [Callable, VariantType.CALLABLE, encodeCallable],
  [Signal, VariantType.SIGNAL, encodeSignal],
  [Int, VariantType.INT, encodeIntWrapper],
  [Float, VariantType.FLOAT, encodeFloatWrapper],
  [Uint8Array, VariantType.PACKED_BYTE_ARRAY, encodeBytes],
  [Int32Array, VariantType.PACKED_INT32_ARRAY, encodeInt32s],
  [BigInt64Array, VariantType.PACKED_INT64_ARRAY, encodeInt64s],
  [Float32Array, VariantType.PACKED_FLOAT32_ARRAY, encodeFloat32s],
  [Float64Array, VariantType.PACKED_FLOAT64_ARRAY, encodeFloat64s],
  [PackedStringArray, VariantType.PACKED_STRING_ARRAY, encodeStrings],
  [PackedVector2Array, VariantType.PACKED_VECTOR2_ARRAY, vectorPacked(VariantType.PACKED_VECTOR2_ARRAY)],
  [PackedVector3Array, VariantType.PACKED_VECTOR3_ARRAY, vectorPacked(VariantType.PACKED_VECTOR3_ARRAY)],
  [PackedColorArray, VariantType.PACKED_COLOR_ARRAY, encodeColors],
  [PackedVector4Array, VariantType.PACKED_VECTOR4_ARRAY, vectorPacked(VariantType.PACKED_VECTOR4_ARRAY)],
  // Last: TypedArray and PackedStringArray are Arrays too.
  [Array, VariantType.ARRAY, encodeArray],
];

/** Built-in classes (Map, typed arrays, Object) are found by constructor: their prototypes are not ours to touch. */
const BUILTIN_ENCODERS = new Map<unknown, Encode<never>>([
  [Object, encodeRecord as Encode<never>],
  [Map, encodeMap as Encode<never>],
  [Uint8Array, encodeBytes as Encode<never>],
  [Int32Array, encodeInt32s as Encode<never>],
  [BigInt64Array, encodeInt64s as Encode<never>],
  [Float32Array, encodeFloat32s as Encode<never>],
  [Float64Array, encodeFloat64s as Encode<never>],
]);

for (const [ctor, , encode] of TABLE) {
  if (!BUILTIN_ENCODERS.has(ctor) && ctor !== Array) {
    Object.defineProperty(ctor.prototype, ENCODE, { value: encode, enumerable: false });
  }
}
