/**
 * Godot's `PacketPeer`: the abstract base every transport extends (Godot's
 * `PacketPeerExtension`). It owns the Godot semantics — `putVar`/`getVar`, the encode buffer and
 * its limit, `getPacketError`, the bounded receive queue — and the TypeScript conveniences on
 * top of the same queue: a `packet` event, async iteration and `waitForPacket`. It also owns what
 * every transport shares: the clock (`_clock`), the error surface (`lastError`, the `error`
 * event), back-pressure on received packets (`_receive`) and the route by which a multiplayer
 * peer takes over a child connection's packets.
 *
 * A transport implements `_putPacket`, `_getMaxPacketSize` and `_close`, feeds what it receives
 * to `_receive` (or `_deliver`), and calls `_ended` when its connection is gone. Pull-style
 * transports may instead override `_poll` to move received data into the queue when the
 * application asks for packets.
 */
import { checkFormat } from './checks.js';
import { systemClock, type Clock } from './clock.js';
import { Emitter, type EventMap } from './emitter.js';
import { ErrorCode, GodotError } from './error.js';
import {
  DEFAULT_ENCODE_BUFFER_MAX_SIZE, MAX_ENCODE_BUFFER_MAX_SIZE, MIN_ENCODE_BUFFER_MAX_SIZE, nextPowerOfTwo,
} from './limits.js';
import { PacketQueue, type PacketQueueLimits } from './packet-queue.js';
import { bytesToVar } from './variant/decoder.js';
import { varToBytes } from './variant/encoder.js';
import type { VariantFormat } from './variant/format.js';
import type { Variant, VariantLike } from './variant/value.js';
import { VariantError } from './variant/variant-error.js';
import { WaiterList, type WaitOptions } from './waiters.js';

export interface PacketPeerOptions {
  /**
   * The Variant dialect `putVar` writes and `getVar` reads: `'godot3'` to talk to Godot 3.x,
   * `'godot4.3'` for Godot 4.0–4.3.
   * @default 'godot4'
   */
  format?: VariantFormat;
  /**
   * Largest Variant `putVar` encodes (Godot's `encode_buffer_max_size`), 1024 … 256 MiB,
   * rounded up to a power of two.
   * @default 8388608
   */
  encodeBufferMaxSize?: number;
  /**
   * The clock of every timer the peer runs (timeouts, heartbeats): a `ManualClock` in tests.
   * @default systemClock
   */
  clock?: Clock;
}

/** Events of every packet peer. `Info` describes a packet's origin (e.g. sender address). */
export interface PacketPeerEvents<Info = undefined> extends EventMap {
  /**
   * A packet arrived. While at least one listener is attached, packets go to the listeners
   * instead of the queue that `getPacket()` and `packets()` read.
   */
  packet: [packet: Uint8Array, info: Info];
  /** The peer was closed (locally or by the remote side). */
  close: [];
  /**
   * Something failed after the call that caused it had returned (a connection that failed or
   * broke, a datagram the OS refused); also kept in `lastError`. Never thrown.
   */
  error: [error: GodotError];
}

/**
 * Where a child connection's received packets go instead of its own queue (see
 * `MultiplayerPeer._attachChild`). Returns false when there is no room: the child keeps the
 * packet, pauses reading if it can, and offers it again once resumed. With `force` (a child
 * that cannot pause) the route must take the packet, or drop and count it, and return true.
 */
export type PacketRoute<Info> = (data: Uint8Array, info: Info, force: boolean) => boolean;

const EMPTY = new Uint8Array(0);

/** `lastVarError` when `getVar` found no packet: one shared error per code, nothing allocated per call. */
const noPacketErrors = new Map<ErrorCode, GodotError>();
function noPacketError(code: ErrorCode): GodotError {
  let error = noPacketErrors.get(code);
  if (error === undefined) noPacketErrors.set(code, (error = new GodotError(code, 'getVar: no packet could be read')));
  return error;
}

export abstract class PacketPeer<
  Info = undefined,
  Events extends PacketPeerEvents<Info> = PacketPeerEvents<Info>,
> extends Emitter<Events> {
  /**
   * Why the last `getVar` returned `null`: the `VariantError` of a packet that did not decode,
   * or a `GodotError` with the packet error (`ERR_UNAVAILABLE` when none was waiting). `null`
   * after a success.
   */
  lastVarError: GodotError | null = null;

  /** Info of the packet `getPacket()` returned last. */
  protected _lastInfo: Info | undefined;
  protected readonly _queue: PacketQueue<Info>;
  /** The clock every timer of the transport runs on (see {@link PacketPeerOptions.clock}). */
  protected readonly _clock: Clock;

  #format: VariantFormat = 'godot4';
  #lastGetError: ErrorCode = ErrorCode.OK;
  #lastError: GodotError | null = null;
  #encodeBufferMaxSize = DEFAULT_ENCODE_BUFFER_MAX_SIZE;
  // The ones below are made on first use: a server holds one peer per connection.
  #readable: WaiterList | null = null;
  #iterators: Set<PacketIterator<Info>> | null = null;
  #iteratorHooks: IteratorHooks<Info> | null = null;
  /** Received packets waiting for room (back-pressure), oldest first. */
  #held: PacketQueue<Info> | null = null;
  #paused = false;
  #flushing = false;
  /** Set while a multiplayer peer takes this peer's packets. */
  #route: PacketRoute<Info> | null = null;
  #flushScheduled = false;
  #ended = false;

  /**
   * @throws {GodotError} `ERR_INVALID_PARAMETER` for an unknown `format` or an `encodeBufferMaxSize`
   *   out of range.
   */
  protected constructor(options: PacketPeerOptions, queueLimits: PacketQueueLimits) {
    super();
    if (options.format !== undefined) this.format = options.format;
    if (options.encodeBufferMaxSize !== undefined) this.encodeBufferMaxSize = options.encodeBufferMaxSize;
    this._clock = options.clock ?? systemClock;
    this._queue = new PacketQueue(queueLimits);
  }

  // --- Godot's PacketPeer API ----------------------------------------------------------

  /** Number of packets waiting to be read with `getPacket()`. */
  getAvailablePacketCount(): number {
    this._poll();
    return this._queue.count;
  }

  /**
   * Takes the next packet. On failure returns an empty array and `getPacketError()` tells why
   * (`ERR_UNAVAILABLE` when there is none). The array belongs to the caller.
   */
  getPacket(): Uint8Array {
    const packet = this._getPacket();
    this.#lastGetError = packet.error;
    return packet.error === ErrorCode.OK ? packet.data : EMPTY;
  }

  /** The error of the last `getPacket()` call (only that call sets it, as in Godot). */
  getPacketError(): ErrorCode {
    return this.#lastGetError;
  }

  /**
   * Takes the next packet and decodes it as a Variant, like Godot's `get_var`. Returns `null`
   * when there is no packet or it is not a valid Variant; `lastVarError` says which. Full
   * objects are refused unless `allowObjects` is true.
   */
  getVar(allowObjects = false): Variant {
    const packet = this._getPacket();
    if (packet.error !== ErrorCode.OK) {
      this.lastVarError = noPacketError(packet.error);
      return null;
    }
    try {
      const value = bytesToVar(packet.data, { allowObjects, format: this.#format });
      this.lastVarError = null;
      return value;
    } catch (error) {
      if (!(error instanceof VariantError)) throw error;
      this.lastVarError = error;
      return null;
    }
  }

  /** Sends one packet. An empty packet is not sent and returns `OK`, as in Godot. */
  putPacket(packet: Uint8Array): ErrorCode {
    if (!(packet instanceof Uint8Array)) throw new TypeError('putPacket expects a Uint8Array');
    if (packet.length === 0) return ErrorCode.OK;
    return this._putPacket(packet, false);
  }

  /**
   * Encodes a Variant and sends it as one packet, like Godot's `put_var`. Returns the encoder's
   * error (e.g. `ERR_OUT_OF_MEMORY` when bigger than `encodeBufferMaxSize`,
   * `ERR_INVALID_PARAMETER` for a value Godot cannot represent) or the send result.
   */
  putVar(value: VariantLike, fullObjects = false): ErrorCode {
    let bytes: Uint8Array;
    try {
      bytes = varToBytes(value, { fullObjects, format: this.#format, maxBytes: this.#encodeBufferMaxSize });
    } catch (error) {
      if (error instanceof VariantError) return error.code;
      throw error;
    }
    return this._putPacket(bytes, true);
  }

  /** Largest packet the transport can send. */
  getMaxPacketSize(): number {
    return this._getMaxPacketSize();
  }

  /**
   * The Variant dialect of `putVar` / `getVar`. Setting an unknown one throws a `GodotError`
   * (`ERR_INVALID_PARAMETER`) and changes nothing.
   * @default 'godot4'
   */
  get format(): VariantFormat {
    return this.#format;
  }

  set format(format: VariantFormat) {
    this.#format = checkFormat('format', format);
  }

  /**
   * Largest Variant `putVar` encodes. Setting it rounds up to a power of two; a value outside
   * 1024 … 256 MiB throws a `GodotError` (`ERR_INVALID_PARAMETER`) and changes nothing.
   * @default 8388608
   */
  get encodeBufferMaxSize(): number {
    return this.#encodeBufferMaxSize;
  }

  set encodeBufferMaxSize(size: number) {
    if (!Number.isFinite(size) || size < MIN_ENCODE_BUFFER_MAX_SIZE) {
      throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `Max encode buffer must be at least ${MIN_ENCODE_BUFFER_MAX_SIZE} bytes, got ${size}`);
    }
    if (size > MAX_ENCODE_BUFFER_MAX_SIZE) {
      throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `Max encode buffer cannot exceed 256 MiB, got ${size}`);
    }
    this.#encodeBufferMaxSize = nextPowerOfTwo(Math.ceil(size));
  }

  // --- TypeScript conveniences ---------------------------------------------------------

  /**
   * The error the `error` event reported last (why the connection failed or broke), `null`
   * while none did; a new connection clears it.
   */
  get lastError(): GodotError | null {
    return this.#lastError;
  }

  /** Packets refused because the receive queue was full. */
  get droppedPackets(): number {
    return this._queue.dropped;
  }

  /**
   * Resolves once a packet can be read with `getPacket()` (at once if one is waiting). Packets
   * that go to `packet` listeners do not count.
   */
  waitForPacket(options: WaitOptions = {}): Promise<void> {
    if (this.getAvailablePacketCount() > 0) return Promise.resolve();
    return (this.#readable ??= new WaiterList('a packet')).wait(options);
  }

  /**
   * Iterates over incoming packets until the peer closes (or `signal` aborts). Reads the same
   * queue as `getPacket()`.
   */
  packets(options: { signal?: AbortSignal } = {}): AsyncIterableIterator<Uint8Array> {
    this.#iteratorHooks ??= {
      add: (iterator) => (this.#iterators ??= new Set()).add(iterator),
      remove: (iterator) => this.#iterators?.delete(iterator),
      take: () => {
        const packet = this._getPacket();
        return packet.error === ErrorCode.OK ? packet.data : undefined;
      },
    };
    return new PacketIterator(this.#iteratorHooks, options.signal);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<Uint8Array> {
    return this.packets();
  }

  /** Closes the peer. Packets already queued stay readable; iterators finish after them. */
  close(): void {
    this._close();
    this._ended();
  }

  // --- for transports ------------------------------------------------------------------

  /**
   * Sends one non-empty packet. `owned` is true when nobody else holds `packet` (the bytes
   * `putVar` encoded): a transport that must keep the bytes after returning may then keep them
   * without copying. Otherwise the caller may change them as soon as this returns.
   */
  protected abstract _putPacket(packet: Uint8Array, owned: boolean): ErrorCode;

  /** Largest packet the transport can send. */
  protected abstract _getMaxPacketSize(): number;

  /** Releases the transport's resources. */
  protected abstract _close(): void;

  /** Pull-style transports move received data into the queue here. */
  protected _poll(): void {}

  /** Takes the next packet from the queue. */
  protected _getPacket(): { error: ErrorCode; data: Uint8Array } {
    this._poll();
    const item = this._queue.shift();
    if (item === undefined) return { error: ErrorCode.ERR_UNAVAILABLE, data: EMPTY };
    this._lastInfo = item.info;
    this.#taken();
    return { error: ErrorCode.OK, data: item.data };
  }

  /** Called after a packet left the queue (room was made): transports that wait for room react here. */
  protected _packetTaken(): void {}

  /**
   * Hands a received packet (owned by the peer from now on) to a waiting iterator, the `packet`
   * listeners or the queue. Returns false when the queue was full and the packet was dropped.
   * Transports that can stop reading use {@link _receive} instead, which waits for room.
   */
  protected _deliver(data: Uint8Array, info: Info): boolean {
    if (this._queue.count === 0) {
      if (this.#iterators !== null) for (const iterator of this.#iterators) {
        if (iterator.offer(data, info)) {
          // The packet is taken as by getPacket(): its info must be what the loop body reads.
          this._lastInfo = info;
          return true;
        }
      }
      if (this.listenerCount('packet') > 0) {
        this.emit('packet', ...([data, info] as unknown as Events['packet']));
        return true;
      }
    }
    if (!this._queue.push(data, info)) return false;
    this._notifyReadable();
    return true;
  }

  /**
   * Receives a packet with back-pressure, Godot's way: it goes to the queue (or, for a child
   * connection, to its multiplayer peer) while there is room. When there is none and the
   * transport can stop reading ({@link _canPauseReading}), the packet waits here,
   * {@link _pauseReading} is called, and once the application made room the waiting packets move
   * on and {@link _resumeReading} is called: only what one read from the network already brought
   * in ever waits here. A transport that cannot stop reading gets the packet queued or dropped
   * (and counted), as with {@link _deliver}.
   */
  protected _receive(data: Uint8Array, info: Info): void {
    if (this.#held === null && this.#offer(data, info, false)) return;
    if (!this._canPauseReading) {
      this.#offer(data, info, true);
      return;
    }
    (this.#held ??= new PacketQueue<Info>({ maxPackets: Infinity, maxBytes: Infinity })).push(data, info);
    if (!this.#paused) {
      this.#paused = true;
      this._pauseReading();
    }
  }

  /** Whether the transport can stop reading from the network now (see {@link _receive}). @default false */
  protected get _canPauseReading(): boolean {
    return false;
  }

  /** Stop reading from the network (TCP back-pressure) until {@link _resumeReading}. */
  protected _pauseReading(): void {}

  /** Read from the network again. */
  protected _resumeReading(): void {}

  /**
   * Forgets back-pressure state (a new connection starts): packets waiting for room are dropped
   * and reading counts as resumed, without calling `_resumeReading`.
   */
  protected _resetReceive(): void {
    this.#held = null;
    this.#paused = false;
  }

  /** Wakes `waitForPacket` callers and iterators: pull-style transports call it when data arrives. */
  protected _notifyReadable(): void {
    if (this._queue.count > 0) this.#readable?.wake();
    if (this.#iterators !== null) for (const iterator of this.#iterators) iterator.wake();
  }

  /** A (new) connection is up: a later `_ended()` will emit `close` again, and `lastError` is cleared. */
  protected _opened(): void {
    this.#ended = false;
    this.#lastError = null;
  }

  /** Records `error` as `lastError` and emits it as the `error` event. */
  protected _emitError(error: GodotError): void {
    this.#lastError = error;
    this.emit('error', ...([error] as unknown as Events['error']));
  }

  /** Sets `lastError` without emitting (`null` forgets it). */
  protected _setLastError(error: GodotError | null): void {
    this.#lastError = error;
  }

  /** The connection is gone: finish iterators, fail waiters, emit `close` (once per connection). */
  protected _ended(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#readable?.fail(new GodotError(ErrorCode.ERR_UNAVAILABLE, 'Peer closed'));
    for (const iterator of [...(this.#iterators ?? [])]) iterator.end();
    this.emit('close', ...([] as unknown as Events['close']));
  }

  /**
   * Makes `child` hand its received packets to `route` instead of its own queue (`null`: back to
   * its queue). For multiplayer peers; see `MultiplayerPeer._attachChild`.
   */
  protected static _routeChild<I>(child: PacketPeer<I, PacketPeerEvents<I>>, route: PacketRoute<I> | null): void {
    child.#route = route;
    child.#flushHeld();
  }

  /** Tells `child` that its route has room again: its waiting packets move on. */
  protected static _resumeChild<I>(child: PacketPeer<I, PacketPeerEvents<I>>): void {
    child.#flushHeld();
  }

  protected override _listenersChanged(event: keyof Events): void {
    // Packets queued before the first `packet` listener was attached are handed to it.
    if (event !== 'packet' || this.listenerCount('packet') === 0 || this._queue.count === 0 || this.#flushScheduled) return;
    this.#flushScheduled = true;
    queueMicrotask(() => {
      this.#flushScheduled = false;
      while (this.listenerCount('packet') > 0) {
        const item = this._queue.shift();
        if (item === undefined) break;
        this.#taken();
        this.emit('packet', ...([item.data, item.info] as unknown as Events['packet']));
      }
    });
  }

  /** A packet left the queue: packets waiting for room move on, then the transport hears of it. */
  #taken(): void {
    if (this.#held !== null || this.#paused) this.#flushHeld();
    this._packetTaken();
  }

  /** Offers a packet to the route or the queue; false when there is no room (unless `force`). */
  #offer(data: Uint8Array, info: Info, force: boolean): boolean {
    const route = this.#route;
    if (route !== null) return route(data, info, force);
    if (!force && !this._queue.fits(data.length)) return false;
    this._deliver(data, info);
    return true;
  }

  /** Moves waiting packets on while there is room, then reads again. */
  #flushHeld(): void {
    if (this.#flushing) return;
    this.#flushing = true;
    try {
      const held = this.#held;
      if (held !== null) {
        for (let item = held.peek(); item !== undefined; item = held.peek()) {
          if (!this.#offer(item.data, item.info, false)) return;
          held.shift();
        }
        this.#held = null;
      }
      if (this.#paused && (this.#route !== null || this._queue.fits(0))) {
        this.#paused = false;
        this._resumeReading();
      }
    } finally {
      this.#flushing = false;
    }
  }
}

interface IteratorHooks<Info> {
  add(iterator: PacketIterator<Info>): void;
  remove(iterator: PacketIterator<Info>): void;
  take(): Uint8Array | undefined;
}

/** One `packets()` consumer: takes from the queue, or waits for `_deliver` to offer a packet. */
class PacketIterator<Info> implements AsyncIterableIterator<Uint8Array> {
  #pending: { resolve(result: IteratorResult<Uint8Array>): void; reject(error: unknown): void } | null = null;
  #done = false;
  #ended = false;
  /** An abort that happened while no `next()` was pending: the next call rejects with it. */
  #abortReason: { reason: unknown } | null = null;
  readonly #hooks: IteratorHooks<Info>;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = (): void => this.#finish(this.#signal?.reason);

  constructor(hooks: IteratorHooks<Info>, signal?: AbortSignal) {
    this.#hooks = hooks;
    this.#signal = signal;
    hooks.add(this);
    signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  next(): Promise<IteratorResult<Uint8Array>> {
    if (this.#signal?.aborted && !this.#done) this.#finish(this.#signal.reason);
    if (this.#abortReason) {
      const { reason } = this.#abortReason;
      this.#abortReason = null;
      return Promise.reject(reason);
    }
    if (this.#done) return Promise.resolve({ done: true, value: undefined });
    if (this.#pending) return Promise.reject(new Error('packets(): next() called while a previous call is pending'));
    const data = this.#hooks.take();
    if (data !== undefined) return Promise.resolve({ done: false, value: data });
    if (this.#ended) {
      this.#finish();
      return Promise.resolve({ done: true, value: undefined });
    }
    return new Promise((resolve, reject) => (this.#pending = { resolve, reject }));
  }

  return(): Promise<IteratorResult<Uint8Array>> {
    this.#finish();
    return Promise.resolve({ done: true, value: undefined });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** A packet arrived while the queue was empty: take it if this iterator is waiting. */
  offer(data: Uint8Array, _info: Info): boolean {
    if (this.#pending === null) return false;
    const { resolve } = this.#pending;
    this.#pending = null;
    resolve({ done: false, value: data });
    return true;
  }

  /** Packets were queued: a waiting iterator takes one. */
  wake(): void {
    if (this.#pending === null) return;
    const data = this.#hooks.take();
    if (data === undefined) return;
    const { resolve } = this.#pending;
    this.#pending = null;
    resolve({ done: false, value: data });
  }

  /** The peer closed: finish after the packets still queued. */
  end(): void {
    this.#ended = true;
    if (this.#pending === null) return;
    const data = this.#hooks.take();
    const { resolve } = this.#pending;
    this.#pending = null;
    if (data !== undefined) {
      resolve({ done: false, value: data });
    } else {
      this.#finish();
      resolve({ done: true, value: undefined });
    }
  }

  #finish(error?: unknown): void {
    if (this.#done) return;
    this.#done = true;
    this.#hooks.remove(this);
    this.#signal?.removeEventListener('abort', this.#onAbort);
    const pending = this.#pending;
    this.#pending = null;
    if (error === undefined) pending?.resolve({ done: true, value: undefined });
    else if (pending) pending.reject(error);
    else this.#abortReason = { reason: error };
  }
}
