import { type ContainerType, builtin, containerTypeName } from './container-type.js';
import { displayEntries } from './display.js';
import { duplicateDeep } from './duplicate.js';
import { StringName } from './string-name.js';
import { DICTIONARY_ENTRIES } from './type-of.js';
import type { Variant } from './value.js';
import { type KeyHashMemo, type KeyPrimitive, isOwnCanon, isStructuredCanon, keyCanon, keysEqual } from './variant-key.js';
import { VariantType, variantTypeName } from './variant-type.js';

/**
 * The decoder's way in: `dict[DECODED_ENTRY](key, value, memo)` is `set` with the decode's hash
 * memo, so that container keys nested in container keys are hashed once. Not exported from the
 * package.
 */
export const DECODED_ENTRY: unique symbol = Symbol('@pp/core.decoded-entry');

/**
 * The decoder's bulk way in: `dict[DECODED_ENTRIES](entries)` makes the flat `entries` (key,
 * value, key, value…) the Dictionary's own, when the decoder has checked that every key is its
 * own canon (`isOwnCanon`) and that no key repeats. Not exported from the package.
 */
export const DECODED_ENTRIES: unique symbol = Symbol('@pp/core.decoded-entries');

/** The element types of a typed Dictionary (`Dictionary[K, V]` in GDScript), given to its constructor. */
export interface DictionaryTypes {
  /** Key type of a typed Dictionary; `null` (default) for any key. */
  keyType?: ContainerType | VariantType | null;
  /** Value type of a typed Dictionary; `null` (default) for any value. */
  valueType?: ContainerType | VariantType | null;
}

/** What a Dictionary can be built or merged from: `[key, value]` pairs, or a plain object's own properties (String keys). */
export type DictionarySource<K, V> = Iterable<readonly [K, V]> | Readonly<Record<string, V>>;

/**
 * Godot's Dictionary: insertion-ordered, with Godot 4's key identity (see `variant-key.ts`),
 * optionally typed (`Dictionary[String, int]`). Setting an existing key keeps its position and
 * its original key, and replaces the value, as in Godot.
 */
export class Dictionary<K extends Variant = Variant, V extends Variant = Variant> implements Iterable<[K, V]> {
  /** Key type of a typed Dictionary, `null` when untyped. */
  readonly keyType: ContainerType | null;
  /** Value type of a typed Dictionary, `null` when untyped. */
  readonly valueType: ContainerType | null;

  /** The entries, flat: key, value, key, value… in insertion order. */
  #entries: unknown[] = [];
  /**
   * `keyCanon` of each key (structured keys with the same one are told apart by `keysEqual`), or
   * `null` while every key is its own canon (Strings and safe ints: the usual keys).
   */
  #canon: KeyPrimitive[] | null = null;
  /** Canon → entry number (numbers, for structured keys whose hashes collide), past LINEAR_SEARCH_MAX entries. */
  #index: Map<KeyPrimitive, number | number[]> | null = null;
  readonly #floatKeys: boolean;

  /** `new Dictionary([[key, value], …])`, or from a plain object's own properties. */
  // NoInfer: `new Dictionary([['hp', 100], ['name', 'p1']])` is a Dictionary<Variant, Variant>,
  // not a failed inference of literal types; give the type arguments to narrow it.
  constructor(entries?: Iterable<readonly [NoInfer<K>, NoInfer<V>]> | null, types?: DictionaryTypes);
  constructor(record: Readonly<Record<string, NoInfer<V>>>, types?: DictionaryTypes);
  constructor(entries?: DictionarySource<K, V> | null, types?: DictionaryTypes) {
    if (types === undefined) {
      // The usual untyped Dictionary (every decoded one), without normalising absent types.
      this.keyType = null;
      this.valueType = null;
      this.#floatKeys = false;
    } else {
      this.keyType = normalize(types.keyType);
      this.valueType = normalize(types.valueType);
      this.#floatKeys = this.keyType?.kind === 'builtin' && this.keyType.type === VariantType.FLOAT;
    }
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

  /**
   * Number of entries: Godot's `size()`, as a `Map`'s getter (a method could not share the name,
   * and code written for a `Map` reads `size`).
   */
  get size(): number {
    return this.#entries.length >> 1;
  }

  /** Whether there are no entries (`is_empty`). */
  isEmpty(): boolean {
    return this.#entries.length === 0;
  }

  /** The value of `key`; `fallback` (or `undefined`) when there is none, like Godot's `get(key, default)`. */
  get(key: K): V | undefined;
  get<D>(key: K, fallback: D): V | D;
  get<D>(key: K, fallback?: D): V | D | undefined {
    const at = this.#find(key, keyCanon(key, this.#floatKeys));
    return at === -1 ? fallback : (this.#entries[2 * at + 1] as V);
  }

  /** Whether `key` is there, by Godot 4's key identity (Godot's `has`). */
  has(key: K): boolean {
    return this.#find(key, keyCanon(key, this.#floatKeys)) !== -1;
  }

  /** Whether every one of `keys` is there (`has_all`). */
  hasAll(keys: Iterable<K>): boolean {
    for (const key of keys) if (!this.has(key)) return false;
    return true;
  }

  /**
   * Sets `key` to `value` (GDScript's `dict[key] = value`): an existing key keeps its position and
   * its original key; a new one is appended. Returns the Dictionary, like a `Map`'s `set`.
   */
  set(key: K, value: V): this {
    this.#put(key, value, keyCanon(key, this.#floatKeys));
    return this;
  }

  /** For the decoder only: `set` with the decode's key-hash memo. */
  [DECODED_ENTRY](key: K, value: V, memo: KeyHashMemo | undefined): void {
    this.#put(key, value, isOwnCanon(key, this.#floatKeys) ? key : keyCanon(key, this.#floatKeys, memo));
  }

  /** For the decoder only: `entries` become this empty untyped Dictionary's (see `DECODED_ENTRIES`). */
  [DECODED_ENTRIES](entries: unknown[]): void {
    this.#entries = entries;
  }

  /** Removes `key`; whether it was there (Godot's `erase`). */
  erase(key: K): boolean {
    const at = this.#find(key, keyCanon(key, this.#floatKeys));
    if (at === -1) return false;
    this.#entries.splice(2 * at, 2);
    this.#canon?.splice(at, 1);
    this.#index = null;
    return true;
  }

  /** `erase`, under a `Map`'s name. */
  delete(key: K): boolean {
    return this.erase(key);
  }

  /** Removes every entry (Godot's `clear`). */
  clear(): void {
    this.#entries.length = 0;
    this.#canon = null;
    this.#index = null;
  }

  /** The keys, in order, as a new Array (Godot's `keys()`; iterable like a `Map`'s). */
  keys(): K[] {
    const entries = this.#entries;
    const out = new Array<K>(entries.length >> 1);
    for (let i = 0; i < out.length; i++) out[i] = entries[2 * i] as K;
    return out;
  }

  /** The values, in order, as a new Array (Godot's `values()`). */
  values(): V[] {
    const entries = this.#entries;
    const out = new Array<V>(entries.length >> 1);
    for (let i = 0; i < out.length; i++) out[i] = entries[2 * i + 1] as V;
    return out;
  }

  /** The `[key, value]` pairs, in insertion order, like a `Map`'s `entries()`. */
  *entries(): IterableIterator<[K, V]> {
    const entries = this.#entries;
    for (let i = 0; i < entries.length; i += 2) yield [entries[i] as K, entries[i + 1] as V];
  }

  /** `for (const [key, value] of dict)`: the same as `entries()`. */
  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }

  /** The brand that lets the codec and key identity recognise a Dictionary without importing it: the same as `entries()`. */
  [DICTIONARY_ENTRIES](): IterableIterator<[K, V]> {
    return this.entries();
  }

  /** Calls `callback(value, key, dictionary)` for each entry in order, like a `Map`'s `forEach`. */
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
      copy.#entries = this.#entries.slice();
      copy.#canon = this.#canon?.slice() ?? null;
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
    const name = `Dictionary${types}(${this.size})`;
    if (depth < 0) return `[${name}]`;
    // `depth` is what is left for this value; its entries get one level less, like a Map's.
    const inner = { ...options, depth: depth - 1 };
    const entries = Array.from(this.entries(), ([key, value]) => `${inspect(key, inner)} => ${inspect(value, inner)}`);
    return entries.length === 0 ? `${name} {}` : `${name} { ${entries.join(', ')} }`;
  }

  #put(key: K, value: V, canon: KeyPrimitive): void {
    const at = this.#find(key, canon);
    const entries = this.#entries;
    if (at !== -1) {
      // Set again: the first key and its position stay, the value is replaced.
      entries[2 * at + 1] = value;
      return;
    }
    const n = entries.length >> 1;
    const index = this.#index;
    // A miss on a simple key means the canon is absent from the index: set it without a second lookup.
    if (index !== null) {
      if (isStructuredCanon(canon)) addToIndex(index, canon, n);
      else index.set(canon, n);
    }
    if (this.#canon === null && canon !== key) {
      // Until now every key was its own canon: they start the canon array.
      const canons: KeyPrimitive[] = new Array(n);
      for (let i = 0; i < n; i++) canons[i] = entries[2 * i] as KeyPrimitive;
      this.#canon = canons;
    }
    entries.push(key, value);
    this.#canon?.push(canon);
  }

  /** The entry number of `key`, or -1. */
  #find(key: K, canon: KeyPrimitive): number {
    const entries = this.#entries;
    const canons = this.#canon;
    const n = entries.length >> 1;
    const structured = isStructuredCanon(canon);
    if (n <= LINEAR_SEARCH_MAX) {
      for (let i = 0; i < n; i++) {
        if ((canons === null ? entries[2 * i] : canons[i]) === canon && (!structured || keysEqual(entries[2 * i], key))) return i;
      }
      return -1;
    }
    if (this.#index === null) {
      this.#index = new Map();
      for (let i = 0; i < n; i++) addToIndex(this.#index, (canons === null ? entries[2 * i] : canons[i]) as KeyPrimitive, i);
    }
    const hit = this.#index.get(canon);
    if (hit === undefined) return -1;
    if (typeof hit === 'number') return !structured || keysEqual(entries[2 * hit], key) ? hit : -1;
    for (const i of hit) if (keysEqual(entries[2 * i], key)) return i;
    return -1;
  }
}

/** Dictionaries at most this big are searched linearly; bigger ones get an index. */
const LINEAR_SEARCH_MAX = 8;

function addToIndex(index: Map<KeyPrimitive, number | number[]>, canon: KeyPrimitive, at: number): void {
  const known = index.get(canon);
  if (known === undefined) index.set(canon, at);
  else if (typeof known === 'number') index.set(canon, [known, at]);
  else known.push(at);
}


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
