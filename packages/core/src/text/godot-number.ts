/**
 * How Godot's text parser turns number tokens into values. These are not JavaScript's
 * `Number()`: Godot's `String::to_float` is the classic Tcl `strtod` (at most 18 mantissa digits,
 * scaled by multiplying powers of ten in doubles), which can be one unit off in the last place,
 * turns anything below about 1e-308 into 0, and caps exponents at 511; `String::to_int` wraps on
 * the last digit and clamps before it. Reading Godot's text the way Godot does means reading it
 * with these.
 */

import { Float } from '../variant/numbers.js';

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
const MAX_EXPONENT = 511;
const POWERS_OF_10 = [10, 100, 1e4, 1e8, 1e16, 1e32, 1e64, 1e128, 1e256];

const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Godot's `String::to_float` (`built_in_strtod`) of `text`. */
export function godotStringToFloat(text: string): number {
  let p = 0;
  while (text[p] === ' ' || text[p] === '\t' || text[p] === '\n') p++;
  let negative = false;
  if (text[p] === '-') {
    negative = true;
    p++;
  } else if (text[p] === '+') {
    p++;
  }
  let decimalPoint = -1;
  let mantissaSize = 0;
  const start = p;
  for (;; mantissaSize++) {
    const c = text.charCodeAt(p);
    if (!isDigit(c)) {
      if (c !== 46 || decimalPoint >= 0) break;
      decimalPoint = mantissaSize;
    }
    p++;
  }
  const exponentAt = p;
  if (decimalPoint < 0) decimalPoint = mantissaSize;
  else mantissaSize -= 1;
  let fractionExponent: number;
  if (mantissaSize > 18) {
    fractionExponent = decimalPoint - 18;
    mantissaSize = 18;
  } else {
    fractionExponent = decimalPoint - mantissaSize;
  }
  if (mantissaSize === 0) return negative ? -0 : 0;

  let q = start;
  const nextDigit = (): number => {
    if (text[q] === '.') q++;
    return text.charCodeAt(q++) - 48;
  };
  let frac1 = 0;
  for (; mantissaSize > 9; mantissaSize--) frac1 = 10 * frac1 + nextDigit();
  let frac2 = 0;
  for (; mantissaSize > 0; mantissaSize--) frac2 = 10 * frac2 + nextDigit();
  let fraction = 1.0e9 * frac1 + frac2;

  let exponent = 0;
  let exponentNegative = false;
  p = exponentAt;
  if (text[p] === 'e' || text[p] === 'E') {
    p++;
    if (text[p] === '-') {
      exponentNegative = true;
      p++;
    } else if (text[p] === '+') {
      p++;
    }
    if (isDigit(text.charCodeAt(p))) {
      // C int arithmetic: wraps like the engine's on absurd exponents.
      while (isDigit(text.charCodeAt(p))) exponent = (exponent * 10 + (text.charCodeAt(p++) - 48)) | 0;
    }
  }
  exponent = exponentNegative ? fractionExponent - exponent : fractionExponent + exponent;
  let scaleDown = false;
  if (exponent < 0) {
    scaleDown = true;
    exponent = -exponent;
  }
  if (exponent > MAX_EXPONENT) exponent = MAX_EXPONENT;
  let scale = 1.0;
  for (let i = 0; exponent !== 0; exponent >>= 1, i++) {
    if (exponent & 1) scale *= POWERS_OF_10[i] as number;
  }
  fraction = scaleDown ? fraction / scale : fraction * scale;
  return negative ? -fraction : fraction;
}

/**
 * Godot 4's `String::to_int` of a number token (`-`? digits): clamps to the int64 range with an
 * error when one more digit cannot fit, and wraps when the last digit overflows.
 */
export function godotStringToInt(text: string): { value: bigint; clamped: boolean } {
  let i = 0;
  let sign = 1n;
  if (text[0] === '-') {
    sign = -1n;
    i = 1;
  } else if (text[0] === '+') {
    i = 1;
  }
  let integer = 0n;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isDigit(c)) break;
    if (integer > INT64_MAX / 10n) return { value: sign === 1n ? INT64_MAX : INT64_MIN, clamped: true };
    integer = BigInt.asIntN(64, integer * 10n + BigInt(c - 48));
  }
  return { value: BigInt.asIntN(64, sign * integer), clamped: false };
}

/**
 * A float token read exactly (correctly rounded), with Godot's leniency kept: an exponent with
 * no digits (`1e`, `1e+`) is ignored.
 */
export function exactStringToFloat(text: string): number {
  const match = /^[-+]?\d*\.?\d*(?:[eE][-+]?\d+)?/.exec(text);
  const number = Number(match?.[0] ?? '');
  return Number.isNaN(number) ? 0 : number;
}

/** A number token's value: an int64 (`bigint`) or a double. */
export type Num = bigint | number;

/** An int as the codec returns it: a `number` when safe, else a `bigint`. */
export function intValue(value: bigint): number | bigint {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
}

/** A float as the codec returns it: `Float` when integral (the float marker), else a `number`. */
export function floatValue(x: number): number | Float {
  return Number.isInteger(x) || Object.is(x, -0) ? new Float(x) : x;
}

export function saturate(x: number, min: number, max: number): number {
  if (Number.isNaN(x)) return 0;
  return Math.min(max, Math.max(min, Math.trunc(x)));
}

// Godot's C++ conversions of a number token (int64 or double) to each component type. The
// web build's float-to-int conversions saturate.
export const real = (n: Num): number => Math.fround(Number(n));
export const double = (n: Num): number => Number(n);
export const int32 = (n: Num): number => (typeof n === 'bigint' ? Number(BigInt.asIntN(32, n)) : saturate(n, -(2 ** 31), 2 ** 31 - 1));
export const int64 = (n: Num): bigint =>
  typeof n === 'bigint' ? n : n >= 2 ** 63 ? 2n ** 63n - 1n : BigInt(saturate(n, -(2 ** 63), 2 ** 63));
export const byte = (n: Num): number => (typeof n === 'bigint' ? Number(BigInt.asUintN(8, n)) : saturate(n, 0, 2 ** 32 - 1) & 0xff);

