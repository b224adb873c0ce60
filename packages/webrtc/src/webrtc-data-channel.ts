import {
  ErrorCode, GodotError, PacketPeer, WaiterList, checkInt, ringCapacity, ringSize, type PacketPeerEvents, type PacketPeerOptions,
  type WaitOptions,
} from '@pp/core';
import type { ChannelHandlers, RtcChannel } from './backend.js';
import {
  CHANNEL_BUFFER_OVERHEAD, CHANNEL_MAX_PACKET_SIZE, ChannelState, DEFAULT_MAX_BUFFERED_AMOUNT,
  DEFAULT_MAX_CHANNEL_IN_BUFFER_KB, DEFAULT_REMOTE_MAX_MESSAGE_SIZE, WriteMode,
} from './constants.js';

/** Options of every data channel of a connection (see `WebRTCPeerConnection`'s constructor). */
export interface WebRTCDataChannelOptions extends PacketPeerOptions {
  /**
   * Godot's `network/limits/webrtc/max_channel_in_buffer_kb`: KiB of unread messages a channel
   * holds (rounded up to a power of two), 5 bytes of them per message. A message that does not
   * fit is dropped, so by default nothing over 65530 bytes is received.
   * @default 64
   */
  maxChannelInBufferKb?: number;
  /**
   * Bytes that may wait to be sent before `putPacket` returns `ERR_OUT_OF_MEMORY` (Chromium's
   * own limit). Watch `getBufferedAmount()` or await `waitForBufferedAmountLow()` to stay below.
   * @default 16777216
   */
  maxBufferedAmount?: number;
}

/** What `getPacket()`'s packet was: `wasStringPacket()` reads it. */
export interface DataChannelPacketInfo {
  /** It came as a text message. */
  readonly wasString: boolean;
}

export interface WebRTCDataChannelEvents extends PacketPeerEvents<DataChannelPacketInfo> {
  /** The channel is `OPEN`. */
  open: [];
  /** `getBufferedAmount()` fell to `bufferedAmountLowThreshold`. */
  bufferedAmountLow: [];
}

/** How a channel learns what its connection knows. */
export interface ChannelContext {
  /** The `a=max-message-size` of the other side's SDP, `undefined` if it has none or none arrived yet. */
  remoteMaxMessageSize(): number | undefined;
}

const TEXT: DataChannelPacketInfo = Object.freeze({ wasString: true });
const BINARY: DataChannelPacketInfo = Object.freeze({ wasString: false });

/**
 * Godot's ring for `kb` KiB (`kb` ≥ 1): 2^(nearest_shift(kb - 1) + 10) bytes, of which one stays
 * free — core's ring arithmetic in KiB.
 */
export function channelBufferBytes(kb: number): number {
  return ringCapacity(ringSize(kb - 1) * 1024);
}

/**
 * The channel settings of `options`, with their defaults.
 * @throws {GodotError} `ERR_INVALID_PARAMETER` for a value out of range.
 */
export function checkChannelPeerOptions(options: WebRTCDataChannelOptions): { bufferBytes: number; maxBufferedAmount: number } {
  const kb = checkInt('maxChannelInBufferKb', options.maxChannelInBufferKb ?? DEFAULT_MAX_CHANNEL_IN_BUFFER_KB, { min: 1, max: 1024 * 1024 });
  return {
    bufferBytes: channelBufferBytes(kb),
    maxBufferedAmount: checkInt('maxBufferedAmount', options.maxBufferedAmount ?? DEFAULT_MAX_BUFFERED_AMOUNT, { min: 1, max: 2 ** 31 }),
  };
}

/** Package-internal: what the connection tells its channels. */
export const channelControl = Symbol('@pp/webrtc.channelControl');

/**
 * Godot's `WebRTCDataChannel`: a `PacketPeer` over one data channel of a `WebRTCPeerConnection`
 * (which creates it, with `createDataChannel`, or hands it over, with `dataChannelReceived`).
 *
 * Two size limits apply, and both are easy to miss. Sending: the other side accepts messages up
 * to the `a=max-message-size` of its SDP (65536 bytes when its SDP has none; 262144 for Chromium
 * and libdatachannel); a bigger message is refused with `ERR_INVALID_PARAMETER` and `lastError`
 * says why. Receiving: like Godot's web build, each channel holds at most
 * `maxChannelInBufferKb` KiB of unread messages, 5 bytes of them per message, so by default a
 * message over 65530 bytes is dropped (counted in `droppedPackets`, reported as `error`).
 */
export class WebRTCDataChannel extends PacketPeer<DataChannelPacketInfo, WebRTCDataChannelEvents> {
  /** Godot's `WebRTCDataChannel.ChannelState` and `WriteMode` constants, on the class as GDScript finds them. */
  static readonly STATE_CONNECTING = ChannelState.CONNECTING;
  /** The channel is open: messages flow both ways. */
  static readonly STATE_OPEN = ChannelState.OPEN;
  /** The channel is being closed (by `close()` here, not yet confirmed). */
  static readonly STATE_CLOSING = ChannelState.CLOSING;
  /** The channel is closed, or could not be opened. */
  static readonly STATE_CLOSED = ChannelState.CLOSED;
  /** Send packets as text messages (SCTP PPID 51): the bytes must be UTF-8. */
  static readonly WRITE_MODE_TEXT = WriteMode.TEXT;
  /** Send packets as binary messages (SCTP PPID 53); Godot's default. */
  static readonly WRITE_MODE_BINARY = WriteMode.BINARY;

  #writeMode: WriteMode = WriteMode.BINARY;
  readonly #channel: RtcChannel;
  readonly #context: ChannelContext;
  readonly #maxBufferedAmount: number;
  readonly #bufferBytes: number;
  #state: ChannelState;
  #threshold = 0;
  #dropped = 0;
  /** The other side's limit, read once the channel is open (it does not change afterwards). */
  #maxMessageSize = 0;
  /** Whether something may wait to be sent (else `bufferedAmount()` need not be asked). */
  #backlog = true;
  #openWaiters: WaiterList | undefined;
  #lowWaiters: WaiterList | undefined;

  /** Made by `WebRTCPeerConnection.createDataChannel` or received through `dataChannelReceived`. */
  constructor(channel: RtcChannel, context: ChannelContext, options: WebRTCDataChannelOptions = {}) {
    const { bufferBytes, maxBufferedAmount } = checkChannelPeerOptions(options);
    super(options, { maxPackets: Infinity, maxBytes: bufferBytes, overheadPerPacket: CHANNEL_BUFFER_OVERHEAD });
    this.#maxBufferedAmount = maxBufferedAmount;
    this.#bufferBytes = bufferBytes;
    this.#channel = channel;
    this.#context = context;
    this.#state = channel.isOpen ? ChannelState.OPEN : ChannelState.CONNECTING;
    if (channel.isOpen) this.#maxMessageSize = channel.maxMessageSize();
    const handlers: ChannelHandlers = {
      open: () => this.#onOpen(),
      message: (data, isText) => this.#onMessage(data, isText),
      closed: () => this.#onClosed(),
      error: (message) => this._emitError(new GodotError(ErrorCode.ERR_CONNECTION_ERROR, `Data channel "${this.getLabel()}": ${message}`)),
      bufferedAmountLow: () => {
        // The native event is queued on another thread: it can arrive after more was sent, or
        // from a crossing of an older threshold. Only a buffer that is low now counts.
        if (this.getBufferedAmount() > this.#threshold) return;
        this.#lowWaiters?.wake();
        this.emit('bufferedAmountLow');
      },
    };
    channel.attach(handlers);
  }

  // --- Godot's WebRTCDataChannel API ----------------------------------------------------

  /**
   * Godot's `write_mode`: whether `putPacket`/`putVar` send text or binary messages. Text
   * messages carry the bytes decoded as UTF-8 (invalid sequences become U+FFFD).
   * @default WriteMode.BINARY
   */
  get writeMode(): WriteMode {
    return this.#writeMode;
  }

  set writeMode(mode: WriteMode) {
    if (mode !== WriteMode.TEXT && mode !== WriteMode.BINARY) {
      throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `Invalid write mode ${String(mode)}`);
    }
    this.#writeMode = mode;
  }

  /** Whether the packet `getPacket()` returned last came as a text message. */
  wasStringPacket(): boolean {
    return this._lastInfo?.wasString ?? false;
  }

  /** `CONNECTING`, `OPEN`, `CLOSING` (closed here, not yet confirmed) or `CLOSED`. */
  getReadyState(): ChannelState {
    return this.#state;
  }

  /** `get_label()`: the channel's label, as given to `createDataChannel` (or by the other side). */
  getLabel(): string {
    return this.#channel.label;
  }

  /** Whether messages arrive in order (`true` where the platform cannot tell). */
  isOrdered(): boolean {
    return this.#channel.ordered ?? true;
  }

  /** The SCTP stream id, -1 until one is assigned. */
  getId(): number {
    return this.#channel.id ?? -1;
  }

  /** Milliseconds after which a message may be given up, -1 for none (as Godot's native extension). */
  getMaxPacketLifeTime(): number {
    return this.#channel.maxPacketLifeTime ?? -1;
  }

  /** Retransmissions after which a message may be given up, -1 for none. */
  getMaxRetransmits(): number {
    return this.#channel.maxRetransmits ?? -1;
  }

  /** `get_protocol()`: the sub-protocol given to `createDataChannel` (`""` when none). */
  getProtocol(): string {
    return this.#channel.protocol;
  }

  /** Whether both sides created the channel themselves (no in-band open message). */
  isNegotiated(): boolean {
    return this.#channel.negotiated;
  }

  /** Bytes waiting to be sent. */
  getBufferedAmount(): number {
    return this.#state === ChannelState.CLOSED ? 0 : this.#channel.bufferedAmount();
  }

  /** Kept for ported code: the channel advances with the event loop. */
  poll(): ErrorCode {
    return ErrorCode.OK;
  }

  // --- TypeScript conveniences ----------------------------------------------------------

  /**
   * The largest message the other side accepts: its SDP's `a=max-message-size` (with this
   * side's own limit), 65536 when it has none. 0 until the channel is open.
   */
  getMaxMessageSize(): number {
    return this.#state === ChannelState.OPEN ? this.#maxMessageSize : 0;
  }

  /**
   * Bytes of unread messages this channel holds: `maxChannelInBufferKb` KiB rounded up to a
   * power of two, less one (Godot's ring), 5 bytes of them per message.
   */
  get receiveBufferSize(): number {
    return this.#bufferBytes;
  }

  /** `bufferedAmountLow` fires (and `waitForBufferedAmountLow` resolves) at or below this many bytes. @default 0 */
  get bufferedAmountLowThreshold(): number {
    return this.#threshold;
  }

  set bufferedAmountLowThreshold(bytes: number) {
    this.#threshold = checkInt('bufferedAmountLowThreshold', bytes, { min: 0, max: 2 ** 31 });
    this.#channel.setBufferedAmountLowThreshold(bytes);
  }

  /** Received messages dropped: the buffer was full, or a message was larger than it. */
  override get droppedPackets(): number {
    return super.droppedPackets + this.#dropped;
  }

  /** Resolves once the channel is `OPEN`; rejects if it closes first. */
  waitForOpen(options: WaitOptions = {}): Promise<void> {
    if (this.#state === ChannelState.OPEN) return Promise.resolve();
    if (this.#state !== ChannelState.CONNECTING) {
      return Promise.reject(new GodotError(ErrorCode.ERR_UNAVAILABLE, `Data channel "${this.getLabel()}" is closed`));
    }
    return (this.#openWaiters ??= new WaiterList('the data channel to open')).wait(options);
  }

  /**
   * Resolves once no more than `bufferedAmountLowThreshold` bytes wait to be sent (at once if
   * that is already so, or if the channel is closed).
   */
  waitForBufferedAmountLow(options: WaitOptions = {}): Promise<void> {
    if (this.getBufferedAmount() <= this.#threshold) return Promise.resolve();
    return (this.#lowWaiters ??= new WaiterList('the send buffer to drain')).wait(options);
  }

  // --- for the connection ---------------------------------------------------------------

  /** Package-internal: the connection closed, and this channel with it. */
  [channelControl](): void {
    this.#onClosed();
  }

  // --- PacketPeer hooks -----------------------------------------------------------------

  protected _putPacket(packet: Uint8Array): ErrorCode {
    if (this.#state !== ChannelState.OPEN) return ErrorCode.ERR_UNCONFIGURED;
    const limit = this.#maxMessageSize;
    if (packet.length > limit) {
      const remote = this.#context.remoteMaxMessageSize();
      const why = remote === undefined
        ? `the other side's SDP has no a=max-message-size, so ${DEFAULT_REMOTE_MAX_MESSAGE_SIZE} bytes is the limit (RFC 8841)`
        : `the other side's SDP has a=max-message-size:${remote}`;
      this._setLastError(new GodotError(
        ErrorCode.ERR_INVALID_PARAMETER,
        `Data channel "${this.getLabel()}": a ${packet.length}-byte message is larger than the ${limit} bytes the other side accepts (${why})`,
      ));
      return ErrorCode.ERR_INVALID_PARAMETER;
    }
    const buffered = this.#backlog ? this.#channel.bufferedAmount() : 0;
    if (buffered + packet.length > this.#maxBufferedAmount) {
      this._setLastError(new GodotError(
        ErrorCode.ERR_OUT_OF_MEMORY,
        `Data channel "${this.getLabel()}": more than maxBufferedAmount (${this.#maxBufferedAmount}) bytes would wait to be sent`,
      ));
      return ErrorCode.ERR_OUT_OF_MEMORY;
    }
    try {
      this.#backlog = !this.#channel.send(packet, this.#writeMode === WriteMode.TEXT);
    } catch (error) {
      this._setLastError(new GodotError(ErrorCode.FAILED, `Data channel "${this.getLabel()}": ${error instanceof Error ? error.message : String(error)}`, { cause: error }));
      return ErrorCode.FAILED;
    }
    return ErrorCode.OK;
  }

  /** Godot's native extension returns 16384 (RFC 8831 §6.6); see `getMaxMessageSize()` for the real limit. */
  protected _getMaxPacketSize(): number {
    return CHANNEL_MAX_PACKET_SIZE;
  }

  /**
   * Closing (`close()`, from PacketPeer) makes the channel `CLOSING` on both sides until the
   * platform confirms, then `CLOSED`; packets already received stay readable.
   */
  protected _close(): void {
    if (this.#state === ChannelState.CLOSED || this.#state === ChannelState.CLOSING) return;
    this.#state = ChannelState.CLOSING;
    this.#channel.close();
    this.#openWaiters?.fail(new GodotError(ErrorCode.ERR_UNAVAILABLE, `Data channel "${this.getLabel()}" was closed`));
    this.#lowWaiters?.wake();
  }

  // --- channel events -------------------------------------------------------------------

  #onOpen(): void {
    if (this.#state !== ChannelState.CONNECTING) return;
    this.#state = ChannelState.OPEN;
    this.#maxMessageSize = this.#channel.maxMessageSize();
    this.#openWaiters?.wake();
    this.emit('open');
  }

  #onMessage(data: Uint8Array, isText: boolean): void {
    if (this.#state === ChannelState.CLOSED) return;
    if (data.length + CHANNEL_BUFFER_OVERHEAD > this.#bufferBytes) {
      this.#dropped++;
      this._emitError(new GodotError(
        ErrorCode.ERR_OUT_OF_MEMORY,
        `Data channel "${this.getLabel()}": dropped a ${data.length}-byte message, larger than the receive buffer ` +
          `(maxChannelInBufferKb: ${this.#bufferBytes + 1} bytes, ${CHANNEL_BUFFER_OVERHEAD} of them per message)`,
      ));
      return;
    }
    // Into this channel's buffer, or (attached to a WebRTCMultiplayerPeer) that peer's.
    this._receive(data, isText ? TEXT : BINARY);
  }

  #onClosed(): void {
    if (this.#state === ChannelState.CLOSED) return;
    this.#state = ChannelState.CLOSED;
    const closed = new GodotError(ErrorCode.ERR_UNAVAILABLE, `Data channel "${this.getLabel()}" closed`);
    this.#openWaiters?.fail(closed);
    this.#lowWaiters?.wake();
    this._ended();
  }
}
