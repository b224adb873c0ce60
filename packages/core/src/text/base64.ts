/**
 * Base64 as Godot's `CryptoCore::b64_encode_str` / `b64_decode` (mbedTLS) do it: the standard
 * alphabet with `=` padding. Plain TypeScript, so it runs in browsers as well as Node.
 */

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DECODE = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) DECODE[ALPHABET.charCodeAt(i)] = i;

export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += `${ALPHABET[n >> 18]!}${ALPHABET[(n >> 12) & 63]!}==`;
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += `${ALPHABET[n >> 18]!}${ALPHABET[(n >> 12) & 63]!}${ALPHABET[(n >> 6) & 63]!}=`;
  }
  return out;
}

/**
 * Decodes base64, or returns `null` for text Godot's mbedTLS refuses (checked against Godot
 * 4.6 and 3.2.3): a character outside the alphabet, a space before a character, more than two
 * `=` or a character after one, or a length (line breaks and trailing spaces aside) that is not
 * a multiple of four.
 */
export function decodeBase64(text: string): Uint8Array | null {
  const values: number[] = [];
  let padding = 0;
  for (let i = 0; i < text.length; i++) {
    let spaces = 0;
    while (i < text.length && text[i] === ' ') {
      i++;
      spaces++;
    }
    if (i === text.length) break;
    if (text[i] === '\r' && text[i + 1] === '\n') {
      i++;
      continue;
    }
    if (text[i] === '\n') continue;
    if (spaces !== 0) return null;
    const c = text.charCodeAt(i);
    if (c === 61) {
      if (++padding > 2) return null;
      values.push(64);
      continue;
    }
    const v = c < 128 ? (DECODE[c] as number) : -1;
    if (v < 0 || padding !== 0) return null;
    values.push(v);
  }
  if (values.length % 4 !== 0) return null;
  const out = new Uint8Array((values.length / 4) * 3);
  let length = 0;
  for (let i = 0; i + 3 < values.length; i += 4) {
    const group = values.slice(i, i + 4);
    const pad = group.filter((v) => v === 64).length;
    const n = group.reduce((acc, v) => (acc << 6) | (v & 63), 0);
    out[length++] = (n >> 16) & 255;
    if (pad < 2) out[length++] = (n >> 8) & 255;
    if (pad < 1) out[length++] = n & 255;
  }
  return out.subarray(0, length);
}
