/**
 * The scalar functions behind the math types' methods, with Godot's definitions
 * (`core/math/math_funcs.h`): its epsilons, its rounding (half away from zero, not JavaScript's
 * half up), its `snapped` and its approximate comparison.
 */

/** Godot's `CMP_EPSILON`. */
export const CMP_EPSILON = 0.00001;

/** Godot's `UNIT_EPSILON` (`is_normalized`). */
export const UNIT_EPSILON = 0.001;

/** `Math::is_equal_approx`: equal, or closer than `CMP_EPSILON` relative to `a` (at least `CMP_EPSILON`). */
export function isEqualApprox(a: number, b: number, tolerance?: number): boolean {
  // Exact equality first, so that infinities compare equal.
  if (a === b) return true;
  const t = tolerance ?? Math.max(CMP_EPSILON * Math.abs(a), CMP_EPSILON);
  return Math.abs(a - b) < t;
}

export function isZeroApprox(a: number): boolean {
  return Math.abs(a) < CMP_EPSILON;
}

/** `Math::round`: half away from zero (`Math.round(-2.5)` is -2; Godot's is -3). */
export function round(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** `SIGN`: 1, -1 or 0. */
export function sign(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : 0;
}

/** `Math::snapped`: the nearest multiple of `step` (unchanged for a zero step). */
export function snapped(value: number, step: number): number {
  return step !== 0 ? Math.floor(value / step + 0.5) * step : value;
}

/** `CLAMP`. */
export function clamp(value: number, min: number, max: number): number {
  return value < min ? min : value > max ? max : value;
}

export function lerp(from: number, to: number, weight: number): number {
  return from + (to - from) * weight;
}

/** An int32 result, wrapped like Godot's `int32_t` components. */
export function int32(value: number): number {
  return value | 0;
}

/** Integer division truncated toward zero, like C++; a zero divisor is an error, as in GDScript. */
export function intDivide(a: number, b: number): number {
  if (b === 0) throw new RangeError('Division by zero');
  return Math.trunc(a / b) | 0;
}

/** C++'s `%` on ints: the sign of the dividend; a zero divisor is an error. */
export function intModulo(a: number, b: number): number {
  if (b === 0) throw new RangeError('Modulo by zero');
  return a % b | 0;
}

/** `Math::snapped` on an int, as Vector2i and Vector3i use it. */
export function snappedInt(value: number, step: number): number {
  return step !== 0 ? int32(Math.floor(value / step + 0.5) * step) : value;
}

/** `MIN`: `a < b ? a : b` (differs from `Math.min` for NaN and the sign of zero). */
export function min(a: number, b: number): number {
  return a < b ? a : b;
}

/** `MAX`: `a > b ? a : b`. */
export function max(a: number, b: number): number {
  return a > b ? a : b;
}
