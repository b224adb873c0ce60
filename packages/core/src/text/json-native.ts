/**
 * Godot 4.3+'s `JSON.from_native` / `JSON.to_native` (`core/io/json.cpp`): any Variant as plain
 * JSON values and back. Scalars become prefixed strings (`"i:6"`, `"f:0.5"`, `"s:…"`, `"sn:…"`,
 * `"np:…"`), everything else `{ "type": …, "args": […] }` (objects: `"props"`, typed containers:
 * `"elem_type"`, `"key_type"`, `"value_type"`). Floats in `"f:"` strings carry 14 decimals, as
 * Godot writes them; components in `args` are exact JSON numbers.
 */
import { ErrorCode } from '../error.js';
import { MAX_RECURSION_DEPTH } from '../limits.js';
import { type ContainerType, builtin } from '../variant/container-type.js';
import { Dictionary } from '../variant/dictionary.js';
import { typeOfValue } from '../variant/type-of.js';
import {
  AABB, Basis, Color, Plane, Projection, Quaternion, Rect2, Rect2i, Transform2D, Transform3D,
  Vector2, Vector2i, Vector3, Vector3i, Vector4, Vector4i,
} from '../variant/math.js';
import { NodePath } from '../variant/node-path.js';
import { Float, Int, isInt64 } from '../variant/numbers.js';
import { Callable, EncodedObjectAsID, GodotObject, RID, Signal } from '../variant/objects.js';
import {
  PackedColorArray, PackedStringArray, PackedVector2Array, PackedVector3Array, PackedVector4Array,
} from '../variant/packed.js';
import { StringName } from '../variant/string-name.js';
import { TypedArray } from '../variant/typed-array.js';
import type { Variant, VariantLike } from '../variant/value.js';
import { VariantError } from '../variant/variant-error.js';
import { VARIANT_MAX, VariantType, variantTypeName } from '../variant/variant-type.js';
import { MISMATCH, coerce, convert, mismatchMessage } from './container-values.js';
import { numReal } from './float-text.js';
import { byte, double, floatValue, godotStringToFloat, godotStringToInt, int32, int64, intValue, real } from './godot-number.js';

/** A JSON value, as `JSON.parse` returns and `JSON.stringify` takes. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const T = VariantType;

function fail(message: string, code: ErrorCode = ErrorCode.ERR_INVALID_DATA): never {
  throw new VariantError(code, message);
}

/**
 * Godot's `JSON.from_native(value, full_objects)`. Objects need `fullObjects` (as in Godot, which
 * returns `null` and logs an error without it; this throws a `VariantError`).
 */
export function jsonFromNative(value: VariantLike, fullObjects = false): JsonValue {
  return fromNative(value, fullObjects, 0);
}

const components = (...values: number[]): number[] => values.map(Math.fround);
const ints = (...values: number[]): number[] => values.map((v) => v | 0);

function typed(type: string, args: JsonValue[]): JsonValue {
  return { type, args };
}

function containerTypeName(type: ContainerType, fullObjects: boolean): string {
  if (type.kind === 'builtin') return variantTypeName(type.type);
  if (!fullObjects) fail('A container of objects needs fullObjects', ErrorCode.ERR_INVALID_PARAMETER);
  return type.kind === 'class' ? type.className : type.path;
}

function fromNative(value: unknown, fullObjects: boolean, depth: number): JsonValue {
  if (depth > MAX_RECURSION_DEPTH) fail('Variant is too deep', ErrorCode.ERR_OUT_OF_MEMORY);
  const type = typeOfValue(value);
  if (type === undefined) fail(`A ${typeof value} is not a Variant`, ErrorCode.ERR_INVALID_PARAMETER);
  const name = variantTypeName(type);
  const next = (v: unknown): JsonValue => fromNative(v, fullObjects, depth + 1);
  switch (type) {
    case T.NIL:
      return null;
    case T.BOOL:
      return value as boolean;
    case T.INT: {
      const int = value instanceof Int ? value.value : BigInt(value as number | bigint);
      if (!isInt64(int)) fail(`int ${int} is outside the 64-bit range`, ErrorCode.ERR_INVALID_PARAMETER);
      return `i:${int}`;
    }
    case T.FLOAT:
      return `f:${numReal(value instanceof Float ? value.value : (value as number))}`;
    case T.STRING:
      return `s:${value as string}`;
    case T.STRING_NAME:
      return `sn:${(value as StringName).value}`;
    case T.NODE_PATH:
      return `np:${String(value as NodePath)}`;
    case T.RID:
    case T.CALLABLE:
    case T.SIGNAL:
      return { type: name };
    case T.VECTOR2: { const v = value as Vector2; return typed(name, components(v.x, v.y)); }
    case T.VECTOR2I: { const v = value as Vector2i; return typed(name, ints(v.x, v.y)); }
    case T.RECT2: { const v = value as Rect2; return typed(name, components(v.position.x, v.position.y, v.size.x, v.size.y)); }
    case T.RECT2I: { const v = value as Rect2i; return typed(name, ints(v.position.x, v.position.y, v.size.x, v.size.y)); }
    case T.VECTOR3: { const v = value as Vector3; return typed(name, components(v.x, v.y, v.z)); }
    case T.VECTOR3I: { const v = value as Vector3i; return typed(name, ints(v.x, v.y, v.z)); }
    case T.TRANSFORM2D: { const v = value as Transform2D; return typed(name, components(v.x.x, v.x.y, v.y.x, v.y.y, v.origin.x, v.origin.y)); }
    case T.VECTOR4: { const v = value as Vector4; return typed(name, components(v.x, v.y, v.z, v.w)); }
    case T.VECTOR4I: { const v = value as Vector4i; return typed(name, ints(v.x, v.y, v.z, v.w)); }
    case T.PLANE: { const v = value as Plane; return typed(name, components(v.normal.x, v.normal.y, v.normal.z, v.d)); }
    case T.QUATERNION: { const v = value as Quaternion; return typed(name, components(v.x, v.y, v.z, v.w)); }
    case T.AABB: { const v = value as AABB; return typed(name, components(v.position.x, v.position.y, v.position.z, v.size.x, v.size.y, v.size.z)); }
    case T.BASIS: return typed(name, components(...basisColumns(value as Basis)));
    case T.TRANSFORM3D: {
      const v = value as Transform3D;
      return typed(name, components(...basisColumns(v.basis), v.origin.x, v.origin.y, v.origin.z));
    }
    case T.PROJECTION: {
      const p = value as Projection;
      return typed(name, components(...[p.x, p.y, p.z, p.w].flatMap((c) => [c.x, c.y, c.z, c.w])));
    }
    case T.COLOR: { const c = value as Color; return typed(name, components(c.r, c.g, c.b, c.a)); }
    case T.OBJECT:
      return objectFromNative(value as EncodedObjectAsID | GodotObject, fullObjects, depth);
    case T.DICTIONARY: {
      const out: { [key: string]: JsonValue } = { type: name };
      let entries: Array<[unknown, unknown]>;
      if (value instanceof Dictionary) {
        if (value.keyType) out.key_type = containerTypeName(value.keyType, fullObjects);
        if (value.valueType) out.value_type = containerTypeName(value.valueType, fullObjects);
        entries = [...value].map(([k, v]) => [coerce(k, value.keyType), coerce(v, value.valueType)]);
      } else {
        entries = value instanceof Map ? [...(value as Map<unknown, unknown>)] : Object.entries(value as object);
      }
      out.args = entries.flatMap(([k, v]) => [next(k), next(v)]);
      return out;
    }
    case T.ARRAY: {
      const array = value as readonly unknown[];
      const type = array instanceof TypedArray ? array.elementType : null;
      const args = Array.from(array, (item) => next(coerce(item, type)));
      return type === null ? args : { type: name, elem_type: containerTypeName(type, fullObjects), args };
    }
    case T.PACKED_BYTE_ARRAY:
    case T.PACKED_INT32_ARRAY:
    case T.PACKED_FLOAT32_ARRAY:
    case T.PACKED_FLOAT64_ARRAY:
      return typed(name, Array.from(value as ArrayLike<number>));
    case T.PACKED_INT64_ARRAY:
      // JSON numbers are doubles: beyond 2^53 an int64 loses digits, as in Godot's own JSON.
      return typed(name, Array.from(value as BigInt64Array, Number));
    case T.PACKED_STRING_ARRAY:
      return typed(name, [...(value as PackedStringArray)]);
    case T.PACKED_VECTOR2_ARRAY:
    case T.PACKED_VECTOR3_ARRAY:
    case T.PACKED_VECTOR4_ARRAY:
      return typed(name, Array.from((value as PackedVector2Array).data, Math.fround));
    case T.PACKED_COLOR_ARRAY:
      return typed(name, Array.from((value as PackedColorArray).data));
    default:
      return fail(`${name} has no JSON form`, ErrorCode.ERR_INVALID_PARAMETER);
  }
}

function objectFromNative(object: EncodedObjectAsID | GodotObject, fullObjects: boolean, depth: number): JsonValue {
  if (object instanceof EncodedObjectAsID && object.objectId === 0n) return null;
  if (!fullObjects) fail('Objects need fullObjects (JSON.from_native(value, true))', ErrorCode.ERR_INVALID_PARAMETER);
  if (object instanceof EncodedObjectAsID) {
    return { type: 'EncodedObjectAsID', props: ['object_id', `i:${BigInt.asIntN(64, object.objectId)}`, 'script', null] };
  }
  const props: JsonValue[] = [];
  for (const [name, value] of object.properties) props.push(name, fromNative(value, fullObjects, depth + 1));
  return { type: object.className, props };
}

/** Basis as Godot's `get_column(0)`, `get_column(1)`, `get_column(2)`: our x, y, z. */
function basisColumns(b: Basis): number[] {
  return [b.x.x, b.x.y, b.x.z, b.y.x, b.y.y, b.y.z, b.z.x, b.z.y, b.z.z];
}

/**
 * Godot's `JSON.to_native(json, allow_objects)`. Objects (`{ "type": "Node", "props": […] }`)
 * need `allowObjects` and come back as `GodotObject` descriptors (`EncodedObjectAsID` for an
 * `EncodedObjectAsID`). Where Godot logs an error and returns `null`, this throws a
 * `VariantError` (`ERR_INVALID_DATA`, `ERR_UNAUTHORIZED` for objects without `allowObjects`).
 */
export function jsonToNative(json: JsonValue, allowObjects = false): Variant {
  return toNative(json, allowObjects, 0);
}

const BUILTIN_TYPES = new Map<string, VariantType>(
  Array.from({ length: VARIANT_MAX }, (_, i) => [variantTypeName(i), i as VariantType]),
);

function toNative(json: unknown, allowObjects: boolean, depth: number): Variant {
  if (depth > MAX_RECURSION_DEPTH) fail('Variant is too deep', ErrorCode.ERR_OUT_OF_MEMORY);
  if (json === null || typeof json === 'boolean') return json;
  if (typeof json === 'string') return scalarToNative(json);
  if (Array.isArray(json)) return json.map((item) => toNative(item, allowObjects, depth + 1));
  if (typeof json !== 'object') fail(`A JSON ${typeof json} is not JSON-compliant here: Variants travel as strings and objects`);
  return dictToNative(json as { [key: string]: unknown }, allowObjects, depth);
}

function scalarToNative(s: string): Variant {
  if (s.startsWith('i:')) return intValue(jsonInt(s.slice(2)));
  if (s.startsWith('f:')) return floatValue(jsonFloat(s.slice(2)));
  if (s.startsWith('s:')) return s.slice(2);
  if (s.startsWith('sn:')) return new StringName(s.slice(3));
  if (s.startsWith('np:')) return new NodePath(s.slice(3));
  return fail('Invalid string, the type prefix is not recognized');
}

/** Godot's `String::to_int()`: up to a '.', digits with a leading '-', the rest skipped. */
function jsonInt(text: string): bigint {
  const head = text.split('.')[0] as string;
  const digits = head.replace(/[^0-9-]/g, '').replace(/(?!^)-/g, '');
  return godotStringToInt(digits).value;
}

/** Godot's `String::to_float()`, which also reads `inf`, `-inf` and `nan`. */
function jsonFloat(text: string): number {
  if (text === 'inf') return Infinity;
  if (text === '-inf') return -Infinity;
  if (text === 'nan') return NaN;
  return godotStringToFloat(text);
}

function argsOf(dict: { [key: string]: unknown }, width = 1, exact?: number): number[] {
  const args = dict.args;
  if (!Array.isArray(args)) fail(`"${String(dict.type)}" needs "args"`);
  if (exact !== undefined && args.length !== exact) fail(`"${String(dict.type)}" needs ${exact} args, got ${args.length}`);
  if (args.length % width !== 0) fail(`"${String(dict.type)}" needs a multiple of ${width} args, got ${args.length}`);
  return args.map((a) => {
    if (typeof a === 'number') return a;
    if (typeof a === 'boolean') return a ? 1 : 0;
    return fail(`"${String(dict.type)}" args must be numbers`);
  });
}

type Maker = (a: number[]) => Variant;
const r = (a: number[], i: number): number => real(a[i] as number);
const i32 = (a: number[], i: number): number => int32(a[i] as number);
const v3 = (a: number[], i: number): Vector3 => new Vector3(r(a, i), r(a, i + 1), r(a, i + 2));
const v4 = (a: number[], i: number): Vector4 => new Vector4(r(a, i), r(a, i + 1), r(a, i + 2), r(a, i + 3));

const MATH: Partial<Record<VariantType, [number, Maker]>> = {
  [T.VECTOR2]: [2, (a) => new Vector2(r(a, 0), r(a, 1))],
  [T.VECTOR2I]: [2, (a) => new Vector2i(i32(a, 0), i32(a, 1))],
  [T.RECT2]: [4, (a) => Rect2.of(r(a, 0), r(a, 1), r(a, 2), r(a, 3))],
  [T.RECT2I]: [4, (a) => Rect2i.of(i32(a, 0), i32(a, 1), i32(a, 2), i32(a, 3))],
  [T.VECTOR3]: [3, (a) => v3(a, 0)],
  [T.VECTOR3I]: [3, (a) => new Vector3i(i32(a, 0), i32(a, 1), i32(a, 2))],
  [T.TRANSFORM2D]: [6, (a) => new Transform2D(new Vector2(r(a, 0), r(a, 1)), new Vector2(r(a, 2), r(a, 3)), new Vector2(r(a, 4), r(a, 5)))],
  [T.VECTOR4]: [4, (a) => v4(a, 0)],
  [T.VECTOR4I]: [4, (a) => new Vector4i(i32(a, 0), i32(a, 1), i32(a, 2), i32(a, 3))],
  [T.PLANE]: [4, (a) => new Plane(v3(a, 0), r(a, 3))],
  [T.QUATERNION]: [4, (a) => new Quaternion(r(a, 0), r(a, 1), r(a, 2), r(a, 3))],
  [T.AABB]: [6, (a) => new AABB(v3(a, 0), v3(a, 3))],
  [T.BASIS]: [9, (a) => new Basis(v3(a, 0), v3(a, 3), v3(a, 6))],
  [T.TRANSFORM3D]: [12, (a) => new Transform3D(new Basis(v3(a, 0), v3(a, 3), v3(a, 6)), v3(a, 9))],
  [T.PROJECTION]: [16, (a) => new Projection(v4(a, 0), v4(a, 4), v4(a, 8), v4(a, 12))],
  [T.COLOR]: [4, (a) => new Color(r(a, 0), r(a, 1), r(a, 2), r(a, 3))],
};

const PACKED: Partial<Record<VariantType, [number, Maker]>> = {
  [T.PACKED_BYTE_ARRAY]: [1, (a) => Uint8Array.from(a, byte)],
  [T.PACKED_INT32_ARRAY]: [1, (a) => Int32Array.from(a, int32)],
  [T.PACKED_INT64_ARRAY]: [1, (a) => BigInt64Array.from(a, int64)],
  [T.PACKED_FLOAT32_ARRAY]: [1, (a) => Float32Array.from(a, real)],
  [T.PACKED_FLOAT64_ARRAY]: [1, (a) => Float64Array.from(a, double)],
  [T.PACKED_VECTOR2_ARRAY]: [2, (a) => PackedVector2Array.fromData(Float64Array.from(a, real))],
  [T.PACKED_VECTOR3_ARRAY]: [3, (a) => PackedVector3Array.fromData(Float64Array.from(a, real))],
  [T.PACKED_VECTOR4_ARRAY]: [4, (a) => PackedVector4Array.fromData(Float64Array.from(a, real))],
  [T.PACKED_COLOR_ARRAY]: [4, (a) => PackedColorArray.fromData(Float32Array.from(a, real))],
};

function decodeContainerType(dict: { [key: string]: unknown }, key: string, allowObjects: boolean): ContainerType | null {
  if (!(key in dict)) return null;
  const name = String(dict[key]);
  const type = BUILTIN_TYPES.get(name);
  if (type !== undefined && type !== T.OBJECT) return type === T.NIL ? null : builtin(type);
  if (!allowObjects) fail(`A container of "${name}" needs allowObjects`, ErrorCode.ERR_UNAUTHORIZED);
  return name.startsWith('res://') ? { kind: 'script', path: name } : { kind: 'class', className: name };
}

function dictToNative(dict: { [key: string]: unknown }, allowObjects: boolean, depth: number): Variant {
  if (!('type' in dict)) fail('A JSON object needs a "type"');
  const name = String(dict.type);
  const next = (v: unknown): Variant => toNative(v, allowObjects, depth + 1);
  const type = BUILTIN_TYPES.get(name);
  switch (type) {
    case T.NIL:
    case T.BOOL:
      return fail(`Unexpected "type": Variant type "${name}" is JSON-compliant`);
    case T.INT:
    case T.FLOAT:
    case T.STRING:
    case T.STRING_NAME:
    case T.NODE_PATH:
      return fail(`Unexpected "type": Variant type "${name}" must be represented as a string`);
    case T.RID:
      return new RID(0n);
    case T.CALLABLE:
      return new Callable();
    case T.SIGNAL:
      return new Signal('', 0n);
    case T.DICTIONARY: {
      const args = dict.args;
      if (!Array.isArray(args) || args.length % 2 !== 0) fail('"Dictionary" needs an even number of args');
      const keyType = decodeContainerType(dict, 'key_type', allowObjects);
      const valueType = decodeContainerType(dict, 'value_type', allowObjects);
      const out = new Dictionary(null, { keyType, valueType });
      for (let i = 0; i < args.length; i += 2) out.set(element(next(args[i]), keyType, 'key'), element(next(args[i + 1]), valueType, 'value'));
      return out;
    }
    case T.ARRAY: {
      const args = dict.args;
      if (!Array.isArray(args)) fail('"Array" needs "args"');
      const elementType = decodeContainerType(dict, 'elem_type', allowObjects);
      const items = args.map(next);
      return elementType === null ? items : new TypedArray(elementType, items.map((v) => element(v, elementType, 'element')));
    }
    case T.PACKED_STRING_ARRAY: {
      const args = dict.args;
      if (!Array.isArray(args)) fail('"PackedStringArray" needs "args"');
      return PackedStringArray.fromStrings(args.map((a) => (typeof a === 'string' ? a : typeof a === 'number' ? numReal(a) : fail('"PackedStringArray" args must be strings'))));
    }
    case undefined:
    case T.OBJECT:
      return objectToNative(dict, name, allowObjects, depth);
  }
  const math = MATH[type];
  if (math) return math[1](argsOf(dict, 1, math[0]));
  const packed = PACKED[type];
  if (packed) return packed[1](argsOf(dict, packed[0]));
  return fail(`Invalid type "${name}"`);
}

function element(value: Variant, type: ContainerType | null, what: string): Variant {
  const converted = convert(value, type);
  if (converted === MISMATCH) fail(mismatchMessage(value, type as ContainerType, what));
  return converted;
}

function objectToNative(dict: { [key: string]: unknown }, className: string, allowObjects: boolean, depth: number): Variant {
  if (!allowObjects) fail(`An object ("${className}") needs allowObjects`, ErrorCode.ERR_UNAUTHORIZED);
  const props = dict.props;
  if (!Array.isArray(props) || props.length % 2 !== 0) fail(`"${className}" needs an even number of "props"`);
  const properties: Array<[string, Variant]> = [];
  for (let i = 0; i < props.length; i += 2) properties.push([String(props[i]), toNative(props[i + 1], allowObjects, depth + 1)]);
  if (className === 'EncodedObjectAsID') {
    const id = properties.find(([n]) => n === 'object_id')?.[1];
    const objectId = typeof id === 'number' || typeof id === 'bigint' ? BigInt.asUintN(64, BigInt(id)) : 0n;
    return objectId === 0n ? null : new EncodedObjectAsID(objectId);
  }
  return new GodotObject(className, properties);
}
