import {
  ConnectionStatus, ErrorCode, GodotError, MemoryBudget, MultiplayerPeer, PendingConnections, TARGET_PEER_SERVER,
  WaiterList, generateUniqueId, isPort, type ChildPeerOptions, type MultiplayerPeerEvents, type TimerHandle, type TransferMode, type WaitOptions,
} from '@pp/core';
import {
  DEFAULT_BUFFER_SIZE, DEFAULT_MAX_QUEUED_PACKETS, MULTIPLAYER_PROTO_SIZE, WriteMode,
} from './constants.js';
import { inboundLimits, type WebSocketPeerOptions } from './options.js';
import type { TLSOptions } from './tls-options.js';
import { observeChild, sendMessage, shareSettings, type ChildObserver, type WebSocketPeerBase } from './websocket-peer-base.js';

/**
 * Options of a WebSocket multiplayer peer: every `WebSocketPeer` option, given to each
 * connection. `maxQueuedMemory` bounds each connection's share of the queue; `memoryBudget`
 * bounds the whole queue (by default a budget of the peer's own, 64 MiB).
 */
export type WebSocketMultiplayerPeerOptions = WebSocketPeerOptions;

/** Events of a WebSocket multiplayer peer; its `error` event reports a server that could not listen or a client that could not connect (`close` follows). */
export type WebSocketMultiplayerPeerEvents = MultiplayerPeerEvents;

/** Godot's multiplayer peer skips empty messages (one options object for every connection). */
const SKIP_EMPTY: ChildPeerOptions<unknown> = Object.freeze({ intercept: (data: Uint8Array) => data.length === 0 });

/** The first message to a new client, its id (see `#childOpened`). */
const HELLO = new Uint8Array(4);
const HELLO_VIEW = new DataView(HELLO.buffer);

/** Settings given to every connection's `WebSocketPeer` (Godot's `peer_config`). */
type PeerConfig = Required<Omit<WebSocketPeerOptions, OwnOptions>>;

/** Options of the multiplayer peer itself, not proxied to its connections. */
type OwnOptions = 'format' | 'encodeBufferMaxSize' | 'clock' | 'decodeOptions' | 'encodeOptions' | 'maxQueuedMemory' | 'memoryBudget';

/**
 * Godot's `WebSocketMultiplayerPeer` (4.x) over `WebSocketPeer`s: the server is peer 1 and gives
 * each client a random id, sent as the first message after the handshake (4 bytes, int32 LE,
 * ≥ 2); after that every message is a raw payload. Clients only talk to the server.
 *
 * The Node and browser classes add how peers are created (and, in Node, how a server listens).
 * As with `WebSocketPeer`, everything advances with the event loop; `poll()` changes nothing.
 */
export abstract class WebSocketMultiplayerPeerBase<Peer extends WebSocketPeerBase = WebSocketPeerBase>
  extends MultiplayerPeer<WebSocketMultiplayerPeerEvents> {
  /**
   * Godot's `peer_config` peer: nobody connects it. It validates and holds the settings every
   * connection is given; its settings record is shared with each of them (see `#newPeer`).
   */
  readonly #template: Peer;

  #status: ConnectionStatus = ConnectionStatus.DISCONNECTED;
  #uniqueId = 0;
  #server = false;
  /** Connected peers by id; on a client, the server as peer 1 from `createClient` on. */
  readonly #peers = new Map<number, Peer>();
  /** Server: connections still in their handshake (they join `#peers` when it succeeds), and their ids. */
  readonly #pending = new PendingConnections<Peer>(Infinity);
  readonly #pendingIds = new Set<number>();
  readonly #waiters = new WaiterList('the multiplayer peer to connect');
  #clientTimer: TimerHandle | undefined;

  /** @throws {GodotError} `ERR_INVALID_PARAMETER` for a bad option. */
  protected constructor(options: WebSocketMultiplayerPeerOptions = {}) {
    // The queue as a whole is bounded by the budget; each connection's share by its maxQueuedMemory.
    super(
      { ...options, maxQueuedMemory: Infinity, memoryBudget: options.memoryBudget === undefined ? new MemoryBudget() : options.memoryBudget },
      inboundLimits(DEFAULT_BUFFER_SIZE, DEFAULT_MAX_QUEUED_PACKETS),
    );
    this.#template = this._createPeer({ clock: this._clock, ...(options.maxQueuedMemory === undefined ? {} : { maxQueuedMemory: options.maxQueuedMemory }) });
    const {
      format: _format, encodeBufferMaxSize: _size, clock: _clock, decodeOptions: _decode, encodeOptions: _encode,
      maxQueuedMemory: _memory, memoryBudget: _budget, ...settings
    } = options;
    for (const [key, value] of Object.entries(settings)) {
      if (value !== undefined) this.#set(key as keyof PeerConfig, value as never);
    }
  }

  // --- Godot's properties (proxied to every new connection) -----------------------------

  /** See {@link WebSocketPeerOptions.supportedProtocols}. @default [] */
  get supportedProtocols(): string[] {
    return this.#template.supportedProtocols;
  }

  set supportedProtocols(protocols: readonly string[]) {
    this.#set('supportedProtocols', protocols);
  }

  /** See {@link WebSocketPeerOptions.handshakeHeaders}. @default [] */
  get handshakeHeaders(): string[] {
    return this.#template.handshakeHeaders;
  }

  set handshakeHeaders(headers: readonly string[]) {
    this.#set('handshakeHeaders', headers);
  }

  /** See {@link WebSocketPeerOptions.inboundBufferSize}. @default 65535 */
  get inboundBufferSize(): number {
    return this.#template.inboundBufferSize;
  }

  set inboundBufferSize(size: number) {
    this.#set('inboundBufferSize', size);
  }

  /** See {@link WebSocketPeerOptions.outboundBufferSize}. @default 65535 */
  get outboundBufferSize(): number {
    return this.#template.outboundBufferSize;
  }

  set outboundBufferSize(size: number) {
    this.#set('outboundBufferSize', size);
  }

  /** See {@link WebSocketPeerOptions.maxQueuedPackets}. @default 4096 */
  get maxQueuedPackets(): number {
    return this.#template.maxQueuedPackets;
  }

  set maxQueuedPackets(count: number) {
    this.#set('maxQueuedPackets', count);
  }

  /**
   * Heartbeat of every connection, in seconds (see {@link WebSocketPeerOptions.heartbeatInterval};
   * Godot's multiplayer peer does not proxy it).
   * @default 0
   */
  get heartbeatInterval(): number {
    return this.#template.heartbeatInterval;
  }

  set heartbeatInterval(seconds: number) {
    this.#set('heartbeatInterval', seconds);
  }

  /**
   * Godot's `handshake_timeout`, in seconds (> 0): a server drops a connection whose TCP, TLS and
   * WebSocket handshakes take longer; a client gives up when it has no id by then.
   * @default 3
   */
  get handshakeTimeout(): number {
    return this.#template.handshakeTimeout;
  }

  set handshakeTimeout(seconds: number) {
    this.#set('handshakeTimeout', seconds);
  }

  /** See {@link WebSocketPeerOptions.idleTimeoutMs} (given to every new connection; not a Godot property). @default 0 */
  get idleTimeoutMs(): number {
    return this.#template.idleTimeoutMs;
  }

  set idleTimeoutMs(timeoutMs: number) {
    this.#set('idleTimeoutMs', timeoutMs);
  }

  // --- Godot's methods ------------------------------------------------------------------

  /**
   * Starts a server on `port` (0 picks a free one, see `getLocalPort()`), on every interface
   * (`'*'`) or `bindAddress`, with TLS when `tlsServerOptions` is given. Returns `OK` once
   * listening has started; `waitForConnected()` resolves when it listens and rejects if it cannot.
   * A taken port gives `ERR_ALREADY_IN_USE`: at the call on every address (`'*'`, as Godot), later
   * (through `waitForConnected()` and `error`) with a `bindAddress`, whose bind Node completes on
   * the event loop. `ERR_UNAVAILABLE` in browsers.
   */
  createServer(port: number, bindAddress = '*', tlsServerOptions?: TLSOptions): ErrorCode {
    if (this.#status !== ConnectionStatus.DISCONNECTED) return ErrorCode.ERR_ALREADY_IN_USE;
    if (tlsServerOptions !== undefined && !tlsServerOptions.isServer()) return ErrorCode.ERR_INVALID_PARAMETER;
    if (!isPort(port, true)) return ErrorCode.ERR_INVALID_PARAMETER;
    this.#clear();
    this._discardReceived();
    this.#server = true;
    this.#uniqueId = TARGET_PEER_SERVER;
    this.#status = ConnectionStatus.CONNECTING;
    const error = this._listen(port, bindAddress, tlsServerOptions);
    if (error !== ErrorCode.OK) this.#clear();
    else this._opened();
    return error;
  }

  /**
   * Connects to a server at `url`. The peer is `CONNECTING` until the server sent this client's
   * id, then `CONNECTED` with `peerConnected(1)`. Without an id within `handshakeTimeout` it is
   * reset to `DISCONNECTED` (as in Godot, without `peerDisconnected`).
   */
  createClient(url: string, tlsClientOptions?: TLSOptions): ErrorCode {
    if (this.#status !== ConnectionStatus.DISCONNECTED) return ErrorCode.ERR_ALREADY_IN_USE;
    if (tlsClientOptions?.isServer()) return ErrorCode.ERR_INVALID_PARAMETER;
    this.#clear();
    this._discardReceived();
    const peer = this.#newPeer();
    const error = peer.connectToUrl(url, tlsClientOptions);
    if (error !== ErrorCode.OK) return error;
    this.#peers.set(TARGET_PEER_SERVER, peer);
    this.#status = ConnectionStatus.CONNECTING;
    this._opened();
    this.#clientTimer = this._clock.schedule(this.#template.handshakeTimeout * 1000, () => {
      this.#fail(new GodotError(ErrorCode.ERR_TIMEOUT, `No id from the server within ${this.handshakeTimeout} s`));
    });
    this._attachChild(peer, TARGET_PEER_SERVER, { intercept: (data) => this.#clientIntercept(peer, data) });
    peer.once('close', () => {
      if (this.#peers.get(TARGET_PEER_SERVER) !== peer) return;
      if (this.#status === ConnectionStatus.CONNECTED) {
        this.#clear();
        this.emit('peerDisconnected', TARGET_PEER_SERVER);
        this._ended();
      } else {
        this.#fail(peer.lastError ?? new GodotError(ErrorCode.ERR_CANT_CONNECT, 'The connection closed before the server sent an id'));
      }
    });
    return ErrorCode.OK;
  }

  /** The connection of peer `id` (on a client, 1 is the server), or `null`. */
  getPeer(id: number): Peer | null {
    return this.#peers.get(id) ?? null;
  }

  /** The IP address of peer `id` (`''` if unknown). */
  getPeerAddress(id: number): string {
    return this.#peers.get(id)?.getConnectedHost() ?? '';
  }

  /** The port of peer `id` (0 if unknown). */
  getPeerPort(id: number): number {
    return this.#peers.get(id)?.getConnectedPort() ?? 0;
  }

  /** Kept for ported code: connections advance with the event loop (see the class description). */
  poll(): void {}

  /**
   * Godot's `get_connection_status()`: `CONNECTION_CONNECTED` while a server listens or a client
   * has its id, `CONNECTION_CONNECTING` while a client connects, else `CONNECTION_DISCONNECTED`.
   */
  getConnectionStatus(): ConnectionStatus {
    return this.#status;
  }

  getUniqueId(): number {
    return this.#uniqueId;
  }

  override isServer(): boolean {
    return this.#server;
  }

  /** WebSocket servers can relay (Godot: true); the relaying itself is SceneMultiplayer's job. */
  override isServerRelaySupported(): boolean {
    return true;
  }

  /**
   * Closes peer `id`'s connection with code 1000; `peerDisconnected` follows when it is closed.
   * With `force` the peer is forgotten at once, without `peerDisconnected` (on a client: the
   * whole multiplayer peer is reset), as in Godot.
   */
  disconnectPeer(id: number, force = false): void {
    const peer = this.#peers.get(id);
    if (peer === undefined) return;
    peer.close();
    if (!force) return;
    this.#peers.delete(id);
    this._forgetChild(peer);
    this._forgetShare(id);
    if (this.#server) {
      this.#scaleQueue();
    } else {
      this.#clear();
      this._ended();
    }
  }

  // --- TypeScript conveniences ----------------------------------------------------------

  /**
   * New connections closed because `refuseNewConnections` was set (during their handshake or
   * before it started).
   */
  get refusedConnections(): number {
    return this.#pending.refused;
  }

  /** The port the server listens on (0 when not listening). */
  getLocalPort(): number {
    return this.#server ? this._localPort() : 0;
  }

  /**
   * Resolves when the peer is `CONNECTED` (a server: listening; a client: it has its id).
   * Rejects with why it failed, or at once with `ERR_UNCONFIGURED` when it is not starting.
   */
  waitForConnected(options: WaitOptions = {}): Promise<void> {
    if (this.#status === ConnectionStatus.CONNECTED) return Promise.resolve();
    if (this.#status === ConnectionStatus.DISCONNECTED) {
      return Promise.reject(this.lastError ?? new GodotError(ErrorCode.ERR_UNCONFIGURED, 'Neither a server nor a client was started'));
    }
    return this.#waiters.wait(options);
  }

  // --- for the platform classes ---------------------------------------------------------

  /** A new, unconnected `WebSocketPeer` of this platform. */
  protected abstract _createPeer(options: WebSocketPeerOptions): Peer;

  /** Starts listening; report the outcome with `_listening()` or `_listenFailed()`. */
  protected abstract _listen(port: number, bindAddress: string, tls: TLSOptions | undefined): ErrorCode;

  /** Stops listening (connections are closed by the caller). */
  protected abstract _stopListening(): void;

  /** The listening port. */
  protected abstract _localPort(): number;

  /** The server listens. */
  protected _listening(): void {
    if (!this.#server || this.#status !== ConnectionStatus.CONNECTING) return;
    this.#status = ConnectionStatus.CONNECTED;
    this.#pending.open();
    this.#waiters.wake();
  }

  /** The server could not listen. */
  protected _listenFailed(error: GodotError): void {
    if (this.#server) this.#fail(error);
  }

  /**
   * A client connected to the server: unless new connections are refused, `start` makes the
   * given peer the server side of it (e.g. `peer.acceptStream(socket)`). Returns false when the
   * connection is refused; the caller then drops it.
   */
  protected _acceptConnection(start: (peer: Peer) => ErrorCode): boolean {
    if (!this.#server || this.#status !== ConnectionStatus.CONNECTED) return false;
    if (this.refuseNewConnections) {
      this.#pending.refuse();
      return false;
    }
    let id = generateUniqueId();
    while (this.#peers.has(id) || this.#pendingIds.has(id)) id = generateUniqueId();
    const peer = this.#pending.offer(() => this.#newPeer()) as Peer;
    this.#pendingIds.add(id);
    this._attachChild(peer, id, SKIP_EMPTY);
    peer[observeChild](this.#childObserver, id);
    if (start(peer) !== ErrorCode.OK) {
      this.#settle(peer, id);
      this._forgetShare(id);
      return false;
    }
    return true;
  }

  protected _putPacketTo(packet: Uint8Array, target: number, _channel: number, _mode: TransferMode, owned: boolean): ErrorCode {
    if (this.#status !== ConnectionStatus.CONNECTED) return ErrorCode.ERR_UNCONFIGURED;
    const send = (peer: WebSocketPeerBase | undefined, bytes: Uint8Array, own: boolean): ErrorCode | undefined =>
      peer?.[sendMessage](bytes, WriteMode.BINARY, own);
    if (!this.#server) return send(this.#peers.get(TARGET_PEER_SERVER), packet, owned) ?? ErrorCode.ERR_UNCONFIGURED;
    if (target > 0) return send(this.#peers.get(target), packet, owned) ?? ErrorCode.ERR_INVALID_PARAMETER;
    // Broadcast: one copy shared by every connection. Like Godot, a connection that cannot take
    // the packet does not fail the call.
    const shared = owned ? packet : packet.slice();
    for (const [id, peer] of this.#peers) if (id !== -target) send(peer, shared, true);
    return ErrorCode.OK;
  }

  /** Godot's `get_max_packet_size()`: `outbound_buffer_size − 9` (a leftover of the old protocol). */
  protected _getMaxPacketSize(): number {
    return this.#template.outboundBufferSize - MULTIPLAYER_PROTO_SIZE;
  }

  /** Godot's `close()`: drops every connection without Close frames or `peerDisconnected`. */
  protected _close(): void {
    this.#clear();
    this.#waiters.fail(new GodotError(ErrorCode.ERR_UNAVAILABLE, 'The multiplayer peer was closed'));
  }

  // --- internals ------------------------------------------------------------------------

  /** What this server hears of its connections (see `ChildObserver`): one object for all of them. */
  readonly #childObserver: ChildObserver = {
    childOpened: (peer, id) => this.#childOpened(peer as Peer, id),
    childClosed: (peer, id) => this.#childClosed(peer as Peer, id),
  };

  /** Connection `id`'s handshake is over: it leaves the pending ones (false if it had already left). */
  #settle(peer: Peer, id: number): boolean {
    this.#pendingIds.delete(id);
    return this.#pending.remove(peer);
  }

  /** Connection `id` opened: it gets its id, as the first message, and joins. */
  #childOpened(peer: Peer, id: number): void {
    if (!this.#settle(peer, id)) return;
    // The id goes out as the first message, little-endian like every Godot platform writes it.
    // `putPacket` copies what it keeps, so one array serves every connection.
    HELLO_VIEW.setInt32(0, id, true);
    if (this.refuseNewConnections || peer.putPacket(HELLO) !== ErrorCode.OK) {
      if (this.refuseNewConnections) this.#pending.refuse();
      peer.close(-1);
      return;
    }
    this.#peers.set(id, peer);
    this.#scaleQueue();
    this.emit('peerConnected', id);
  }

  /** Connection `id` closed: forgotten, and `peerDisconnected` if it had joined. */
  #childClosed(peer: Peer, id: number): void {
    this.#settle(peer, id);
    const joined = this.#peers.get(id) === peer;
    if (joined || !this.#peers.has(id)) {
      this._forgetChild(peer);
      this._forgetShare(id);
    }
    if (!joined) return;
    this.#peers.delete(id);
    this.#scaleQueue();
    this.emit('peerDisconnected', id);
  }

  #set<K extends keyof PeerConfig>(key: K, value: PeerConfig[K]): void {
    (this.#template as unknown as PeerConfig)[key] = value; // validates
  }

  /** A connection's peer, with the template's settings (its record shared, see `peer-settings.ts`). */
  #newPeer(): Peer {
    const template = this.#template;
    const peer = this._createPeer({ clock: this._clock, maxQueuedMemory: template.maxQueuedMemory, idleTimeoutMs: template.idleTimeoutMs });
    peer[shareSettings](template);
    return peer;
  }

  /**
   * A client's first message is its id; then come packets from the server (empty ones are
   * skipped, as by Godot). Returns true for the messages it consumed.
   */
  #clientIntercept(peer: Peer, data: Uint8Array): boolean {
    if (this.#status === ConnectionStatus.CONNECTED) return data.length === 0;
    const id = data.length === 4 ? new DataView(data.buffer, data.byteOffset, 4).getInt32(0, true) : 0;
    if (id < 2) {
      peer.close();
      this.#fail(new GodotError(ErrorCode.ERR_INVALID_DATA, 'Invalid id received from the server'));
      return true;
    }
    this._clock.cancel(this.#clientTimer);
    this.#uniqueId = id;
    this.#status = ConnectionStatus.CONNECTED;
    this.#waiters.wake();
    this.emit('peerConnected', TARGET_PEER_SERVER);
    return true;
  }

  /** The queue holds what Godot's per-connection buffers would: their limits times the peers. */
  #scaleQueue(): void {
    const peers = Math.max(1, this.#peers.size);
    this._setReceiveLimits(inboundLimits(this.#template.inboundBufferSize, this.#template.maxQueuedPackets, peers));
  }

  /** A server that cannot listen or a client that cannot connect: back to `DISCONNECTED`. */
  #fail(error: GodotError): void {
    if (this.#status === ConnectionStatus.DISCONNECTED) return;
    this.#clear();
    this.#waiters.fail(error);
    this._emitError(error);
    this._ended();
  }

  /** Godot's `_clear()`: forgets every connection (closing them hard) and the server. */
  #clear(): void {
    const peers = [...this.#peers.values(), ...this.#pending.stop()];
    const wasServer = this.#server;
    for (const [id, peer] of this.#peers) {
      this._forgetChild(peer);
      this._forgetShare(id);
    }
    this.#peers.clear();
    this.#pendingIds.clear();
    this._clock.cancel(this.#clientTimer);
    this.#status = ConnectionStatus.DISCONNECTED;
    this.#uniqueId = 0;
    this.#server = false;
    this._setLastError(null);
    for (const peer of peers) peer.close(-1);
    if (wasServer) this._stopListening();
    this.#scaleQueue();
  }
}
