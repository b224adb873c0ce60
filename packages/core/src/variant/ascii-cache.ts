/**
 * A cache of recently decoded short ASCII strings, found by their bytes. Game-state packets
 * repeat the same Dictionary keys and names in every packet; with the cache they decode without
 * allocating, and repeated keys are the same string instance (cheap to compare).
 */
const SLOTS = 4096;
const lengths = new Int32Array(SLOTS).fill(-1);
const words = new Int32Array(SLOTS * 4);
const strings: string[] = new Array<string>(SLOTS).fill('');

const fromCharCode = String.fromCharCode;

/**
 * The string of `length` (≤ 16) bytes at `offset` if they are all ASCII and non-zero;
 * `undefined` otherwise (the caller then decodes the general way). Reads whole 32-bit words, so
 * the bytes up to the next multiple of 4 must be readable (a Godot string's padding is).
 */
export function shortAscii(bytes: Uint8Array, offset: number, length: number): string | undefined {
  let w0 = 0;
  let w1 = 0;
  let w2 = 0;
  let w3 = 0;
  if (length > 0 && (w0 = word(bytes, offset, length)) === BAD) return undefined;
  if (length > 4 && (w1 = word(bytes, offset + 4, length - 4)) === BAD) return undefined;
  if (length > 8 && (w2 = word(bytes, offset + 8, length - 8)) === BAD) return undefined;
  if (length > 12 && (w3 = word(bytes, offset + 12, length - 12)) === BAD) return undefined;
  const slot = (Math.imul(w0 ^ Math.imul(w1, 0x9e3779b1) ^ Math.imul(w2, 0x85ebca6b) ^ w3, 0x27d4eb2f) ^ length) >>> 20;
  const at = slot * 4;
  if (lengths[slot] === length && words[at] === w0 && words[at + 1] === w1 && words[at + 2] === w2 && words[at + 3] === w3) {
    return strings[slot] as string;
  }
  const value = ascii(bytes, offset, length);
  lengths[slot] = length;
  words[at] = w0;
  words[at + 1] = w1;
  words[at + 2] = w2;
  words[at + 3] = w3;
  strings[slot] = value;
  return value;
}

/** Not a possible word value: words with a byte ≥ 0x80 are rejected before being returned. */
const BAD = -1;

/** The word at `offset` with only its first `n` bytes kept, or BAD if one of them is 0 or ≥ 0x80. */
function word(bytes: Uint8Array, offset: number, n: number): number {
  const raw = (bytes[offset] as number) | ((bytes[offset + 1] as number) << 8) | ((bytes[offset + 2] as number) << 16) | ((bytes[offset + 3] as number) << 24);
  const keep = n >= 4 ? -1 : (1 << (n * 8)) - 1;
  const w = raw & keep;
  if ((w & 0x80808080) !== 0) return BAD;
  // Bytes past `n` count as 0x01 so that only real bytes can be the NUL the test looks for.
  const filled = w | (0x01010101 & ~keep);
  if (((filled - 0x01010101) & ~filled & 0x80808080) !== 0) return BAD;
  return w;
}

function ascii(bytes: Uint8Array, p: number, length: number): string {
  const c = (i: number): number => bytes[p + i] as number;
  switch (length) {
    case 0: return '';
    case 1: return fromCharCode(c(0));
    case 2: return fromCharCode(c(0), c(1));
    case 3: return fromCharCode(c(0), c(1), c(2));
    case 4: return fromCharCode(c(0), c(1), c(2), c(3));
    case 5: return fromCharCode(c(0), c(1), c(2), c(3), c(4));
    case 6: return fromCharCode(c(0), c(1), c(2), c(3), c(4), c(5));
    case 7: return fromCharCode(c(0), c(1), c(2), c(3), c(4), c(5), c(6));
    case 8: return fromCharCode(c(0), c(1), c(2), c(3), c(4), c(5), c(6), c(7));
    default: return ascii(bytes, p, 8) + ascii(bytes, p + 8, length - 8);
  }
}
