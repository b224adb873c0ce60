import {
  ErrorCode, GodotError, PacketPeer, checkInt, checkMilliseconds, nextPowerOfTwo, type MemoryBudget, type PacketPeerEvents,
  type PacketPeerOptions, type ReceiveLimits, type TimerHandle,
} from '@pp/core';
import { FrameReader, type FrameSink } from './frame-reader.js';
import {
  DEFAULT_BUFFER_MAX_SIZE, DEFAULT_FRAME_TIMEOUT_MS, FRAME_HEADER_SIZE, MAX_BUFFER_MAX_SIZE,
} from './limits.js';
import { allocate } from './slab.js';
import { StreamProtocolError } from './stream-error.js';
import { putOwnedData, type StreamPeer } from './stream-peer.js';

export interface PacketPeerStreamOptions extends PacketPeerOptions {
  /**
   * The memory budget of the queue; by default the stream's (`StreamPeer.memoryBudget`: a
   * `TCPServer`'s connections carry the server's), followed when the stream changes.
   * @default streamPeer.memoryBudget
   */
  memoryBudget?: MemoryBudget | null;
  /** The stream to frame packets on (Godot's `stream_peer`); can be set later. @default null */
  streamPeer?: StreamPeer | null;
  /**
   * Largest packet received; a frame declaring more closes the connection with a
   * `StreamProtocolError` (`ERR_INVALID_DATA`). Stored as next_power_of_2(n + 4) − 4, like Godot.
   * @default 65532
   */
  inputBufferMaxSize?: number;
  /**
   * Largest packet `putPacket` sends; a bigger one returns `ERR_INVALID_PARAMETER`. Stored as
   * next_power_of_2(n + 4) − 4, like Godot.
   * @default 65532
   */
  outputBufferMaxSize?: number;
  /**
   * Milliseconds a frame may take from its first byte to its last before the connection is
   * closed with a `StreamProtocolError` (`ERR_TIMEOUT`); time spent waiting for the application
   * to read queued packets does not count. 0 waits forever, as Godot does.
   * @default 30000
   */
  frameTimeoutMs?: number;
}

/**
 * Events of a `PacketPeerStream`. Its `error` event reports a failed connection: a
 * `StreamProtocolError` for broken framing (too large, stalled, or cut off inside a frame), or
 * the stream's own error; `close` follows.
 */
export type PacketPeerStreamEvents = PacketPeerEvents<undefined>;

function bufferSize(name: string, maxSize: number): number {
  return nextPowerOfTwo(checkInt(name, maxSize, { min: 0, max: MAX_BUFFER_MAX_SIZE }) + FRAME_HEADER_SIZE);
}

/** Queued frames may hold the whole input buffer, each charged its 4-byte header as in Godot's ring. */
function queueLimits(inputSize: number): Required<Pick<ReceiveLimits, 'maxPackets' | 'maxBytes' | 'overheadPerPacket'>> {
  return { maxPackets: Number.POSITIVE_INFINITY, maxBytes: inputSize, overheadPerPacket: FRAME_HEADER_SIZE };
}

/**
 * Godot's `PacketPeerStream`: packets over any `StreamPeer`, each framed as a u32 little-endian
 * length and the payload. A thin adapter over `PacketPeer` from `@pp/core`, pull-style: a frame
 * is read from the stream only once the base's queue has room for it (`_roomFor`: Godot's ring
 * buffer size, and the queue's memory limits), so when it is full the bytes stay in the stream,
 * reading stops and TCP slows the sender down (nothing is dropped).
 *
 * Where Godot stalls forever — a length prefix larger than the input buffer, a frame that stops
 * arriving halfway — the connection is closed with a `StreamProtocolError` instead.
 */
export class PacketPeerStream extends PacketPeer<undefined, PacketPeerStreamEvents> {
  /** See {@link PacketPeerStreamOptions.frameTimeoutMs}. */
  frameTimeoutMs: number;

  #peer: StreamPeer | null = null;
  #inputSize = bufferSize('inputBufferMaxSize', DEFAULT_BUFFER_MAX_SIZE);
  #outputSize = bufferSize('outputBufferMaxSize', DEFAULT_BUFFER_MAX_SIZE);
  readonly #reader = new FrameReader();
  /** Set while a read of the stream is under way (a close that happens then waits for it). */
  #reading = false;
  #streamEnded = false;
  #timer: TimerHandle | undefined;
  /** The budget given as an option; `undefined`: follow the stream's. */
  readonly #budget: MemoryBudget | null | undefined;

  readonly #sink: FrameSink = {
    maxLength: 0,
    accept: (length) => this._roomFor(length),
    deliver: (frame) => void this._deliver(frame, undefined),
  };

  /** @throws {GodotError} `ERR_INVALID_PARAMETER` for a bad option. */
  constructor(options: PacketPeerStreamOptions = {}) {
    super(options, queueLimits(nextPowerOfTwo(DEFAULT_BUFFER_MAX_SIZE + FRAME_HEADER_SIZE)));
    this.frameTimeoutMs = checkMilliseconds('frameTimeoutMs', options.frameTimeoutMs ?? DEFAULT_FRAME_TIMEOUT_MS);
    if (options.inputBufferMaxSize !== undefined) this.inputBufferMaxSize = options.inputBufferMaxSize;
    if (options.outputBufferMaxSize !== undefined) this.outputBufferMaxSize = options.outputBufferMaxSize;
    this.#sink.maxLength = this.inputBufferMaxSize;
    this.#budget = options.memoryBudget;
    if (options.streamPeer) this.#attach(options.streamPeer, false);
  }

  /**
   * The stream packets are framed on. Setting a different one discards what was received from
   * the previous one, as in Godot.
   * @default null
   */
  get streamPeer(): StreamPeer | null {
    return this.#peer;
  }

  set streamPeer(peer: StreamPeer | null) {
    this.#attach(peer, true);
  }

  /**
   * Switches to `peer`; reads what it holds at once (`now`) or on the next microtask — from the
   * constructor, so that an `error` or `close` of a bad frame already there reaches listeners
   * attached after it returns.
   */
  #attach(peer: StreamPeer | null, now: boolean): void {
    if (peer === this.#peer) return;
    const previous = this.#peer;
    if (previous !== null) {
      previous.off('readable', this.#onReadable);
      previous.off('close', this.#onClose);
      previous.off('error', this.#onError);
    }
    this.#clearTimer();
    this.#reader.reset();
    this._resetReceive();
    this._discardReceived();
    this.#streamEnded = false;
    this.#peer = peer;
    if (this.#budget === undefined) this._setMemoryBudget(peer?.memoryBudget ?? null);
    if (peer === null) return;
    peer.on('readable', this.#onReadable);
    peer.on('close', this.#onClose);
    peer.on('error', this.#onError);
    this._opened();
    if (now) this.#pull();
    else queueMicrotask(() => {
      if (this.#peer === peer) this.#pull();
    });
  }

  /**
   * Largest packet received (Godot's `input_buffer_max_size`). Setting it rounds to
   * next_power_of_2(n + 4) − 4 and throws a `GodotError` — changing nothing — for a negative
   * value (`ERR_INVALID_PARAMETER`) or while received data is buffered (`ERR_ALREADY_IN_USE`).
   * @default 65532
   */
  get inputBufferMaxSize(): number {
    return this.#inputSize - FRAME_HEADER_SIZE;
  }

  set inputBufferMaxSize(maxSize: number) {
    const size = bufferSize('inputBufferMaxSize', maxSize);
    if (this._receivedCount > 0 || this.#reader.partial) {
      throw new GodotError(ErrorCode.ERR_ALREADY_IN_USE, 'Buffer in use, resizing would cause loss of data');
    }
    this.#inputSize = size;
    this.#sink.maxLength = size - FRAME_HEADER_SIZE;
    this._setReceiveLimits(queueLimits(size));
  }

  /**
   * Largest packet `putPacket` sends (Godot's `output_buffer_max_size`); rounds like
   * {@link inputBufferMaxSize}.
   * @default 65532
   */
  get outputBufferMaxSize(): number {
    return this.#outputSize - FRAME_HEADER_SIZE;
  }

  set outputBufferMaxSize(maxSize: number) {
    this.#outputSize = bufferSize('outputBufferMaxSize', maxSize);
  }

  // --- PacketPeer hooks ----------------------------------------------------------------

  /**
   * Writes the 4-byte length and the payload in one write. `ERR_UNCONFIGURED` without a stream,
   * `ERR_INVALID_PARAMETER` above `outputBufferMaxSize`, else the stream's `putData` result
   * (`FAILED` when not connected, `ERR_BUSY` when its write buffer is full).
   */
  protected _putPacket(packet: Uint8Array): ErrorCode {
    const peer = this.#peer;
    if (peer === null) return ErrorCode.ERR_UNCONFIGURED;
    const length = packet.length;
    if (length + FRAME_HEADER_SIZE > this.#outputSize) return ErrorCode.ERR_INVALID_PARAMETER;
    const frame = allocate(length + FRAME_HEADER_SIZE);
    frame[0] = length & 0xff;
    frame[1] = (length >>> 8) & 0xff;
    frame[2] = (length >>> 16) & 0xff;
    frame[3] = length >>> 24;
    frame.set(packet, FRAME_HEADER_SIZE);
    return peer[putOwnedData](frame);
  }

  /** `outputBufferMaxSize`, the largest packet `putPacket` sends (Godot returns the buffer size, 4 more). */
  protected _getMaxPacketSize(): number {
    return this.outputBufferMaxSize;
  }

  protected override _poll(): void {
    this.#pull();
  }

  /** Without a stream Godot answers `ERR_UNCONFIGURED`. */
  protected override _getPacket(): {
    /** `OK`, or `ERR_UNAVAILABLE` when no packet is waiting. */
    error: ErrorCode;
    /** The packet's bytes (empty unless `error` is `OK`). */
    data: Uint8Array;
  } {
    if (this.#peer === null && this._receivedCount === 0) return { error: ErrorCode.ERR_UNCONFIGURED, data: new Uint8Array(0) };
    return super._getPacket();
  }

  /** The queue has room again (the base waited for it): read on. */
  protected override _resumeReading(): void {
    // The wait was ours, not the sender's: the frame's clock starts again.
    if (this.#reader.partial) this.#reader.startedAt = this._clock.now();
    this.#pull();
  }

  /** Closes the stream; packets already received stay readable. */
  protected _close(): void {
    this.#clearTimer();
    this.#peer?.close();
  }

  // --- internals -----------------------------------------------------------------------

  readonly #onReadable = (): void => this.#pull();

  readonly #onClose = (): void => {
    if (this.#reading) this.#streamEnded = true;
    else this.#finish();
  };

  readonly #onError = (error: GodotError): void => this._emitError(error);

  #pull(): void {
    const peer = this.#peer;
    if (peer === null || this.#reading) return;
    this.#reading = true;
    let outcome;
    try {
      outcome = this.#reader.read(peer, this.#sink, this._clock);
    } finally {
      this.#reading = false;
    }
    if (outcome === 'too-large') {
      this.#abort(new StreamProtocolError(
        ErrorCode.ERR_INVALID_DATA,
        `A frame declares ${this.#reader.declaredLength} bytes, more than inputBufferMaxSize (${this.inputBufferMaxSize})`,
      ));
      return;
    }
    if (this.#streamEnded) {
      this.#finish();
      return;
    }
    this.#armTimer();
  }

  /** The stream ended: a frame cut off halfway is reported, then `close`. */
  #finish(): void {
    this.#streamEnded = false;
    this.#clearTimer();
    if (this.#reader.partial && this.lastError === null) {
      this.#onError(new StreamProtocolError(
        ErrorCode.ERR_FILE_EOF,
        `The connection ended inside a frame (${this.#reader.bytesRead} bytes of it had arrived)`,
      ));
    }
    this.#reader.reset();
    this._resetReceive();
    this._ended();
  }

  #abort(error: StreamProtocolError): void {
    this.#clearTimer();
    this.#reader.reset();
    const peer = this.#peer;
    if (peer === null) return;
    // The stream emits the error (forwarded by #onError) and closes (#onClose ends this peer).
    peer.abort(error);
    if (this.lastError !== error) {
      this.#onError(error);
      this.#finish();
    }
  }

  #armTimer(): void {
    if (this.frameTimeoutMs === 0 || !this.#reader.partial || this._readingPaused) {
      this.#clearTimer();
      return;
    }
    if (this.#timer !== undefined) return;
    const delay = Math.max(0, this.#reader.startedAt + this.frameTimeoutMs - this._clock.now());
    this.#timer = this._clock.schedule(delay, this.#onTimer);
  }

  readonly #onTimer = (): void => {
    this.#timer = undefined;
    if (!this.#reader.partial || this._readingPaused) return;
    if (this._clock.now() - this.#reader.startedAt < this.frameTimeoutMs) {
      this.#armTimer();
      return;
    }
    this.#abort(new StreamProtocolError(
      ErrorCode.ERR_TIMEOUT,
      `A frame stalled: ${this.#reader.bytesRead} bytes of it arrived, then nothing for ${this.frameTimeoutMs} ms`,
    ));
  };

  #clearTimer(): void {
    if (this.#timer === undefined) return;
    this._clock.cancel(this.#timer);
    this.#timer = undefined;
  }
}
