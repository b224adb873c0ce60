import { ErrorCode, GodotError, IdleTimer, PacketPeer, WaiterList, checkMilliseconds, systemClock, type PacketPeerEvents, type WaitOptions } from '@pp/core';
import { CloseOutcome } from './close-outcome.js';
import type { ConnectionEvents, ConnectionLink, WebSocketConnection } from './connection.js';
import { DEFAULT_BUFFER_SIZE, DEFAULT_MAX_QUEUED_PACKETS, State, WriteMode } from './constants.js';
import { normalizeProtocols, parseHandshakeHeaders, type HeaderLine } from './headers.js';
import { checkCloseCode, checkSize, secondsToMs, inboundLimits, type WebSocketPeerOptions } from './options.js';
import { packAddress, unpackAddress, type PackedAddress } from './packed-address.js';
import { DEFAULT_SETTINGS, NONE, NO_HEADERS, changeSettings, type PeerSettings } from './peer-settings.js';
import type { ConnectRequest, OpenInfo } from './platform-socket.js';
import type { TLSOptions } from './tls-options.js';
import { parseWebSocketUrl } from './url.js';

/** Package-internal: `WebSocketPeer[sendMessage](bytes, writeMode, owned)`, for the multiplayer peer. */
export const sendMessage: unique symbol = Symbol('@pp/websocket.sendMessage');

/**
 * Package-internal: `WebSocketPeer[observeChild](observer, id)` makes the peer one of a
 * multiplayer server's connections, with id `id`.
 */
export const observeChild: unique symbol = Symbol('@pp/websocket.observeChild');

/**
 * Package-internal: `WebSocketPeer[shareSettings](from)` gives the peer `from`'s Godot properties
 * (a multiplayer server's to each of its connections), by reference (see `PeerSettings`).
 */
export const shareSettings: unique symbol = Symbol('@pp/websocket.shareSettings');

/**
 * What a multiplayer server hears of a connection of its own: that it opened and that it
 * closed, each as the first listener of the peer's event, and only for the connection under way
 * when it was attached. One object serves every connection of a server, and the listener is
 * added when the event comes: listeners held for the whole connection would cost each idle
 * connection their closures and the emitter's map.
 */
export interface ChildObserver {
  childOpened(peer: WebSocketPeerBase, id: number): void;
  childClosed(peer: WebSocketPeerBase, id: number): void;
}

/** Options of `WebSocketPeer.connect`. */
export interface ConnectOptions extends WebSocketPeerOptions, WaitOptions {
  /**
   * How to verify a `wss://` server.
   * @default TLSOptions.client() (the platform's CAs, the URL's host name)
   */
  tlsOptions?: TLSOptions;
}

/** What `getPacket()`'s packet was: `wasStringPacket()` reads it. */
export interface WebSocketPacketInfo {
  /** The message came in a text frame. */
  readonly wasString: boolean;
}

/** Events of a WebSocket peer; its `error` event reports a failed connection attempt or a broken connection (`close` follows). */
export interface WebSocketPeerEvents extends PacketPeerEvents<WebSocketPacketInfo> {
  /** The opening handshake finished: the peer is `OPEN`. */
  open: [];
  /** Every message handed to `send` has been written out. */
  drain: [];
}

const TEXT: WebSocketPacketInfo = Object.freeze({ wasString: true });
const BINARY: WebSocketPacketInfo = Object.freeze({ wasString: false });
const encoder = new TextEncoder();

/**
 * The idle timer of every peer without an idle timeout (the default): it never runs (its timeout
 * is 0), so peers can share it until one sets `idleTimeoutMs`.
 */
const NO_IDLE_TIMEOUT = new IdleTimer(systemClock, 0, () => undefined);

type Connection = WebSocketConnection<WebSocketPeerBase>;

/** A platform's client connection: made by `_newClient`, then started with `connect`. */
export interface ClientConnection extends WebSocketConnection<WebSocketPeerBase> {
  connect(request: ConnectRequest): void;
}

/**
 * Godot's `WebSocketPeer` semantics over the small socket interface of `platform-socket.ts`. The Node and
 * browser `WebSocketPeer` classes only add how a connection is opened (and, in Node, accepted).
 *
 * Like Godot's web build (whose `poll()` is empty: "automatically polled by the navigator"),
 * the connection is driven by the platform's event loop: `poll()` is there for ported code and
 * changes nothing, state and packets advance on their own. Between two awaits nothing changes,
 * so a game loop sees a consistent state for a whole frame, as with Godot's `poll()`.
 */
export abstract class WebSocketPeerBase extends PacketPeer<WebSocketPacketInfo, WebSocketPeerEvents> {
  /** Godot's `WebSocketPeer.State` and `WriteMode` constants, on the class as GDScript finds them. */
  static readonly STATE_CONNECTING = State.CONNECTING;
  /** Godot's `WebSocketPeer.STATE_OPEN` (1): the connection is open. */
  static readonly STATE_OPEN = State.OPEN;
  /** Godot's `WebSocketPeer.STATE_CLOSING` (2): the closing handshake is in progress. */
  static readonly STATE_CLOSING = State.CLOSING;
  /** Godot's `WebSocketPeer.STATE_CLOSED` (3): the connection is closed, or never opened. */
  static readonly STATE_CLOSED = State.CLOSED;
  /** Godot's `WebSocketPeer.WRITE_MODE_TEXT` (0): send text frames. */
  static readonly WRITE_MODE_TEXT = WriteMode.TEXT;
  /** Godot's `WebSocketPeer.WRITE_MODE_BINARY` (1): send binary frames. */
  static readonly WRITE_MODE_BINARY = WriteMode.BINARY;

  /** Godot's properties: a shared record, replaced (never changed) by a setter (see `PeerSettings`). */
  #settings: PeerSettings = DEFAULT_SETTINGS;

  #state: State = State.CLOSED;
  #conn: Connection | undefined;
  /** How the last connection ended (its close code and reason), until the next one starts. */
  #outcome: CloseOutcome | undefined;
  #selectedProtocol = '';
  #requestedUrl = '';
  #remoteAddress: PackedAddress = '';
  #remotePort = 0;
  #openWaiters: WaiterList | undefined;
  #drainWaiters: WaiterList | undefined;
  /** The multiplayer server this connection belongs to, until it closes (see `ChildObserver`). */
  #observer: ChildObserver | undefined;
  #childId = 0;
  /** `NO_IDLE_TIMEOUT` until an idle timeout is set. */
  #idle: IdleTimer = NO_IDLE_TIMEOUT;

  /** @throws {GodotError} `ERR_INVALID_PARAMETER` for a bad option. */
  protected constructor(options: WebSocketPeerOptions = {}) {
    super(options, inboundLimits(DEFAULT_BUFFER_SIZE, DEFAULT_MAX_QUEUED_PACKETS));
    if (options.idleTimeoutMs !== undefined) this.idleTimeoutMs = options.idleTimeoutMs;
    if (options.supportedProtocols !== undefined) this.supportedProtocols = options.supportedProtocols;
    if (options.handshakeHeaders !== undefined) this.handshakeHeaders = options.handshakeHeaders;
    if (options.inboundBufferSize !== undefined) this.inboundBufferSize = options.inboundBufferSize;
    if (options.outboundBufferSize !== undefined) this.outboundBufferSize = options.outboundBufferSize;
    if (options.maxQueuedPackets !== undefined) this.maxQueuedPackets = options.maxQueuedPackets;
    if (options.heartbeatInterval !== undefined) this.heartbeatInterval = options.heartbeatInterval;
    if (options.handshakeTimeout !== undefined) this.handshakeTimeout = options.handshakeTimeout;
  }

  // --- Godot's properties ---------------------------------------------------------------

  /**
   * The frame type `putPacket` and `putVar` send (Godot 3's `write_mode`; Godot 4 always sends
   * binary, the default).
   * @default WriteMode.BINARY
   */
  get outboundWriteMode(): WriteMode {
    return this.#settings.outboundWriteMode;
  }

  set outboundWriteMode(mode: WriteMode) {
    this.#change({ outboundWriteMode: mode });
  }

  /** Godot's `supported_protocols` (see {@link WebSocketPeerOptions.supportedProtocols}). @default [] */
  get supportedProtocols(): string[] {
    return [...this.#settings.supportedProtocols];
  }

  set supportedProtocols(protocols: readonly string[]) {
    this.#change({ supportedProtocols: protocols.length === 0 ? NONE : normalizeProtocols(protocols) });
  }

  /** Godot's `handshake_headers` (see {@link WebSocketPeerOptions.handshakeHeaders}). @default [] */
  get handshakeHeaders(): string[] {
    return [...this.#settings.handshakeHeaders];
  }

  set handshakeHeaders(headers: readonly string[]) {
    const headerLines = headers.length === 0 ? NO_HEADERS : parseHandshakeHeaders(headers);
    this.#change({ headerLines, handshakeHeaders: headers.length === 0 ? NONE : Object.freeze([...headers]) });
  }

  /** Godot's `inbound_buffer_size`; applies from the next connection. @default 65535 */
  get inboundBufferSize(): number {
    return this.#settings.inboundBufferSize;
  }

  set inboundBufferSize(size: number) {
    this.#change({ inboundBufferSize: checkSize('inboundBufferSize', size, 1) });
  }

  /** Godot's `outbound_buffer_size` (0: no byte limit). @default 65535 */
  get outboundBufferSize(): number {
    return this.#settings.outboundBufferSize;
  }

  set outboundBufferSize(size: number) {
    this.#change({ outboundBufferSize: checkSize('outboundBufferSize', size, 0) });
  }

  /** Godot's `max_queued_packets`, inbound and outbound; inbound applies from the next connection. @default 4096 */
  get maxQueuedPackets(): number {
    return this.#settings.maxQueuedPackets;
  }

  set maxQueuedPackets(count: number) {
    this.#change({ maxQueuedPackets: checkSize('maxQueuedPackets', count, 1) });
  }

  /** Godot's `heartbeat_interval`, in seconds (0: off). @default 0 */
  get heartbeatInterval(): number {
    return this.#settings.heartbeatMs / 1000;
  }

  set heartbeatInterval(seconds: number) {
    this.#change({ heartbeatMs: secondsToMs('heartbeatInterval', seconds, true) });
    if (this.#state === State.OPEN) this.#conn?.startHeartbeat(this.#settings.heartbeatMs);
  }

  /** Seconds the opening handshake may take (see {@link WebSocketPeerOptions.handshakeTimeout}). @default 3 */
  get handshakeTimeout(): number {
    return this.#settings.handshakeTimeoutMs / 1000;
  }

  set handshakeTimeout(seconds: number) {
    this.#change({ handshakeTimeoutMs: secondsToMs('handshakeTimeout', seconds, false) });
  }

  /** See {@link WebSocketPeerOptions.idleTimeoutMs}; a change applies from the next connection. @default 0 */
  get idleTimeoutMs(): number {
    return this.#idle.timeoutMs;
  }

  set idleTimeoutMs(timeoutMs: number) {
    if (this.#idle !== NO_IDLE_TIMEOUT) this.#idle.timeoutMs = timeoutMs;
    else if (checkMilliseconds('idleTimeoutMs', timeoutMs) !== 0) this.#idle = new IdleTimer(this._clock, timeoutMs, () => this.#onIdle());
  }

  // --- Godot's methods ------------------------------------------------------------------

  /**
   * Connects to `url` (`ws://` or `wss://`; no scheme means `ws://`). Returns at once; the peer
   * is `CONNECTING` until the handshake finishes (`waitForOpen()`, the `open` event, or
   * `getReadyState()` in a loop). `ERR_INVALID_PARAMETER` for a bad URL or server TLS options,
   * `ERR_ALREADY_IN_USE` unless the peer is `CLOSED` or `CLOSING`.
   */
  connectToUrl(url: string, tlsClientOptions?: TLSOptions): ErrorCode {
    if (tlsClientOptions?.isServer()) return ErrorCode.ERR_INVALID_PARAMETER;
    if (this.#state !== State.CLOSED && this.#state !== State.CLOSING) return ErrorCode.ERR_ALREADY_IN_USE;
    const parsed = parseWebSocketUrl(url);
    if (typeof parsed === 'number') return parsed;
    this.#requestedUrl = url;
    const settings = this.#settings;
    const request: ConnectRequest = {
      url: parsed,
      protocols: settings.supportedProtocols,
      headers: settings.headerLines,
      maxMessageSize: settings.inboundBufferSize,
      tls: tlsClientOptions,
    };
    return this._begin((link) => this._newClient(link), (conn) => conn.connect(request));
  }

  /**
   * Sends one message in a single frame. `FAILED` unless `OPEN`; `ERR_OUT_OF_MEMORY` when
   * `maxQueuedPackets` messages or `outboundBufferSize` bytes already wait to be written (as in
   * Godot, so the largest message is `outboundBufferSize` bytes). The bytes are copied.
   */
  send(message: Uint8Array, writeMode: WriteMode = WriteMode.BINARY): ErrorCode {
    return this[sendMessage](message, writeMode, false);
  }

  /** `send`, told whether the caller gives up `message` (then it is not copied). */
  [sendMessage](message: Uint8Array, writeMode: WriteMode, owned: boolean): ErrorCode {
    const conn = this.#conn;
    if (this.#state !== State.OPEN || conn === undefined) return ErrorCode.FAILED;
    const settings = this.#settings;
    if (conn.queuedMessages >= settings.maxQueuedPackets) return ErrorCode.ERR_OUT_OF_MEMORY;
    const limit = settings.outboundBufferSize;
    if (limit > 0 && conn.bufferedAmount + message.length > limit) return ErrorCode.ERR_OUT_OF_MEMORY;
    conn.send(message, writeMode === WriteMode.TEXT, owned);
    return ErrorCode.OK;
  }

  /** See `shareSettings`. */
  [shareSettings](from: WebSocketPeerBase): void {
    this.#settings = from.#settings;
  }

  /** See `observeChild`. */
  [observeChild](observer: ChildObserver, id: number): void {
    this.#observer = observer;
    this.#childId = id;
  }

  /** Sends `text` as UTF-8 in a text frame (Godot's `send_text`). */
  sendText(text: string): ErrorCode {
    return this.send(encoder.encode(text), WriteMode.TEXT);
  }

  /** Whether the packet `getPacket()` returned last came in a text frame. */
  wasStringPacket(): boolean {
    return this._lastInfo?.wasString ?? false;
  }

  /**
   * Kept for code ported from GDScript, which calls it every frame. The connection advances by
   * itself with the event loop, so there is nothing to do (like Godot's web build).
   */
  poll(): void {}

  /** `CONNECTING`, `OPEN`, `CLOSING` (either side sent a Close frame) or `CLOSED`. */
  getReadyState(): State {
    if (this.#state === State.OPEN && this.#conn?.remoteClosing === true) return State.CLOSING;
    return this.#state;
  }

  /**
   * Starts the closing handshake with `code` and `reason` (≤ 123 bytes): the peer is `CLOSING`
   * until the other side answers, then `CLOSED`. A negative code drops the connection at once,
   * without a Close frame; so does any close while `CONNECTING`. Packets already received stay
   * readable (Godot discards them).
   * @throws {GodotError} `ERR_INVALID_PARAMETER` for a code a Close frame may not carry.
   */
  override close(code = 1000, reason = ''): void {
    const conn = this.#conn;
    if (code < 0 || this.#state === State.CONNECTING) {
      conn?.fail(CloseOutcome.closedLocally('Closed locally before the connection opened'));
      return;
    }
    if (this.#state !== State.OPEN || conn === undefined) return;
    checkCloseCode(code, reason);
    this.#state = State.CLOSING;
    conn.stopHeartbeat();
    conn.close(code, reason);
  }

  /** The code of the other side's Close frame; -1 if the connection did not close cleanly. */
  getCloseCode(): number {
    return this.#outcome?.code ?? -1;
  }

  /** The reason of the other side's Close frame (up to its first NUL, as Godot reads it). */
  getCloseReason(): string {
    return this.#outcome?.reason ?? '';
  }

  /** The sub-protocol the handshake agreed on (`''` for none). */
  getSelectedProtocol(): string {
    return this.#selectedProtocol;
  }

  /** The URL this client connected to, or (server) the URL the client asked for. */
  getRequestedUrl(): string {
    return this.#requestedUrl;
  }

  /** The other side's IP address (`''` when unknown, as in browsers). */
  getConnectedHost(): string {
    return unpackAddress(this.#remoteAddress);
  }

  /** The other side's port (0 when unknown, as in browsers). */
  getConnectedPort(): number {
    return this.#remotePort;
  }

  /** Toggles `TCP_NODELAY` (on by default, as in Godot). Not available in browsers. */
  setNoDelay(enabled: boolean): void {
    this.#conn?.setNoDelay(enabled);
  }

  /** Bytes waiting to be written (0 unless `OPEN`). */
  getCurrentOutboundBufferedAmount(): number {
    const conn = this.#conn;
    return this.#state === State.OPEN && conn !== undefined ? conn.bufferedAmount : 0;
  }

  // --- TypeScript conveniences ----------------------------------------------------------

  /**
   * Godot-style one-liner for clients: `connectToUrl` then `waitForOpen`.
   * @throws {GodotError} `ERR_INVALID_PARAMETER` for a bad URL, or why the connection failed.
   */
  static async connect<T extends WebSocketPeerBase>(
    this: new (options?: WebSocketPeerOptions) => T, url: string, options: ConnectOptions = {},
  ): Promise<T> {
    const peer = new this(options);
    const error = peer.connectToUrl(url, options.tlsOptions);
    if (error !== ErrorCode.OK) throw new GodotError(error, `Cannot connect to ${url}`);
    try {
      await peer.waitForOpen(options);
    } catch (reason) {
      peer.close(-1);
      throw reason;
    }
    return peer;
  }

  /**
   * Resolves once the peer is `OPEN`. Rejects with the connection's `GodotError` if it closes
   * first (`ERR_CANT_CONNECT` for a client, `ERR_CONNECTION_ERROR` for an accepted connection,
   * `ERR_TIMEOUT` for the handshake timeout), or at once with `ERR_UNCONFIGURED` when no
   * connection is being made.
   */
  waitForOpen(options: WaitOptions = {}): Promise<void> {
    if (this.#state === State.OPEN) return Promise.resolve();
    if (this.#state !== State.CONNECTING) {
      return Promise.reject(this.lastError ?? new GodotError(ErrorCode.ERR_UNCONFIGURED, 'The peer is not connecting'));
    }
    return (this.#openWaiters ??= new WaiterList('the WebSocket to open')).wait(options);
  }

  /** Resolves once every message handed to `send` has been written out (for back-pressure). */
  waitForDrain(options: WaitOptions = {}): Promise<void> {
    const conn = this.#conn;
    if (conn === undefined || conn.queuedMessages === 0) return Promise.resolve();
    return (this.#drainWaiters ??= new WaiterList('the outgoing messages to drain')).wait(options);
  }

  // --- for the platform classes ---------------------------------------------------------

  /** A client connection of this platform, not started yet. */
  protected abstract _newClient(link: ConnectionLink<WebSocketPeerBase>): ClientConnection;

  /** Options the server side of a handshake needs. */
  protected get _acceptParams(): {
    /** The `supportedProtocols`, normalized: the subprotocols the server may select. */
    protocols: readonly string[];
    /** The `handshakeHeaders`, parsed: extra header lines of the handshake response. */
    headers: readonly HeaderLine[];
    /** The largest message accepted, in bytes: `inboundBufferSize`. */
    maxMessageSize: number;
  } {
    const settings = this.#settings;
    return { protocols: settings.supportedProtocols, headers: settings.headerLines, maxMessageSize: settings.inboundBufferSize };
  }

  /** Whether a connection may start now (`_begin` would not answer `ERR_ALREADY_IN_USE`). */
  protected get _canBegin(): boolean {
    return this.#state === State.CLOSED || this.#state === State.CLOSING;
  }

  /**
   * Starts a connection, as a client or the server side of one: `create` makes the
   * platform's connection (with the `link` it needs), then `begin` starts it (opens or accepts
   * the socket).
   */
  protected _begin<C extends Connection>(create: (link: ConnectionLink<WebSocketPeerBase>) => C, begin: (conn: C) => void): ErrorCode {
    if (!this._canBegin) return ErrorCode.ERR_ALREADY_IN_USE;
    this.#conn?.abandon();
    const conn = create({ owner: this, events: WebSocketPeerBase.#connectionEvents });
    this.#reset(conn);
    return conn.start(() => begin(conn), this.#settings.handshakeTimeoutMs);
  }

  protected _putPacket(packet: Uint8Array, owned: boolean): ErrorCode {
    return this[sendMessage](packet, this.#settings.outboundWriteMode, owned);
  }

  /** Largest message `send` can take: `outboundBufferSize` (0, "no limit", gives 2^31 − 1). */
  protected _getMaxPacketSize(): number {
    const size = this.#settings.outboundBufferSize;
    return size > 0 ? size : 0x7fffffff;
  }

  protected _close(): void {
    this.close(-1);
  }

  /** A message over `inboundBufferSize` was dropped: only where the platform lets one through (browsers), which counts it. */
  protected _droppedOversized(): void {}

  protected override get _canPauseReading(): boolean {
    return this.#conn?.canPause === true;
  }

  protected override _pauseReading(): void {
    this.#conn?.pause();
  }

  protected override _resumeReading(): void {
    this.#conn?.resume();
  }

  // --- connection events ----------------------------------------------------------------

  /** What every connection reports, shared by all peers (see `ConnectionEvents`). */
  static readonly #connectionEvents: ConnectionEvents<WebSocketPeerBase> = {
    clockOf: (peer) => peer._clock,
    open: (peer, conn, info) => peer.#onOpen(conn, info),
    message: (peer, data, isText) => peer.#onMessage(data, isText),
    oversized: (peer) => peer.#onOversized(),
    drain: (peer) => peer.#onDrain(),
    end: (peer, conn, outcome) => peer.#ended(conn, outcome),
  };

  #change(changes: Partial<PeerSettings>): void {
    this.#settings = changeSettings(this.#settings, changes);
  }

  #reset(conn: Connection): void {
    this.#conn = conn;
    this.#state = State.CONNECTING;
    this.#outcome = undefined;
    this.#selectedProtocol = '';
    this.#remoteAddress = '';
    this.#remotePort = 0;
    const settings = this.#settings;
    this._resetReceive();
    this._discardReceived();
    this._setReceiveLimits(inboundLimits(settings.inboundBufferSize, settings.maxQueuedPackets));
    this._opened();
  }

  #onOpen(conn: Connection, info: OpenInfo): void {
    this.#state = State.OPEN;
    this.#selectedProtocol = info.protocol;
    this.#remoteAddress = packAddress(info.remoteAddress);
    this.#remotePort = info.remotePort;
    if (info.requestedUrl !== undefined) this.#requestedUrl = info.requestedUrl;
    conn.startHeartbeat(this.#settings.heartbeatMs);
    this.#idle.start();
    this.#openWaiters?.wake();
    const observer = this.#observer;
    if (observer !== undefined) this._prependOnce('open', () => observer.childOpened(this, this.#childId));
    this.emit('open');
  }

  #onMessage(data: Uint8Array, isText: boolean): void {
    this.#idle.touch();
    this._receive(data, isText ? TEXT : BINARY);
  }

  #onOversized(): void {
    this.#idle.touch();
    this._droppedOversized();
  }

  #onDrain(): void {
    this.#drainWaiters?.wake();
    this.emit('drain');
  }

  /** No message for `idleTimeoutMs`: dropped, unless reading is paused (the application is the one not reading). */
  #onIdle(): void {
    if (this.#state !== State.OPEN) return;
    if (this._readingPaused) {
      this.#idle.start();
      return;
    }
    this.#conn?.fail(CloseOutcome.failed(`No message received for ${this.idleTimeoutMs} ms (idleTimeoutMs)`, ErrorCode.ERR_TIMEOUT));
  }

  /** The connection is gone: settle state, waiters and events (once per connection). */
  #ended(conn: Connection, outcome: CloseOutcome): void {
    if (this.#conn !== conn) return;
    this.#idle.stop();
    this.#conn = undefined;
    this.#state = State.CLOSED;
    this.#outcome = outcome;
    const error = outcome.error(conn);
    if (error !== undefined) this._setLastError(error);
    const notOpened = outcome.openError(conn, this.lastError);
    if (notOpened !== undefined) this.#openWaiters?.fail(notOpened);
    this.#drainWaiters?.wake();
    if (error !== undefined) this._emitError(error);
    const observer = this.#observer;
    this.#observer = undefined;
    if (observer !== undefined) this._prependOnce('close', () => observer.childClosed(this, this.#childId));
    this._ended();
  }
}
