import {
  ErrorCode, GodotError, ReadSwitch, WaiterList, checkInt, systemClock, withWaitOptions, type Clock, type EventMap, type MemoryBudget,
  type Variant, type WaitOptions, type Waiter,
} from '@pp/core';
import { ByteQueue } from './byte-queue.js';
import { WriteCharge } from './write-charge.js';
import { DEFAULT_READ_BUFFER_SIZE, DEFAULT_WRITE_BUFFER_MAX_SIZE } from './limits.js';
import { allocate } from './slab.js';
import type { StreamProtocolError } from './stream-error.js';
import { TypedStreamPeer, type TypedStreamPeerOptions } from './typed-stream-peer.js';

/**
 * Options of every network `StreamPeer` (TCP, TLS): the read buffer, then the typed-value options
 * (`bigEndian`, `maxReadSize`, Variant options). Every field is optional.
 */
export interface StreamPeerOptions extends TypedStreamPeerOptions {
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
   * The clock of the stream's timers (StreamPeerTCP's connect timeout): a `ManualClock` in tests.
   * @default systemClock
   */
  clock?: Clock;
  /**
   * The memory budget of the packets framed on this stream: a `PacketPeerStream` over it charges
   * its queue there unless given its own. A `TCPServer` gives its connections the server's.
   * @default null
   */
  memoryBudget?: MemoryBudget | null;
  /**
   * Bytes queued for sending, shared with other streams: when writes to this one and the others
   * sharing the budget hold its limit, `putData` answers `ERR_BUSY` (`putDataAsync` waits for
   * room) even below `writeBufferMaxSize`. A `TCPServer` gives its connections the server's.
   * Not a Godot setting (Godot blocks in `put_data`).
   * @default null
   */
  writeBudget?: MemoryBudget | null;
}

/** The events of every stream peer. */
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

/**
 * Godot's `StreamPeer` over any byte transport: the base of `StreamPeerTCP` and of a
 * `StreamPeerTLS` or in-memory stream. It owns what every connection-like stream shares — the
 * received bytes and their limits, back-pressure (core's `ReadSwitch`: reading pauses at
 * `readBufferSize` unread bytes), the write limit, `getData`/`putData` and their promise forms,
 * the error surface and the close state — and gets the typed, string and Variant helpers from
 * `TypedStreamPeer`.
 *
 * A transport extends it and implements `_isConnected` (StreamPeerTCP: status CONNECTED),
 * `_write` (send bytes), `_bufferedAmount` (bytes not sent yet), `_endOfStream` (the remote
 * finished and everything was read), `close` and `abort`; it may override `_pauseReading` and
 * `_resumeReading`. It feeds what arrives to `_receive` and `_receiveEnd`, and reports
 * `_opened`, `_drained` and `_closed`.
 *
 * Godot's `get_data` and typed getters block until enough bytes arrived. Here they never block:
 * `getData` answers `ERR_BUSY` and the typed getters throw when the bytes are not there yet
 * (nothing is consumed), and `waitForBytes`, `getDataAsync` and `getVarAsync` wait instead.
 */
export abstract class StreamPeer<Events extends StreamPeerEvents = StreamPeerEvents> extends TypedStreamPeer<Events> {
  /** See {@link StreamPeerOptions.readBufferSize}. */
  readonly readBufferSize: number;
  /** See {@link StreamPeerOptions.writeBufferMaxSize}. */
  readonly writeBufferMaxSize: number;
  /** See {@link StreamPeerOptions.memoryBudget}. */
  readonly memoryBudget: MemoryBudget | null;
  /** See {@link StreamPeerOptions.writeBudget}. */
  readonly writeBudget: MemoryBudget | null;

  /** The clock the stream's timers run on (see {@link StreamPeerOptions.clock}). */
  protected readonly _clock: Clock;

  #lastError: GodotError | null = null;
  readonly #input = new ByteQueue();
  #inputEnded = false;
  readonly #reading = new ReadSwitch({ pause: () => this._pauseReading(), resume: () => this._resumeReading() });
  #closed = true;
  #byteWaiters: Array<{ bytes: number; waiter: Waiter }> = [];
  /** Bytes the last polled getter needed (`_wantBytes`): reading goes on up to them. */
  #wanted = 0;
  readonly #drainWaiters = new WaiterList('the write buffer to drain');
  readonly #writeCharge: WriteCharge | null;
  /** `putDataAsync` calls waiting for room in the write budget (failed when the connection ends). */
  readonly #budgetWaiters: Array<{ bytes: number; waiter: Waiter }> = [];

  /** @throws {GodotError} `ERR_INVALID_PARAMETER` for a bad option. */
  protected constructor(options: StreamPeerOptions = {}) {
    super(options);
    this.readBufferSize = checkInt('readBufferSize', options.readBufferSize ?? DEFAULT_READ_BUFFER_SIZE, { min: 1 });
    this.writeBufferMaxSize = checkInt('writeBufferMaxSize', options.writeBufferMaxSize ?? DEFAULT_WRITE_BUFFER_MAX_SIZE, { min: 1 });
    this._clock = options.clock ?? systemClock;
    this.memoryBudget = options.memoryBudget ?? null;
    this.writeBudget = options.writeBudget ?? null;
    this.#writeCharge = this.writeBudget === null ? null : new WriteCharge(this.writeBudget);
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
    if (this.#input.length >= bytes) return [ErrorCode.OK, this._takeArray(bytes)];
    if (this.#inputEnded) return [ErrorCode.ERR_FILE_EOF, this._takeArray(this.#input.length)];
    this._wantBytes(bytes);
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
    return [ErrorCode.OK, this._takeArray(Math.min(bytes, this.#input.length))];
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
    return this._takeBytes(target);
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

  /** Sends as much of `data` as the write buffer (and the `writeBudget`) takes: `[OK, bytes sent]`. */
  putPartialData(data: Uint8Array): [error: ErrorCode, sent: number] {
    if (!this._isConnected()) return [ErrorCode.FAILED, 0];
    let room = Math.max(0, this.writeBufferMaxSize - this._bufferedAmount());
    const budget = this.writeBudget;
    if (budget !== null && budget.used > 0) room = budget.fits(1) ? Math.min(room, budget.limit - budget.used) : 0;
    const sent = Math.min(room, data.length);
    if (sent > 0) this.#send(data.slice(0, sent));
    return [ErrorCode.OK, sent];
  }

  /** @internal */
  [putOwnedData](data: Uint8Array): ErrorCode {
    if (!this._isConnected()) return ErrorCode.FAILED;
    const queued = this._bufferedAmount();
    if (queued > 0 && queued + data.length > this.writeBufferMaxSize) return ErrorCode.ERR_BUSY;
    if (this.#writeCharge !== null && !this.#writeCharge.allows(data.length)) return ErrorCode.ERR_BUSY;
    this.#send(data);
    return ErrorCode.OK;
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
    return this._takeArray(bytes);
  }

  /**
   * Godot's blocking `get_var`: waits for the whole value, then decodes it. Rejects with the
   * `VariantError` of a value that does not decode, a `StreamProtocolError` for a bad length,
   * or as {@link waitForBytes}.
   */
  async getVarAsync(allowObjects?: boolean, options: WaitOptions = {}): Promise<Variant> {
    await this.#waitBytes(4, options);
    const length = this._declaredLength('getVarAsync');
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
      // Nothing of ours waits to be sent: the shared write budget is full. Else our own drain frees room.
      if (this._bufferedAmount() === 0 && this.writeBudget !== null) {
        if (await this.#putWhenBudgetAllows(this.writeBudget, copy, options)) return;
      } else {
        await this.#drainWaiters.wait(options);
      }
    }
  }

  // --- for transports ------------------------------------------------------------------

  /** Queues `data` (owned from now on) for sending. */
  protected abstract _write(data: Uint8Array): void;

  /** Bytes queued for sending and not yet handed to the OS. */
  protected abstract _bufferedAmount(): number;

  /** The remote closed and every byte was read: end the connection (status NONE in Godot). */
  protected abstract _endOfStream(): void;

  /** Stop reading from the transport (back-pressure) until {@link _resumeReading}. */
  protected _pauseReading(): void {}

  /** Read from the transport again. */
  protected _resumeReading(): void {}

  /** Whether reading is paused (`readBufferSize` unread bytes are waiting). */
  protected get _readingPaused(): boolean {
    return this.#reading.paused;
  }

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
    this.#wanted = 0;
    this.#input.clear();
    this.#reading.reset();
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
    if (this.#input.length >= this.#readLimit()) this.#reading.pause();
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

  /**
   * Some of what was queued has been handed to the OS (a transport that can tell without a full
   * drain calls this): the write budget is charged what still waits.
   */
  protected _flushed(): void {
    this.#chargeWrites();
  }

  /**
   * Bytes buffered now are charged to a write budget: call {@link _flushed} once they have been
   * handed to the OS. Transports whose sends complete without a drain event implement it
   * (StreamPeerTCP); without it the charge is settled at the next write, drain or close.
   */
  protected _requestFlushNotice(): void {}

  /** Everything queued was sent. */
  protected _drained(): void {
    this.#chargeWrites();
    this.#drainWaiters.wake();
    this.emit('drain', ...([] as unknown as Events['drain']));
  }

  /**
   * The connection is over: unread bytes are dropped (as when Godot closes its socket), waits
   * reject with `error` (or `ERR_FILE_EOF`), and `close` is emitted once.
   */
  protected _closed(error?: GodotError): void {
    // The transport dropped what it had not sent.
    this.#writeCharge?.update(0);
    this.#input.clear();
    this.#wanted = 0;
    this.#inputEnded = false;
    const reason = error ?? new GodotError(ErrorCode.ERR_FILE_EOF, 'The connection ended');
    const byteWaiters = this.#byteWaiters;
    this.#byteWaiters = [];
    for (const { waiter } of byteWaiters) waiter.reject(reason);
    for (const { waiter } of [...this.#budgetWaiters]) waiter.reject(reason);
    this.#drainWaiters.fail(reason);
    if (this.#closed) return;
    this.#closed = true;
    this.emit('close', ...([] as unknown as Events['close']));
  }

  // --- the byte primitives of the typed helpers ----------------------------------------

  protected _readableBytes(): number {
    return this.#input.length;
  }

  protected _peekBytes(target: Uint8Array): number {
    return this.#input.peekInto(target);
  }

  protected _takeBytes(target: Uint8Array): number {
    const taken = this.#input.readInto(target);
    this.#afterRead();
    return taken;
  }

  protected _takeArray(count: number): Uint8Array {
    const data = this.#input.read(count);
    this.#afterRead();
    return data;
  }

  protected _putOwnedBytes(data: Uint8Array): ErrorCode {
    return this[putOwnedData](data);
  }

  protected _malformed(error: StreamProtocolError): void {
    this.abort(error);
  }

  /** Godot's getters block until the value is there; polled here, reading goes on up to it. */
  protected override _wantBytes(bytes: number): void {
    if (bytes <= this.#wanted) return;
    this.#wanted = bytes;
    if (this.#input.length < bytes) this.#reading.resume();
  }

  // --- internals -----------------------------------------------------------------------

  /** Writes `data` and charges the write budget what now waits to be sent. */
  #send(data: Uint8Array): void {
    this._write(data);
    this.#chargeWrites();
  }

  /** Charges the write budget what waits to be sent now, and asks to hear when it is out. */
  #chargeWrites(): void {
    const charge = this.#writeCharge;
    if (charge === null) return;
    charge.update(this._bufferedAmount());
    if (charge.charged) this._requestFlushNotice();
  }

  /**
   * Waits for room in the shared write budget, then writes `data` within the budget's wake-up
   * (so no other stream takes the room first). Resolves with whether it was written; false when
   * the stream now has bytes of its own waiting (its drain frees room) or stopped being connected.
   */
  async #putWhenBudgetAllows(budget: MemoryBudget, data: Uint8Array, options: WaitOptions): Promise<boolean> {
    let written = false;
    await withWaitOptions(options, (waiter) => {
      const resume = (): void => {
        const code = this[putOwnedData](data);
        written = code === ErrorCode.OK;
        if (!written && code === ErrorCode.ERR_BUSY && this._bufferedAmount() === 0) budget.waitForRoom(resume);
        else waiter.resolve();
      };
      const entry = { bytes: 0, waiter };
      this.#budgetWaiters.push(entry);
      budget.waitForRoom(resume);
      return () => {
        budget.stopWaiting(resume);
        this.#budgetWaiters.splice(this.#budgetWaiters.indexOf(entry), 1);
      };
    }, 'room in the write budget');
    return written;
  }

  #partialReadError(): ErrorCode {
    if (!this._isConnected()) return ErrorCode.FAILED;
    if (this.#input.length === 0 && this.#inputEnded) {
      this._endOfStream();
      return ErrorCode.ERR_FILE_EOF;
    }
    return ErrorCode.OK;
  }

  #afterRead(): void {
    // What was wanted has been read (or another read came first): the next poll says again.
    this.#wanted = 0;
    if (this.#inputEnded && this.#input.length === 0) {
      this._endOfStream();
      return;
    }
    if (this.#input.length < this.#readLimit()) this.#reading.resume();
  }

  #readLimit(): number {
    let limit = Math.max(this.readBufferSize, this.#wanted);
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
      this.#reading.resume();
      return () => {
        const at = this.#byteWaiters.indexOf(entry);
        if (at !== -1) this.#byteWaiters.splice(at, 1);
      };
    }, `${bytes} bytes`);
  }
}
