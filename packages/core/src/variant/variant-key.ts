/**
 * Godot 4's Dictionary key identity:
 * - INT and FLOAT never collide (`1` and `1.0` are two keys); `0.0` and `-0.0` are one key; NaN is
 *   a usable key;
 * - a String and a StringName with the same text are one key (at the top level only: inside a
 *   container the types must match, as in Godot's `hash_compare`);
 * - every other value compares by Godot type and content (Vectors, Arrays, Dictionaries…),
 *   whatever its JavaScript form (`5`, `5n` and `new Int(5)` are the same INT).
 *
 * Simple keys (strings, numbers, booleans, null, StringName, Int, Float) reduce to a primitive,
 * used as is in a `Map`. Structured keys reduce to a 32-bit hash of their content (`keyCanon`),
 * and two keys with the same hash are compared by their canonical form (`keysEqual`). Hashing a
 * key costs one walk over it; the decoder passes a memo so that a container used as a key inside
 * a key is hashed once, which keeps decoding linear in the input (issue 9: a Dictionary key
 * nested 1023 deep used to be re-serialised at every level).
 */
import type { ContainerType } from './container-type.js';
import { mathComponents } from './math-layout.js';
import type { NodePath } from './node-path.js';
import { Float, Int } from './numbers.js';
import type { GodotObject, RID, Signal } from './objects.js';
import type { PackedStringArray } from './packed.js';
import { StringName } from './string-name.js';
import { TypedArray } from './typed-array.js';
import { DICTIONARY_ENTRIES, type DictionaryLike, isDictionaryLike, isIntNumber, typeOfObject, typeOfValue } from './type-of.js';
import type { MathValue } from './value.js';
import { VariantType } from './variant-type.js';

/**
 * The primitive a Dictionary key is looked up by (`keyCanon`): a String, number, bigint, bool or
 * null key is its own; a structured key gives `'\0#' + hash`.
 */
export type KeyPrimitive = string | number | bigint | boolean | null;

/** Hashes of containers already hashed during one decode (they do not change while it runs). */
export type KeyHashMemo = Map<object, number>;

/**
 * The primitive a Dictionary looks `value` up by. With `floatHint` (a `Dictionary[float, …]`),
 * plain numbers and bigints are taken as FLOAT, the way Godot's typed Dictionary converts int
 * keys; an explicit `Int` stays an INT. Structured keys give `'\0#' + hash`: equal keys give equal
 * primitives, but equal primitives must still be confirmed with `keysEqual`.
 */
export function keyCanon(value: unknown, floatHint = false, memo?: KeyHashMemo): KeyPrimitive {
  const simple = simpleKey(value, floatHint);
  if (simple !== STRUCTURED) return simple;
  return `\0#${keyHash(value as object, memo)}`;
}

/**
 * Whether `keyCanon(key)` is `key` itself, told without its walk: a String not starting with NUL,
 * a safe int that is not -0 (outside a `Dictionary[float, …]`). These are most keys on the wire.
 */
export function isOwnCanon(key: unknown, floatHint = false): key is string | number {
  return typeof key === 'string' ? key.charCodeAt(0) !== 0 : typeof key === 'number' && !floatHint && Number.isSafeInteger(key) && !Object.is(key, -0);
}

/** Whether a primitive from `keyCanon` stands for a structured key (equal ones need `keysEqual`). */
export function isStructuredCanon(canon: KeyPrimitive): boolean {
  return typeof canon === 'string' && canon.charCodeAt(0) === 0 && canon.charCodeAt(1) === 0x23;
}

/**
 * Whether two values are the same key by the nested rules (type-strict, content compared), the
 * way `Dictionary` confirms structured keys whose `keyCanon`s are equal. Agrees with
 * `variantKey` (tested).
 */
export function keysEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const type = typeOfValue(a);
  if (type !== typeOfValue(b)) return false;
  if (type === undefined) return canonicalForm(a) === canonicalForm(b);
  switch (type) {
    case VariantType.NIL:
    case VariantType.CALLABLE:
      return true;
    case VariantType.BOOL:
    case VariantType.STRING:
      return false;
    case VariantType.INT:
      return intKey(intValue(a)) === intKey(intValue(b));
    case VariantType.FLOAT:
      return sameReal(Number(a), Number(b));
    case VariantType.STRING_NAME:
      return (a as StringName).value === (b as StringName).value;
    case VariantType.NODE_PATH: {
      const x = a as NodePath;
      const y = b as NodePath;
      return x.absolute === y.absolute && sameList(x.names, y.names) && sameList(x.subnames, y.subnames);
    }
    case VariantType.RID:
      return intKey((a as RID).id) === intKey((b as RID).id);
    case VariantType.OBJECT:
      return sameObject(a as object, b as object);
    case VariantType.SIGNAL:
      return (a as Signal).name === (b as Signal).name && intKey((a as Signal).objectId) === intKey((b as Signal).objectId);
    case VariantType.DICTIONARY:
      return sameEntries(dictionaryEntries(a as object), dictionaryEntries(b as object));
    case VariantType.ARRAY:
      return sameArrays(a as unknown[], b as unknown[]);
    case VariantType.PACKED_BYTE_ARRAY:
    case VariantType.PACKED_INT32_ARRAY:
    case VariantType.PACKED_INT64_ARRAY:
    case VariantType.PACKED_STRING_ARRAY:
      return sameList(a as ArrayLike<unknown>, b as ArrayLike<unknown>);
    case VariantType.PACKED_FLOAT32_ARRAY:
    case VariantType.PACKED_FLOAT64_ARRAY:
      return sameReals(a as Float64Array, b as Float64Array);
    case VariantType.PACKED_VECTOR2_ARRAY:
    case VariantType.PACKED_VECTOR3_ARRAY:
    case VariantType.PACKED_COLOR_ARRAY:
    case VariantType.PACKED_VECTOR4_ARRAY:
      return sameReals((a as { data: Float64Array }).data, (b as { data: Float64Array }).data);
    default: {
      // Math types: int32 components compare exactly, reals like FLOAT.
      const x = mathComponents(a as MathValue, type);
      const y = mathComponents(b as MathValue, type);
      return x.every((c, i) => sameReal(c, y[i] as number));
    }
  }
}

function intValue(value: unknown): number | bigint {
  return value instanceof Int ? value.value : (value as number | bigint);
}

/** FLOAT key equality: `0.0` is `-0.0`, NaN is NaN. */
function sameReal(x: number, y: number): boolean {
  return x === y || (x !== x && y !== y);
}

function sameList(x: ArrayLike<unknown>, y: ArrayLike<unknown>): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function sameReals(x: ArrayLike<number>, y: ArrayLike<number>): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (!sameReal(x[i] as number, y[i] as number)) return false;
  return true;
}

function sameArrays(x: unknown[], y: unknown[]): boolean {
  const tx = x instanceof TypedArray ? containerTypeText(x.elementType) : 'untyped';
  const ty = y instanceof TypedArray ? containerTypeText(y.elementType) : 'untyped';
  if (tx !== ty || x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (!keysEqual(x[i], y[i])) return false;
  return true;
}

function sameObject(x: object, y: object): boolean {
  const xId = 'objectId' in x;
  if (xId !== 'objectId' in y) return false;
  if (xId) return intKey((x as { objectId: bigint }).objectId) === intKey((y as { objectId: bigint }).objectId);
  const a = x as GodotObject;
  const b = y as GodotObject;
  return a.className === b.className && sameEntries(a.properties, b.properties);
}

function sameEntries(x: Iterable<readonly [unknown, unknown]>, y: Iterable<readonly [unknown, unknown]>): boolean {
  const other = y[Symbol.iterator]();
  for (const [k, v] of x) {
    const next = other.next();
    if (next.done === true || !keysEqual(k, next.value[0]) || !keysEqual(v, next.value[1])) return false;
  }
  return other.next().done === true;
}

function containerTypeText(t: ContainerType): string {
  return t.kind === 'builtin' ? `builtin:${t.type}` : t.kind === 'class' ? `class:${t.className}` : `script:${t.path}`;
}

/**
 * The primitive a Dictionary key is identified by, complete: two keys are the same key exactly
 * when their `variantKey`s are equal (`===`). Costs a walk over the key and a string of its size
 * for structured keys; `Dictionary` itself hashes instead.
 */
export function variantKey(value: unknown, floatHint = false): KeyPrimitive {
  const simple = simpleKey(value, floatHint);
  return simple === STRUCTURED ? `\0${canonicalForm(value)}` : simple;
}

const STRUCTURED = Symbol('structured');

function simpleKey(value: unknown, floatHint: boolean): KeyPrimitive | typeof STRUCTURED {
  switch (typeof value) {
    case 'string':
      // Strings are their own key; the few that start with NUL are moved out of the way of the
      // `\0…` forms below.
      return value.charCodeAt(0) === 0 ? `\0s${value}` : value;
    case 'number':
      return !floatHint && isIntNumber(value) ? intKey(value) : floatKey(value);
    case 'bigint':
      return floatHint ? floatKey(Number(value)) : intKey(value);
    case 'boolean':
      return value;
    case 'object':
      if (value === null) return null;
      if (value instanceof StringName) return simpleKey(value.value, false);
      if (value instanceof Float) return floatKey(value.value);
      if (value instanceof Int) return intKey(value.value);
      return STRUCTURED;
    default:
      return `\0?${String(value)}`;
  }
}

function floatKey(value: number): string {
  return `\0f${value === 0 ? 0 : value}`;
}

/** One primitive per integer value: a `number` when safe, else a `bigint`. */
function intKey(value: number | bigint): number | bigint {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : BigInt(value);
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
}

// --- one walk, two uses -------------------------------------------------------------------

/** What a walk over a key reports: its Godot type, then its content. */
interface KeySink {
  tag(tag: number): void;
  /** An integer (canonical: see `intKey`) or a real (with -0 as 0). */
  num(value: number): void;
  big(value: bigint): void;
  text(value: string): void;
  bytes(value: Uint8Array): void;
  child(value: unknown): void;
}

/** Not a Godot type id: values that are not Variants. */
const NOT_A_VARIANT = -1;

function int(sink: KeySink, value: number | bigint): void {
  const key = intKey(value);
  if (typeof key === 'bigint') sink.big(key);
  else sink.num(key);
}

function real(sink: KeySink, value: number): void {
  sink.num(value === 0 ? 0 : value);
}

function walk(value: unknown, sink: KeySink): void {
  switch (typeof value) {
    case 'string':
      sink.tag(VariantType.STRING);
      sink.text(value);
      return;
    case 'number':
      if (isIntNumber(value)) {
        sink.tag(VariantType.INT);
        int(sink, value);
      } else {
        sink.tag(VariantType.FLOAT);
        real(sink, value);
      }
      return;
    case 'bigint':
      sink.tag(VariantType.INT);
      int(sink, value);
      return;
    case 'boolean':
      sink.tag(VariantType.BOOL);
      sink.num(value ? 1 : 0);
      return;
    case 'object':
      if (value === null) sink.tag(VariantType.NIL);
      else walkObject(value, sink);
      return;
    default:
      sink.tag(NOT_A_VARIANT);
      sink.text(`${typeof value}:${String(value)}`);
  }
}

function walkObject(value: object, sink: KeySink): void {
  const type = typeOfObject(value);
  if (type === undefined) {
    sink.tag(NOT_A_VARIANT);
    sink.text((value.constructor as { name?: string } | undefined)?.name ?? 'Object');
    return;
  }
  sink.tag(type);
  switch (type) {
    case VariantType.INT:
      return int(sink, (value as Int).value);
    case VariantType.FLOAT:
      return real(sink, (value as Float).value);
    case VariantType.STRING_NAME:
      return sink.text((value as StringName).value);
    case VariantType.VECTOR2I:
    case VariantType.RECT2I:
    case VariantType.VECTOR3I:
    case VariantType.VECTOR4I:
      for (const c of mathComponents(value as MathValue, type)) sink.num(c);
      return;
    case VariantType.NODE_PATH: {
      const path = value as NodePath;
      sink.num(path.absolute ? 1 : 0);
      sink.num(path.names.length);
      for (const name of path.names) sink.text(name);
      sink.num(path.subnames.length);
      for (const name of path.subnames) sink.text(name);
      return;
    }
    case VariantType.RID:
      return int(sink, (value as RID).id);
    case VariantType.OBJECT:
      if ('objectId' in value) {
        sink.num(0);
        return int(sink, (value as { objectId: bigint }).objectId);
      }
      sink.num(1);
      sink.text((value as GodotObject).className);
      for (const [name, property] of (value as GodotObject).properties) {
        sink.text(name);
        sink.child(property);
      }
      return;
    case VariantType.CALLABLE:
      return;
    case VariantType.SIGNAL:
      sink.text((value as Signal).name);
      return int(sink, (value as Signal).objectId);
    case VariantType.DICTIONARY:
      for (const [k, v] of dictionaryEntries(value)) {
        sink.child(k);
        sink.child(v);
      }
      return;
    case VariantType.ARRAY:
      sink.text(value instanceof TypedArray ? containerTypeText(value.elementType) : 'untyped');
      for (const item of value as unknown[]) sink.child(item);
      return;
    case VariantType.PACKED_BYTE_ARRAY:
      return sink.bytes(value as Uint8Array);
    case VariantType.PACKED_INT32_ARRAY:
    case VariantType.PACKED_INT64_ARRAY: {
      const items = value as Int32Array | BigInt64Array;
      sink.num(items.length);
      for (const item of items) int(sink, item);
      return;
    }
    case VariantType.PACKED_STRING_ARRAY: {
      const items = value as PackedStringArray;
      sink.num(items.length);
      for (const item of items) sink.text(String(item));
      return;
    }
    case VariantType.PACKED_FLOAT32_ARRAY:
    case VariantType.PACKED_FLOAT64_ARRAY:
    case VariantType.PACKED_VECTOR2_ARRAY:
    case VariantType.PACKED_VECTOR3_ARRAY:
    case VariantType.PACKED_COLOR_ARRAY:
    case VariantType.PACKED_VECTOR4_ARRAY: {
      const items = 'data' in value ? (value as { data: Float32Array | Float64Array }).data : (value as Float32Array | Float64Array);
      sink.num(items.length);
      for (let i = 0; i < items.length; i++) real(sink, items[i] as number);
      return;
    }
    default:
      // The real-valued math types.
      for (const c of mathComponents(value as MathValue, type)) real(sink, c);
  }
}

/** Entries of anything that encodes as a Dictionary, in order. */
function dictionaryEntries(value: object): Iterable<readonly [unknown, unknown]> {
  if (isDictionaryLike(value)) return (value as DictionaryLike)[DICTIONARY_ENTRIES]();
  if (value instanceof Map) return value;
  return Object.entries(value);
}

// --- the hash -----------------------------------------------------------------------------

/** Per process, so that nobody can prepare colliding keys in advance. */
const SEED = (Math.random() * 2 ** 32) | 0;

const f64 = new Float64Array(1);
const f64Words = new Int32Array(f64.buffer);

function mix(h: number, k: number): number {
  k = Math.imul(k, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  h ^= Math.imul(k, 0x1b873593);
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) | 0;
}

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

class HashSink implements KeySink {
  h = SEED;

  constructor(private readonly memo: KeyHashMemo | undefined) {}

  tag(tag: number): void {
    this.h = mix(this.h, 0x7f4a7c15 ^ tag);
  }

  num(value: number): void {
    if ((value | 0) === value) {
      this.h = mix(this.h, value);
    } else if (value !== value) {
      this.h = mix(this.h, 0x7ff80000);
    } else {
      f64[0] = value;
      this.h = mix(mix(this.h, f64Words[0] as number), f64Words[1] as number);
    }
  }

  big(value: bigint): void {
    this.text(value.toString());
  }

  text(value: string): void {
    let h = mix(this.h, value.length);
    for (let i = 0; i < value.length; i++) h = mix(h, value.charCodeAt(i));
    this.h = h;
  }

  bytes(value: Uint8Array): void {
    let h = mix(this.h, value.length);
    const n = value.length;
    let i = 0;
    for (; i + 4 <= n; i += 4) {
      h = mix(h, (value[i] as number) | ((value[i + 1] as number) << 8) | ((value[i + 2] as number) << 16) | ((value[i + 3] as number) << 24));
    }
    for (; i < n; i++) h = mix(h, value[i] as number);
    this.h = h;
  }

  child(value: unknown): void {
    this.h = mix(this.h, this.hash(value));
  }

  /** The hash of one value, memoised for containers (see `keyHash`). */
  hash(value: unknown): number {
    const memo = this.memo;
    const memoised = memo !== undefined && hasChildren(value);
    if (memoised) {
      const known = memo.get(value);
      if (known !== undefined) return known;
    }
    const outer = this.h;
    this.h = SEED;
    walk(value, this);
    const h = finish(this.h);
    this.h = outer;
    if (memoised) memo.set(value, h);
    return h;
  }
}

/**
 * Containers: the values whose hash a decode memoises. Each value is hashed at most twice (as a
 * key of its own, and inside its parent, whose hash is then memoised), so the memo needs nothing
 * else to keep hashing linear.
 */
function hasChildren(value: unknown): value is object {
  return typeof value === 'object' && value !== null && (Array.isArray(value) || value instanceof Map || isDictionaryLike(value) || 'properties' in value || Object.getPrototypeOf(value) === Object.prototype);
}

/** The hash of a structured key (containers memoised in `memo` when given). */
function keyHash(value: object, memo: KeyHashMemo | undefined): number {
  return new HashSink(memo).hash(value);
}

// --- the canonical form --------------------------------------------------------------------

class TextSink implements KeySink {
  readonly parts: string[] = [];

  tag(tag: number): void {
    this.parts.push(`t${tag};`);
  }

  num(value: number): void {
    this.parts.push(`n${value};`);
  }

  big(value: bigint): void {
    this.parts.push(`b${value};`);
  }

  text(value: string): void {
    this.parts.push(`s${value.length}:`, value);
  }

  bytes(value: Uint8Array): void {
    this.parts.push(`x${value.length}:`);
    for (let i = 0; i < value.length; i += 4096) {
      this.parts.push(String.fromCharCode(...value.subarray(i, i + 4096)));
    }
  }

  child(value: unknown): void {
    this.parts.push('(');
    walk(value, this);
    this.parts.push(')');
  }
}

/** A string that is equal for two values exactly when they are the same key (nested rules). */
function canonicalForm(value: unknown): string {
  const sink = new TextSink();
  walk(value, sink);
  return sink.parts.join('');
}
