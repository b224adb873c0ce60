/**
 * A little-endian byte writer over a slab: each encoded value is written after the previous one
 * and handed out as a view of the slab, so that a small encode allocates nothing but the view
 * (Node's Buffer pool works the same way). A region handed out is never written again. Growing
 * past `limit` fails before allocating (PacketPeer's `encode_buffer_max_size`).
 */
import { ErrorCode } from '../error.js';
import { nextPowerOfTwo } from '../limits.js';
import { SHORT_UTF8, encodeShortUtf8 } from './utf8.js';
import { VariantError } from './variant-error.js';

const utf8 = new TextEncoder();

/**
 * `Buffer.prototype.utf8Write` under Node (any `Uint8Array` as `this`); absent elsewhere. It
 * writes in place like `encodeInto`, without a subarray and a result object per string.
 */
const nodeUtf8Write = (globalThis as { Buffer?: { prototype: { utf8Write?: (this: Uint8Array, text: string, offset: number, length: number) => number } } }).Buffer?.prototype.utf8Write;

/** Size of a fresh slab. Values bigger than this get a buffer of their own. */
const SLAB_SIZE = 32 * 1024;

/** A new value starts on a fresh slab when less than this (or than the last value's size) is left. */
const MIN_ROOM = 2048;

/** …up to this much: bigger values grow a buffer of their own. */
const MAX_ROOM = 64 * 1024;

export class ByteWriter {
  bytes: Uint8Array;
  view: DataView;
  /** Where the value being written starts. */
  start = 0;
  pos = 0;
  limit = Infinity;

  constructor(initialSize = SLAB_SIZE) {
    this.bytes = new Uint8Array(initialSize);
    this.view = new DataView(this.bytes.buffer);
  }

  /** Size of the last value finished: the next one probably needs about as much. */
  #lastLength = 0;

  /** Starts a new value of at most `limit` bytes. */
  begin(limit: number): void {
    // A fresh slab now, rather than moving a half-written value to one later (big values
    // grow their own buffer anyway).
    const room = Math.min(Math.max(MIN_ROOM, this.#lastLength), MAX_ROOM);
    if (this.bytes.length - this.pos < room) this.replace(Math.max(SLAB_SIZE, nextPowerOfTwo(room * 4)), 0);
    this.start = this.pos;
    this.limit = limit;
  }

  /** Bytes written for the current value. */
  get length(): number {
    return this.pos - this.start;
  }

  /** Makes room for `n` more bytes. */
  reserve(n: number): void {
    if (this.pos + n > this.bytes.length) this.grow(n);
  }

  private grow(n: number): void {
    const used = this.pos - this.start;
    const needed = used + n;
    if (needed > this.limit) {
      throw new VariantError(ErrorCode.ERR_OUT_OF_MEMORY, `Encoded Variant is bigger than the ${this.limit}-byte limit`);
    }
    // Doubling for values that grow write by write; about the size needed for one big write
    // (a 1 MiB packed array), rather than twice it, zero-filled.
    let size = Math.max(SLAB_SIZE, this.bytes.length * 2);
    if (size < needed) size = needed + SLAB_SIZE;
    this.replace(size, used);
  }

  /** Moves to a fresh buffer of `size` bytes, carrying the current value's first `used` bytes. */
  private replace(size: number, used: number): void {
    const bytes = new Uint8Array(size);
    if (used > 0) bytes.set(this.bytes.subarray(this.start, this.start + used));
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer);
    this.start = 0;
    this.pos = used;
  }

  /** Fails with ERR_OUT_OF_MEMORY if the value outgrew `limit` inside already allocated room. */
  checkLimit(): void {
    if (this.pos - this.start > this.limit) this.grow(0);
  }

  /** The finished value: a view of the slab that nothing will write again. */
  finish(): Uint8Array {
    const out = this.bytes.subarray(this.start, this.pos);
    this.#lastLength = out.length;
    this.pos = Math.min(this.bytes.length, (this.pos + 7) & ~7);
    this.start = this.pos;
    return out;
  }

  /** Drops a value whose encoding failed; its room is reused. */
  abort(): void {
    this.pos = this.start;
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

  /** A header word followed by an int32 (an INT Variant). */
  taggedI32(header: number, value: number): void {
    this.reserve(8);
    this.view.setUint32(this.pos, header, true);
    this.view.setInt32(this.pos + 4, value, true);
    this.pos += 8;
  }

  /** A header word followed by a float32 (a 32-bit FLOAT Variant). */
  taggedF32(header: number, value: number): void {
    this.reserve(8);
    this.view.setUint32(this.pos, header, true);
    this.view.setFloat32(this.pos + 4, value, true);
    this.pos += 8;
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
    let bytes = this.bytes;
    const start = this.pos + 4;
    let p = start;
    for (let i = 0; i < length; i++) {
      const c = value.charCodeAt(i);
      if (c >= 0x80) {
        if (length > SHORT_UTF8 || this.pos - this.start + 4 + length * 3 + 4 > this.limit) return this.encodedString(value, nulTerminated);
        // A short string is encoded in JavaScript, from the start: growing the slab carries
        // only what precedes `pos`, not the ASCII part just written.
        this.reserve(4 + length * 3 + 4);
        bytes = this.bytes;
        p = encodeShortUtf8(value, 0, bytes, this.pos + 4);
        if (p === -1) throw loneSurrogate();
        break;
      }
      bytes[p++] = c;
    }
    if (nulTerminated) bytes[p++] = 0;
    this.finishString(p - (this.pos + 4));
  }

  private encodedString(value: string, nulTerminated: boolean): void {
    if (!value.isWellFormed()) throw loneSurrogate();
    // At most 3 UTF-8 bytes per UTF-16 unit: encoded straight into the slab, no copy, unless
    // that much room would pass the size limit although the string itself may fit.
    const worst = 4 + value.length * 3 + 4;
    if (this.pos - this.start + worst > this.limit) {
      const encoded = utf8.encode(value);
      const n = encoded.length + (nulTerminated ? 1 : 0);
      this.reserve(4 + n + 3);
      this.bytes.set(encoded, this.pos + 4);
      if (nulTerminated) this.bytes[this.pos + 4 + encoded.length] = 0;
      this.finishString(n);
      return;
    }
    this.reserve(worst);
    // The string is well-formed (checked above), so neither writer has anything to replace.
    const written =
      nodeUtf8Write !== undefined
        ? nodeUtf8Write.call(this.bytes, value, this.pos + 4, this.bytes.length - this.pos - 4)
        : utf8.encodeInto(value, this.bytes.subarray(this.pos + 4)).written;
    if (nulTerminated) this.bytes[this.pos + 4 + written] = 0;
    this.finishString(written + (nulTerminated ? 1 : 0));
  }

  private finishString(n: number): void {
    this.view.setUint32(this.pos, n, true);
    this.pos += 4 + n;
    this.zeros((4 - (n % 4)) % 4);
  }

}

function loneSurrogate(): VariantError {
  return new VariantError(ErrorCode.ERR_INVALID_PARAMETER, 'String contains a lone UTF-16 surrogate, which UTF-8 cannot encode');
}
