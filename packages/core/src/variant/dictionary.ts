/**
 * Godot's Dictionary: insertion-ordered, with Godot 4's key identity (see `variant-key.ts`),
 * optionally typed (`Dictionary[String, int]`). Setting an existing key keeps its position and
 * its original key, and replaces the value, as in Godot.
 */
import { type ContainerType, builtin, containerTypeName } from './container-type.js';
import { displayEntries } from './display.js';
import { duplicateDeep } from './duplicate.js';
import { StringName } from './string-name.js';
import { DICTIONARY_ENTRIES } from './type-of.js';
import type { Variant } from './value.js';
import { type KeyHashMemo, type KeyPrimitive, isStructuredCanon, keyCanon, keysEqual } from './variant-key.js';
import { VariantType, variantTypeName } from './variant-type.js';

/**
 * The decoder's way in: `dict[DECODED_ENTRY](key, value, memo)` is `set` with the decode's hash
 * memo, so that container keys nested in container keys are hashed once. Not exported from the
 * package.
 */
export const DECODED_ENTRY: unique symbol = Symbol('@pp/core.decoded-entry');

export interface DictionaryTypes {
  /** Key type of a typed Dictionary; `null` (default) for any key. */
  keyType?: ContainerType | VariantType | null;
  /** Value type of a typed Dictionary; `null` (default) for any value. */
  valueType?: ContainerType | VariantType | null;
}

export type DictionarySource<K, V> = Iterable<readonly [K, V]> | Readonly<Record<string, V>>;

export class Dictionary<K extends Variant = Variant, V extends Variant = Variant> implements Iterable<[K, V]> {
  /** Key type of a typed Dictionary, `null` when untyped. */
  readonly keyType: ContainerType | null;
  /** Value type of a typed Dictionary, `null` when untyped. */
  readonly valueType: ContainerType | null;

  /**
   * Canon (`keyCanon`) → value. A Map's order and assignment are Godot's: a key set again keeps
   * its place and takes the new value; deleting one leaves the others' order.
   */
  #values = new Map<KeyPrimitive, V>();
  /** Canon → key, for the keys that are not their own canon (Float, StringName, bigint, structured…). */
  #keys: Map<KeyPrimitive, K> | null = null;
  /**
   * Structured keys: their hash canon → the canons they are stored under (the hash canon itself,
   * then `hash:n` for distinct keys whose hashes collide).
   */
  #structured: Map<string, string[]> | null = null;
  #collisions = 0;
  readonly #floatKeys: boolean;

  /** `new Dictionary([[key, value], …])`, or from a plain object's own properties. */
  // NoInfer: `new Dictionary([['hp', 100], ['name', 'p1']])` is a Dictionary<Variant, Variant>,
  // not a failed inference of literal types; give the type arguments to narrow it.
  constructor(entries?: Iterable<readonly [NoInfer<K>, NoInfer<V>]> | null, types?: DictionaryTypes);
  constructor(record: Readonly<Record<string, NoInfer<V>>>, types?: DictionaryTypes);
  constructor(entries?: DictionarySource<K, V> | null, types?: DictionaryTypes) {
    this.keyType = normalize(types?.keyType);
    this.valueType = normalize(types?.valueType);
    this.#floatKeys = this.keyType?.kind === 'builtin' && this.keyType.type === VariantType.FLOAT;
    if (entries) for (const [key, value] of sourceEntries(entries)) this.set(key, value);
  }

  /** Whether the Dictionary has a key or value type (`is_typed`). */
  isTyped(): boolean {
    return this.keyType !== null || this.valueType !== null;
  }

  /** Whether it has a key type (`is_typed_key`). */
  isTypedKey(): boolean {
    return this.keyType !== null;
  }

  /** Whether it has a value type (`is_typed_value`). */
  isTypedValue(): boolean {
    return this.valueType !== null;
  }

  /** Number of entries (Godot's `size()`; a method, as in GDScript, not a `Map`'s getter). */
  size(): number {
    return this.#values.size;
  }

  /** Whether there are no entries (`is_empty`). */
  isEmpty(): boolean {
    return this.#values.size === 0;
  }

  /** The value of `key`; `fallback` (or `undefined`) when there is none, like Godot's `get(key, default)`. */
  get(key: K): V | undefined;
  get<D>(key: K, fallback: D): V | D;
  get<D>(key: K, fallback?: D): V | D | undefined {
    const stored = this.#locate(key, keyCanon(key, this.#floatKeys));
    return stored === NONE ? fallback : (this.#values.get(stored) as V);
  }

  has(key: K): boolean {
    return this.#locate(key, keyCanon(key, this.#floatKeys)) !== NONE;
  }

  /** Whether every one of `keys` is there (`has_all`). */
  hasAll(keys: Iterable<K>): boolean {
    for (const key of keys) if (!this.has(key)) return false;
    return true;
  }

  set(key: K, value: V): this {
    this.#put(key, value, keyCanon(key, this.#floatKeys));
    return this;
  }

  [DECODED_ENTRY](key: K, value: V, memo: KeyHashMemo | undefined): void {
    // Most keys on the wire are Strings, which are their own canon.
    if (typeof key === 'string' && key.charCodeAt(0) !== 0) this.#values.set(key, value);
    else this.#put(key, value, keyCanon(key, this.#floatKeys, memo));
  }

  /** Removes `key`; whether it was there (Godot's `erase`). */
  erase(key: K): boolean {
    const canon = keyCanon(key, this.#floatKeys);
    const stored = this.#locate(key, canon);
    if (stored === NONE) return false;
    this.#values.delete(stored);
    this.#keys?.delete(stored);
    if (isStructuredCanon(canon)) {
      const canons = this.#structured?.get(canon as string) as string[];
      canons.splice(canons.indexOf(stored as string), 1);
      if (canons.length === 0) this.#structured?.delete(canon as string);
    }
    return true;
  }

  /** `erase`, under a `Map`'s name. */
  delete(key: K): boolean {
    return this.erase(key);
  }

  clear(): void {
    this.#values.clear();
    this.#keys = null;
    this.#structured = null;
  }

  /** The keys, in order, as a new Array (Godot's `keys()`; iterable like a `Map`'s). */
  keys(): K[] {
    const keys = this.#keys;
    return Array.from(this.#values.keys(), keys === null ? (canon) => canon as K : (canon) => keys.get(canon) ?? (canon as K));
  }

  /** The values, in order, as a new Array (Godot's `values()`). */
  values(): V[] {
    return Array.from(this.#values.values());
  }

  *entries(): IterableIterator<[K, V]> {
    const keys = this.#keys;
    for (const [canon, value] of this.#values) yield [keys === null ? (canon as K) : (keys.get(canon) ?? (canon as K)), value];
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }

  [DICTIONARY_ENTRIES](): IterableIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, dictionary: this) => void): void {
    for (const [key, value] of this.entries()) callback(value, key, this);
  }

  /**
   * Adds the entries of `other` (Godot's `merge`): keys already here keep their value unless
   * `overwrite`; new keys are appended in `other`'s order.
   */
  merge(other: DictionarySource<K, V>, overwrite = false): void {
    for (const [key, value] of sourceEntries(other)) {
      if (overwrite || !this.has(key)) this.set(key, value);
    }
  }

  /** A merged copy (Godot's `merged`); this Dictionary is left as it is. */
  merged(other: DictionarySource<K, V>, overwrite = false): Dictionary<K, V> {
    const copy = this.duplicate();
    copy.merge(other, overwrite);
    return copy;
  }

  /**
   * A copy with the same key and value types (Godot's `duplicate`). Shallow by default: the
   * copy holds the same keys and values. With `deep`, nested Arrays and Dictionaries are copied
   * too, and so are packed arrays and math values, which are mutable objects in JavaScript.
   */
  duplicate(deep = false): Dictionary<K, V> {
    const copy = new Dictionary<K, V>(null, { keyType: this.keyType, valueType: this.valueType });
    if (!deep) {
      copy.#values = new Map(this.#values);
      copy.#keys = this.#keys === null ? null : new Map(this.#keys);
      copy.#structured = this.#structured === null ? null : new Map(Array.from(this.#structured, ([hash, canons]) => [hash, canons.slice()]));
      copy.#collisions = this.#collisions;
      return copy;
    }
    for (const [key, value] of this.entries()) copy.set(duplicateDeep(key), duplicateDeep(value));
    return copy;
  }

  /**
   * A plain object copy, for Dictionaries whose keys are Strings or StringNames (others throw),
   * e.g. to print or to pass to JSON.
   */
  toObject(): Record<string, V> {
    const out: Record<string, V> = {};
    for (const [key, value] of this.entries()) {
      if (typeof key !== 'string' && !(key instanceof StringName)) {
        throw new TypeError(`Dictionary key ${String(key)} is not a String`);
      }
      out[String(key)] = value;
    }
    return out;
  }

  /**
   * What `JSON.stringify` writes: an object when every key is a String or StringName (the
   * usual case), otherwise the list of `[key, value]` entries, since an object would merge
   * `1`, `1.0` and `"1"` into one property.
   */
  toJSON(): Record<string, V> | Array<[K, V]> {
    const stringKeys = this.keys().every((key: unknown) => typeof key === 'string' || key instanceof StringName);
    return stringKeys ? this.toObject() : [...this.entries()];
  }

  /** Like Godot's `str()`: `{ "hp": 100, "pos": Vector2(1.0, 2.0) }`, strings quoted. */
  toString(): string {
    return displayEntries(this.entries(), 0);
  }

  /** How Node's `console.log` / `util.inspect` shows it: its entries, like a `Map`'s. */
  [Symbol.for('nodejs.util.inspect.custom')](depth: number, options: InspectOptions, inspect: Inspect): string {
    const types = this.isTyped() ? `[${typeName(this.keyType)}, ${typeName(this.valueType)}]` : '';
    const name = `Dictionary${types}(${this.#values.size})`;
    if (depth < 0) return `[${name}]`;
    // `depth` is what is left for this value; its entries get one level less, like a Map's.
    const inner = { ...options, depth: depth - 1 };
    const entries = Array.from(this.entries(), ([key, value]) => `${inspect(key, inner)} => ${inspect(value, inner)}`);
    return entries.length === 0 ? `${name} {}` : `${name} { ${entries.join(', ')} }`;
  }

  #put(key: K, value: V, canon: KeyPrimitive): void {
    if (canon === key) {
      this.#values.set(canon, value);
      return;
    }
    if (!isStructuredCanon(canon)) {
      // The first key is kept when a key is set again (a StringName over a String…).
      if (canon !== key && !this.#values.has(canon)) (this.#keys ??= new Map()).set(canon, key);
      this.#values.set(canon, value);
      return;
    }
    const stored = this.#locate(key, canon);
    if (stored !== NONE) {
      this.#values.set(stored, value);
      return;
    }
    const structured = (this.#structured ??= new Map());
    const canons = structured.get(canon as string);
    const at = canons === undefined ? (canon as string) : `${canon as string}:${++this.#collisions}`;
    if (canons === undefined) structured.set(canon as string, [at]);
    else canons.push(at);
    (this.#keys ??= new Map()).set(at, key);
    this.#values.set(at, value);
  }

  /** The canon `key` is stored under, or NONE. */
  #locate(key: K, canon: KeyPrimitive): KeyPrimitive | typeof NONE {
    if (!isStructuredCanon(canon)) return this.#values.has(canon) ? canon : NONE;
    const canons = this.#structured?.get(canon as string);
    if (canons !== undefined) for (const stored of canons) if (keysEqual(this.#keys?.get(stored), key)) return stored;
    return NONE;
  }
}

const NONE = Symbol('none');

function normalize(type: ContainerType | VariantType | null | undefined): ContainerType | null {
  if (type === undefined || type === null) return null;
  if (typeof type === 'number') return type === VariantType.NIL ? null : builtin(type);
  return type.kind === 'builtin' && type.type === VariantType.NIL ? null : type;
}

function sourceEntries<K, V>(source: DictionarySource<K, V>): Iterable<readonly [K, V]> {
  return Symbol.iterator in source ? (source as Iterable<readonly [K, V]>) : (Object.entries(source) as unknown as Iterable<readonly [K, V]>);
}

/** The part of Node's `util.inspect` options used here (core has no Node types). */
interface InspectOptions {
  depth?: number | null | undefined;
}

type Inspect = (value: unknown, options: InspectOptions) => string;

function typeName(type: ContainerType | null): string {
  return containerTypeName(type, variantTypeName);
}
