/**
 * C `printf` formatting of doubles (`%.Nf`, `%.Ng`), computed from the exact binary value with
 * round-half-even, as glibc and musl (Godot's desktop and web builds) do. JavaScript's `toFixed`
 * and `toPrecision` round ties away from zero, so `0.125.toFixed(2)` is `0.13` where C prints
 * `0.12`; Godot's text goes through C, so we do too.
 */

const view = new DataView(new ArrayBuffer(8));

/** `|x|` as an exact fraction `numerator / 2^shift` (x finite). */
function exactFraction(x: number): { numerator: bigint; shift: bigint } {
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let e: number;
  if (exponent === 0) {
    e = -1074;
  } else {
    mantissa |= 1n << 52n;
    e = exponent - 1075;
  }
  return e >= 0 ? { numerator: mantissa << BigInt(e), shift: 0n } : { numerator: mantissa, shift: BigInt(-e) };
}

/** `round_half_even(n / d)` for non-negative bigints. */
function divideRoundEven(n: bigint, d: bigint): bigint {
  const q = n / d;
  const twice = 2n * (n - q * d);
  if (twice > d || (twice === d && (q & 1n) === 1n)) return q + 1n;
  return q;
}

/** `|x| * 10^scale` rounded half-even to an integer (scale may be negative). */
function scaledRound(x: number, scale: number): bigint {
  const { numerator, shift } = exactFraction(x);
  let n = numerator;
  let d = 1n << shift;
  if (scale >= 0) n *= 10n ** BigInt(scale);
  else d *= 10n ** BigInt(-scale);
  return divideRoundEven(n, d);
}

/** `printf("%.{decimals}f", x)` for finite x. */
export function formatFixed(x: number, decimals: number): string {
  const digits = scaledRound(x, decimals).toString();
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (decimals === 0) return sign + digits;
  const padded = digits.padStart(decimals + 1, '0');
  return `${sign}${padded.slice(0, -decimals)}.${padded.slice(-decimals)}`;
}

/** The decimal exponent of |x| (x finite, non-zero): floor(log10(|x|)), exactly. */
function decimalExponent(x: number): number {
  const { numerator, shift } = exactFraction(x);
  let e = Math.floor(Math.log10(Math.abs(x)));
  // log10 can be off by one near powers of ten: check 10^e <= |x| < 10^(e+1) exactly.
  const atLeast = (k: number): boolean => (k >= 0 ? numerator >= (10n ** BigInt(k)) << shift : numerator * 10n ** BigInt(-k) >= 1n << shift);
  while (!atLeast(e)) e--;
  while (atLeast(e + 1)) e++;
  return e;
}

/**
 * `printf("%.{precision}g", x)` for finite x: `precision` significant digits, trailing zeros
 * removed, exponent form below 1e-4 and from 10^precision up, with at least two exponent digits.
 */
export function formatGeneral(x: number, precision: number): string {
  const p = Math.max(1, precision);
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  const sign = x < 0 ? '-' : '';
  let exponent = decimalExponent(x);
  let digits = scaledRound(x, p - 1 - exponent);
  if (digits >= 10n ** BigInt(p)) {
    exponent += 1;
    digits = scaledRound(x, p - 1 - exponent);
  }
  const text = digits.toString();
  if (exponent < -4 || exponent >= p) {
    const mantissa = stripZeros(text.length > 1 ? `${text[0]}.${text.slice(1)}` : text);
    const e = Math.abs(exponent).toString().padStart(2, '0');
    return `${sign}${mantissa}e${exponent < 0 ? '-' : '+'}${e}`;
  }
  const decimals = p - 1 - exponent;
  if (decimals <= 0) return sign + text;
  const padded = text.padStart(decimals + 1, '0');
  return sign + stripZeros(`${padded.slice(0, -decimals)}.${padded.slice(-decimals)}`);
}

function stripZeros(text: string): string {
  if (!text.includes('.')) return text;
  return text.replace(/0+$/, '').replace(/\.$/, '');
}
