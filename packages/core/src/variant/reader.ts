/**
 * A little-endian byte reader with Godot's checks: every read is preceded by `need`, which fails
 * with `ERR_INVALID_DATA` when the input runs out, and Godot strings follow Godot's length, padding
 * and UTF-8 rules (`_decode_string` in `core/io/marshalls.cpp`). The Variant walk (`decoder.ts`)
 * extends it.
 */
import { ErrorCode } from '../error.js';
import { shortAscii } from './ascii-cache.js';
import { SHORT_UTF8, decodeShortUtf8 } from './utf8.js';
import { VariantError } from './variant-error.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** `Buffer.prototype.utf8Slice` under Node (any `Uint8Array` as `this`); absent elsewhere. */
const nodeUtf8Slice = (globalThis as { Buffer?: { prototype: { utf8Slice?: (this: Uint8Array, start: number, end: number) => string } } }).Buffer?.prototype.utf8Slice;

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

// Floats and 64-bit ints are read through an 8-byte scratch buffer: creating a DataView per
// decode costs more than a small Variant's whole decode of the rest.
const scratch = new ArrayBuffer(8);
const scratchU32 = new Uint32Array(scratch);
const scratchF32 = new Float32Array(scratch);
const scratchF64 = new Float64Array(scratch);
const scratchI64 = new BigInt64Array(scratch);
const scratchU64 = new BigUint64Array(scratch);

// `declare`d fields, set in the constructor (see `Decoder`).
export class ByteReader {
  declare pos: number;
  declare readonly bytes: Uint8Array;
  declare readonly end: number;

  constructor(bytes: Uint8Array) {
    this.pos = 0;
    this.bytes = bytes;
    this.end = bytes.length;
  }

  fail(code: ErrorCode, message: string, at = this.pos): never {
    throw new VariantError(code, message, at);
  }

  /** Bytes left to read. */
  get left(): number {
    return this.end - this.pos;
  }

  /** Fails with ERR_INVALID_DATA unless `n` more bytes are there. */
  need(n: number, what: string): void {
    if (this.end - this.pos < n) this.truncated(n, what);
  }

  /** `need`'s failure, apart so that `need` stays small enough to inline everywhere. */
  private truncated(n: number, what: string): never {
    return this.fail(ErrorCode.ERR_INVALID_DATA, `Truncated ${what}: need ${n} bytes, ${Math.max(0, this.end - this.pos)} left`);
  }

  /** The u32 at `pos` without moving. */
  peekU32(): number {
    const b = this.bytes;
    const p = this.pos;
    return ((b[p] as number) | ((b[p + 1] as number) << 8) | ((b[p + 2] as number) << 16) | ((b[p + 3] as number) << 24)) >>> 0;
  }

  u32(): number {
    const v = this.peekU32();
    this.pos += 4;
    return v;
  }

  i32(): number {
    const v = this.peekU32() | 0;
    this.pos += 4;
    return v;
  }

  /**
   * Puts the next 8 bytes in the scratch buffer, in host order: two whole words, not a byte loop
   * (a number written to a Uint32Array is stored in host order on every host).
   */
  private toScratch64(): void {
    const lo = this.u32();
    const hi = this.u32();
    scratchU32[LITTLE_ENDIAN_HOST ? 0 : 1] = lo;
    scratchU32[LITTLE_ENDIAN_HOST ? 1 : 0] = hi;
  }

  u64(): bigint {
    this.toScratch64();
    return scratchU64[0] as bigint;
  }

  i64(): bigint {
    this.toScratch64();
    return scratchI64[0] as bigint;
  }

  /** A 32-bit float, or a 64-bit one with `double`. */
  real(double: boolean): number {
    if (double) {
      this.toScratch64();
      return scratchF64[0] as number;
    }
    scratchU32[0] = this.u32();
    return scratchF32[0] as number;
  }

  /** A container's element count: bit 31 was a "shared" flag in old Godot versions, ignored. */
  count(what: string): number {
    this.need(4, `${what} count`);
    return this.u32() & 0x7fffffff;
  }

  /**
   * A Godot string: i32 byte length, UTF-8 bytes, padding to 4. A negative length or one past
   * the end is ERR_FILE_EOF (Godot's code, not ERR_INVALID_DATA); bad UTF-8 is ERR_INVALID_DATA.
   */
  string(): string {
    if (this.end - this.pos < 4) this.fail(ErrorCode.ERR_INVALID_DATA, 'Truncated string length');
    const at = this.pos;
    const length = this.i32();
    const padded = length + ((4 - (length % 4)) % 4);
    if (length < 0 || padded > this.end - this.pos) {
      this.fail(ErrorCode.ERR_FILE_EOF, `String length ${length} exceeds the ${this.end - this.pos} bytes left`, at);
    }
    const start = this.pos;
    this.pos += padded;
    if (length <= 16) {
      const ascii = shortAscii(this.bytes, start, length);
      if (ascii !== undefined) return ascii;
    }
    return this.utf8(start, start + length, at);
  }

  /** Godot's UTF-8 rules: stop at the first NUL, skip a leading BOM, reject malformed input. */
  private utf8(start: number, end: number, at: number): string {
    if (end - start <= SHORT_UTF8) {
      const short = decodeShortUtf8(this.bytes, start, end);
      if (short !== null) return short;
    }
    if (nodeUtf8Slice !== undefined) {
      // Node's own decoder, quicker than TextDecoder on a packet's strings; it replaces bad
      // input with U+FFFD instead of failing, so a result that could differ from Godot's rules
      // (a U+FFFD, a NUL, a leading BOM) is decoded again the strict way below.
      const text = nodeUtf8Slice.call(this.bytes, start, end);
      if (text.indexOf('\uFFFD') === -1 && text.indexOf('\0') === -1 && text.charCodeAt(0) !== 0xfeff) return text;
    }
    const text = this.bytes.subarray(start, end);
    const nul = text.indexOf(0);
    try {
      return utf8.decode(nul === -1 ? text : text.subarray(0, nul));
    } catch {
      return this.fail(ErrorCode.ERR_INVALID_DATA, 'String is not valid UTF-8', at);
    }
  }
}
