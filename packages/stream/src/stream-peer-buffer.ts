import { ErrorCode, GodotError, checkInt, type EventMap } from '@pp/core';
import type { StreamProtocolError } from './stream-error.js';
import { TypedStreamPeer, type TypedStreamPeerOptions } from './typed-stream-peer.js';

/** Options of a `StreamPeerBuffer` (`bigEndian`, `maxReadSize` and the Variant options). */
export type StreamPeerBufferOptions = TypedStreamPeerOptions;

/** A buffer emits no events. */
export type StreamPeerBufferEvents = EventMap;

const EMPTY = new Uint8Array(0);

/**
 * Godot's `StreamPeerBuffer`: a byte array with a cursor, with the whole StreamPeer API (typed
 * values in either byte order, strings, Variants, raw data). Writes go at the cursor and grow
 * the array; reads take from the cursor; `seek` moves it.
 *
 * Where Godot's behaviour is a C++ accident, the safe side is taken (checked against Godot 4.6):
 * bytes a `resize` (or a write past the end after one) adds are zeros (Godot's are whatever the
 * memory held); a typed getter past the end throws without moving the cursor (Godot decodes the
 * bytes left plus stack garbage and moves the cursor to the end); `get_data` past the end gives
 * the bytes that were left (Godot's array has the requested length, its tail uninitialised).
 */
export class StreamPeerBuffer extends TypedStreamPeer<StreamPeerBufferEvents> {
  /** The bytes; `#size` of them are the data, the rest is room to grow. */
  #bytes: Uint8Array = EMPTY;
  #size = 0;
  #position = 0;

  /** @throws {GodotError} `ERR_INVALID_PARAMETER` for a bad option. */
  constructor(options: StreamPeerBufferOptions = {}) {
    super(options);
  }

  /** Godot's `data_array`: a copy of the bytes (setting it copies too and moves the cursor to 0). @default empty */
  get dataArray(): Uint8Array {
    return this.#bytes.slice(0, this.#size);
  }

  set dataArray(data: Uint8Array) {
    this.setDataArray(data);
  }

  /** Godot's `set_data_array`: the bytes become a copy of `data`, the cursor goes to 0. */
  setDataArray(data: Uint8Array): void {
    if (!(data instanceof Uint8Array)) throw new TypeError('setDataArray expects a Uint8Array');
    this.#bytes = data.slice();
    this.#size = data.length;
    this.#position = 0;
  }

  /** Godot's `get_data_array` (a copy). */
  getDataArray(): Uint8Array {
    return this.dataArray;
  }

  /** The bytes without a copy: valid until the next write, resize or clear. */
  view(): Uint8Array {
    return this.#bytes.subarray(0, this.#size);
  }

  /** Godot's `get_size`: bytes in the buffer. */
  getSize(): number {
    return this.#size;
  }

  /** Godot's `get_position`: the cursor. */
  getPosition(): number {
    return this.#position;
  }

  /**
   * Godot's `seek`: moves the cursor to `position` (0 … size).
   * @throws {GodotError} `ERR_PARAMETER_RANGE_ERROR` outside that range, the cursor unchanged (Godot logs it).
   */
  seek(position: number): void {
    if (!Number.isInteger(position) || position < 0 || position > this.#size) {
      throw new GodotError(ErrorCode.ERR_PARAMETER_RANGE_ERROR, `seek: position ${position} is outside 0 … ${this.#size}`);
    }
    this.#position = position;
  }

  /**
   * Godot's `resize`: the buffer holds `size` bytes, new ones zero. The cursor stays where it
   * is, even past the new end (as in Godot: nothing is then available until it moves back).
   */
  resize(size: number): void {
    checkInt('size', size, { min: 0 });
    if (size > this.#bytes.length) this.#grow(size);
    else if (size < this.#size) this.#bytes.fill(0, size, this.#size);
    this.#size = size;
  }

  /** Godot's `clear`: no bytes, cursor at 0. */
  clear(): void {
    this.#bytes = EMPTY;
    this.#size = 0;
    this.#position = 0;
  }

  /**
   * Godot's `duplicate`: a new buffer with a copy of the bytes, its cursor at 0. As in Godot only
   * the bytes are copied: byte order, format and options are the new buffer's defaults.
   */
  duplicate(): StreamPeerBuffer {
    const copy = new StreamPeerBuffer();
    copy.setDataArray(this.view());
    return copy;
  }

  // --- StreamPeer's raw data --------------------------------------------------------------

  /**
   * Godot's `get_available_bytes`: bytes from the cursor to the end — negative when a `resize`
   * left the cursor past the end, as in Godot.
   */
  getAvailableBytes(): number {
    return this.#size - this.#position;
  }

  /**
   * Godot's `get_data(bytes)`: `[OK, bytes]`, or when fewer are left `[ERR_INVALID_PARAMETER,
   * what was left]` (the cursor moves to the end, as in Godot).
   */
  getData(bytes: number): [error: ErrorCode, data: Uint8Array] {
    if (!Number.isInteger(bytes) || bytes < 0) return [ErrorCode.ERR_INVALID_PARAMETER, EMPTY];
    const data = this._takeArray(bytes);
    return [data.length === bytes ? ErrorCode.OK : ErrorCode.ERR_INVALID_PARAMETER, data];
  }

  /** Godot's `get_partial_data(bytes)`: `[OK, up to bytes bytes]`. */
  getPartialData(bytes: number): [error: ErrorCode, data: Uint8Array] {
    if (!Number.isInteger(bytes) || bytes < 0) return [ErrorCode.ERR_INVALID_PARAMETER, EMPTY];
    return [ErrorCode.OK, this._takeArray(bytes)];
  }

  /** Godot's `put_data`: writes `data` at the cursor (growing the buffer) and moves past it. */
  putData(data: Uint8Array): ErrorCode {
    if (!(data instanceof Uint8Array)) throw new TypeError('putData expects a Uint8Array');
    return this._putOwnedBytes(data);
  }

  /** Godot's `put_partial_data`: as {@link putData}, `[OK, data.length]`. */
  putPartialData(data: Uint8Array): [error: ErrorCode, sent: number] {
    return [this.putData(data), data.length];
  }

  // --- the byte primitives of the typed helpers ----------------------------------------

  protected _readableBytes(): number {
    return Math.max(0, this.#size - this.#position);
  }

  protected _isConnected(): boolean {
    return true;
  }

  protected _peekBytes(target: Uint8Array): number {
    const count = Math.min(target.length, this._readableBytes());
    target.set(this.#bytes.subarray(this.#position, this.#position + count));
    return count;
  }

  protected _takeBytes(target: Uint8Array): number {
    const count = this._peekBytes(target);
    this.#position += count;
    return count;
  }

  protected _takeArray(count: number): Uint8Array {
    const taken = Math.min(count, this._readableBytes());
    const data = this.#bytes.slice(this.#position, this.#position + taken);
    this.#position += taken;
    return data;
  }

  protected _putOwnedBytes(data: Uint8Array): ErrorCode {
    const end = this.#position + data.length;
    if (end > this.#bytes.length) this.#grow(end);
    this.#bytes.set(data, this.#position);
    if (end > this.#size) this.#size = end;
    this.#position = end;
    return ErrorCode.OK;
  }

  /** A buffer has no connection to close: the getter just fails (`lastVarError` says why). */
  protected _malformed(_error: StreamProtocolError): void {}

  #grow(needed: number): void {
    const bytes = new Uint8Array(Math.max(needed, this.#bytes.length * 2, 64));
    bytes.set(this.#bytes.subarray(0, this.#size));
    this.#bytes = bytes;
  }
}
