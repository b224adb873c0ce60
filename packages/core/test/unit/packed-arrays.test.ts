/**
 * Bulk packed arrays: one copy by default (the wire bytes are the array's bytes on little-endian
 * hosts), views of the input with `packedArrayViews` when aligned, and the same values whatever the
 * alignment of the input or of the array being encoded.
 */
import { describe, expect, it } from 'vitest';
import { PackedColorArray, PackedVector2Array, Vector2, Color, bytesToVar, varToBytes } from '../../src/index.js';
import { toHex } from '../support/hex.js';

/** `bytes` copied to `offset` bytes into a fresh buffer. */
function at(bytes: Uint8Array, offset: number): Uint8Array {
  const out = new Uint8Array(bytes.length + offset);
  out.set(bytes, offset);
  return out.subarray(offset);
}

const floats = Float32Array.from({ length: 1000 }, (_, i) => i * 0.5 - 7);
const doubles = Float64Array.from({ length: 100 }, (_, i) => i / 3);

describe('packed arrays in bulk', () => {
  it('decode to a copy by default: changing the input changes nothing', () => {
    const bytes = varToBytes(floats).slice();
    const decoded = bytesToVar(bytes) as Float32Array;
    expect(decoded).toEqual(floats);
    expect(decoded.buffer).not.toBe(bytes.buffer);
    bytes.fill(0);
    expect(decoded).toEqual(floats);
  });

  it('with packedArrayViews, decode to views of the input when aligned', () => {
    const bytes = varToBytes([floats, doubles, Uint8Array.of(1, 2, 3)]).slice();
    const [f, d, b] = bytesToVar(bytes, { packedArrayViews: true }) as [Float32Array, Float64Array, Uint8Array];
    expect(f).toEqual(floats);
    expect(f.buffer).toBe(bytes.buffer);
    expect(b.buffer).toBe(bytes.buffer);
    expect(d).toEqual(doubles);
    // The Float64Array's bytes start 4 bytes after the Float32Array's end: a view only when on 8.
    expect(d.buffer === bytes.buffer).toBe((d.byteOffset & 7) === 0);
    bytes[f.byteOffset - bytes.byteOffset + 3] = 0x7f;
    expect(f[0]).not.toBe(floats[0]);
  });

  it.each([1, 2, 3, 4, 5, 6, 7])('give the same values from input %i bytes into its buffer, views or not', (offset) => {
    const value = [floats, doubles, new PackedVector2Array([new Vector2(1.5, -2), new Vector2(3, 4)]), new PackedColorArray([new Color(0.5, 0.25, 1, 1)])];
    const bytes = at(varToBytes(value), offset);
    expect(bytesToVar(bytes)).toEqual(value);
    const views = bytesToVar(bytes, { packedArrayViews: true }) as unknown[];
    expect(views).toEqual(value);
    expect((views[0] as Float32Array).buffer === bytes.buffer).toBe(offset % 4 === 0);
  });

  it('encode arrays that are views into bigger buffers from their own bytes', () => {
    const big = new Float32Array(16).map((_, i) => i);
    expect(toHex(varToBytes(big.subarray(3, 5)))).toBe(toHex(varToBytes(Float32Array.of(3, 4))));
    const ints = new Int32Array([9, -1, 7]).subarray(1);
    expect(toHex(varToBytes(ints))).toBe('1e 00 00 00 02 00 00 00 ff ff ff ff 07 00 00 00');
    const colors = PackedColorArray.fromData(new Float32Array(12).fill(0.5).subarray(4));
    expect(bytesToVar(varToBytes(colors))).toEqual(colors);
  });

  it('refuses a non-boolean packedArrayViews', () => {
    expect(() => bytesToVar(varToBytes(1), { packedArrayViews: 'yes' as never })).toThrow(/packedArrayViews/);
  });
});
