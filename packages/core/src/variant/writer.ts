/**
 * A growable little-endian byte writer. Grows by doubling and refuses to grow past `limit`, so an
 * encode can be bounded before it allocates (PacketPeer's `encode_buffer_max_size`).
 */
import { ErrorCode } from '../error.js';
import { VariantError } from './variant-error.js';

const utf8 = new TextEncoder();

export class ByteWriter {
  bytes: Uint8Array;
  view: DataView;
  pos = 0;
  limit = Infinity;

  constructor(initialSize = 256) {
    this.bytes = new Uint8Array(initialSize);
    this.view = new DataView(this.bytes.buffer);
  }

  reset(limit: number): void {
    this.pos = 0;
    this.limit = limit;
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    const needed = this.pos + n;
    if (needed > this.bytes.length) this.grow(needed);
  }

  private grow(needed: number): void {
    if (needed > this.limit) {
      throw new VariantError(
        ErrorCode.ERR_OUT_OF_MEMORY,
        `Encoded Variant is bigger than the ${this.limit}-byte limit`,
      );
    }
    let size = this.bytes.length * 2;
    while (size < needed) size *= 2;
    const bytes = new Uint8Array(size);
    bytes.set(this.bytes.subarray(0, this.pos));
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer);
  }

  /** Checks the limit for bytes written without `reserve` growing (the final size). */
  checkLimit(): void {
    if (this.pos > this.limit) this.grow(this.pos);
  }

  u32(value: number): void {
    this.reserve(4);
    this.view.setUint32(this.pos, value, true);
    this.pos += 4;
  }

  i32(value: number): void {
    this.reserve(4);
    this.view.setInt32(this.pos, value, true);
    this.pos += 4;
  }

  u64(value: bigint): void {
    this.reserve(8);
    this.view.setBigUint64(this.pos, value, true);
    this.pos += 8;
  }

  i64(value: bigint): void {
    this.reserve(8);
    this.view.setBigInt64(this.pos, value, true);
    this.pos += 8;
  }

  f32(value: number): void {
    this.reserve(4);
    this.view.setFloat32(this.pos, value, true);
    this.pos += 4;
  }

  f64(value: number): void {
    this.reserve(8);
    this.view.setFloat64(this.pos, value, true);
    this.pos += 8;
  }

  /** Raw bytes followed by zero padding to a multiple of 4. */
  paddedBytes(data: Uint8Array): void {
    const pad = (4 - (data.length % 4)) % 4;
    this.reserve(data.length + pad);
    this.bytes.set(data, this.pos);
    this.pos += data.length;
    this.zeros(pad);
  }

  zeros(count: number): void {
    for (let i = 0; i < count; i++) this.bytes[this.pos++] = 0;
  }

  /**
   * A Godot string: u32 UTF-8 length, the bytes, zero padding to 4. With `nulTerminated` the NUL
   * is written and counted (PackedStringArray elements).
   */
  string(value: string, nulTerminated = false): void {
    const length = value.length;
    // Exact room for the ASCII case: length word, one byte per unit, NUL, padding.
    this.reserve(4 + length + 4);
    const bytes = this.bytes;
    const start = this.pos + 4;
    let p = start;
    for (let i = 0; i < length; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0x80) return this.encodedString(value, nulTerminated);
      bytes[p++] = c;
    }
    if (nulTerminated) bytes[p++] = 0;
    this.finishString(p - start);
  }

  private encodedString(value: string, nulTerminated: boolean): void {
    if (!value.isWellFormed()) {
      throw new VariantError(
        ErrorCode.ERR_INVALID_PARAMETER,
        'String contains a lone UTF-16 surrogate, which UTF-8 cannot encode',
      );
    }
    const encoded = utf8.encode(value);
    const n = encoded.length + (nulTerminated ? 1 : 0);
    this.reserve(4 + n + 3);
    this.bytes.set(encoded, this.pos + 4);
    if (nulTerminated) this.bytes[this.pos + 4 + encoded.length] = 0;
    this.finishString(n);
  }

  private finishString(n: number): void {
    this.view.setUint32(this.pos, n, true);
    this.pos += 4 + n;
    this.zeros((4 - (n % 4)) % 4);
  }

  /** A copy of what was written. */
  result(): Uint8Array {
    return this.bytes.slice(0, this.pos);
  }
}
