/**
 * Godot's `PacketPeer`: the abstract base every transport extends (Godot's
 * `PacketPeerExtension`). It owns the Godot semantics — `putVar`/`getVar`, the encode buffer and
 * its limit, `getPacketError`, the bounded receive queue — and the TypeScript conveniences on
 * top of the same queue: a `packet` event, async iteration and `waitForPacket`.
 *
 * A transport implements `_putPacket` and `_getMaxPacketSize`, feeds what it receives to
 * `_deliver`, and calls `_ended` when its connection is gone. Pull-style transports may instead
 * override `_poll` to move received data into the queue when the application asks for packets.
 */
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
}

const EMPTY = new Uint8Array(0);

export interface Waiter {
  resolve(): void;
  reject(error: unknown): void;
}

export abstract class PacketPeer<
  Info = undefined,
  Events extends PacketPeerEvents<Info> = PacketPeerEvents<Info>,
> extends Emitter<Events> {
  /** The Variant dialect of `putVar` / `getVar`. */
  format: VariantFormat;
  /** The last `VariantError` (or packet error code) `getVar` swallowed, `null` after a success. */
  lastVarError: VariantError | ErrorCode | null = null;

  /** Info of the packet `getPacket()` returned last. */
  protected _lastInfo: Info | undefined;
  protected readonly _queue: PacketQueue<Info>;

  #lastGetError: ErrorCode = ErrorCode.OK;
  #encodeBufferMaxSize = DEFAULT_ENCODE_BUFFER_MAX_SIZE;
  // The three below are made on first use: a server holds one peer per connection.
  #readable: WaiterList | null = null;
  #iterators: Set<PacketIterator<Info>> | null = null;
  #iteratorHooks: IteratorHooks<Info> | null = null;
  #flushScheduled = false;
  #ended = false;

  protected constructor(options: PacketPeerOptions, queueLimits: PacketQueueLimits) {
    super();
    this.format = options.format ?? 'godot4';
    if (options.encodeBufferMaxSize !== undefined) this.encodeBufferMaxSize = options.encodeBufferMaxSize;
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
      this.lastVarError = packet.error;
      return null;
    }
    try {
      const value = bytesToVar(packet.data, { allowObjects, format: this.format });
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
      bytes = varToBytes(value, { fullObjects, format: this.format, maxBytes: this.#encodeBufferMaxSize });
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
    this._packetTaken();
    return { error: ErrorCode.OK, data: item.data };
  }

  /** Called after a packet left the queue: transports that paused reading may resume. */
  protected _packetTaken(): void {}

  /**
   * Hands a received packet (owned by the peer from now on) to a waiting iterator, the `packet`
   * listeners or the queue. Returns false when the queue was full and the packet was dropped.
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

  /** Wakes `waitForPacket` callers and iterators: pull-style transports call it when data arrives. */
  protected _notifyReadable(): void {
    if (this._queue.count > 0) this.#readable?.wake();
    if (this.#iterators !== null) for (const iterator of this.#iterators) iterator.wake();
  }

  /** A (new) connection is up: a later `_ended()` will emit `close` again. */
  protected _opened(): void {
    this.#ended = false;
  }

  /** The connection is gone: finish iterators, fail waiters, emit `close` (once per connection). */
  protected _ended(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#readable?.fail(new GodotError(ErrorCode.ERR_UNAVAILABLE, 'Peer closed'));
    for (const iterator of [...(this.#iterators ?? [])]) iterator.end();
    this.emit('close', ...([] as unknown as Events['close']));
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
        this._packetTaken();
        this.emit('packet', ...([item.data, item.info] as unknown as Events['packet']));
      }
    });
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
