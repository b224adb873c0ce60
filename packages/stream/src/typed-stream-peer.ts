/**
 * Godot's `StreamPeer` helpers — `put_8` … `put_double`, `put_half`, `put_string`, `put_utf8_string`,
 * `put_var` and their `get_` twins, in either byte order — over five byte primitives, so that any
 * kind of byte stream gets them by implementing those: `StreamPeer` (a connection: TCP, TLS, an
 * in-memory stream) does, and a `StreamPeerBuffer` (a byte array with a cursor) can.
 *
 * The getters never block: when the bytes have not arrived they throw (typed getters) or return
 * `null` (`getVar`) and consume nothing.
 */
import {
  Emitter, ErrorCode, GodotError, VarCodec, VariantError, checkInt, type EventMap, type VarDecodeOptions,
  type VarEncodeOptions, type VarOptions, type Variant, type VariantFormat, type VariantLike,
} from '@pp/core';
import { DEFAULT_MAX_READ_SIZE } from './limits.js';
import { allocate } from './slab.js';
import { StreamProtocolError } from './stream-error.js';
import {
  KIND_SIZE, asciiBytes, decodeNumber, encodeNumber, latin1Text, utf8Bytes, utf8Text, type NumberKind,
} from './typed-data.js';

export interface TypedStreamPeerOptions extends VarOptions {
  /**
   * Byte order of the typed helpers and of `putVar`/`getVar`'s length prefix (Godot's `big_endian`).
   * @default false
   */
  bigEndian?: boolean;
  /**
   * Largest single read: the count of `getData`/`waitForBytes`, and a size the stream declares
   * to `getVar`, `getString` or `getUtf8String`. A larger declared size is a protocol error
   * (a connection is then closed; Godot tries to allocate it).
   * @default 8388608
   */
  maxReadSize?: number;
}

/** `lastVarError` while a value has not fully arrived, or the stream is not connected: shared, nothing allocated per poll. */
const NOT_ARRIVED = new GodotError(ErrorCode.ERR_UNAVAILABLE, 'getVar: the value has not fully arrived');
const NOT_CONNECTED = new GodotError(ErrorCode.FAILED, 'getVar: not connected');

export abstract class TypedStreamPeer<Events extends EventMap> extends Emitter<Events> {
  /** Byte order of the typed helpers and of `putVar`/`getVar`'s length. @default false */
  bigEndian: boolean;
  /**
   * Why the last `getVar` returned `null` or the last `putVar` failed: a `GodotError` with
   * `ERR_UNAVAILABLE` when the value has not fully arrived (`FAILED` when not connected), the
   * `VariantError` of a value that does not decode or encode, or the `StreamProtocolError` of a
   * bad length. `null` after a success.
   */
  lastVarError: GodotError | null = null;
  /** See {@link TypedStreamPeerOptions.maxReadSize}. */
  readonly maxReadSize: number;

  readonly #codec: VarCodec;
  readonly #scratch = new Uint8Array(8);

  /** @throws {GodotError} `ERR_INVALID_PARAMETER` for a bad option. */
  protected constructor(options: TypedStreamPeerOptions = {}) {
    super();
    this.#codec = new VarCodec(options);
    this.bigEndian = options.bigEndian ?? false;
    this.maxReadSize = checkInt('maxReadSize', options.maxReadSize ?? DEFAULT_MAX_READ_SIZE, { min: 0 });
  }

  /**
   * The Variant dialect of `putVar`/`getVar` (also used by `putString` for characters above
   * 0x7F); an unknown one throws a `GodotError` (`ERR_INVALID_PARAMETER`) and changes nothing.
   * @default 'godot4'
   */
  get format(): VariantFormat {
    return this.#codec.format;
  }

  set format(format: VariantFormat) {
    this.#codec.format = format;
  }

  /** How `getVar` decodes: the codec's options, a frozen copy (see `PacketPeer.decodeOptions`). @default {} */
  get decodeOptions(): Readonly<VarDecodeOptions> {
    return this.#codec.decodeOptions;
  }

  set decodeOptions(options: VarDecodeOptions) {
    this.#codec.decodeOptions = options;
  }

  /** How `putVar` encodes (see `PacketPeer.encodeOptions`). @default {} */
  get encodeOptions(): Readonly<VarEncodeOptions> {
    return this.#codec.encodeOptions;
  }

  set encodeOptions(options: VarEncodeOptions) {
    this.#codec.encodeOptions = options;
  }

  /** Godot's `set_big_endian` (the {@link bigEndian} property). */
  setBigEndian(enable: boolean): void {
    this.bigEndian = enable;
  }

  /** Godot's `is_big_endian_enabled` (the {@link bigEndian} property). */
  isBigEndianEnabled(): boolean {
    return this.bigEndian;
  }

  // --- the byte primitives a stream implements ----------------------------------------

  /** Bytes that can be read now (not counting what has not arrived yet). */
  protected abstract _readableBytes(): number;

  /** Whether the stream can be read and written (else the helpers fail with `FAILED`). */
  protected abstract _isConnected(): boolean;

  /** Copies up to `target.length` bytes into `target` without consuming them; returns how many. */
  protected abstract _peekBytes(target: Uint8Array): number;

  /** Moves up to `target.length` bytes into `target`; returns how many. */
  protected abstract _takeBytes(target: Uint8Array): number;

  /** Takes `count` bytes (at most what is readable) as an array the caller owns. */
  protected abstract _takeArray(count: number): Uint8Array;

  /** Writes `data`, which the stream owns from now on. */
  protected abstract _putOwnedBytes(data: Uint8Array): ErrorCode;

  /** The stream declared a length it may not (negative or above `maxReadSize`): a connection closes. */
  protected abstract _malformed(error: StreamProtocolError): void;

  /**
   * A getter polled for `bytes` readable bytes and found fewer: a stream that stops reading at a
   * buffer size must read on up to `bytes` (at most `maxReadSize` + 4), or the value never completes.
   */
  protected _wantBytes(_bytes: number): void {}

  // --- Godot's typed helpers -----------------------------------------------------------

  /** Godot's `put_8`: a signed byte (wraps like C++). */
  put8(value: number): ErrorCode {
    return this.#putNumber('8', value);
  }

  /** Godot's `put_u8`: an unsigned byte. */
  putU8(value: number): ErrorCode {
    return this.#putNumber('u8', value);
  }

  /** Godot's `put_16`: a signed 16-bit integer in `bigEndian` order. */
  put16(value: number): ErrorCode {
    return this.#putNumber('16', value);
  }

  /** Godot's `put_u16`: an unsigned 16-bit integer. */
  putU16(value: number): ErrorCode {
    return this.#putNumber('u16', value);
  }

  /** Godot's `put_32`: a signed 32-bit integer. */
  put32(value: number): ErrorCode {
    return this.#putNumber('32', value);
  }

  /** Godot's `put_u32`: an unsigned 32-bit integer. */
  putU32(value: number): ErrorCode {
    return this.#putNumber('u32', value);
  }

  /** Godot's `put_64`: a signed 64-bit integer (`bigint`, or an integral `number`). */
  put64(value: bigint | number): ErrorCode {
    return this.#putNumber('64', value);
  }

  /** Godot's `put_u64`: an unsigned 64-bit integer. */
  putU64(value: bigint | number): ErrorCode {
    return this.#putNumber('u64', value);
  }

  /**
   * Godot's `put_half`: a 16-bit float, converted as Godot 4 does (through a 32-bit float, then
   * truncated; below 2^-14 it writes +0, from 65536 on ±inf — see `half.ts`).
   */
  putHalf(value: number): ErrorCode {
    return this.#putNumber('half', value);
  }

  /** Godot's `put_float`: a 32-bit float. */
  putFloat(value: number): ErrorCode {
    return this.#putNumber('float', value);
  }

  /** Godot's `put_double`: a 64-bit float. */
  putDouble(value: number): ErrorCode {
    return this.#putNumber('double', value);
  }

  /** `put_string`: a u32 length and one byte per character (non-ASCII: see `asciiBytes`). */
  putString(text: string): ErrorCode {
    return this._putOwnedBytes(this.#prefixed(asciiBytes(text, this.format)));
  }

  /** `put_utf8_string`: a u32 length and the UTF-8 bytes. */
  putUtf8String(text: string): ErrorCode {
    return this._putOwnedBytes(this.#prefixed(utf8Bytes(text)));
  }

  /**
   * `put_var`: a 32-bit length (in `bigEndian` order) and the Variant, encoded with the stream's
   * `format` and `encodeOptions` — with the default byte order, the same bytes as one
   * `PacketPeerStream` packet. Returns the encoder's error code (e.g. `ERR_INVALID_PARAMETER`,
   * its message kept in `lastVarError`) or the write's.
   */
  putVar(value: VariantLike, fullObjects?: boolean): ErrorCode {
    let encoded: Uint8Array;
    try {
      encoded = this.#codec.encode(value, fullObjects);
    } catch (error) {
      if (!(error instanceof VariantError)) throw error;
      this.lastVarError = error;
      return error.code;
    }
    this.lastVarError = null;
    return this._putOwnedBytes(this.#prefixed(encoded));
  }

  /**
   * Godot's `get_8`. Like every typed getter, throws a `GodotError` (`ERR_UNAVAILABLE`; `FAILED`
   * when not connected) and consumes nothing when the bytes have not arrived.
   */
  get8(): number {
    return this.#getNumber('8') as number;
  }

  /** Godot's `get_u8`. */
  getU8(): number {
    return this.#getNumber('u8') as number;
  }

  /** Godot's `get_16`. */
  get16(): number {
    return this.#getNumber('16') as number;
  }

  /** Godot's `get_u16`. */
  getU16(): number {
    return this.#getNumber('u16') as number;
  }

  /** Godot's `get_32`. */
  get32(): number {
    return this.#getNumber('32') as number;
  }

  /** Godot's `get_u32`. */
  getU32(): number {
    return this.#getNumber('u32') as number;
  }

  /** Godot's `get_64`, as a `bigint`. */
  get64(): bigint {
    return this.#getNumber('64') as bigint;
  }

  /** Godot's `get_u64`, as a `bigint`. */
  getU64(): bigint {
    return this.#getNumber('u64') as bigint;
  }

  /** Godot's `get_half` (16-bit, exact). */
  getHalf(): number {
    return this.#getNumber('half') as number;
  }

  /** Godot's `get_float` (32-bit). */
  getFloat(): number {
    return this.#getNumber('float') as number;
  }

  /** Godot's `get_double` (64-bit). */
  getDouble(): number {
    return this.#getNumber('double') as number;
  }

  /**
   * `get_string(bytes = -1)`: `bytes` bytes, or (when negative) a u32 length and that many, as
   * one character per byte up to the first NUL. Throws like the typed getters; a declared length
   * above `maxReadSize` is a `StreamProtocolError` (a connection closes).
   */
  getString(bytes = -1): string {
    return latin1Text(this.#takeSized(bytes, 'getString'));
  }

  /** `get_utf8_string(bytes = -1)`: as {@link getString}, decoded as UTF-8. */
  getUtf8String(bytes = -1): string {
    return utf8Text(this.#takeSized(bytes, 'getUtf8String'));
  }

  /**
   * `get_var`: reads a 32-bit length and decodes that many bytes as a Variant, with the
   * stream's `format` and `decodeOptions`. Returns `null` when the value has not fully arrived
   * (nothing consumed, `lastVarError` = `ERR_UNAVAILABLE`), when it does not decode
   * (`lastVarError` = the `VariantError`; its bytes are consumed, as in Godot), or when the
   * declared length is negative or above `maxReadSize` (a `StreamProtocolError`: a connection
   * is closed).
   */
  getVar(allowObjects?: boolean): Variant {
    const readable = this._readableBytes();
    if (readable < 4) {
      this.lastVarError = this._isConnected() ? NOT_ARRIVED : NOT_CONNECTED;
      return null;
    }
    const length = this._declaredLength('getVar');
    if (length === undefined) return null;
    if (readable < 4 + length) {
      this.lastVarError = NOT_ARRIVED;
      this._wantBytes(4 + length);
      return null;
    }
    this._takeBytes(this.#scratch.subarray(0, 4));
    const bytes = this._takeArray(length);
    try {
      const value = this.#codec.decode(bytes, allowObjects);
      this.lastVarError = null;
      return value;
    } catch (error) {
      if (!(error instanceof VariantError)) throw error;
      this.lastVarError = error;
      return null;
    }
  }

  /**
   * The 32-bit length at the front of the readable bytes (not consumed). A negative or too large
   * one is malformed: returns `undefined` with the error in `lastVarError`.
   */
  protected _declaredLength(what: string): number | undefined {
    const header = this.#scratch.subarray(0, 4);
    this._peekBytes(header);
    const length = decodeNumber('32', header, this.bigEndian) as number;
    if (length >= 0 && length <= this.maxReadSize) return length;
    const error = new StreamProtocolError(
      ErrorCode.ERR_INVALID_DATA,
      `${what}: the stream declares ${length < 0 ? `a negative length (${length})` : `${length} bytes`}, more than maxReadSize (${this.maxReadSize})`,
    );
    this.lastVarError = error;
    this._malformed(error);
    return undefined;
  }

  #putNumber(kind: NumberKind, value: number | bigint): ErrorCode {
    return this._putOwnedBytes(encodeNumber(kind, value, this.bigEndian));
  }

  #getNumber(kind: NumberKind): number | bigint {
    const size = KIND_SIZE[kind];
    this.#need(size, `get${kind}`);
    const bytes = this.#scratch.subarray(0, size);
    this._takeBytes(bytes);
    return decodeNumber(kind, bytes, this.bigEndian);
  }

  #need(bytes: number, what: string): void {
    const readable = this._readableBytes();
    if (readable >= bytes) return;
    this._wantBytes(bytes);
    throw new GodotError(
      this._isConnected() ? ErrorCode.ERR_UNAVAILABLE : ErrorCode.FAILED,
      `${what} needs ${bytes} bytes, ${Math.max(0, readable)} have arrived`,
    );
  }

  /** `bytes` bytes, or a u32 length and that many; see `getString`. */
  #takeSized(bytes: number, what: string): Uint8Array {
    if (bytes >= 0) {
      if (!Number.isInteger(bytes) || bytes > this.maxReadSize) throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `${what}: invalid length ${bytes}`);
      this.#need(bytes, what);
      return this._takeArray(bytes);
    }
    this.#need(4, what);
    const length = this._declaredLength(what);
    if (length === undefined) throw this.lastVarError as GodotError;
    this.#need(4 + length, what);
    this._takeBytes(this.#scratch.subarray(0, 4));
    return this._takeArray(length);
  }

  #prefixed(body: Uint8Array): Uint8Array {
    const out = allocate(4 + body.length);
    new DataView(out.buffer, out.byteOffset, 4).setUint32(0, body.length, !this.bigEndian);
    out.set(body, 4);
    return out;
  }
}
