/**
 * `bytes_to_var`: Godot's binary Variant format to JavaScript values (`decode_variant` in
 * `core/io/marshalls.cpp`), with Godot's checks and error codes. This file is the walk over the
 * types; bytes and strings are read by `reader.ts`, math values by `math-layout.ts`, typed
 * containers by `typed-containers.ts`. Every count read from the wire is checked against the
 * bytes that remain before anything is allocated for it.
 */
import { ErrorCode } from '../error.js';
import { type DecodeOptions, type DecodeSettings, decodeSettings } from './codec-options.js';
import { DECODED_ENTRIES, DECODED_ENTRY, Dictionary } from './dictionary.js';
import type { FormatRules } from './format.js';
import {
  HEADER_FLAG_64, HEADER_FLAG_OBJECT_AS_ID, HEADER_TYPE_MASK, HEADER_TYPED_ARRAY_SHIFT,
  HEADER_TYPED_DICTIONARY_KEY_SHIFT, HEADER_TYPED_DICTIONARY_VALUE_SHIFT, NODE_PATH_NEW_FORMAT,
} from './header.js';
import { Vector2 } from './math.js';
import { isRealMath, readMath } from './math-layout.js';
import { NodePath } from './node-path.js';
import { Float } from './numbers.js';
import { Callable, EncodedObjectAsID, GodotObject, RID, Signal } from './objects.js';
import {
  PackedColorArray, PackedStringArray, PackedVector2Array, PackedVector3Array, PackedVector4Array,
} from './packed.js';
import { ByteReader } from './reader.js';
import { StringName } from './string-name.js';
import { TypedArray } from './typed-array.js';
import { MISMATCH, fromDictionaryEntry, readContainerType, toArrayElement } from './typed-containers.js';
import type { Variant } from './value.js';
import { VariantError } from './variant-error.js';
import { type KeyHashMemo, isOwnCanon } from './variant-key.js';
import { VariantType } from './variant-type.js';

export type { DecodeOptions } from './codec-options.js';

/** A decoded value and how many bytes it took (Godot's `r_len`). */
export interface Decoded {
  /** The decoded value. */
  value: Variant;
  /** The bytes it took from the start of the input, padding included. */
  length: number;
}

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

type TypedArrayConstructor<A> = {
  new (length: number): A;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): A;
};

const PACKED_NUMBERS: Partial<Record<VariantType, TypedArrayConstructor<unknown>>> = {
  [VariantType.PACKED_INT32_ARRAY]: Int32Array,
  [VariantType.PACKED_INT64_ARRAY]: BigInt64Array,
  [VariantType.PACKED_FLOAT32_ARRAY]: Float32Array,
  [VariantType.PACKED_FLOAT64_ARRAY]: Float64Array,
};

/**
 * Decodes one Variant from the start of `bytes`, like Godot's `bytes_to_var` (trailing bytes are
 * ignored). Throws a `VariantError` carrying Godot's error code for bad input; nothing else.
 */
export function bytesToVar(bytes: Uint8Array, options?: DecodeOptions): Variant {
  return decode(bytes, options).root();
}

/** Like `bytesToVar`, also reporting how many bytes the Variant took. */
export function decodeVariant(bytes: Uint8Array, options?: DecodeOptions): Decoded {
  const decoder = decode(bytes, options);
  const value = decoder.root();
  return { value, length: decoder.pos };
}

/** A decoder for `bytes` (whose `root()` throws nothing but `VariantError`s). */
function decode(bytes: Uint8Array, options: DecodeOptions | undefined): Decoder {
  if (!(bytes instanceof Uint8Array)) {
    throw new VariantError(ErrorCode.ERR_INVALID_PARAMETER, 'bytesToVar expects a Uint8Array');
  }
  return new Decoder(bytes, decodeSettings(options));
}

// The fields are `declare`d and set in the constructor: emitted class fields would be defined
// (as undefined) before being set, one more step in every decode.
class Decoder extends ByteReader {
  declare private readonly rules: FormatRules;
  declare private readonly allowObjects: boolean;
  declare private readonly exact: boolean;
  declare private readonly alwaysBigInt: boolean;
  declare private readonly maxDepth: number;
  declare private readonly views: boolean;
  /** Hashes of the containers used as Dictionary keys so far (see `variant-key.ts`). */
  declare private keyMemo: KeyHashMemo | undefined;

  constructor(bytes: Uint8Array, settings: DecodeSettings) {
    super(bytes);
    this.keyMemo = undefined;
    this.rules = settings.rules;
    this.allowObjects = settings.allowObjects;
    this.exact = settings.exact;
    this.alwaysBigInt = settings.alwaysBigInt;
    this.maxDepth = settings.maxDepth;
    this.views = settings.packedArrayViews;
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

  /** The top-level value; anything thrown but a `VariantError` becomes one with `ERR_BUG`. */
  root(): Variant {
    try {
      return this.nested(0);
    } catch (error) {
      if (error instanceof VariantError) throw error;
      throw new VariantError(ErrorCode.ERR_BUG, 'Internal decoder error', this.pos, { cause: error });
    }
  }

  /**
   * The Variant at `pos`. Kept small, with the common scalars first, so that the engine can
   * inline it into the container loops; everything else is `other`.
   */
  private nested(depth: number): Variant {
    if (depth > this.maxDepth || this.end - this.pos < 4) this.badStart(depth);
    const header = this.u32();
    const wireType = header & HEADER_TYPE_MASK;
    // INT, FLOAT and STRING have these ids in every dialect.
    if (wireType === VariantType.STRING) return this.string();
    if ((header & HEADER_FLAG_64) === 0) {
      if (wireType === VariantType.INT) {
        this.need(4, 'int');
        const v = this.i32();
        return this.alwaysBigInt ? BigInt(v) : v;
      }
      if (wireType === VariantType.FLOAT) {
        this.need(4, 'float');
        return this.float(this.real(false));
      }
    }
    return this.other(header, depth);
  }

  /** Why a Variant cannot start at `pos`: too deep, or no room for its header. */
  private badStart(depth: number): never {
    if (depth > this.maxDepth) this.fail(ErrorCode.ERR_OUT_OF_MEMORY, `Variant is nested deeper than ${this.maxDepth} levels`);
    return this.fail(ErrorCode.ERR_INVALID_DATA, 'Truncated Variant header');
  }

  /** A Variant whose header (just read) is not one of `nested`'s scalars. */
  private other(header: number, depth: number): Variant {
    const wireType = header & HEADER_TYPE_MASK;
    const type = (wireType < this.rules.fromWire.length ? this.rules.fromWire[wireType] : -1) as VariantType | -1;
    if (type === -1) this.fail(ErrorCode.ERR_INVALID_DATA, `Unknown Variant type id ${wireType}`, this.pos - 4);
    if (type === VariantType.VECTOR2 && (header & HEADER_FLAG_64) === 0) {
      // The commonest math value, without `readMath`'s tables.
      this.need(8, 'math value');
      return new Vector2(this.real(false), this.real(false));
    }
    return this.payload(type, header, (header & HEADER_FLAG_64) !== 0, depth);
  }

  private payload(type: VariantType, header: number, flag64: boolean, depth: number): Variant {
    switch (type) {
      case VariantType.NIL:
        return null;
      case VariantType.BOOL:
        this.need(4, 'bool');
        return this.u32() !== 0;
      case VariantType.INT:
        this.need(flag64 ? 8 : 4, 'int');
        return this.int(flag64 ? this.i64() : this.i32());
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
      default:
        // The math types; only the real-valued ones have a 64-bit form, and not in Godot 3.
        return readMath(this, type, flag64 && this.rules.realMayBeDouble && isRealMath(type));
    }
  }

  private nodePath(): NodePath {
    this.need(4, 'NodePath');
    const first = this.peekU32();
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
      const value = this.nested(depth + 1);
      if (name === 'script' && this.rules.typedContainers && value !== null && !isScriptPath(value)) {
        this.fail(ErrorCode.ERR_INVALID_DATA, 'Object script property is not a res:// path', at);
      }
      properties.push([name, value]);
    }
    return new GodotObject(className, properties);
  }

  private dictionary(header: number, depth: number): Dictionary {
    const typed = this.rules.typedContainers && (header & 0xf0000) !== 0;
    const keyType = typed ? readContainerType(this, (header >>> HEADER_TYPED_DICTIONARY_KEY_SHIFT) & 3, this.allowObjects) : null;
    const valueType = typed ? readContainerType(this, (header >>> HEADER_TYPED_DICTIONARY_VALUE_SHIFT) & 3, this.allowObjects) : null;
    const count = this.count('Dictionary');
    if (keyType === null && valueType === null) return this.untypedDictionary(count, depth);
    const dict = new Dictionary(null, { keyType, valueType });
    for (let i = 0; i < count; i++) {
      let key = this.nested(depth + 1);
      let value = this.nested(depth + 1);
      if (keyType !== null) key = fromDictionaryEntry(key, keyType) as Variant;
      if (valueType !== null) value = fromDictionaryEntry(value, valueType) as Variant;
      this.put(dict, key, value);
    }
    return dict;
  }

  /**
   * An untyped Dictionary, built in one pass: the entries go straight into the flat array the
   * Dictionary keeps. That takes every key being its own canon (Strings, safe ints: the usual
   * keys) and no key repeating; otherwise the entries are put one by one, as `set` would.
   */
  private untypedDictionary(count: number, depth: number): Dictionary {
    // Sized once: every entry takes at least its two 4-byte headers, so no more than the bytes
    // left allow is allocated, whatever the count says.
    const entries = new Array<Variant>(2 * Math.min(count, (this.end - this.pos) >>> 3));
    // Whether the keys so far are distinct and each its own canon, and whether they are
    // ascending safe ints (which cannot repeat, so need no search).
    let bulk = true;
    let ascending = true;
    let last = -Infinity;
    let seen: Set<Variant> | null = null;
    for (let i = 0; i < count; i++) {
      // A String key (the usual kind) is read here, without the general walk (which also checks
      // the depth, and fails there if the key is too deep).
      const key = depth < this.maxDepth && this.end - this.pos >= 4 && this.peekU32() === VariantType.STRING ? this.stringAfterHeader() : this.nested(depth + 1);
      const value = this.nested(depth + 1);
      if (bulk) {
        if (typeof key === 'number' && ascending && key > last && Number.isSafeInteger(key) && !Object.is(key, -0)) {
          last = key;
        } else if (!isOwnCanon(key)) {
          bulk = false;
        } else {
          ascending = false;
          if (i <= LINEAR_KEY_SEARCH_MAX) {
            bulk = !repeatsKey(entries, 2 * i, key);
          } else {
            if (seen === null) {
              seen = new Set();
              for (let j = 0; j < 2 * i; j += 2) seen.add(entries[j] as Variant);
            }
            if (seen.has(key)) bulk = false;
            else seen.add(key);
          }
        }
      }
      entries[2 * i] = key;
      entries[2 * i + 1] = value;
    }
    const dict = new Dictionary();
    if (bulk) {
      dict[DECODED_ENTRIES](entries);
      return dict;
    }
    for (let j = 0; j < entries.length; j += 2) this.put(dict, entries[j] as Variant, entries[j + 1] as Variant);
    return dict;
  }

  /** A String whose header (at `pos`) has been checked. */
  private stringAfterHeader(): string {
    this.pos += 4;
    return this.string();
  }

  /** `dict.set(key, value)` with the decode's key-hash memo: a repeated key keeps its first position and takes the last value. */
  private put(dict: Dictionary, key: Variant, value: Variant): void {
    dict[DECODED_ENTRY](key, value, typeof key === 'object' && key !== null ? (this.keyMemo ??= new Map()) : undefined);
  }

  private array(header: number, depth: number): Variant[] | TypedArray {
    const elementType = this.rules.typedContainers && (header & 0x30000) !== 0 ? readContainerType(this, (header >>> HEADER_TYPED_ARRAY_SHIFT) & 3, this.allowObjects) : null;
    const count = this.count('Array');
    if (elementType === null) {
      const array: Variant[] = [];
      for (let i = 0; i < count; i++) array.push(this.nested(depth + 1));
      return array;
    }
    // Godot's typed Array insertion: converted, or dropped (Godot logs an error and the decode
    // still succeeds).
    const array = new TypedArray(elementType);
    for (let i = 0; i < count; i++) {
      const element = toArrayElement(this.nested(depth + 1), elementType);
      if (element !== MISMATCH) array.push(element as Variant);
    }
    return array;
  }

  private packedBytes(): Uint8Array {
    this.need(4, 'PackedByteArray count');
    const at = this.pos;
    const count = this.i32();
    if (count < 0 || count > this.end - this.pos) {
      this.fail(ErrorCode.ERR_INVALID_DATA, `PackedByteArray of ${count} bytes exceeds the ${this.end - this.pos} bytes left`, at);
    }
    const out = this.views ? this.bytes.subarray(this.pos, this.pos + count) : this.bytes.slice(this.pos, this.pos + count);
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
    const ctor = PACKED_NUMBERS[type] as TypedArrayConstructor<Int32Array | BigInt64Array | Float32Array | Float64Array>;
    // Little-endian hosts (all of them in practice): the wire bytes are the array's bytes, so
    // it is one copy (or, with packedArrayViews, none).
    if (LITTLE_ENDIAN_HOST) {
      if (count > 32 || this.views) return this.bulk(ctor, start, count, width);
      // Small arrays: element by element, which allocates one buffer instead of two.
    }
    const out = new ctor(count);
    this.pos = start;
    for (let i = 0; i < count; i++) {
      out[i] =
        type === VariantType.PACKED_INT32_ARRAY ? this.i32()
        : type === VariantType.PACKED_FLOAT32_ARRAY ? this.real(false)
        : type === VariantType.PACKED_FLOAT64_ARRAY ? this.real(true)
        : (this.i64() as never);
    }
    return out;
  }

  /** `count` elements at `start` as an array of `ctor`: a view when allowed and aligned, else one copy. */
  private bulk<A>(ctor: TypedArrayConstructor<A>, start: number, count: number, width: number): A {
    const offset = this.bytes.byteOffset + start;
    if (this.views && offset % width === 0) return new ctor(this.bytes.buffer, offset, count);
    // One Uint8Array.slice: the same copy as the memcpy reference of `pnpm bench codec`.
    return new ctor(this.bytes.slice(start, start + count * width).buffer, 0, count);
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
    const start = this.pos;
    let data: Float32Array | Float64Array;
    if (!LITTLE_ENDIAN_HOST) {
      data = isColor ? new Float32Array(n) : new Float64Array(n);
      for (let i = 0; i < n; i++) data[i] = this.real(double);
    } else if (isColor) {
      data = this.bulk(Float32Array, start, n, 4);
    } else if (double) {
      data = this.bulk(Float64Array, start, n, 8);
    } else {
      // 32-bit components widened to the Float64Array the classes hold, in one native pass.
      data = new Float64Array(n);
      data.set(this.aligned32(start, n));
    }
    this.pos = start + n * width;
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

  /** `n` float32s at `start`, read in place when 4-byte aligned (a temporary copy otherwise). */
  private aligned32(start: number, n: number): Float32Array {
    const offset = this.bytes.byteOffset + start;
    if (offset % 4 === 0) return new Float32Array(this.bytes.buffer, offset, n);
    return new Float32Array(this.bytes.slice(start, start + n * 4).buffer, 0, n);
  }
}

/** Keys in the first this many entries of a Dictionary are checked for repeats by a linear search, later ones with a Set. */
const LINEAR_KEY_SEARCH_MAX = 8;

/** Whether `key` (its own canon) is one of the keys in the first `used` items of the flat `entries`. */
function repeatsKey(entries: readonly Variant[], used: number, key: Variant): boolean {
  for (let j = 0; j < used; j += 2) if (entries[j] === key) return true;
  return false;
}

function isScriptPath(value: Variant): boolean {
  return typeof value === 'string' && value.startsWith('res://');
}
