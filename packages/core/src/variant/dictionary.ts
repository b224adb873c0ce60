/**
 * Godot's Dictionary: insertion-ordered, with Godot 4's key equality (see `variant-key.ts`),
 * optionally typed (`Dictionary[String, int]`). Setting an existing key keeps its position and
 * its original key, and replaces the value, as in Godot.
 */
import { type ContainerType, builtin } from './container-type.js';
import { StringName } from './string-name.js';
import { DICTIONARY_ENTRIES, type KeyPrimitive, variantKey } from './variant-key.js';
import type { Variant } from './value.js';
import { VariantType } from './variant-type.js';

// Set by Dictionary's static block: lets the decoder hand over entries without a copy.
let adopt: (dict: Dictionary, keys: Variant[], values: Variant[], canon: KeyPrimitive[]) => void;

/** Dictionaries at most this big are searched linearly; bigger ones get a hash index. */
const LINEAR_SEARCH_MAX = 8;

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

  #keys: K[] = [];
  #values: V[] = [];
  #canon: KeyPrimitive[] = [];
  #index: Map<KeyPrimitive, number> | null = null;
  readonly #floatKeys: boolean;

  /** `new Dictionary([[key, value], …])`, or from a plain object's own properties. */
  // NoInfer: `new Dictionary([['hp', 100], ['name', 'p1']])` is a Dictionary<Variant, Variant>,
  // not a failed inference of literal types; give the type arguments to narrow it.
  constructor(entries?: Iterable<readonly [NoInfer<K>, NoInfer<V>]> | null, types?: DictionaryTypes);
  constructor(record: Readonly<Record<string, NoInfer<V>>>, types?: DictionaryTypes);
  constructor(entries?: DictionarySource<K, V> | null, types: DictionaryTypes = {}) {
    this.keyType = normalize(types.keyType);
    this.valueType = normalize(types.valueType);
    this.#floatKeys = this.keyType?.kind === 'builtin' && this.keyType.type === VariantType.FLOAT;
    if (entries) {
      const pairs = Symbol.iterator in entries ? (entries as Iterable<readonly [K, V]>) : Object.entries(entries);
      for (const [key, value] of pairs) this.set(key as K, value);
    }
  }

  /** Whether the Dictionary has a key or value type. */
  isTyped(): boolean {
    return this.keyType !== null || this.valueType !== null;
  }

  get size(): number {
    return this.#keys.length;
  }

  get(key: K): V | undefined {
    const at = this.#find(variantKey(key, this.#floatKeys));
    return at === -1 ? undefined : this.#values[at];
  }

  has(key: K): boolean {
    return this.#find(variantKey(key, this.#floatKeys)) !== -1;
  }

  set(key: K, value: V): this {
    const canon = variantKey(key, this.#floatKeys);
    const at = this.#find(canon);
    if (at !== -1) {
      this.#values[at] = value;
    } else {
      this.#index?.set(canon, this.#keys.length);
      this.#keys.push(key);
      this.#values.push(value);
      this.#canon.push(canon);
    }
    return this;
  }

  delete(key: K): boolean {
    const at = this.#find(variantKey(key, this.#floatKeys));
    if (at === -1) return false;
    this.#keys.splice(at, 1);
    this.#values.splice(at, 1);
    this.#canon.splice(at, 1);
    this.#index = null;
    return true;
  }

  clear(): void {
    this.#keys.length = 0;
    this.#values.length = 0;
    this.#canon.length = 0;
    this.#index = null;
  }

  keys(): IterableIterator<K> {
    return this.#keys.values();
  }

  values(): IterableIterator<V> {
    return this.#values.values();
  }

  *entries(): IterableIterator<[K, V]> {
    for (let i = 0; i < this.#keys.length; i++) yield [this.#keys[i] as K, this.#values[i] as V];
  }

  [Symbol.iterator](): IterableIterator<[K, V]> {
    return this.entries();
  }

  [DICTIONARY_ENTRIES](): IterableIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, dictionary: this) => void): void {
    for (let i = 0; i < this.#keys.length; i++) callback(this.#values[i] as V, this.#keys[i] as K, this);
  }

  /**
   * A plain object copy, for Dictionaries whose keys are Strings or StringNames (others throw),
   * e.g. to print or to pass to JSON.
   */
  toObject(): Record<string, V> {
    const out: Record<string, V> = {};
    for (let i = 0; i < this.#keys.length; i++) {
      const key: unknown = this.#keys[i];
      if (typeof key !== 'string' && !(key instanceof StringName)) {
        throw new TypeError(`Dictionary key ${String(key)} is not a String`);
      }
      out[String(key)] = this.#values[i] as V;
    }
    return out;
  }

  toString(): string {
    return `{ ${Array.from(this.entries(), ([k, v]) => `${String(k)}: ${String(v)}`).join(', ')} }`;
  }

  static {
    adopt = (dict, keys, values, canon) => {
      dict.#keys = keys;
      dict.#values = values;
      dict.#canon = canon;
    };
  }

  #find(canon: KeyPrimitive): number {
    const canonKeys = this.#canon;
    if (canonKeys.length <= LINEAR_SEARCH_MAX) {
      for (let i = 0; i < canonKeys.length; i++) if (canonKeys[i] === canon) return i;
      return -1;
    }
    if (this.#index === null) {
      this.#index = new Map();
      for (let i = 0; i < canonKeys.length; i++) this.#index.set(canonKeys[i] as KeyPrimitive, i);
    }
    return this.#index.get(canon) ?? -1;
  }
}

/**
 * For the decoder: a Dictionary over entries it already de-duplicated (`canon[i]` is
 * `variantKey(keys[i], float key type)` and all differ). The arrays are taken, not copied.
 */
export function dictionaryFromEntries(
  keys: Variant[],
  values: Variant[],
  canon: KeyPrimitive[],
  types: { keyType: ContainerType | null; valueType: ContainerType | null },
): Dictionary {
  const dict = new Dictionary(null, types);
  adopt(dict, keys, values, canon);
  return dict;
}

function normalize(type: ContainerType | VariantType | null | undefined): ContainerType | null {
  if (type === undefined || type === null) return null;
  if (typeof type === 'number') return type === VariantType.NIL ? null : builtin(type);
  return type.kind === 'builtin' && type.type === VariantType.NIL ? null : type;
}
