import { checkInt } from './checks.js';
import { systemClock, type Clock } from './clock.js';
import { Emitter, type EventMap } from './emitter.js';
import { ErrorCode, GodotError } from './error.js';
import {
  DEFAULT_ENCODE_BUFFER_MAX_SIZE, MAX_ENCODE_BUFFER_MAX_SIZE, MIN_ENCODE_BUFFER_MAX_SIZE, nextPowerOfTwo,
} from './limits.js';
import type { MemoryBudget } from './memory-budget.js';
import { PacketIterator, type IteratorHooks } from './packet-iterator.js';
import { EMPTY_PACKET } from './packet-memory.js';
import { PacketQueue, settleLimits, type PacketQueueLimits, type QueuedPacket, type SettledLimits } from './packet-queue.js';
import { ReceiveFlow, type PacketRoute } from './receive-flow.js';
import { VarCodec, type VarDecodeOptions, type VarEncodeOptions, type VarOptions } from './var-codec.js';
import type { VariantFormat } from './variant/format.js';
import type { Variant, VariantLike } from './variant/value.js';
import { VariantError } from './variant/variant-error.js';
import { WaiterList, type WaitOptions } from './waiters.js';

/**
 * Default `maxQueuedMemory` of a peer: 4 MiB. At Godot's default buffer sizes Godot's own limits
 * bind first for every transport (the most a default queue holds is 13107 one-byte
 * PacketPeerStream frames, 2.1 MB); it bounds what raised limits can cost.
 */
export const DEFAULT_MAX_QUEUED_MEMORY = 4 * 1024 * 1024;

export interface PacketPeerOptions extends VarOptions {
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
  /**
   * Most heap bytes the receive queue holds, each packet charged what it costs in memory (its
   * bytes and its objects: about 160 bytes for a one-byte packet), on top of Godot's limits in
   * packets and wire bytes. A push transport that can stop reading (TCP, WebSocket) then waits;
   * one that cannot (UDP) drops. A multiplayer peer applies each connection's own figure to
   * that connection's share of its queue.
   * @default 4194304
   */
  maxQueuedMemory?: number;
  /**
   * Heap bytes shared with other peers' queues (a server's: `TCPServer`, `UDPServer` and
   * `WebSocketMultiplayerPeer` give their peers theirs). A packet that does not fit waits or is
   * dropped as for a full queue. A closed peer's queue stops counting here.
   * @default null
   */
  memoryBudget?: MemoryBudget | null;
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

export type { PacketRoute };

/** Godot's limits of a receive queue, which a transport sets (see `PacketPeer._setReceiveLimits`). */
export type ReceiveLimits = Omit<PacketQueueLimits, 'budget'>;

/** `lastVarError` when `getVar` found no packet: one shared error per code, nothing allocated per call. */
const noPacketErrors = new Map<ErrorCode, GodotError>();
function noPacketError(code: ErrorCode): GodotError {
  let error = noPacketErrors.get(code);
  if (error === undefined) noPacketErrors.set(code, (error = new GodotError(code, 'getVar: no packet could be read')));
  return error;
}

/**
 * The codec of every peer with the default settings, never changed: a peer makes its own when a
 * setting is first changed (a server holds one peer per connection).
 */
const DEFAULT_CODEC = new VarCodec();

/**
 * Godot's `PacketPeer`: the abstract base every transport extends (Godot's
 * `PacketPeerExtension`). It owns the Godot semantics — `putVar`/`getVar` with the peer's codec
 * settings, the encode buffer and its limit, `getPacketError`, the bounded receive queue — and
 * the TypeScript conveniences on top of the same queue: a `packet` event, async iteration and
 * `waitForPacket`. It also owns what every transport shares: the clock (`_clock`), the error
 * surface (`lastError`, the `error` event), flow control on received packets (the queue's
 * limits, in Godot's wire bytes and in heap bytes, pausing and resuming reading) and the route
 * by which a multiplayer peer takes over a child connection's packets.
 *
 * A transport implements `_putPacket`, `_getMaxPacketSize` and `_close`, feeds what it receives
 * to `_receive` (push-style, with back-pressure) or `_deliver` (no back-pressure: a full queue
 * drops), or asks `_roomFor` before it reads a packet (pull-style), and calls `_ended` when its
 * connection is gone. It sets its Godot limits with `_setReceiveLimits` and never touches the
 * queue itself.
 */
export abstract class PacketPeer<
  Info = undefined,
  Events extends PacketPeerEvents<Info> = PacketPeerEvents<Info>,
> extends Emitter<Events> {
  /**
   * Why the last `getVar` returned `null` or the last `putVar` failed: the `VariantError` of a
   * packet that did not decode or a value that did not encode, or a `GodotError` with the packet
   * error (`ERR_UNAVAILABLE` when no packet was waiting). `null` after a success.
   */
  lastVarError: GodotError | null = null;

  /** Info of the packet `getPacket()` returned last. */
  protected _lastInfo: Info | undefined;
  /** The clock every timer of the transport runs on (see {@link PacketPeerOptions.clock}). */
  protected readonly _clock: Clock;

  #codec: VarCodec;
  /**
   * Made with the first packet queued (or asked room for): a child whose packets a multiplayer
   * peer takes never has one. Until then it reads as an empty queue.
   */
  #queue: PacketQueue<Info> | null = null;
  /** The queue's limits, kept here so that they apply before it is made (see `#setLimits`). */
  #limits: SettledLimits;
  #budget: MemoryBudget | null;
  #lastGetError: ErrorCode = ErrorCode.OK;
  #lastError: GodotError | null = null;
  #encodeBufferMaxSize = DEFAULT_ENCODE_BUFFER_MAX_SIZE;
  // The ones below are made on first use: a server holds one peer per connection.
  #readable: WaiterList | null = null;
  #iterators: Set<PacketIterator<Info>> | null = null;
  #iteratorHooks: IteratorHooks<Info> | null = null;
  /** Flow control, from the first packet received on (an idle connection costs none). */
  #flow: ReceiveFlow<Info> | null = null;
  /** Set while a multiplayer peer takes this peer's packets. */
  #route: PacketRoute<Info> | null = null;
  #flushScheduled = false;
  #ended = false;

  /**
   * `queueLimits` are the transport's Godot limits; `maxMemory` and `budget` there are the
   * defaults of the `maxQueuedMemory` and `memoryBudget` options.
   *
   * @throws {GodotError} `ERR_INVALID_PARAMETER` for a bad option.
   */
  protected constructor(options: PacketPeerOptions, queueLimits: PacketQueueLimits) {
    super();
    const defaultCodec = options.format === undefined && options.decodeOptions === undefined && options.encodeOptions === undefined;
    this.#codec = defaultCodec ? DEFAULT_CODEC : new VarCodec(options);
    if (options.encodeBufferMaxSize !== undefined) this.encodeBufferMaxSize = options.encodeBufferMaxSize;
    this._clock = options.clock ?? systemClock;
    const maxMemory = options.maxQueuedMemory ?? queueLimits.maxMemory ?? DEFAULT_MAX_QUEUED_MEMORY;
    if (maxMemory !== Infinity) checkInt('maxQueuedMemory', maxMemory, { min: 0 });
    this.#budget = options.memoryBudget ?? queueLimits.budget ?? null;
    this.#limits = settleLimits({ ...queueLimits, maxMemory, budget: this.#budget });
  }

  // --- Godot's PacketPeer API ----------------------------------------------------------

  /** Number of packets waiting to be read with `getPacket()`. */
  getAvailablePacketCount(): number {
    this._poll();
    return this.#queue?.count ?? 0;
  }

  /**
   * Takes the next packet. On failure returns an empty array and `getPacketError()` tells why
   * (`ERR_UNAVAILABLE` when there is none). The array belongs to the caller.
   */
  getPacket(): Uint8Array {
    const packet = this._getPacket();
    this.#lastGetError = packet.error;
    return packet.error === ErrorCode.OK ? packet.data : EMPTY_PACKET;
  }

  /** The error of the last `getPacket()` call (only that call sets it, as in Godot). */
  getPacketError(): ErrorCode {
    return this.#lastGetError;
  }

  /**
   * Takes the next packet and decodes it as a Variant, like Godot's `get_var`, with the peer's
   * `format` and `decodeOptions`. Returns `null` when there is no packet or it is not a valid
   * Variant; `lastVarError` says which. Full objects are refused unless `allowObjects` (by
   * default `decodeOptions.allowObjects`, false) is true.
   */
  getVar(allowObjects?: boolean): Variant {
    const packet = this._getPacket();
    if (packet.error !== ErrorCode.OK) {
      this.lastVarError = noPacketError(packet.error);
      return null;
    }
    try {
      const value = this.#codec.decode(packet.data, allowObjects);
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
   * Encodes a Variant and sends it as one packet, like Godot's `put_var`, with the peer's
   * `format` and `encodeOptions` (`fullObjects` by default `encodeOptions.fullObjects`, false).
   * Returns the encoder's error (e.g. `ERR_OUT_OF_MEMORY` when bigger than
   * `encodeBufferMaxSize`, `ERR_INVALID_PARAMETER` for a value Godot cannot represent), whose
   * message is kept in `lastVarError`, or the send result.
   */
  putVar(value: VariantLike, fullObjects?: boolean): ErrorCode {
    let bytes: Uint8Array;
    try {
      bytes = this.#codec.encode(value, fullObjects, this.#encodeBufferMaxSize);
    } catch (error) {
      if (!(error instanceof VariantError)) throw error;
      this.lastVarError = error;
      return error.code;
    }
    this.lastVarError = null;
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
    return this.#codec.format;
  }

  set format(format: VariantFormat) {
    this.#ownCodec().format = format;
  }

  /**
   * How `getVar` decodes: the codec's options (`exact`, `alwaysBigInt`, `maxDepth`,
   * `allowObjects`), a frozen copy. Setting bad ones throws a `GodotError`
   * (`ERR_INVALID_PARAMETER`) and changes nothing.
   * @default {}
   */
  get decodeOptions(): Readonly<VarDecodeOptions> {
    return this.#codec.decodeOptions;
  }

  set decodeOptions(options: VarDecodeOptions) {
    this.#ownCodec().decodeOptions = options;
  }

  /** How `putVar` encodes (`realIsDouble`, `maxDepth`, `fullObjects`); as {@link decodeOptions}. @default {} */
  get encodeOptions(): Readonly<VarEncodeOptions> {
    return this.#codec.encodeOptions;
  }

  set encodeOptions(options: VarEncodeOptions) {
    this.#ownCodec().encodeOptions = options;
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
    return this.#queue?.dropped ?? 0;
  }

  /** See {@link PacketPeerOptions.maxQueuedMemory}. */
  get maxQueuedMemory(): number {
    return this.#limits.maxMemory;
  }

  /** Heap bytes the queued packets hold, as charged against `maxQueuedMemory` and the budget. */
  get queuedMemory(): number {
    return this.#queue?.memory ?? 0;
  }

  /** The budget shared with other peers (see {@link PacketPeerOptions.memoryBudget}), or `null`. */
  get memoryBudget(): MemoryBudget | null {
    return this.#budget;
  }

  /**
   * Resolves once a packet can be read with `getPacket()` (at once if one is waiting). Packets
   * that go to `packet` listeners do not count.
   */
  waitForPacket(options?: WaitOptions): Promise<void> {
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

  /** `for await (const packet of peer)`: the same as `packets()` without a signal. */
  [Symbol.asyncIterator](): AsyncIterableIterator<Uint8Array> {
    return this.packets();
  }

  /** Closes the peer. Packets already queued stay readable; iterators finish after them. */
  close(): void {
    this._close();
    this._ended();
  }

  // --- for transports: sending ---------------------------------------------------------

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

  // --- for transports: the receive queue -----------------------------------------------

  /** Pull-style transports move received data into the queue here. */
  protected _poll(): void {}

  /** Takes the next packet from the queue. */
  protected _getPacket(): {
    /** `OK`, or `ERR_UNAVAILABLE` when the queue is empty. */
    error: ErrorCode;
    /** The packet's bytes (empty unless `error` is `OK`). */
    data: Uint8Array;
  } {
    this._poll();
    const item = this.#queue?.shift();
    if (item === undefined) return { error: ErrorCode.ERR_UNAVAILABLE, data: EMPTY_PACKET };
    this._lastInfo = item.info;
    this.#taken(item);
    return { error: ErrorCode.OK, data: item.data };
  }

  /** Packets in the queue, without polling the transport. */
  protected get _receivedCount(): number {
    return this.#queue?.count ?? 0;
  }

  /** The packet `getPacket()` would return next (without polling), or `undefined`. */
  protected _peekReceived(): QueuedPacket<Info> | undefined {
    return this.#queue?.peek();
  }

  /**
   * Sets the queue's limits (Godot's: packets, wire bytes and their per-packet overhead; and
   * `maxMemory`), keeping the ones not given. Packets already queued stay; if the new limits
   * make room, waiting packets move on and reading resumes.
   */
  protected _setReceiveLimits(limits: Partial<ReceiveLimits>): void {
    this.#setLimits({ ...this.#limits, ...limits });
    this.#flow?.flush();
  }

  /**
   * Drops every packet received and not read yet (queued or waiting for room), as when Godot
   * clears its buffer; reading resumes if it was paused for lack of room.
   */
  protected _discardReceived(): void {
    this.#queue?.clear();
    this.#flow?.discard();
  }

  /**
   * Changes the budget the queue charges (a pull-style transport takes its stream's). The
   * packets already queued move to the new one.
   */
  protected _setMemoryBudget(budget: MemoryBudget | null): void {
    if (budget === this.#budget) return;
    this.#flow?.stopWaitingForBudget();
    this.#budget = budget;
    if (!this.#ended) this.#setLimits({ ...this.#limits, budget });
    this.#flow?.flush();
  }

  /** Called after a packet left the queue (room was made), with that packet. */
  protected _packetTaken(_data: Uint8Array, _info: Info): void {}

  // --- for transports: received packets and flow control -------------------------------

  /**
   * Hands a received packet (owned by the peer from now on) to a waiting iterator, the `packet`
   * listeners or the queue. Returns false when the queue was full and the packet was dropped.
   * Transports that can stop reading use {@link _receive} instead, which waits for room.
   */
  protected _deliver(data: Uint8Array, info: Info): boolean {
    if (data.length === 0) data = EMPTY_PACKET;
    if (this.#handOver(data, info)) return true;
    const queue = this.#ownQueue();
    return this.#enqueue(queue, data, info, queue.costOf(data));
  }

  /**
   * Receives a packet with back-pressure, Godot's way: it goes to the queue (or, for a child
   * connection, to its multiplayer peer) while there is room. When there is none and the
   * transport can stop reading ({@link _canPauseReading}), the packet waits here (a copy, kept
   * compactly), {@link _pauseReading} is called, and once the application made room the waiting
   * packets move on and {@link _resumeReading} is called: only what one read from the network
   * already brought in ever waits here. A transport that cannot stop reading gets the packet
   * queued or dropped (and counted), as with {@link _deliver}.
   */
  protected _receive(data: Uint8Array, info: Info): void {
    this.#receiving().receive(data.length === 0 ? EMPTY_PACKET : data, info);
  }

  /**
   * For pull-style transports, which read a packet only when it can be kept (PacketPeerStream):
   * whether a packet of `length` bytes has room now. When it has not, reading counts as paused
   * ({@link _pauseReading} is called) and {@link _resumeReading} is called once there is room:
   * the transport reads again then. A child connection's packets always have room here (its
   * multiplayer peer decides when they arrive, through {@link _receive}'s waiting).
   */
  protected _roomFor(length: number): boolean {
    return this.#receiving().roomFor(length);
  }

  /** Whether reading is paused for lack of room. */
  protected get _readingPaused(): boolean {
    return this.#flow?.paused ?? false;
  }

  /** Whether the transport can stop reading from the network now (see {@link _receive}). @default false */
  protected get _canPauseReading(): boolean {
    return false;
  }

  /** Stop reading from the network (TCP back-pressure) until {@link _resumeReading}. */
  protected _pauseReading(): void {}

  /** Read from the network again: there is room. */
  protected _resumeReading(): void {}

  /**
   * Forgets back-pressure state (a new connection starts): packets waiting for room are dropped
   * and reading counts as resumed, without calling `_resumeReading`.
   */
  protected _resetReceive(): void {
    this.#flow?.reset();
  }

  /** Wakes `waitForPacket` callers and iterators: pull-style transports call it when data arrives. */
  protected _notifyReadable(): void {
    if (this.#queue !== null && this.#queue.count > 0) this.#readable?.wake();
    if (this.#iterators !== null) for (const iterator of this.#iterators) iterator.wake();
  }

  // --- for transports: lifecycle and errors --------------------------------------------

  /**
   * A (new) connection is up: a later `_ended()` will emit `close` again, `lastError` is
   * cleared, and the queue counts against the memory budget again.
   */
  protected _opened(): void {
    this.#ended = false;
    this.#lastError = null;
    if (this.#limits.budget !== this.#budget) this.#setLimits({ ...this.#limits, budget: this.#budget });
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

  /**
   * The connection is gone: finish iterators, fail waiters, emit `close` (once per connection).
   * Packets still queued stay readable but stop counting against the memory budget: nothing
   * arrives any more, and an application that drops the peer must not leave them charged there.
   */
  protected _ended(): void {
    if (this.#ended) return;
    this.#ended = true;
    this.#flow?.stopWaitingForBudget();
    if (this.#limits.budget !== null) this.#setLimits({ ...this.#limits, budget: null });
    this.#readable?.fail(new GodotError(ErrorCode.ERR_UNAVAILABLE, 'Peer closed'));
    for (const iterator of [...(this.#iterators ?? [])]) iterator.end();
    this.emit('close', ...([] as unknown as Events['close']));
  }

  // --- for multiplayer peers -----------------------------------------------------------

  /**
   * Makes `child` hand its received packets to `route` instead of its own queue (`null`: back to
   * its queue). For multiplayer peers; see `MultiplayerPeer._attachChild`.
   */
  protected static _routeChild<I>(child: PacketPeer<I, PacketPeerEvents<I>>, route: PacketRoute<I> | null): void {
    child.#route = route;
    const flow = child.#flow;
    if (flow === null) return;
    flow.route = route;
    flow.flush();
  }

  /** Tells `child` that its route has room again: its waiting packets move on. */
  protected static _resumeChild<I>(child: PacketPeer<I, PacketPeerEvents<I>>): void {
    child.#flow?.flush();
  }

  /** What `data` is charged in the queue (see `packetMemoryCost`). */
  protected _costOf(data: Uint8Array): number {
    return this.#ownQueue().costOf(data);
  }

  /** Whether the queue has room for `data` (for routes into it: see `MultiplayerPeer`). */
  protected _queueFits(data: Uint8Array): boolean {
    return this.#ownQueue().fitsPacket(data);
  }

  /**
   * Whether the memory budget is why `data` would not fit; if so `resume` is called once it has
   * room again. For routes into this queue.
   */
  protected _waitForBudget(data: Uint8Array, resume: () => void): boolean {
    return this.#receiving().waitForBudget(data, resume);
  }

  protected override _listenersChanged(event: keyof Events): void {
    // Packets queued before the first `packet` listener was attached are handed to it.
    if (event !== 'packet' || this.listenerCount('packet') === 0 || this.#queue === null || this.#queue.count === 0 || this.#flushScheduled) return;
    this.#flushScheduled = true;
    queueMicrotask(() => {
      this.#flushScheduled = false;
      while (this.listenerCount('packet') > 0) {
        const item = this.#queue?.shift();
        if (item === undefined) break;
        this.#taken(item);
        this._emitPair('packet', item.data, item.info);
      }
    });
  }

  // --- internals -----------------------------------------------------------------------

  #ownQueue(): PacketQueue<Info> {
    return (this.#queue ??= new PacketQueue(this.#limits));
  }

  /** New limits for the queue, made or not (the queue moves what it holds to a new budget). */
  #setLimits(limits: PacketQueueLimits): void {
    this.#limits = settleLimits(limits);
    if (this.#queue !== null) this.#queue.limits = this.#limits;
  }

  /** The codec, made this peer's own before a setting changes (see `DEFAULT_CODEC`). */
  #ownCodec(): VarCodec {
    if (this.#codec === DEFAULT_CODEC) this.#codec = new VarCodec();
    return this.#codec;
  }

  /** A packet left the queue: packets waiting for room move on, then the transport hears of it. */
  #taken(item: QueuedPacket<Info>): void {
    this.#flow?.taken();
    this._packetTaken(item.data, item.info);
  }

  /**
   * While nothing is queued, a packet goes straight to a waiting iterator or the `packet`
   * listeners (and costs the queue nothing): returns whether one took it.
   */
  #handOver(data: Uint8Array, info: Info): boolean {
    if (this.#queue !== null && this.#queue.count !== 0) return false;
    if (this.#iterators !== null) for (const iterator of this.#iterators) {
      if (iterator.offer(data, info)) {
        // The packet is taken as by getPacket(): its info must be what the loop body reads.
        this._lastInfo = info;
        return true;
      }
    }
    return this._emitPair('packet', data, info);
  }

  /** Queues a packet costing `cost` (false, and counted, when it does not fit) and wakes readers. */
  #enqueue(queue: PacketQueue<Info>, data: Uint8Array, info: Info, cost: number): boolean {
    if (!queue.push(data, info, cost)) return false;
    this._notifyReadable();
    return true;
  }

  #receiving(): ReceiveFlow<Info> {
    if (this.#flow !== null) return this.#flow;
    const flow = new ReceiveFlow({
      queue: () => this.#ownQueue(),
      handOver: (data, info) => this.#handOver(data, info),
      enqueue: (data, info, cost) => this.#enqueue(this.#ownQueue(), data, info, cost),
      canPause: () => this._canPauseReading,
      pause: () => this._pauseReading(),
      resume: () => this._resumeReading(),
    });
    flow.route = this.#route;
    return (this.#flow = flow);
  }
}
