/**
 * UTF-8 for short strings, in JavaScript: for a few dozen bytes a loop is faster than a call into
 * `TextDecoder`/`TextEncoder`. The rules are Godot's (and WHATWG's fatal decoder, which the long
 * strings go through): overlong forms, surrogates, code points past U+10FFFF and bad continuation
 * bytes are errors; decoding stops at a NUL and skips a leading BOM; encoding refuses a lone
 * surrogate.
 */

/** Strings up to this many bytes (decode) or UTF-16 units (encode) take the loop. */
export const SHORT_UTF8 = 64;

const units: number[] = [];

/**
 * The text of `bytes[start, end)` up to its first NUL, or `null` when the bytes are not valid
 * UTF-8 (the caller then takes the general path, which names the error). Meant for short ranges
 * (`SHORT_UTF8`).
 */
export function decodeShortUtf8(bytes: Uint8Array, start: number, end: number): string | null {
  let p = start;
  if (end - p >= 3 && bytes[p] === 0xef && bytes[p + 1] === 0xbb && bytes[p + 2] === 0xbf) p += 3;
  units.length = 0;
  while (p < end) {
    const b0 = bytes[p] as number;
    if (b0 < 0x80) {
      if (b0 === 0) break;
      units.push(b0);
      p++;
      continue;
    }
    let cp: number;
    let n: number;
    let min: number;
    if (b0 >= 0xc2 && b0 <= 0xdf) {
      cp = b0 & 0x1f;
      n = 1;
      min = 0x80;
    } else if (b0 >= 0xe0 && b0 <= 0xef) {
      cp = b0 & 0x0f;
      n = 2;
      min = 0x800;
    } else if (b0 >= 0xf0 && b0 <= 0xf4) {
      cp = b0 & 0x07;
      n = 3;
      min = 0x10000;
    } else {
      return null;
    }
    if (p + n >= end) return null;
    for (let i = 1; i <= n; i++) {
      const b = bytes[p + i] as number;
      if ((b & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (b & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      units.push(0xd800 | (cp >> 10), 0xdc00 | (cp & 0x3ff));
    } else {
      units.push(cp);
    }
    p += n + 1;
  }
  // `apply` rather than a spread: the same call, without building an iterator over `units`.
  return String.fromCharCode.apply(null, units);
}

/**
 * Writes the UTF-8 of `value[from…]` at `bytes[pos…]` (room for 3 bytes per unit is the caller's)
 * and returns the position after it, or -1 for a lone surrogate.
 */
export function encodeShortUtf8(value: string, from: number, bytes: Uint8Array, pos: number): number {
  let p = pos;
  for (let i = from; i < value.length; i++) {
    let c = value.charCodeAt(i);
    if (c < 0x80) {
      bytes[p++] = c;
    } else if (c < 0x800) {
      bytes[p++] = 0xc0 | (c >> 6);
      bytes[p++] = 0x80 | (c & 0x3f);
    } else if (c < 0xd800 || c > 0xdfff) {
      bytes[p++] = 0xe0 | (c >> 12);
      bytes[p++] = 0x80 | ((c >> 6) & 0x3f);
      bytes[p++] = 0x80 | (c & 0x3f);
    } else {
      const next = value.charCodeAt(i + 1);
      if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return -1;
      c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
      i++;
      bytes[p++] = 0xf0 | (c >> 18);
      bytes[p++] = 0x80 | ((c >> 12) & 0x3f);
      bytes[p++] = 0x80 | ((c >> 6) & 0x3f);
      bytes[p++] = 0x80 | (c & 0x3f);
    }
  }
  return p;
}
