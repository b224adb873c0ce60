/**
 * The order `var_to_str` writes Dictionary keys in: Godot sorts them with `Variant::operator<`
 * (Godot 4: through `StringLikeVariantOrder`, which compares a String and a StringName by text).
 * Values of different types order by type id (Godot 3 ids in Godot 3); within a type only some
 * types have an order, the others compare as equal and keep their place (see `godot-sort.ts`).
 */
import { typeOfValue } from '../variant/type-of.js';
import { formatRules } from '../variant/format.js';
import { Float, Int } from '../variant/numbers.js';
import type { RID } from '../variant/objects.js';
import { StringName } from '../variant/string-name.js';
import { VariantType } from '../variant/variant-type.js';
import { godotSort } from './godot-sort.js';

const T = VariantType;
const GODOT3_IDS = formatRules('godot3').toWire;

type Less = (a: unknown, b: unknown) => boolean;

/** Entries sorted by key the way Godot 4 (`godot3`: Godot 3) sorts them for `var_to_str`. */
export function sortByKey<E extends readonly [unknown, unknown]>(entries: E[], godot3: boolean): E[] {
  const less = godot3 ? less3 : stringLikeLess;
  return godotSort(entries, (a, b) => less(a[0], b[0]));
}

function typeId(value: unknown, godot3: boolean): number {
  const type = typeOfValue(value) ?? T.NIL;
  return godot3 ? (GODOT3_IDS[type] as number) : type;
}

/** Godot's `String::operator<`: by code point (not by UTF-16 unit, as JavaScript's `<` is). */
export function codePointLess(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x < y;
    if (x > 0xffff) i++;
  }
  return a.length < b.length;
}

function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return value instanceof StringName ? value.value : undefined;
}

function stringLikeLess(a: unknown, b: unknown): boolean {
  const x = stringOf(a);
  const y = stringOf(b);
  if (x !== undefined && y !== undefined) return codePointLess(x, y);
  return less4(a, b);
}

function intOf(value: unknown): bigint {
  if (value instanceof Int) return value.value;
  if (typeof value === 'bigint') return value;
  return BigInt(value as number);
}

function floatOf(value: unknown): number {
  return value instanceof Float ? value.value : (value as number);
}

function vectorLess(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < a.length - 1; i++) if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number);
  return (a[a.length - 1] as number) < (b[b.length - 1] as number);
}

type Components = { x: number; y: number; z?: number; w?: number };
const components = (v: Components, n: number, real: boolean): number[] =>
  [v.x, v.y, v.z, v.w].slice(0, n).map((c) => (real ? Math.fround(c as number) : (c as number) | 0));

/** bool, int, float and String, ordered alike in Godot 3 and 4; `undefined` for other types. */
function scalarLess(type: VariantType | undefined, a: unknown, b: unknown): boolean | undefined {
  switch (type) {
    case T.BOOL:
      return !a && Boolean(b);
    case T.INT:
      return intOf(a) < intOf(b);
    case T.FLOAT:
      return floatOf(a) < floatOf(b);
    case T.STRING:
    case T.STRING_NAME:
      return codePointLess(stringOf(a) as string, stringOf(b) as string);
    default:
      return undefined;
  }
}

/** Godot 4's `Variant::operator<`. */
const less4: Less = (a, b) => {
  const ta = typeId(a, false);
  const tb = typeId(b, false);
  if (ta !== tb) return ta < tb;
  const scalar = scalarLess(ta as VariantType, a, b);
  if (scalar !== undefined) return scalar;
  switch (ta) {
    case T.VECTOR2:
    case T.VECTOR2I:
      return vectorLess(components(a as Components, 2, ta === T.VECTOR2), components(b as Components, 2, ta === T.VECTOR2));
    case T.VECTOR3:
    case T.VECTOR3I:
      return vectorLess(components(a as Components, 3, ta === T.VECTOR3), components(b as Components, 3, ta === T.VECTOR3));
    case T.VECTOR4:
    case T.VECTOR4I:
      return vectorLess(components(a as Components, 4, ta === T.VECTOR4), components(b as Components, 4, ta === T.VECTOR4));
    case T.RID:
      return BigInt.asUintN(64, (a as RID).id) < BigInt.asUintN(64, (b as RID).id);
    case T.ARRAY: {
      const x = a as readonly unknown[];
      const y = b as readonly unknown[];
      const n = Math.min(x.length, y.length);
      for (let i = 0; i < n; i++) {
        if (less4(x[i], y[i])) return true;
        if (less4(y[i], x[i])) return false;
      }
      return x.length < y.length;
    }
    default:
      return false;
  }
};

const f32 = (data: ArrayLike<number>): Float32Array => Float32Array.from(data);

/**
 * Godot 3.2's Pool*Array "less": shorter first, otherwise "less" whenever an element (`width`
 * numbers) differs. Not an order, but deterministic given the input.
 */
function poolLess(a: ArrayLike<unknown>, b: ArrayLike<unknown>, width: number): boolean {
  const n = Math.floor(a.length / width);
  const m = Math.floor(b.length / width);
  if (n < m) return true;
  for (let i = 0; i < n * width; i++) {
    // Past b's end Godot reads whatever follows it in memory: take that as different.
    if (i >= m * width || a[i] !== b[i]) return true;
  }
  return false;
}

/** Godot 3's `Variant::operator<`, including its odd Array and Pool*Array comparisons. */
const less3: Less = (a, b) => {
  const ta = typeId(a, true);
  const tb = typeId(b, true);
  if (ta !== tb) return ta < tb;
  const type = typeOfValue(a);
  const scalar = scalarLess(type, a, b);
  if (scalar !== undefined) return scalar;
  switch (type) {
    case T.VECTOR2:
      return vectorLess(components(a as Components, 2, true), components(b as Components, 2, true));
    case T.VECTOR3:
      return vectorLess(components(a as Components, 3, true), components(b as Components, 3, true));
    case T.ARRAY: {
      // Godot 3.2: "less" when any element is not less (so [1] < [1]); kept as Godot has it.
      const x = a as readonly unknown[];
      const y = b as readonly unknown[];
      if (y.length < x.length) return false;
      for (let i = 0; i < x.length; i++) if (!less3(x[i], y[i])) return true;
      return false;
    }
    case T.PACKED_BYTE_ARRAY:
    case T.PACKED_INT32_ARRAY:
    case T.PACKED_FLOAT32_ARRAY:
    case T.PACKED_STRING_ARRAY:
      return poolLess(a as ArrayLike<unknown>, b as ArrayLike<unknown>, 1);
    case T.PACKED_VECTOR3_ARRAY:
    case T.PACKED_COLOR_ARRAY:
      return poolLess(f32((a as { data: ArrayLike<number> }).data), f32((b as { data: ArrayLike<number> }).data), (a as { data: unknown }).data instanceof Float32Array ? 4 : 3);
    case T.PACKED_VECTOR2_ARRAY:
      // Godot 3.2 compares PoolVector2Arrays as if they held Vector3s (its macro names the wrong type).
      return poolLess(f32((a as { data: ArrayLike<number> }).data), f32((b as { data: ArrayLike<number> }).data), 3);
    default:
      return false;
  }
};
