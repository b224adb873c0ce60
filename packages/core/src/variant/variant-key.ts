/**
 * Godot 4's Dictionary key equality, reduced to a JavaScript primitive so that keys can live in a
 * `Map` or be compared with `===`:
 * - INT and FLOAT never collide (`1` and `1.0` are two keys); `0.0` and `-0.0` are one key; NaN is
 *   a usable key;
 * - a String and a StringName with the same text are one key;
 * - every other value compares by content (Vectors, Arrays, Dictionaries…).
 * Strings (the common case) are their own key.
 */
import { Float, Int } from './numbers.js';
import { StringName } from './string-name.js';

export type KeyPrimitive = string | number | bigint | boolean | null;

/** Lets `Dictionary` take part in structural keys without an import cycle. */
export const DICTIONARY_ENTRIES: unique symbol = Symbol.for('@pp/core.dictionary-entries');

interface DictionaryLike {
  [DICTIONARY_ENTRIES](): Iterable<readonly [unknown, unknown]>;
}

/**
 * The key primitive for `value`. With `floatHint` (a `Dictionary[float, …]`), plain numbers are
 * taken as FLOAT, the way Godot's typed Dictionary converts int keys.
 */
export function variantKey(value: unknown, floatHint = false): KeyPrimitive {
  switch (typeof value) {
    case 'string':
      return value.charCodeAt(0) === 0 ? `\0s${value}` : value;
    case 'number':
      return !floatHint && isIntNumber(value) ? value : floatKey(value);
    case 'bigint':
      return floatHint ? floatKey(Number(value)) : normalizeBigInt(value);
    case 'boolean':
      return value;
    case 'object':
      if (value === null) return null;
      if (value instanceof StringName) return variantKey(value.value);
      if (value instanceof Float) return floatKey(value.value);
      if (value instanceof Int) return floatHint ? floatKey(Number(value.value)) : normalizeBigInt(value.value);
      return `\0${JSON.stringify(keyTree(value))}`;
    default:
      return `\0?${String(value)}`;
  }
}

/** Whether a plain number is a Godot INT under the default mapping. */
export function isIntNumber(value: number): boolean {
  return Number.isInteger(value) && !Object.is(value, -0) && Math.abs(value) <= 2 ** 63;
}

function floatKey(value: number): string {
  return `\0f${value === 0 ? 0 : value}`;
}

function normalizeBigInt(value: bigint): number | bigint {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
}

type KeyTree = null | boolean | string | KeyTree[];

/** A Variant in a container: type-strict, like Godot's `hash_compare`. */
function keyTree(value: unknown): KeyTree {
  if (value !== null && typeof value === 'object' && !(value instanceof StringName || value instanceof Float || value instanceof Int)) {
    return structure(value);
  }
  return [typeof value, String(variantKey(value))];
}

/** A field of a value type (Vector2.x, NodePath.names…): its type is fixed by the field. */
function fieldTree(value: unknown): KeyTree {
  if (typeof value === 'number') return ['r', String(value === 0 ? 0 : value)];
  if (typeof value === 'bigint') return ['b', String(value)];
  return keyTree(value);
}

function structure(value: object): KeyTree {
  if (Array.isArray(value)) {
    const tag = 'elementType' in value ? `A${JSON.stringify(value.elementType)}` : 'A';
    return [tag, ...value.map(keyTree)];
  }
  if (ArrayBuffer.isView(value)) {
    const items = Array.from(value as unknown as ArrayLike<number | bigint>, (item) => String(item === 0 ? 0 : item));
    return [value.constructor.name, ...items];
  }
  if (DICTIONARY_ENTRIES in value) {
    const entries = (value as DictionaryLike)[DICTIONARY_ENTRIES]();
    return ['D', ...Array.from(entries, ([k, v]) => [keyTree(k), keyTree(v)] as KeyTree)];
  }
  if (isPlainObject(value)) {
    return ['D', ...Object.entries(value).map(([k, v]) => [keyTree(k), keyTree(v)] as KeyTree)];
  }
  if (value instanceof Map) {
    return ['D', ...Array.from(value, ([k, v]) => [keyTree(k), keyTree(v)] as KeyTree)];
  }
  const name = (value.constructor as { name?: string } | undefined)?.name ?? 'Object';
  return [name, ...Object.entries(value).map(([k, v]) => [k, fieldTree(v)] as KeyTree)];
}

/** An object literal (or `Object.create(null)`), which the encoder takes as a Dictionary. */
export function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
