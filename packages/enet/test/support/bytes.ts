import { expect } from 'vitest';

/** A reproducible byte pattern: the C interop peer's `pattern()`, byte for byte. */
export { cenetPattern as pattern } from '@pp/interop';

/** Byte equality that stays fast on megabyte arrays (toEqual walks them element by element). */
export function expectBytes(actual: Uint8Array | null | undefined, expected: Uint8Array): void {
  expect(actual).toBeInstanceOf(Uint8Array);
  const a = actual as Uint8Array;
  expect(a.length).toBe(expected.length);
  expect(Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(expected.buffer, expected.byteOffset, expected.length))).toBe(true);
}
