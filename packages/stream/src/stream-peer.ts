/**
 * Godot's `StreamPeer`: a byte stream with typed read and write helpers. This base owns what
 * every stream shares — the received bytes and their limits, the write limit, `bigEndian`, the
 * typed helpers, `putVar`/`getVar` and the promise forms; a transport (`StreamPeerTCP`) feeds
 * received chunks to `_receive` and sends what `_write` is given.
 *
 * Godot's `get_data` and typed getters block until enough bytes arrived. Here they never block:
 * `getData` answers `ERR_BUSY` and the typed getters throw when the bytes are not there yet
 * (nothing is consumed), and `waitForBytes`, `getDataAsync` and `getVarAsync` wait instead.
 */
import {
  Emitter, ErrorCode, GodotError, VariantError, WaiterList, bytesToVar, checkFormat, checkInt, systemClock, varToBytes,
  withWaitOptions, type Clock, type EventMap, type Variant, type VariantFormat, type VariantLike, type WaitOptions,
  type Waiter,
} from '@pp/core';
import { ByteQueue } from './byte-queue.js';
import { allocate } from './slab.js';
import { DEFAULT_MAX_READ_SIZE, DEFAULT_READ_BUFFER_SIZE, DEFAULT_WRITE_BUFFER_MAX_SIZE } from './limits.js';
import { StreamProtocolError } from './stream-error.js';
import {
  KIND_SIZE, asciiBytes, decodeNumber, encodeNumber, latin1Text, utf8Bytes, utf8Text, type NumberKind,
} from './typed-data.js';

export interface StreamPeerOptions {
  /**
   * The Variant dialect of `putVar`/`getVar` (`'godot3'` for Godot 3.x), also used by
   * `putString` for characters above 0x7F.
   * @default 'godot4'
   */
  format?: VariantFormat;
  /**
   * Byte order of the typed helpers and of `putVar`/`getVar`'s length prefix (Godot's `big_endian`).
   * @default false
   */
  bigEndian?: boolean;
  /**
   * Bytes held unread before the transport stops reading (TCP then slows the sender down). A
   * pending `waitForBytes(n)` raises it to `n` while it waits.
   * @default 65536
   */
  readBufferSize?: number;
  /**
   * Bytes queued for sending before `putData` answers `ERR_BUSY` (a write into an empty queue is
   * always accepted). Godot blocks instead.
   * @default 16777216
   */
  writeBufferMaxSize?: number;
  /**
   * Largest single read: the count of `getData`/`waitForBytes`, and a size the stream declares
   * to `getVar`, `getString` or `getUtf8String`. A larger declared size is a protocol error
   * that closes the connection (Godot tries to allocate it).
   * @default 8388608
   */
  maxReadSize?: number;
  /**
   * The clock of the stream's timers (StreamPeerTCP's connect timeout): a `ManualClock` in tests.
   * @default systemClock
   */
  clock?: Clock;
}

export interface StreamPeerEvents extends EventMap {
  /** New bytes can be read. */
  readable: [];
  /** Everything queued for sending was handed to the OS. */
  drain: [];
  /** The connection ended (remote close after every byte was read, local close, or an error). */
  close: [];
  /** The connection failed or was aborted (for a protocol error: a `StreamProtocolError`); also kept in `lastError`. */
  error: [error: GodotError];
}

/** `peer[putOwnedData](bytes)`: `putData` without the defensive copy, for callers that give the array away. */
export const putOwnedData: unique symbol = Symbol('putOwnedData');

/** `peer[readInto](target)`: `getPartialDataInto` for hot loops, returning the count or −error. */
export const readInto: unique symbol = Symbol('readInto');

const EMPTY = new Uint8Array(0);
/** `lastVarError` while a value has not fully arrived, or the stream is not connected: shared, nothing allocated per poll. */
const NOT_ARRIVED = new GodotError(ErrorCode.ERR_UNAVAILABLE, 'getVar: the value has not fully arrived');
const NOT_CONNECTED = new GodotError(ErrorCode.FAILED, 'getVar: not connected');

export abstract class StreamPeer<Events extends StreamPeerEvents = StreamPeerEvents> extends Emitter<Events> {
  /** Byte order of the typed helpers and of `putVar`/`getVar`'s length. @default false */
  bigEndian: boolean;
  /**
   * Why the last `getVar` returned `null`: a `GodotError` with `ERR_UNAVAILABLE` when the value
   * has not fully arrived (`FAILED` when not connected), the `VariantError` of a value that does
   * not decode, or the `StreamProtocolError` of a bad length. `null` after a success.
   */
  lastVarError: GodotError | null = null;
  /** See {@link StreamPeerOptions.readBufferSize}. */
  readonly readBufferSize: number;
  /** See {@link StreamPeerOptions.writeBufferMaxSize}. */
  readonly writeBufferMaxSize: number;
  /** See {@link StreamPeerOptions.maxReadSize}. */
  readonly maxReadSize: number;

  /** The clock the stream's timers run on (see {@link StreamPeerOptions.clock}). */
  protected readonly _clock: Clock;

  #format: VariantFormat = 'godot4';
  #lastError: GodotError | null = null;
  readonly #input = new ByteQueue();
  #inputEnded = false;
  #reading = true;
  #closed = true;
  #byteWaiters: Array<{ bytes: number; waiter: Waiter }> = [];
  readonly #drainWaiters = new WaiterList('the write buffer to drain');
  readonly #scratch = new Uint8Array(8);

  /** @throws {GodotError} `ERR_INVALID_PARAMETER` for a bad option. */
  protected constructor(options: StreamPeerOptions = {}) {
    super();
    if (options.format !== undefined) this.format = options.format;
    this.bigEndian = options.bigEndian ?? false;
    this.readBufferSize = checkInt('readBufferSize', options.readBufferSize ?? DEFAULT_READ_BUFFER_SIZE, { min: 1 });
    this.writeBufferMaxSize = checkInt('writeBufferMaxSize', options.writeBufferMaxSize ?? DEFAULT_WRITE_BUFFER_MAX_SIZE, { min: 1 });
    this.maxReadSize = checkInt('maxReadSize', options.maxReadSize ?? DEFAULT_MAX_READ_SIZE, { min: 0 });
    this._clock = options.clock ?? systemClock;
  }

  /**
   * The Variant dialect of `putVar`/`getVar`; an unknown one throws a `GodotError`
   * (`ERR_INVALID_PARAMETER`) and changes nothing.
   * @default 'godot4'
   */
  get format(): VariantFormat {
    return this.#format;
  }

  set format(format: VariantFormat) {
    this.#format = checkFormat('format', format);
  }

  /** The error the `error` event reported last, `null` while none did; a new connection clears it. */
  get lastError(): GodotError | null {
    return this.#lastError;
  }

  // --- Godot's StreamPeer API ----------------------------------------------------------

  /** Bytes that can be read now, or -1 when not connected. */
  getAvailableBytes(): number {
    return this._isConnected() ? this.#input.length : -1;
  }

  /**
   * Takes exactly `bytes` bytes. Returns `[OK, data]`; `[ERR_BUSY, empty]` while fewer have
   * arrived (nothing is consumed: Godot would block — use {@link getDataAsync});
   * `[ERR_FILE_EOF, rest]` when the remote closed before sending them all; `[FAILED, empty]`
   * when not connected; `[ERR_INVALID_PARAMETER, empty]` for a count that is negative or above
   * `maxReadSize`.
   */
  getData(bytes: number): [error: ErrorCode, data: Uint8Array] {
    if (!Number.isInteger(bytes) || bytes < 0 || bytes > this.maxReadSize) return [ErrorCode.ERR_INVALID_PARAMETER, EMPTY];
    if (!this._isConnected()) return [ErrorCode.FAILED, EMPTY];
    if (this.#input.length >= bytes) return [ErrorCode.OK, this.#read(bytes)];
    if (this.#inputEnded) return [ErrorCode.ERR_FILE_EOF, this.#read(this.#input.length)];
    return [ErrorCode.ERR_BUSY, EMPTY];
  }

  /**
   * Takes up to `bytes` bytes, whatever has arrived. `[ERR_FILE_EOF, empty]` once the remote
   * closed and everything was read (the connection then ends, as in Godot).
   */
  getPartialData(bytes: number): [error: ErrorCode, data: Uint8Array] {
    if (!Number.isInteger(bytes) || bytes < 0) return [ErrorCode.ERR_INVALID_PARAMETER, EMPTY];
    const error = this.#partialReadError();
    if (error !== ErrorCode.OK) return [error, EMPTY];
    return [ErrorCode.OK, this.#read(Math.min(bytes, this.#input.length))];
  }

  /** {@link getPartialData} into a buffer of yours (Godot's C++ form): `[error, bytes written]`. */
  getPartialDataInto(target: Uint8Array): [error: ErrorCode, received: number] {
    const received = this[readInto](target);
    return received < 0 ? [-received as ErrorCode, 0] : [ErrorCode.OK, received];
  }

  /** @internal {@link getPartialDataInto} without the tuple: bytes written, or −error. */
  [readInto](target: Uint8Array): number {
    const error = this.#partialReadError();
    if (error !== ErrorCode.OK) return -error;
    const received = this.#input.readInto(target);
    this.#afterRead();
    return received;
  }

  /**
   * Sends all of `data` (copied). `FAILED` when not connected; `ERR_BUSY` (nothing queued) when
   * `writeBufferMaxSize` bytes are already waiting to be sent — Godot blocks instead, see
   * {@link putDataAsync}.
   */
  putData(data: Uint8Array): ErrorCode {
    if (!(data instanceof Uint8Array)) throw new TypeError('putData expects a Uint8Array');
    if (data.length === 0) return ErrorCode.OK;
    const copy = allocate(data.length);
    copy.set(data);
    return this[putOwnedData](copy);
  }

  /** Sends as much of `data` as the write buffer takes: `[OK, bytes sent]`. */
  putPartialData(data: Uint8Array): [error: ErrorCode, sent: number] {
    if (!this._isConnected()) return [ErrorCode.FAILED, 0];
    const room = Math.max(0, this.writeBufferMaxSize - this._bufferedAmount());
    const sent = Math.min(room, data.length);
    if (sent > 0) this._write(data.slice(0, sent));
    return [ErrorCode.OK, sent];
  }

  /** @internal */
  [putOwnedData](data: Uint8Array): ErrorCode {
    if (!this._isConnected()) return ErrorCode.FAILED;
    const queued = this._bufferedAmount();
    if (queued > 0 && queued + data.length > this.writeBufferMaxSize) return ErrorCode.ERR_BUSY;
    this._write(data);
    return ErrorCode.OK;
  }

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
    return this[putOwnedData](this.#prefixed(asciiBytes(text, this.format)));
  }

  /** `put_utf8_string`: a u32 length and the UTF-8 bytes. */
  putUtf8String(text: string): ErrorCode {
    return this[putOwnedData](this.#prefixed(utf8Bytes(text)));
  }

  /**
   * `put_var`: a 32-bit length (in `bigEndian` order) and the encoded Variant — with the default
   * byte order, the same bytes as one `PacketPeerStream` packet. Returns the encoder's error
   * code (e.g. `ERR_INVALID_PARAMETER`) or the write's.
   */
  putVar(value: VariantLike, fullObjects = false): ErrorCode {
    let encoded: Uint8Array;
    try {
      encoded = varToBytes(value, { fullObjects, format: this.format });
    } catch (error) {
      if (error instanceof VariantError) return error.code;
      throw error;
    }
    return this[putOwnedData](this.#prefixed(encoded));
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
   * above `maxReadSize` is a `StreamProtocolError` and closes the connection.
   */
  getString(bytes = -1): string {
    return latin1Text(this.#takeSized(bytes, 'getString'));
  }

  /** `get_utf8_string(bytes = -1)`: as {@link getString}, decoded as UTF-8. */
  getUtf8String(bytes = -1): string {
    return utf8Text(this.#takeSized(bytes, 'getUtf8String'));
  }

  /**
   * `get_var`: reads a 32-bit length and decodes that many bytes as a Variant. Returns `null`
   * when the value has not fully arrived (nothing consumed, `lastVarError` = `ERR_UNAVAILABLE`),
   * when it does not decode (`lastVarError` = the `VariantError`; its bytes are consumed, as in
   * Godot), or when the declared length is negative or above `maxReadSize` (a
   * `StreamProtocolError`: the connection is closed).
   */
  getVar(allowObjects = false): Variant {
    if (this.#input.length < 4) {
      this.lastVarError = this._isConnected() ? NOT_ARRIVED : NOT_CONNECTED;
      return null;
    }
    const length = this.#declaredLength('getVar');
    if (length === undefined) return null;
    if (this.#input.length < 4 + length) {
      this.lastVarError = NOT_ARRIVED;
      return null;
    }
    this.#input.readInto(this.#scratch.subarray(0, 4));
    const bytes = this.#read(length);
    try {
      const value = bytesToVar(bytes, { allowObjects, format: this.format });
      this.lastVarError = null;
      return value;
    } catch (error) {
      if (!(error instanceof VariantError)) throw error;
      this.lastVarError = error;
      return null;
    }
  }

  /** Closes the connection (StreamPeerTCP: `disconnectFromHost`). */
  abstract close(): void;

  /** Closes the connection because of `error`, which is emitted as `error` (StreamPeerTCP: status ERROR). */
  abstract abort(error: GodotError): void;

  // --- promise forms -------------------------------------------------------------------

  /**
   * Resolves once `bytes` bytes can be read. Rejects with `ERR_FILE_EOF` when the connection
   * ends first (or the error that ended it), `ERR_TIMEOUT` after `timeoutMs`, the signal's
   * reason, or `ERR_INVALID_PARAMETER` for a count above `maxReadSize`.
   */
  waitForBytes(bytes: number, options: WaitOptions = {}): Promise<void> {
    if (!Number.isInteger(bytes) || bytes < 0 || bytes > this.maxReadSize) {
      return Promise.reject(new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `Cannot wait for ${bytes} bytes (maxReadSize is ${this.maxReadSize})`));
    }
    return this.#waitBytes(bytes, options);
  }

  /** Godot's blocking `get_data(bytes)`: resolves with exactly `bytes` bytes (see {@link waitForBytes}). */
  async getDataAsync(bytes: number, options: WaitOptions = {}): Promise<Uint8Array> {
    await this.waitForBytes(bytes, options);
    return this.#read(bytes);
  }

  /**
   * Godot's blocking `get_var`: waits for the whole value, then decodes it. Rejects with the
   * `VariantError` of a value that does not decode, a `StreamProtocolError` for a bad length,
   * or as {@link waitForBytes}.
   */
  async getVarAsync(allowObjects = false, options: WaitOptions = {}): Promise<Variant> {
    await this.#waitBytes(4, options);
    const length = this.#declaredLength('getVarAsync');
    if (length === undefined) throw this.lastVarError as GodotError;
    await this.#waitBytes(4 + length, options);
    const value = this.getVar(allowObjects);
    if (this.lastVarError !== null) throw this.lastVarError;
    return value;
  }

  /**
   * Godot's blocking `put_data`: resolves once all of `data` is queued, waiting for the write
   * buffer to drain when it is full. Rejects with `FAILED` when not connected.
   */
  async putDataAsync(data: Uint8Array, options: WaitOptions = {}): Promise<void> {
    const copy = data.slice();
    for (;;) {
      const code = this[putOwnedData](copy);
      if (code === ErrorCode.OK) return;
      if (code !== ErrorCode.ERR_BUSY) throw new GodotError(code, 'Cannot send: not connected');
      await this.#drainWaiters.wait(options);
    }
  }

  // --- for transports ------------------------------------------------------------------

  /** Whether data can be read and written now (StreamPeerTCP: status CONNECTED). */
  protected abstract _isConnected(): boolean;

  /** Queues `data` (owned from now on) for sending. */
  protected abstract _write(data: Uint8Array): void;

  /** Bytes queued for sending and not yet handed to the OS. */
  protected abstract _bufferedAmount(): number;

  /** The remote closed and every byte was read: end the connection (status NONE in Godot). */
  protected abstract _endOfStream(): void;

  /** Pause (`false`) or resume (`true`) reading from the transport. */
  protected _setReading(_reading: boolean): void {}

  /** Records `error` as `lastError` and emits it as the `error` event. */
  protected _emitError(error: GodotError): void {
    this.#lastError = error;
    this.emit('error', ...([error] as unknown as Events['error']));
  }

  /** Forgets `lastError` (a new connection is being made). */
  protected _clearError(): void {
    this.#lastError = null;
  }

  /** A connection started: its bytes can be received; a later `_closed()` emits `close`. */
  protected _opened(): void {
    this.#closed = false;
    this.#inputEnded = false;
    this.#input.clear();
    this.#reading = true;
  }

  /** Feeds received bytes (owned from now on). */
  protected _receive(chunk: Uint8Array): void {
    this.#input.push(chunk);
    if (this.#byteWaiters.length > 0) {
      const ready = this.#byteWaiters.filter(({ bytes }) => bytes <= this.#input.length);
      for (const entry of ready) entry.waiter.resolve();
    }
    this.emit('readable', ...([] as unknown as Events['readable']));
    // Checked after the listeners ran: a reader that drains at once never pauses the socket.
    if (this.#reading && this.#input.length >= this.#readLimit()) {
      this.#reading = false;
      this._setReading(false);
    }
  }

  /** The remote finished sending. The connection ends once the bytes already received are read. */
  protected _receiveEnd(): void {
    this.#inputEnded = true;
    if (this.#input.length === 0) {
      this._endOfStream();
      return;
    }
    // No more bytes will come: waits for more than what is here cannot succeed.
    const waiters = this.#byteWaiters;
    this.#byteWaiters = [];
    const error = new GodotError(ErrorCode.ERR_FILE_EOF, `The connection ended with ${this.#input.length} bytes unread`);
    for (const { waiter } of waiters) waiter.reject(error);
    this.emit('readable', ...([] as unknown as Events['readable']));
  }

  /** Everything queued was sent. */
  protected _drained(): void {
    this.#drainWaiters.wake();
    this.emit('drain', ...([] as unknown as Events['drain']));
  }

  /**
   * The connection is over: unread bytes are dropped (as when Godot closes its socket), waits
   * reject with `error` (or `ERR_FILE_EOF`), and `close` is emitted once.
   */
  protected _closed(error?: GodotError): void {
    this.#input.clear();
    this.#inputEnded = false;
    const reason = error ?? new GodotError(ErrorCode.ERR_FILE_EOF, 'The connection ended');
    const byteWaiters = this.#byteWaiters;
    this.#byteWaiters = [];
    for (const { waiter } of byteWaiters) waiter.reject(reason);
    this.#drainWaiters.fail(reason);
    if (this.#closed) return;
    this.#closed = true;
    this.emit('close', ...([] as unknown as Events['close']));
  }

  // --- internals -----------------------------------------------------------------------

  #partialReadError(): ErrorCode {
    if (!this._isConnected()) return ErrorCode.FAILED;
    if (this.#input.length === 0 && this.#inputEnded) {
      this._endOfStream();
      return ErrorCode.ERR_FILE_EOF;
    }
    return ErrorCode.OK;
  }

  #read(count: number): Uint8Array {
    const data = this.#input.read(count);
    this.#afterRead();
    return data;
  }

  #afterRead(): void {
    if (this.#inputEnded && this.#input.length === 0) {
      this._endOfStream();
      return;
    }
    if (!this.#reading && this.#input.length < this.#readLimit()) {
      this.#reading = true;
      this._setReading(true);
    }
  }

  #readLimit(): number {
    let limit = this.readBufferSize;
    for (const { bytes } of this.#byteWaiters) limit = Math.max(limit, bytes);
    return limit;
  }

  #waitBytes(bytes: number, options: WaitOptions): Promise<void> {
    if (this.#input.length >= bytes) return Promise.resolve();
    if (!this._isConnected() || this.#inputEnded) {
      return Promise.reject(new GodotError(ErrorCode.ERR_FILE_EOF, `The connection ended with ${this.#input.length} of ${bytes} bytes`));
    }
    return withWaitOptions(options, (waiter) => {
      const entry = { bytes, waiter };
      this.#byteWaiters.push(entry);
      if (!this.#reading) {
        this.#reading = true;
        this._setReading(true);
      }
      return () => {
        const at = this.#byteWaiters.indexOf(entry);
        if (at !== -1) this.#byteWaiters.splice(at, 1);
      };
    }, `${bytes} bytes`);
  }

  #putNumber(kind: NumberKind, value: number | bigint): ErrorCode {
    return this[putOwnedData](encodeNumber(kind, value, this.bigEndian));
  }

  #getNumber(kind: NumberKind): number | bigint {
    const size = KIND_SIZE[kind];
    this.#need(size, `get${kind}`);
    const bytes = this.#scratch.subarray(0, size);
    this.#input.readInto(bytes);
    const value = decodeNumber(kind, bytes, this.bigEndian);
    this.#afterRead();
    return value;
  }

  #need(bytes: number, what: string): void {
    if (this.#input.length >= bytes) return;
    throw new GodotError(
      this._isConnected() ? ErrorCode.ERR_UNAVAILABLE : ErrorCode.FAILED,
      `${what} needs ${bytes} bytes, ${this.#input.length} have arrived`,
    );
  }

  /** `bytes` bytes, or a u32 length and that many; see `getString`. */
  #takeSized(bytes: number, what: string): Uint8Array {
    if (bytes >= 0) {
      if (!Number.isInteger(bytes) || bytes > this.maxReadSize) throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `${what}: invalid length ${bytes}`);
      this.#need(bytes, what);
      return this.#read(bytes);
    }
    this.#need(4, what);
    const length = this.#declaredLength(what);
    if (length === undefined) throw this.lastVarError as GodotError;
    this.#need(4 + length, what);
    this.#input.readInto(this.#scratch.subarray(0, 4));
    return this.#read(length);
  }

  /**
   * The 32-bit length at the front of the input (not consumed). A negative or too large one
   * aborts the connection: returns `undefined` with the error in `lastVarError`.
   */
  #declaredLength(what: string): number | undefined {
    const header = this.#scratch.subarray(0, 4);
    this.#input.peekInto(header);
    const length = decodeNumber('32', header, this.bigEndian) as number;
    if (length >= 0 && length <= this.maxReadSize) return length;
    const error = new StreamProtocolError(
      ErrorCode.ERR_INVALID_DATA,
      `${what}: the stream declares ${length < 0 ? `a negative length (${length})` : `${length} bytes`}, more than maxReadSize (${this.maxReadSize})`,
    );
    this.lastVarError = error;
    this.abort(error);
    return undefined;
  }

  #prefixed(body: Uint8Array): Uint8Array {
    const out = allocate(4 + body.length);
    new DataView(out.buffer, out.byteOffset, 4).setUint32(0, body.length, !this.bigEndian);
    out.set(body, 4);
    return out;
  }
}
