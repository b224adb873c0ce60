import {
  ErrorCode, GodotError, IdleTimer, WaiterList, checkMilliseconds, handOverStream, isPort, type HandsOverStream, type StreamHandover,
  type TimerHandle, type WaitOptions,
} from '@pp/core';
import { DEFAULT_CONNECT_TIMEOUT_MS } from './limits.js';
import { TcpConnection, isIPAddress, type ConnectionHandlers, type NetError } from './net-socket.js';
import { StreamPeer, type StreamPeerEvents, type StreamPeerOptions } from './stream-peer.js';

/** Godot's `StreamPeerTCP.Status`: NONE (no connection), CONNECTING, CONNECTED, ERROR. */
export const TCPStatus = {
  /** `STATUS_NONE` (0): no connection: the initial status, and the status after `disconnectFromHost()`. */
  STATUS_NONE: 0,
  /** `STATUS_CONNECTING` (1): `connectToHost` was called and the connection is not established yet. */
  STATUS_CONNECTING: 1,
  /** `STATUS_CONNECTED` (2): connected; bytes can be sent and received. */
  STATUS_CONNECTED: 2,
  /** `STATUS_ERROR` (3): the connection failed, timed out or broke (`lastError` says why). */
  STATUS_ERROR: 3,
} as const;
/** A `TCPStatus` value (0 … 3). */
export type TCPStatus = (typeof TCPStatus)[keyof typeof TCPStatus];

/**
 * Options of a `StreamPeerTCP` (and of the connections a `TCPServer` hands out): timeouts, then the
 * `StreamPeer` options. Every field is optional.
 */
export interface StreamPeerTCPOptions extends StreamPeerOptions {
  /**
   * How long `connectToHost` may take before the status becomes ERROR (Godot's project setting
   * `network/limits/tcp/connect_timeout_seconds`, 30 s).
   * @default 30000
   */
  connectTimeoutMs?: number;
  /**
   * Milliseconds a connection may receive nothing before it is closed (status ERROR,
   * `ERR_TIMEOUT` in the `error` event); time spent with reading paused because the application
   * does not read does not count. 0 waits forever, as Godot does. A `TCPServer` given it applies
   * it to every connection it hands out, so a server can shed clients that send nothing.
   * @default 0
   */
  idleTimeoutMs?: number;
}

export interface StreamPeerTCPEvents extends StreamPeerEvents {
  /** The connection is up (status CONNECTED). */
  connect: [];
}

/** `tcp[adoptConnection](connection)`: a `TCPServer` hands over an accepted connection. */
export const adoptConnection: unique symbol = Symbol('adoptConnection');

const CONNECT_ERRORS: Readonly<Record<string, ErrorCode>> = {
  ENOTFOUND: ErrorCode.ERR_CANT_RESOLVE,
  EAI_AGAIN: ErrorCode.ERR_CANT_RESOLVE,
  EADDRINUSE: ErrorCode.ERR_ALREADY_IN_USE,
};

/**
 * Godot's `StreamPeerTCP`: a TCP connection as a `StreamPeer`. `connectToHost` returns at once
 * (status CONNECTING, then CONNECTED or ERROR, as in Godot); `connectToHostAsync` resolves once
 * connected. Node moves the bytes on its event loop, so `poll()` only reports what happened.
 */
export class StreamPeerTCP extends StreamPeer<StreamPeerTCPEvents> implements HandsOverStream {
  /** Godot's `StreamPeerTCP.STATUS_NONE` (0): no connection. */
  static readonly STATUS_NONE = TCPStatus.STATUS_NONE;
  /** Godot's `StreamPeerTCP.STATUS_CONNECTING` (1): connecting to the host. */
  static readonly STATUS_CONNECTING = TCPStatus.STATUS_CONNECTING;
  /** Godot's `StreamPeerTCP.STATUS_CONNECTED` (2): connected. */
  static readonly STATUS_CONNECTED = TCPStatus.STATUS_CONNECTED;
  /** Godot's `StreamPeerTCP.STATUS_ERROR` (3): the connection failed or broke. */
  static readonly STATUS_ERROR = TCPStatus.STATUS_ERROR;

  /** See {@link StreamPeerTCPOptions.connectTimeoutMs}. */
  readonly connectTimeoutMs: number;

  #status: TCPStatus = TCPStatus.STATUS_NONE;
  #connection: TcpConnection | null = null;
  #host = '';
  #port = 0;
  #local: { address: string | undefined; port: number } | null = null;
  #noDelay = false;
  #timer: TimerHandle | undefined;
  /** The failure `poll()` reports once (Godot's poll returns it on the call that notices it). */
  #unreported: ErrorCode = ErrorCode.OK;
  #remoteEnded = false;
  #flushNoticeRequested = false;
  readonly #connectWaiters = new WaiterList('the connection');
  readonly #idle: IdleTimer;

  /** @throws {GodotError} `ERR_INVALID_PARAMETER` for a bad option. */
  constructor(options: StreamPeerTCPOptions = {}) {
    super(options);
    this.connectTimeoutMs = checkMilliseconds('connectTimeoutMs', options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS, { min: 1 });
    this.#idle = new IdleTimer(this._clock, options.idleTimeoutMs ?? 0, () => this.#onIdle());
  }

  /** See {@link StreamPeerTCPOptions.idleTimeoutMs}; a change applies from the next connection. */
  get idleTimeoutMs(): number {
    return this.#idle.timeoutMs;
  }

  set idleTimeoutMs(timeoutMs: number) {
    this.#idle.timeoutMs = timeoutMs;
  }

  // --- Godot's StreamPeerTCP API -------------------------------------------------------

  /**
   * Chooses the local port (0 = any) and address (`'*'` = any) of the next connection. Node
   * binds when it connects, so a taken port shows up then (status ERROR, `ERR_ALREADY_IN_USE`
   * in the `error` event) instead of here.
   *
   * @returns `OK`; `ERR_ALREADY_IN_USE` unless the status is NONE; `ERR_INVALID_PARAMETER` for
   *   a bad port or address.
   */
  bind(port: number, host = '*'): ErrorCode {
    if (this.#status !== TCPStatus.STATUS_NONE || this.#local !== null) return ErrorCode.ERR_ALREADY_IN_USE;
    if (!isPort(port, true)) return ErrorCode.ERR_INVALID_PARAMETER;
    if (host !== '*' && !isIPAddress(host)) return ErrorCode.ERR_INVALID_PARAMETER;
    this.#local = { address: host === '*' ? undefined : host, port };
    return ErrorCode.OK;
  }

  /**
   * Starts connecting to `host` (an IP address or a name, resolved in the background) and
   * returns at once: the status becomes CONNECTING, then CONNECTED, or ERROR on failure or after
   * `connectTimeoutMs`.
   *
   * @returns `OK`; `ERR_ALREADY_IN_USE` unless the status is NONE; `ERR_INVALID_PARAMETER` for
   *   an empty host or a port outside 1 … 65535.
   */
  connectToHost(host: string, port: number): ErrorCode {
    if (this.#status !== TCPStatus.STATUS_NONE) return ErrorCode.ERR_ALREADY_IN_USE;
    if (typeof host !== 'string' || host === '' || !isPort(port)) return ErrorCode.ERR_INVALID_PARAMETER;
    this.#host = host;
    this.#port = port;
    this.#unreported = ErrorCode.OK;
    this._clearError();
    this.#status = TCPStatus.STATUS_CONNECTING;
    this.#connection = TcpConnection.connect(
      { host, port, localAddress: this.#local?.address, localPort: this.#local?.port, noDelay: this.#noDelay },
      this.#handlers(),
    );
    this.#local = null;
    this.#timer = this._clock.schedule(this.connectTimeoutMs, () => {
      this.#fail(new GodotError(ErrorCode.ERR_CONNECTION_ERROR, `Connecting to ${host}:${port} timed out after ${this.connectTimeoutMs} ms`));
    });
    return ErrorCode.OK;
  }

  /**
   * {@link connectToHost}, resolving once CONNECTED. Rejects with a `GodotError`: the code
   * `connectToHost` returned, `ERR_CANT_RESOLVE`, `ERR_CONNECTION_ERROR` (refused, failed or
   * timed out), `ERR_TIMEOUT` after `timeoutMs`, or the signal's reason. A rejection after the
   * connection started disconnects it.
   */
  async connectToHostAsync(host: string, port: number, options: WaitOptions = {}): Promise<void> {
    const code = this.connectToHost(host, port);
    if (code !== ErrorCode.OK) throw new GodotError(code, `Cannot connect to ${host}:${port}`);
    try {
      await this.#connectWaiters.wait(options);
    } catch (error) {
      if (this.#status === TCPStatus.STATUS_CONNECTING) this.disconnectFromHost();
      throw error;
    }
  }

  /**
   * Godot's `poll()`. The connection is served by Node's event loop, so this only reports:
   * `ERR_CONNECTION_ERROR` once after a failed or timed-out connect or a socket error, else `OK`.
   */
  poll(): ErrorCode {
    const code = this.#unreported;
    this.#unreported = ErrorCode.OK;
    return code;
  }

  /** NONE, CONNECTING, CONNECTED or ERROR (see {@link TCPStatus}). */
  getStatus(): TCPStatus {
    return this.#status;
  }

  /** The host given to `connectToHost`, or the remote IP of an accepted connection ('' when none). */
  getConnectedHost(): string {
    return this.#host;
  }

  /** The remote port, 0 when there is no connection. */
  getConnectedPort(): number {
    return this.#port;
  }

  /** The local port of the connection, 0 when there is none. */
  getLocalPort(): number {
    return this.#connection?.localPort ?? 0;
  }

  /** Closes the connection (unread bytes are dropped) and returns to status NONE. */
  disconnectFromHost(): void {
    if (this.#status === TCPStatus.STATUS_CONNECTING) {
      this.#settleConnect(new GodotError(ErrorCode.ERR_CONNECTION_ERROR, 'Disconnected before the connection was up'));
    }
    this.#teardown();
    this.#status = TCPStatus.STATUS_NONE;
    this.#host = '';
    this.#port = 0;
    this._closed();
  }

  /** `TCP_NODELAY`: send small writes at once instead of coalescing them. @default false */
  setNoDelay(enabled: boolean): void {
    this.#noDelay = enabled;
    this.#connection?.setNoDelay(enabled);
  }

  /** {@link disconnectFromHost}. */
  close(): void {
    this.disconnectFromHost();
  }

  /**
   * Gives the connection to another protocol (`WebSocketPeer.acceptStream(tcp)`, Godot's
   * `accept_stream`): the socket and the bytes received but not read. This peer is left with
   * status NONE and emits `close`; `null` unless CONNECTED.
   */
  [handOverStream](): StreamHandover | null {
    const connection = this.#connection;
    if (this.#status !== TCPStatus.STATUS_CONNECTED || connection === null) return null;
    // Forgotten first: nothing below may pause, resume or close the socket given away.
    this.#connection = null;
    const socket = connection.release();
    const unread = this._takeArray(this._readableBytes());
    this.disconnectFromHost();
    return { socket, unread };
  }

  /** Closes the connection because of `error`: status ERROR, `error` then `close` emitted. */
  abort(error: GodotError): void {
    this.#fail(error);
  }

  // --- StreamPeer hooks ----------------------------------------------------------------

  protected _isConnected(): boolean {
    return this.#status === TCPStatus.STATUS_CONNECTED;
  }

  protected _write(data: Uint8Array): void {
    this.#connection?.write(data);
  }

  protected _bufferedAmount(): number {
    return this.#connection?.bufferedAmount ?? 0;
  }

  protected override _requestFlushNotice(): void {
    const connection = this.#connection;
    if (connection === null || this.#flushNoticeRequested) return;
    this.#flushNoticeRequested = true;
    connection.whenFlushed(() => {
      this.#flushNoticeRequested = false;
      if (this.#connection === connection) this._flushed();
    });
  }

  protected override _pauseReading(): void {
    this.#connection?.setReading(false);
  }

  protected override _resumeReading(): void {
    this.#connection?.setReading(true);
  }

  /** Godot notices the remote's close when it reads nothing more: status NONE. */
  protected _endOfStream(): void {
    this.disconnectFromHost();
  }

  /** @internal */
  [adoptConnection](connection: TcpConnection): void {
    this.#connection = connection;
    this.#host = connection.remoteAddress;
    this.#port = connection.remotePort;
    this.#status = TCPStatus.STATUS_CONNECTED;
    this.#remoteEnded = false;
    this._opened();
    this.#idle.start();
    connection.attach(this.#handlers());
  }

  // --- internals -----------------------------------------------------------------------

  #handlers(): ConnectionHandlers {
    return {
      onConnect: () => {
        this._clock.cancel(this.#timer);
        this.#status = TCPStatus.STATUS_CONNECTED;
        this.#host = this.#connection?.remoteAddress || this.#host;
        this._opened();
        this.#idle.start();
        this.#settleConnect();
        this.emit('connect');
      },
      onData: (chunk) => {
        this.#idle.touch();
        this._receive(chunk);
      },
      onEnd: () => {
        this.#remoteEnded = true;
        this._receiveEnd();
      },
      onDrain: () => this._drained(),
      onError: (error) => this.#fail(this.#godotError(error)),
      // After the remote's end the socket closes while unread bytes may remain: they stay readable.
      onClose: () => {
        if (!this.#remoteEnded) this.#fail(new GodotError(ErrorCode.ERR_CONNECTION_ERROR, 'The connection closed unexpectedly'));
      },
    };
  }

  #godotError(error: NetError): GodotError {
    const connecting = this.#status === TCPStatus.STATUS_CONNECTING;
    const code = CONNECT_ERRORS[error.code ?? ''] ?? ErrorCode.ERR_CONNECTION_ERROR;
    const what = connecting ? `Connecting to ${this.#host}:${this.#port} failed` : 'TCP connection error';
    return new GodotError(code, `${what}: ${error.message}`, { cause: error });
  }

  /** Status ERROR: the socket is closed, unread bytes dropped, `error` then `close` emitted. */
  #fail(error: GodotError): void {
    if (this.#status === TCPStatus.STATUS_NONE || this.#status === TCPStatus.STATUS_ERROR) return;
    this.#teardown();
    this.#status = TCPStatus.STATUS_ERROR;
    this.#unreported = ErrorCode.ERR_CONNECTION_ERROR;
    this.#settleConnect(error);
    this._emitError(error);
    this._closed(error);
  }

  #settleConnect(error?: GodotError): void {
    if (error === undefined) this.#connectWaiters.wake();
    else this.#connectWaiters.fail(error);
  }

  /** Nothing arrived for `idleTimeoutMs`: closed, unless reading is paused (the application is the one not reading). */
  #onIdle(): void {
    if (this.#status !== TCPStatus.STATUS_CONNECTED) return;
    if (this._readingPaused) {
      this.#idle.start();
      return;
    }
    this.#fail(new GodotError(ErrorCode.ERR_TIMEOUT, `Nothing received for ${this.idleTimeoutMs} ms (idleTimeoutMs)`));
  }

  #teardown(): void {
    this.#idle.stop();
    this.#remoteEnded = false;
    this.#flushNoticeRequested = false;
    this._clock.cancel(this.#timer);
    this.#timer = undefined;
    this.#connection?.destroy();
    this.#connection = null;
  }
}
