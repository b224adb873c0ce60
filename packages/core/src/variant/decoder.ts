/**
 * `bytes_to_var`: Godot's binary Variant format to JavaScript values (`decode_variant` in
 * `core/io/marshalls.cpp`), with Godot's checks and error codes. Every count read from the
 * wire is checked against the bytes that remain before anything is allocated for it.
 */
import { ErrorCode } from '../error.js';
import { shortAscii } from './ascii-cache.js';
import { type ContainerType, ENCODED_OBJECT_AS_ID, builtin } from './container-type.js';
import { DECODED_ENTRY, Dictionary } from './dictionary.js';
import { type DecodeOptions, type DecodeSettings, decodeSettings } from './codec-options.js';
import type { FormatRules } from './format.js';
import {
  CONTAINER_BUILTIN, CONTAINER_CLASS_NAME, CONTAINER_NONE, HEADER_FLAG_64,
  HEADER_FLAG_OBJECT_AS_ID, HEADER_TYPE_MASK, HEADER_TYPED_ARRAY_SHIFT,
  HEADER_TYPED_DICTIONARY_KEY_SHIFT, HEADER_TYPED_DICTIONARY_VALUE_SHIFT, NODE_PATH_NEW_FORMAT,
} from './header.js';
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
import type { Variant } from './value.js';
import { VariantError } from './variant-error.js';
import type { KeyHashMemo } from './variant-key.js';
import { VARIANT_MAX, VariantType } from './variant-type.js';

export type { DecodeOptions } from './codec-options.js';

/** A decoded value and how many bytes it took (Godot's `r_len`). */
export interface Decoded {
  value: Variant;
  length: number;
}

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes one Variant from the start of `bytes`, like Godot's `bytes_to_var` (trailing bytes are
 * ignored). Throws a `VariantError` carrying Godot's error code for bad input; nothing else.
 */
export function bytesToVar(bytes: Uint8Array, options?: DecodeOptions): Variant {
  return decodeVariant(bytes, options).value;
}

/** Like `bytesToVar`, also reporting how many bytes the Variant took. */
export function decodeVariant(bytes: Uint8Array, options?: DecodeOptions): Decoded {
  if (!(bytes instanceof Uint8Array)) {
    throw new VariantError(ErrorCode.ERR_INVALID_PARAMETER, 'bytesToVar expects a Uint8Array');
  }
  const settings = decodeSettings(options);
  let decoder: Decoder | undefined;
  try {
    decoder = new Decoder(bytes, settings);
    const value = decoder.value(0);
    return { value, length: decoder.pos };
  } catch (error) {
    if (error instanceof VariantError) throw error;
    throw new VariantError(ErrorCode.ERR_BUG, 'Internal decoder error', decoder?.pos ?? 0, { cause: error });
  }
}

class Decoder {
  pos = 0;
  /** Type of the value `value()` returned last (typed containers check their elements with it). */
  lastType: VariantType = VariantType.NIL;
  private readonly bytes: Uint8Array;
  private readonly view: DataView;
  private readonly end: number;
  private readonly rules: FormatRules;
  private readonly allowObjects: boolean;
  private readonly exact: boolean;
  private readonly alwaysBigInt: boolean;
  private readonly maxDepth: number;
  /** Hashes of the containers used as Dictionary keys so far (see `variant-key.ts`). */
  private keyMemo: KeyHashMemo | undefined;

  constructor(bytes: Uint8Array, settings: DecodeSettings) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.end = bytes.length;
    this.rules = settings.rules;
    this.allowObjects = settings.allowObjects;
    this.exact = settings.exact;
    this.alwaysBigInt = settings.alwaysBigInt;
    this.maxDepth = settings.maxDepth;
  }

  private fail(code: ErrorCode, message: string, at = this.pos): never {
    throw new VariantError(code, message, at);
  }

  /** Fails with ERR_INVALID_DATA unless `n` more bytes are there. */
  private need(n: number, what: string): void {
    if (this.end - this.pos < n) this.fail(ErrorCode.ERR_INVALID_DATA, `Truncated ${what}: need ${n} bytes, ${Math.max(0, this.end - this.pos)} left`);
  }

  private u32(): number {
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  private i32(): number {
    const v = this.view.getInt32(this.pos, true);
    this.pos += 4;
    return v;
  }

  private u64(): bigint {
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    return v;
  }

  private real(double: boolean): number {
    const v = double ? this.view.getFloat64(this.pos, true) : this.view.getFloat32(this.pos, true);
    this.pos += double ? 8 : 4;
    return v;
  }

  private int(value: number | bigint): number | bigint {
    if (this.alwaysBigInt) return typeof value === 'bigint' ? value : BigInt(value);
    if (typeof value === 'number') return value;
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value;
  }

  /**
   * The float marker: an integral FLOAT (`1.0`, `-0.0`) becomes a `Float`, since a plain integral
   * `number` means INT; other floats (and NaN, ±inf) stay `number`s, which re-encode as FLOAT.
   */
  private float(value: number): number | Float {
    return this.exact || Number.isInteger(value) ? new Float(value) : value;
  }

  value(depth: number): Variant {
    if (depth > this.maxDepth) this.fail(ErrorCode.ERR_OUT_OF_MEMORY, `Variant is nested deeper than ${this.maxDepth} levels`);
    if (this.end - this.pos < 4) this.fail(ErrorCode.ERR_INVALID_DATA, 'Truncated Variant header');
    const at = this.pos;
    const header = this.u32();
    const wireType = header & HEADER_TYPE_MASK;
    const type = (wireType < this.rules.fromWire.length ? this.rules.fromWire[wireType] : -1) as VariantType | -1;
    if (type === -1) this.fail(ErrorCode.ERR_INVALID_DATA, `Unknown Variant type id ${wireType}`, at);
    const flag64 = (header & HEADER_FLAG_64) !== 0;
    const value = this.payload(type, header, flag64, depth);
    this.lastType = type;
    return value;
  }

  private payload(type: VariantType, header: number, flag64: boolean, depth: number): Variant {
    switch (type) {
      case VariantType.NIL:
        return null;
      case VariantType.BOOL:
        this.need(4, 'bool');
        return this.u32() !== 0;
      case VariantType.INT:
        if (flag64) {
          this.need(8, 'int');
          const v = this.view.getBigInt64(this.pos, true);
          this.pos += 8;
          return this.int(v);
        }
        this.need(4, 'int');
        return this.int(this.i32());
      case VariantType.FLOAT:
        this.need(flag64 ? 8 : 4, 'float');
        return this.float(this.real(flag64));
      case VariantType.STRING:
        return this.string();
      case VariantType.STRING_NAME:
        return new StringName(this.string());
      case VariantType.NODE_PATH:
        return this.nodePath();
      case VariantType.RID:
        if (!this.rules.ridHasId) return new RID();
        this.need(8, 'RID');
        return new RID(this.u64());
      case VariantType.OBJECT:
        return this.object(header, depth);
      case VariantType.CALLABLE:
        return new Callable();
      case VariantType.SIGNAL: {
        const name = this.string();
        this.need(8, 'Signal object id');
        return new Signal(name, this.u64());
      }
      case VariantType.DICTIONARY:
        return this.dictionary(header, depth);
      case VariantType.ARRAY:
        return this.array(header, depth);
      case VariantType.VECTOR2I:
      case VariantType.RECT2I:
      case VariantType.VECTOR3I:
      case VariantType.VECTOR4I:
        return this.intVector(type);
      case VariantType.COLOR:
        this.need(16, 'Color');
        return new Color(this.real(false), this.real(false), this.real(false), this.real(false));
      case VariantType.PACKED_BYTE_ARRAY:
        return this.packedBytes();
      case VariantType.PACKED_INT32_ARRAY:
      case VariantType.PACKED_INT64_ARRAY:
      case VariantType.PACKED_FLOAT32_ARRAY:
      case VariantType.PACKED_FLOAT64_ARRAY:
        return this.packedNumbers(type);
      case VariantType.PACKED_STRING_ARRAY:
        return this.packedStrings();
      case VariantType.PACKED_VECTOR2_ARRAY:
      case VariantType.PACKED_VECTOR3_ARRAY:
      case VariantType.PACKED_VECTOR4_ARRAY:
      case VariantType.PACKED_COLOR_ARRAY:
        return this.packedVectors(type, flag64);
      case VariantType.VECTOR2:
        if (!flag64) {
          this.need(8, 'Vector2');
          return new Vector2(this.real(false), this.real(false));
        }
        return this.realValue(type, flag64);
      case VariantType.VECTOR3:
        if (!flag64) {
          this.need(12, 'Vector3');
          return new Vector3(this.real(false), this.real(false), this.real(false));
        }
        return this.realValue(type, flag64);
      default:
        return this.realValue(type, flag64);
    }
  }

  /** VECTOR2, RECT2, VECTOR3, TRANSFORM2D, VECTOR4, PLANE, QUATERNION, AABB, BASIS, TRANSFORM3D, PROJECTION. */
  private realValue(type: VariantType, flag64: boolean): Variant {
    const double = flag64 && this.rules.realMayBeDouble;
    const count = REAL_COMPONENTS[type];
    if (count === undefined) this.fail(ErrorCode.ERR_BUG, `No decoder for type ${type}`);
    this.need(count * (double ? 8 : 4), 'math value');
    const c: number[] = new Array<number>(count);
    for (let i = 0; i < count; i++) c[i] = this.real(double);
    return buildReal(type, c);
  }

  private intVector(type: VariantType): Variant {
    const count = type === VariantType.VECTOR2I ? 2 : type === VariantType.VECTOR3I ? 3 : 4;
    this.need(count * 4, 'integer vector');
    const a = this.i32();
    const b = this.i32();
    if (type === VariantType.VECTOR2I) return new Vector2i(a, b);
    const c = this.i32();
    if (type === VariantType.VECTOR3I) return new Vector3i(a, b, c);
    const d = this.i32();
    return type === VariantType.RECT2I ? new Rect2i(new Vector2i(a, b), new Vector2i(c, d)) : new Vector4i(a, b, c, d);
  }

  /**
   * A Godot string: i32 byte length, UTF-8 bytes, padding to 4. A negative length or one past
   * the end is ERR_FILE_EOF (Godot's code, not ERR_INVALID_DATA); bad UTF-8 is ERR_INVALID_DATA.
   */
  private string(): string {
    if (this.end - this.pos < 4) this.fail(ErrorCode.ERR_INVALID_DATA, 'Truncated string length');
    const at = this.pos;
    const length = this.i32();
    const padded = length + ((4 - (length % 4)) % 4);
    if (length < 0 || padded > this.end - this.pos) {
      this.fail(ErrorCode.ERR_FILE_EOF, `String length ${length} exceeds the ${this.end - this.pos} bytes left`, at);
    }
    const start = this.pos;
    this.pos += padded;
    return this.utf8(start, start + length, at);
  }

  /** Godot's UTF-8 rules: stop at the first NUL, skip a leading BOM, reject malformed input. */
  private utf8(start: number, end: number, at: number): string {
    if (end - start <= 16) {
      const ascii = shortAscii(this.view, start, end - start);
      if (ascii !== undefined) return ascii;
    }
    return this.utf8Slow(start, end, at);
  }

  private utf8Slow(start: number, end: number, at: number): string {
    const nul = this.bytes.indexOf(0, start);
    const stop = nul !== -1 && nul < end ? nul : end;
    try {
      return utf8.decode(this.bytes.subarray(start, stop));
    } catch {
      return this.fail(ErrorCode.ERR_INVALID_DATA, 'String is not valid UTF-8', at);
    }
  }

  private nodePath(): NodePath {
    this.need(4, 'NodePath');
    const first = this.view.getUint32(this.pos, true);
    if ((first & NODE_PATH_NEW_FORMAT) === 0) this.fail(ErrorCode.ERR_INVALID_DATA, 'NodePath in the obsolete format');
    this.need(12, 'NodePath');
    this.pos += 4;
    const nameCount = first & 0x7fffffff;
    let subnameCount = this.u32();
    const flags = this.u32();
    // Bit 1 is the obsolete "property" flag: one more subname follows.
    if (flags & 2) subnameCount++;
    const names: string[] = [];
    for (let i = 0; i < nameCount; i++) names.push(this.string());
    const subnames: string[] = [];
    for (let i = 0; i < subnameCount; i++) subnames.push(this.string());
    // Godot 3.2.3 reads an absolute path without names as the empty path, although it sends
    // NodePath("/") that way; the flag is kept, so the value re-encodes as it came.
    return NodePath.fromParts(names, subnames, (flags & 1) !== 0);
  }

  private object(header: number, depth: number): Variant {
    if (header & HEADER_FLAG_OBJECT_AS_ID) {
      this.need(8, 'object id');
      const id = this.u64();
      return id === 0n ? null : new EncodedObjectAsID(id);
    }
    if (!this.allowObjects) {
      this.fail(ErrorCode.ERR_UNAUTHORIZED, 'Full objects are not allowed (allowObjects is false)', this.pos - 4);
    }
    const className = this.string();
    if (className === '') return null;
    this.need(4, 'object property count');
    const count = this.i32();
    const properties: Array<[string, Variant]> = [];
    for (let i = 0; i < count; i++) {
      const at = this.pos;
      const name = this.string();
      const value = this.value(depth + 1);
      if (name === 'script' && this.rules.typedContainers && value !== null && !isScriptPath(value)) {
        this.fail(ErrorCode.ERR_INVALID_DATA, 'Object script property is not a res:// path', at);
      }
      properties.push([name, value]);
    }
    return new GodotObject(className, properties);
  }

  /** Reads a container type payload of the given 2-bit kind (Godot 4.4+ typed containers). */
  private containerType(kind: number): ContainerType | null {
    switch (kind) {
      case CONTAINER_NONE:
        return null;
      case CONTAINER_BUILTIN: {
        this.need(4, 'container element type');
        const at = this.pos;
        const type = this.u32();
        if (type >= VARIANT_MAX) this.fail(ErrorCode.ERR_INVALID_DATA, `Container element type ${type} is not a Variant type`, at);
        if (type === VariantType.NIL) return null;
        if (type === VariantType.OBJECT && !this.allowObjects) return { kind: 'class', className: ENCODED_OBJECT_AS_ID };
        return builtin(type as VariantType);
      }
      case CONTAINER_CLASS_NAME: {
        const className = this.string();
        return { kind: 'class', className: this.allowObjects ? className : ENCODED_OBJECT_AS_ID };
      }
      default: {
        const at = this.pos;
        const path = this.string();
        if (!this.allowObjects) return { kind: 'class', className: ENCODED_OBJECT_AS_ID };
        if (!path.startsWith('res://')) this.fail(ErrorCode.ERR_INVALID_DATA, `Container script path '${path}' is not a res:// path`, at);
        return { kind: 'script', path };
      }
    }
  }

  private count(what: string): number {
    this.need(4, `${what} count`);
    // Bit 31 was a "shared" flag in old Godot versions; it is ignored.
    return this.u32() & 0x7fffffff;
  }

  private dictionary(header: number, depth: number): Dictionary {
    const typed = this.rules.typedContainers;
    const keyType = typed ? this.containerType((header >>> HEADER_TYPED_DICTIONARY_KEY_SHIFT) & 3) : null;
    const valueType = typed ? this.containerType((header >>> HEADER_TYPED_DICTIONARY_VALUE_SHIFT) & 3) : null;
    const count = this.count('Dictionary');
    // Godot 4.6 keeps an INT it finds in a float-typed Dictionary (it does not convert on
    // decode): as an `Int` it stays an INT (a plain number there would be taken as a float).
    const intKeys = isFloatType(keyType);
    const intValues = isFloatType(valueType);
    const dict = new Dictionary(null, { keyType, valueType });
    const memo = (this.keyMemo ??= new Map());
    for (let i = 0; i < count; i++) {
      let key = this.value(depth + 1);
      if (intKeys && this.lastType === VariantType.INT) key = new Int(key as number | bigint);
      let value = this.value(depth + 1);
      if (intValues && this.lastType === VariantType.INT) value = new Int(value as number | bigint);
      // A key repeated on the wire keeps its first position and takes the last value (`set`).
      dict[DECODED_ENTRY](key, value, memo);
    }
    return dict;
  }

  private array(header: number, depth: number): Variant[] | TypedArray {
    const elementType = this.rules.typedContainers ? this.containerType((header >>> HEADER_TYPED_ARRAY_SHIFT) & 3) : null;
    const count = this.count('Array');
    if (elementType === null) {
      const array: Variant[] = [];
      for (let i = 0; i < count; i++) array.push(this.value(depth + 1));
      return array;
    }
    const array = new TypedArray(elementType);
    for (let i = 0; i < count; i++) {
      const element = this.value(depth + 1);
      const converted = this.typedElement(element, elementType);
      if (converted !== DROP) array.push(converted);
    }
    return array;
  }

  /**
   * Godot's typed Array insertion rules: String and StringName convert into each other, an
   * int converts to float, `null` is a valid Object; anything else is dropped (Godot logs an
   * error and the decode still succeeds).
   */
  private typedElement(element: Variant, type: ContainerType): Variant | typeof DROP {
    const actual = this.lastType;
    if (type.kind !== 'builtin') return actual === VariantType.OBJECT || actual === VariantType.NIL ? element : DROP;
    const expected = type.type;
    if (actual === expected) return element;
    // Godot's Array[float] holds the int as a float: integral, so a `Float`.
    if (expected === VariantType.FLOAT && actual === VariantType.INT) return new Float(Number(element as number | bigint));
    if (expected === VariantType.STRING && actual === VariantType.STRING_NAME) return (element as StringName).value;
    if (expected === VariantType.STRING_NAME && actual === VariantType.STRING) return new StringName(element as string);
    return DROP;
  }

  private packedBytes(): Uint8Array {
    this.need(4, 'PackedByteArray count');
    const at = this.pos;
    const count = this.i32();
    if (count < 0 || count > this.end - this.pos) {
      this.fail(ErrorCode.ERR_INVALID_DATA, `PackedByteArray of ${count} bytes exceeds the ${this.end - this.pos} bytes left`, at);
    }
    const out = this.bytes.slice(this.pos, this.pos + count);
    // The padding is counted but, like in Godot, not required to be there.
    this.pos += count + ((4 - (count % 4)) % 4);
    return out;
  }

  private packedNumbers(type: VariantType): Int32Array | BigInt64Array | Float32Array | Float64Array {
    this.need(4, 'packed array count');
    const at = this.pos;
    const count = this.i32();
    const width = type === VariantType.PACKED_INT32_ARRAY || type === VariantType.PACKED_FLOAT32_ARRAY ? 4 : 8;
    if (count < 0 || count * width > this.end - this.pos) {
      this.fail(ErrorCode.ERR_INVALID_DATA, `Packed array of ${count} elements exceeds the ${this.end - this.pos} bytes left`, at);
    }
    const start = this.pos;
    this.pos += count * width;
    // Big arrays: one copy of the bytes, viewed as the typed array (every JS host is little-
    // endian in practice). Small ones: element by element, which allocates less.
    if (LITTLE_ENDIAN_HOST && count > 32) {
      const buffer = this.bytes.slice(start, start + count * width).buffer;
      switch (type) {
        case VariantType.PACKED_INT32_ARRAY:
          return new Int32Array(buffer);
        case VariantType.PACKED_INT64_ARRAY:
          return new BigInt64Array(buffer);
        case VariantType.PACKED_FLOAT32_ARRAY:
          return new Float32Array(buffer);
        default:
          return new Float64Array(buffer);
      }
    }
    const view = this.view;
    switch (type) {
      case VariantType.PACKED_INT32_ARRAY: {
        const out = new Int32Array(count);
        for (let i = 0; i < count; i++) out[i] = view.getInt32(start + i * 4, true);
        return out;
      }
      case VariantType.PACKED_INT64_ARRAY: {
        const out = new BigInt64Array(count);
        for (let i = 0; i < count; i++) out[i] = view.getBigInt64(start + i * 8, true);
        return out;
      }
      case VariantType.PACKED_FLOAT32_ARRAY: {
        const out = new Float32Array(count);
        for (let i = 0; i < count; i++) out[i] = view.getFloat32(start + i * 4, true);
        return out;
      }
      default: {
        const out = new Float64Array(count);
        for (let i = 0; i < count; i++) out[i] = view.getFloat64(start + i * 8, true);
        return out;
      }
    }
  }

  private packedStrings(): PackedStringArray {
    this.need(4, 'PackedStringArray count');
    // A negative count is not an error in Godot: the array is simply empty.
    const count = this.i32();
    const out = new PackedStringArray();
    for (let i = 0; i < count; i++) out.push(this.string());
    return out;
  }

  private packedVectors(type: VariantType, flag64: boolean): Variant {
    this.need(4, 'packed array count');
    const at = this.pos;
    const count = this.i32();
    const isColor = type === VariantType.PACKED_COLOR_ARRAY;
    const double = !isColor && flag64 && this.rules.realMayBeDouble;
    const components = type === VariantType.PACKED_VECTOR2_ARRAY ? 2 : type === VariantType.PACKED_VECTOR3_ARRAY ? 3 : 4;
    const width = double ? 8 : 4;
    if (count < 0 || count * components * width > this.end - this.pos) {
      this.fail(ErrorCode.ERR_INVALID_DATA, `Packed array of ${count} elements exceeds the ${this.end - this.pos} bytes left`, at);
    }
    const n = count * components;
    const data = isColor ? new Float32Array(n) : new Float64Array(n);
    for (let i = 0; i < n; i++) data[i] = this.real(double);
    switch (type) {
      case VariantType.PACKED_VECTOR2_ARRAY:
        return PackedVector2Array.fromData(data as Float64Array);
      case VariantType.PACKED_VECTOR3_ARRAY:
        return PackedVector3Array.fromData(data as Float64Array);
      case VariantType.PACKED_VECTOR4_ARRAY:
        return PackedVector4Array.fromData(data as Float64Array);
      default:
        return PackedColorArray.fromData(data as Float32Array);
    }
  }
}

const DROP = Symbol('drop');

function isFloatType(type: ContainerType | null): boolean {
  return type !== null && type.kind === 'builtin' && type.type === VariantType.FLOAT;
}

function isScriptPath(value: Variant): boolean {
  return typeof value === 'string' && value.startsWith('res://');
}

const REAL_COMPONENTS: Partial<Record<VariantType, number>> = {
  [VariantType.VECTOR2]: 2,
  [VariantType.RECT2]: 4,
  [VariantType.VECTOR3]: 3,
  [VariantType.TRANSFORM2D]: 6,
  [VariantType.VECTOR4]: 4,
  [VariantType.PLANE]: 4,
  [VariantType.QUATERNION]: 4,
  [VariantType.AABB]: 6,
  [VariantType.BASIS]: 9,
  [VariantType.TRANSFORM3D]: 12,
  [VariantType.PROJECTION]: 16,
};

function v2(c: number[], i: number): Vector2 {
  return new Vector2(c[i], c[i + 1]);
}

function v3(c: number[], i: number): Vector3 {
  return new Vector3(c[i], c[i + 1], c[i + 2]);
}

function v4(c: number[], i: number): Vector4 {
  return new Vector4(c[i], c[i + 1], c[i + 2], c[i + 3]);
}

/** Basis arrives row by row; our Basis holds columns. */
function basis(c: number[]): Basis {
  return new Basis(new Vector3(c[0], c[3], c[6]), new Vector3(c[1], c[4], c[7]), new Vector3(c[2], c[5], c[8]));
}

function buildReal(type: VariantType, c: number[]): Variant {
  switch (type) {
    case VariantType.VECTOR2:
      return v2(c, 0);
    case VariantType.RECT2:
      return new Rect2(v2(c, 0), v2(c, 2));
    case VariantType.VECTOR3:
      return v3(c, 0);
    case VariantType.TRANSFORM2D:
      return new Transform2D(v2(c, 0), v2(c, 2), v2(c, 4));
    case VariantType.VECTOR4:
      return v4(c, 0);
    case VariantType.PLANE:
      return new Plane(v3(c, 0), c[3]);
    case VariantType.QUATERNION:
      return new Quaternion(c[0], c[1], c[2], c[3]);
    case VariantType.AABB:
      return new AABB(v3(c, 0), v3(c, 3));
    case VariantType.BASIS:
      return basis(c);
    case VariantType.TRANSFORM3D:
      return new Transform3D(basis(c), v3(c, 9));
    default:
      return new Projection(v4(c, 0), v4(c, 4), v4(c, 8), v4(c, 12));
  }
}
