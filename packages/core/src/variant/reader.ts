/**
 * A little-endian byte reader with Godot's checks: every read is preceded by `need`, which fails
 * with `ERR_INVALID_DATA` when the input runs out, and Godot strings follow Godot's length, padding
 * and UTF-8 rules (`_decode_string` in `core/io/marshalls.cpp`). The Variant walk (`decoder.ts`)
 * extends it.
 */
import { ErrorCode } from '../error.js';
import { shortAscii } from './ascii-cache.js';
import { VariantError } from './variant-error.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export class ByteReader {
  pos = 0;
  readonly bytes: Uint8Array;
  readonly view: DataView;
  readonly end: number;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
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
    if (this.end - this.pos < n) this.fail(ErrorCode.ERR_INVALID_DATA, `Truncated ${what}: need ${n} bytes, ${Math.max(0, this.end - this.pos)} left`);
  }

  u32(): number {
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  i32(): number {
    const v = this.view.getInt32(this.pos, true);
    this.pos += 4;
    return v;
  }

  u64(): bigint {
    const v = this.view.getBigUint64(this.pos, true);
    this.pos += 8;
    return v;
  }

  i64(): bigint {
    const v = this.view.getBigInt64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** A 32-bit float, or a 64-bit one with `double`. */
  real(double: boolean): number {
    const v = double ? this.view.getFloat64(this.pos, true) : this.view.getFloat32(this.pos, true);
    this.pos += double ? 8 : 4;
    return v;
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
      const ascii = shortAscii(this.view, start, length);
      if (ascii !== undefined) return ascii;
    }
    return this.utf8(start, start + length, at);
  }

  /** Godot's UTF-8 rules: stop at the first NUL, skip a leading BOM, reject malformed input. */
  private utf8(start: number, end: number, at: number): string {
    const text = this.bytes.subarray(start, end);
    const nul = text.indexOf(0);
    try {
      return utf8.decode(nul === -1 ? text : text.subarray(0, nul));
    } catch {
      return this.fail(ErrorCode.ERR_INVALID_DATA, 'String is not valid UTF-8', at);
    }
  }
}
