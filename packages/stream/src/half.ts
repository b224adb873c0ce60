/**
 * Half-precision floats as Godot 4 writes and reads them (`put_half`/`get_half`, which use
 * `Math::make_half_float` and `Math::half_to_float`).
 *
 * Writing is not IEEE rounding. The value is first narrowed to a 32-bit float (rounded to
 * nearest: `put_half` takes a C++ `float`), then its low 13 mantissa bits are dropped
 * (truncation toward zero); magnitudes of 65536 and above become ±inf, NaN becomes 0x7FFF
 * (sign kept), and everything below half's smallest normal number (2^-14, subnormals included)
 * becomes +0, even a negative one. Reading is exact IEEE binary16 (subnormals included).
 */
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Float32 exponent bits of 2^16, the first magnitude half cannot hold (Godot then writes inf). */
const OVERFLOW = 0x47800000;
/** Float32 exponent bits of 2^-15: at or below it Godot writes +0. */
const UNDERFLOW = 0x38000000;
const FLOAT_EXPONENT = 0x7f800000;
const FLOAT_MANTISSA = 0x7fffff;

/** The 16 bits Godot's `put_half(value)` writes. */
export function halfBits(value: number): number {
  f32[0] = value;
  const bits = u32[0] as number;
  const sign = (bits >>> 16) & 0x8000;
  const exponent = bits & FLOAT_EXPONENT;
  const mantissa = bits & FLOAT_MANTISSA;
  if (exponent >= OVERFLOW) return sign | 0x7c00 | (exponent === FLOAT_EXPONENT && mantissa !== 0 ? 0x3ff : 0);
  if (exponent <= UNDERFLOW) return 0;
  return sign | ((exponent - UNDERFLOW) >>> 13) | (mantissa >>> 13);
}

/** The value of 16 half-precision bits (`get_half`). */
export function halfValue(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : NaN;
  return sign * (1024 + fraction) * 2 ** (exponent - 25);
}
