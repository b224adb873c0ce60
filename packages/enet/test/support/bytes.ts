import { expect } from 'vitest';

/** A reproducible byte pattern, the C interop peer's `pattern()` byte for byte. */
export function pattern(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = Math.imul(seed, 2654435761) >>> 0;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** Byte equality that stays fast on megabyte arrays (toEqual walks them element by element). */
export function expectBytes(actual: Uint8Array | null | undefined, expected: Uint8Array): void {
  expect(actual).toBeInstanceOf(Uint8Array);
  const a = actual as Uint8Array;
  expect(a.length).toBe(expected.length);
  expect(Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(expected.buffer, expected.byteOffset, expected.length))).toBe(true);
}
