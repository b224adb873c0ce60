/**
 * Godot 4.5+ prints floats with Grisu2 (Florian Loitsch, PLDI 2010; `thirdparty/grisu2` in
 * Godot, adapted from nlohmann/json): the digits round-trip, and are the shortest in all but a
 * few cases, where Grisu2 keeps a digit more than the true shortest. JavaScript's own shortest
 * digits (`String(x)`) would differ from Godot exactly there, so this is Grisu2 itself, written
 * from the paper. For a 32-bit float Godot computes the boundaries in single precision, which
 * gives the short float digits (`0.1` rather than `0.10000000149011612`).
 */

const U64 = (1n << 64n) - 1n;

interface DiyFp {
  f: bigint;
  e: number;
}

const ALPHA = -60;
const MIN_CACHED_EXPONENT = -300;
const CACHED_STEP = 8;

/** The normalized 64-bit approximation `f * 2^e` of `10^k`, rounded to nearest. */
function cachedPower(k: number): DiyFp {
  if (k >= 0) {
    const n = 10n ** BigInt(k);
    const length = n.toString(2).length;
    if (length <= 64) return { f: n << BigInt(64 - length), e: length - 64 };
    let shift = length - 64;
    let f = (n + (1n << BigInt(shift - 1))) >> BigInt(shift);
    if (f > U64) {
      f >>= 1n;
      shift += 1;
    }
    return { f, e: shift };
  }
  const d = 10n ** BigInt(-k);
  const shift = d.toString(2).length + 63;
  const f = ((1n << BigInt(shift + 1)) + d) / (2n * d);
  return { f, e: -shift };
}

/** Powers 10^-300, 10^-292, … 10^324: the table Grisu2 picks its scaling factor from. */
const CACHED_POWERS: readonly DiyFp[] = Array.from({ length: 79 }, (_, i) => cachedPower(MIN_CACHED_EXPONENT + i * CACHED_STEP));

/** For tests: the cached power for decimal exponent `k` (a multiple of 8 from -300 to 324). */
export function grisuCachedPower(k: number): { f: bigint; e: number } {
  return { ...(CACHED_POWERS[(k - MIN_CACHED_EXPONENT) / CACHED_STEP] as DiyFp) };
}

function multiply(x: DiyFp, y: DiyFp): DiyFp {
  // The upper 64 bits of the 128-bit product, rounded half up.
  return { f: (x.f * y.f + (1n << 63n)) >> 64n, e: x.e + y.e + 64 };
}

function normalize(x: DiyFp): DiyFp {
  const shift = 64 - x.f.toString(2).length;
  return { f: x.f << BigInt(shift), e: x.e - shift };
}

const bits = new DataView(new ArrayBuffer(8));

/** The value and its rounding boundaries m- and m+, as Grisu2 needs them. */
function boundaries(value: number, single: boolean): { w: DiyFp; minus: DiyFp; plus: DiyFp } {
  let exponentBits: number;
  let fraction: bigint;
  let precision: number;
  let bias: number;
  if (single) {
    bits.setFloat32(0, value);
    const raw = bits.getUint32(0);
    exponentBits = raw >>> 23;
    fraction = BigInt(raw & 0x7fffff);
    precision = 24;
    bias = 127 + 23;
  } else {
    bits.setFloat64(0, value);
    const raw = bits.getBigUint64(0);
    exponentBits = Number(raw >> 52n);
    fraction = raw & ((1n << 52n) - 1n);
    precision = 53;
    bias = 1023 + 52;
  }
  const hidden = 1n << BigInt(precision - 1);
  const v: DiyFp = exponentBits === 0 ? { f: fraction, e: 1 - bias } : { f: fraction + hidden, e: exponentBits - bias };
  const lowerIsCloser = fraction === 0n && exponentBits > 1;
  const mPlus: DiyFp = { f: 2n * v.f + 1n, e: v.e - 1 };
  const mMinus: DiyFp = lowerIsCloser ? { f: 4n * v.f - 1n, e: v.e - 2 } : { f: 2n * v.f - 1n, e: v.e - 1 };
  const plus = normalize(mPlus);
  const minus = { f: mMinus.f << BigInt(mMinus.e - plus.e), e: plus.e };
  return { w: normalize(v), minus, plus };
}

function cachedPowerFor(e: number): { power: DiyFp; k: number } {
  const f = ALPHA - e - 1;
  // ceil(f * log10(2)), the way the reference computes it (truncating division).
  const k = Math.trunc((f * 78913) / 2 ** 18) + (f > 0 ? 1 : 0);
  const index = Math.trunc((-MIN_CACHED_EXPONENT + k + (CACHED_STEP - 1)) / CACHED_STEP);
  return { power: CACHED_POWERS[index] as DiyFp, k: MIN_CACHED_EXPONENT + index * CACHED_STEP };
}

/**
 * Grisu2's digits of a positive finite non-zero value: `value ≈ digits × 10^exponent`.
 * `single` takes the value as a 32-bit float (it must be one).
 */
export function grisu2(value: number, single: boolean): { digits: string; exponent: number } {
  const { w: v, minus: mMinus, plus: mPlus } = boundaries(value, single);
  const { power, k } = cachedPowerFor(mPlus.e);
  const w = multiply(v, power);
  const wMinus = multiply(mMinus, power);
  const wPlus = multiply(mPlus, power);
  // Widen by one unit each side: any number strictly inside still reads back as the value.
  const lower: DiyFp = { f: wMinus.f + 1n, e: wMinus.e };
  const upper: DiyFp = { f: wPlus.f - 1n, e: wPlus.e };
  const out = { digits: [] as number[], exponent: -k };
  generateDigits(out, lower, w, upper);
  return { digits: out.digits.join(''), exponent: out.exponent };
}

function generateDigits(out: { digits: number[]; exponent: number }, mMinus: DiyFp, w: DiyFp, mPlus: DiyFp): void {
  let delta = mPlus.f - mMinus.f;
  let dist = mPlus.f - w.f;
  const shift = BigInt(-mPlus.e);
  const one = 1n << shift;
  let p1 = Number(mPlus.f >> shift);
  let p2 = mPlus.f & (one - 1n);

  let pow10 = 1;
  let n = 1;
  while (pow10 * 10 <= p1) {
    pow10 *= 10;
    n++;
  }
  while (n > 0) {
    const d = Math.floor(p1 / pow10);
    p1 %= pow10;
    out.digits.push(d);
    n--;
    const rest = (BigInt(p1) << shift) + p2;
    if (rest <= delta) {
      out.exponent += n;
      round(out.digits, dist, delta, rest, BigInt(pow10) << shift);
      return;
    }
    pow10 /= 10;
  }
  let m = 0;
  for (;;) {
    p2 *= 10n;
    out.digits.push(Number(p2 >> shift));
    p2 &= one - 1n;
    m++;
    delta *= 10n;
    dist *= 10n;
    if (p2 <= delta) break;
  }
  out.exponent -= m;
  round(out.digits, dist, delta, p2, one);
}

/** Moves the last digit down while that brings the result closer to the exact value. */
function round(digits: number[], dist: bigint, delta: bigint, rest: bigint, tenK: bigint): void {
  const last = digits.length - 1;
  while (rest < dist && delta - rest >= tenK && (rest + tenK < dist || dist - rest > rest + tenK - dist)) {
    digits[last] = (digits[last] as number) - 1;
    rest += tenK;
  }
}
