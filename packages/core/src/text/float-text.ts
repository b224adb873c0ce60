/**
 * How Godot turns floats into text, per engine version. Each function names the C++ routine it
 * stands for; the behaviours were read from Godot's source and checked against Godot 4.6 and
 * 3.2.3 (see `test/interop/text-*.test.ts` in @pp/interop).
 */
import { formatFixed, formatGeneral } from './exact-decimal.js';
import { grisu2 } from './grisu2.js';

/** Godot 4 `String::num_scientific` (Grisu2; fixed notation from 1e-4 up to 1e15). */
export function numScientific(x: number, single = false): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (x === 0) return `${sign}0`;
  const { digits, exponent } = grisu2(Math.abs(x), single);
  return sign + placeDecimalPoint(digits, exponent);
}

/** Grisu2's `format_buffer` with Godot's limits (`%g`-like, but all digits kept). */
function placeDecimalPoint(digits: string, exponent: number): string {
  const k = digits.length;
  const n = k + exponent;
  const maxExp = 15;
  if (k <= n && n <= maxExp) return digits + '0'.repeat(n - k);
  if (n > 0 && n <= maxExp) return `${digits.slice(0, n)}.${digits.slice(n)}`;
  if (n > -4 && n <= 0) return `0.${'0'.repeat(-n)}${digits}`;
  const mantissa = k === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
  const e = n - 1;
  return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/**
 * Godot 4 `rtos_fix` in `var_to_str`'s compatibility mode: `0` for ±0, `inf_neg` for -inf, and
 * the short 32-bit digits when the value is a 32-bit float.
 */
export function rtosFix4(x: number): string {
  if (x === 0) return '0';
  if (x === -Infinity) return 'inf_neg';
  return numScientific(x, Math.fround(x) === x);
}

/** A Godot 4 FLOAT in `var_to_str`: `rtos_fix`, with `.0` on whole numbers. */
export function floatText4(x: number): string {
  const s = rtosFix4(x);
  if (s === 'inf' || s === 'inf_neg' || s === 'nan' || /[.eE]/.test(s)) return s;
  return `${s}.0`;
}

/**
 * Godot 3 `rtosfix`: `String::num_scientific`, which is C's `%lg` (6 significant digits), after
 * `0` for ±0 and before that `nan`/`inf`/`-inf`.
 */
export function rtosFix3(x: number): string {
  if (x === 0) return '0';
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return formatGeneral(x, 6);
}

/**
 * A Godot 3 REAL in `var2str`: the value as a 32-bit `real_t`, `rtosfix`, and `.0` unless the
 * text has a point or an exponent or is `inf`/`nan`. (`-inf` gets one: Godot 3.2.3 writes
 * `-inf.0`, which its own parser reads as the int 0.)
 */
export function floatText3(x: number): string {
  const s = rtosFix3(Math.fround(x));
  if (s === 'inf' || s === 'nan' || s.includes('.') || s.includes('e')) return s;
  return `${s}.0`;
}

/**
 * Godot 4 `String::num_real(x, true)`, which `String(float)` uses (and so JSON's `"f:…"`): 14
 * decimals aligned to the magnitude, trailing zeros dropped but one kept after the point.
 */
export function numReal(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  const whole = int64Saturated(x);
  if (x === whole) return `${whole >= 2 ** 63 ? 2n ** 63n - 1n : BigInt(whole)}.0`;
  let decimals = 14;
  if (Math.abs(x) > 10) decimals -= Math.floor(Math.log10(Math.abs(x)));
  return num(x, decimals);
}

/** `(double)(int64_t)x` in the web build, whose conversions saturate. */
function int64Saturated(x: number): number {
  const t = Math.trunc(x);
  if (t >= 2 ** 63) return 2 ** 63;
  if (t < -(2 ** 63)) return -(2 ** 63);
  return t;
}

const MAX_DECIMALS = 32;

/** Godot 4 `String::num(x, decimals)`: `%.{decimals}lf` with the trailing zeros dropped. */
export function num(x: number, decimals: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  let d = decimals;
  if (d < 0) {
    d = 14;
    if (Math.abs(x) > 10) d -= Math.floor(Math.log10(Math.abs(x)));
  }
  if (d > MAX_DECIMALS) d = MAX_DECIMALS;
  // A negative count of decimals falls back to plain "%lf" (6 decimals).
  const text = formatFixed(x, d < 0 ? 6 : d);
  if (!text.includes('.')) return text;
  const trimmed = text.replace(/0+$/, '');
  return trimmed.endsWith('.') ? `${trimmed}0` : trimmed;
}
