/** Hex helpers for literal test vectors: `hex('07 00 6f 6b')`, `toHex(bytes)`. */
export function hex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  if (!/^(?:[0-9a-fA-F]{2})*$/.test(clean)) throw new TypeError(`bad hex: ${text}`);
  return Uint8Array.from(clean.match(/../g) ?? [], (byte) => parseInt(byte, 16));
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join(' ');
}

/** The bytes of an ASCII/UTF-8 string (and a NUL when `nul`). */
export function ascii(text: string, nul = false): string {
  return toHex(new TextEncoder().encode(nul ? `${text}\0` : text));
}
