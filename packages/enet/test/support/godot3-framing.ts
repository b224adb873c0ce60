/**
 * Godot 3's NetworkedMultiplayerENet framing, spoken by hand over a raw `ENetConnection` in the
 * Godot 3.2.3 interop tests: every packet on channels 1 (reliable) and 2 (unreliable) is
 * `[u32 LE source][u32 LE target]` + payload; the client's id is the CONNECT data.
 */
import { expect } from 'vitest';
import { expectBytes, pattern } from './bytes.js';

/** Payloads: tiny, compressible, incompressible, and fragmented ones. */
export function godot3Cases(): Uint8Array[] {
  const text = new TextEncoder().encode('the quick brown fox jumps over the lazy dog '.repeat(30));
  return [Uint8Array.of(7), pattern(100, 1), text, pattern(1500, 2), new Uint8Array(5000).map((_, i) => i % 11), pattern(30_000, 3)];
}

/** `payload` framed from `source` to `target`. */
export function godot3Frame(source: number, target: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + payload.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, source, true);
  view.setInt32(4, target, true);
  out.set(payload, 8);
  return out;
}

/** Checks `data` is `expected` framed from `source` to `target`. */
export function expectGodot3Frame(data: Uint8Array, source: number, target: number, expected: Uint8Array): void {
  const view = new DataView(data.buffer, data.byteOffset, data.length);
  expect(view.getUint32(0, true)).toBe(source);
  expect(view.getInt32(4, true)).toBe(target);
  expectBytes(data.subarray(8), expected);
}
