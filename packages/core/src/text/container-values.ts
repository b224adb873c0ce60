/**
 * Values inside typed containers (`Array[float]`, `Dictionary[String, int]`): how they are held
 * when written (`coerce`, the writer's view) and how they are converted when read (`convert`,
 * Godot's `Array::assign`), shared by the text and JSON forms.
 */
import type { ContainerType } from '../variant/container-type.js';
import { typeOfValue } from '../variant/type-of.js';
import { NodePath } from '../variant/node-path.js';
import { Float, Int } from '../variant/numbers.js';
import { StringName } from '../variant/string-name.js';
import type { Variant } from '../variant/value.js';
import { VariantType, variantTypeName } from '../variant/variant-type.js';
import { int64, intValue, type Num } from './godot-number.js';

const T = VariantType;

/** An element of a typed container as the container holds it (an int in `Array[float]` is a float). */
export function coerce(value: unknown, type: ContainerType | null): unknown {
  if (type === null || type.kind !== 'builtin') return value;
  switch (type.type) {
    case T.FLOAT:
      if (typeof value === 'number') return new Float(value);
      if (typeof value === 'bigint') return new Float(Number(value));
      return value instanceof Int ? new Float(Number(value.value)) : value;
    case T.STRING_NAME:
      return typeof value === 'string' ? new StringName(value) : value;
    case T.STRING:
      return value instanceof StringName ? value.value : value;
    default:
      return value;
  }
}

/** What `convert` returns for a value the container cannot take. */
export const MISMATCH: unique symbol = Symbol('mismatch');

/**
 * A value put into a typed container, converted as Godot's `Array::assign` converts it (an int
 * into `Array[float]` becomes a float, a float into `Array[int]` is truncated, a String into
 * `Array[StringName]` a StringName), or `MISMATCH`. Godot drops (or keeps, unconverted) what it
 * cannot convert, logging an error; our readers fail instead.
 */
export function convert(value: Variant, type: ContainerType | null): Variant | typeof MISMATCH {
  if (type === null) return value;
  const actual = typeOfValue(value);
  if (type.kind !== 'builtin') return actual === T.NIL || actual === T.OBJECT ? value : MISMATCH;
  if (actual === type.type) return value;
  const n = value instanceof Float ? value.value : value;
  switch (type.type) {
    case T.FLOAT:
      if (actual === T.INT) return new Float(Number(n as Num));
      if (actual === T.BOOL) return new Float(n ? 1 : 0);
      break;
    case T.INT:
      if (actual === T.FLOAT) return intValue(int64(n as number));
      if (actual === T.BOOL) return n ? 1 : 0;
      break;
    case T.BOOL:
      if (actual === T.INT || actual === T.FLOAT) return Number(n) !== 0;
      break;
    case T.STRING:
      if (value instanceof StringName) return value.value;
      if (value instanceof NodePath) return String(value);
      break;
    case T.STRING_NAME:
      if (typeof value === 'string') return new StringName(value);
      break;
    case T.NODE_PATH:
      if (typeof value === 'string') return new NodePath(value);
      break;
  }
  return MISMATCH;
}

/** Godot's wording for a value a typed container refused. */
export function mismatchMessage(value: Variant, type: ContainerType, what: string): string {
  const actual = typeOfValue(value);
  const expected = type.kind === 'builtin' ? variantTypeName(type.type) : type.kind === 'class' ? type.className : type.path;
  return `Unable to convert ${what} from "${variantTypeName(actual ?? T.NIL)}" to "${expected}"`;
}
