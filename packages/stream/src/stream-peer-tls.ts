import { TLSSocket, connect as tlsConnect } from 'node:tls';
import { ErrorCode, GodotError, TLSOptions, TLSStatus, WaiterList, type WaitOptions } from '@pp/core';
import { streamPeerDuplex } from './stream-duplex.js';
import { StreamPeer, type StreamPeerEvents, type StreamPeerOptions } from './stream-peer.js';
import { clientCheck, serverContext, verifyServer, type ClientCheck } from './tls-context.js';


export interface StreamPeerTLSEvents extends StreamPeerEvents {
  /** The handshake completed (and, for a client, the server's certificate passed). */
  connected: [];
}

/** Options of a `StreamPeerTLS`: the `StreamPeer` options (read buffer, byte order, Variant options). */
export type StreamPeerTLSOptions = StreamPeerOptions;

/**
 * Godot's `StreamPeerTLS`: TLS (1.2 or 1.3, `node:tls`) over any of our `StreamPeer`s, as a
 * client (`connectToStream`) or a server (`acceptStream`). The typed helpers, `putVar`/`getVar`
 * and the promise forms come from the `StreamPeer` base; the inner stream carries the records.
 * Verification follows Godot: see `tls-context.ts`.
 */
export class StreamPeerTLS extends StreamPeer<StreamPeerTLSEvents> {
  /** Godot's `StreamPeerTLS.STATUS_DISCONNECTED` (0): not connected. */
  static readonly STATUS_DISCONNECTED = TLSStatus.STATUS_DISCONNECTED;
  /** Godot's `StreamPeerTLS.STATUS_HANDSHAKING` (1): the TLS handshake is in progress. */
  static readonly STATUS_HANDSHAKING = TLSStatus.STATUS_HANDSHAKING;
  /** Godot's `StreamPeerTLS.STATUS_CONNECTED` (2): the handshake is done; data can flow. */
  static readonly STATUS_CONNECTED = TLSStatus.STATUS_CONNECTED;
  /** Godot's `StreamPeerTLS.STATUS_ERROR` (3): the handshake failed or the connection broke. */
  static readonly STATUS_ERROR = TLSStatus.STATUS_ERROR;
  /** Godot's `StreamPeerTLS.STATUS_ERROR_HOSTNAME_MISMATCH` (4): the certificate is valid but not for the host name. */
  static readonly STATUS_ERROR_HOSTNAME_MISMATCH = TLSStatus.STATUS_ERROR_HOSTNAME_MISMATCH;

  #status: TLSStatus = TLSStatus.STATUS_DISCONNECTED;
  #inner: StreamPeer | null = null;
  #socket: TLSSocket | null = null;
  #connectedWaiters: WaiterList | null = null;
  /** Why the last connectToStream / acceptStream call was refused (for the promise forms). */
  #refusal: GodotError | null = null;

  constructor(options: StreamPeerTLSOptions = {}) {
    super(options);
  }

  // --- Godot's StreamPeerTLS API -------------------------------------------------------

  /**
   * Starts a client handshake over `stream` (connected). `options` default to
   * `TLSOptions.client()`: Node's CAs, `commonName` as the name to check and send as SNI.
   * @returns `OK`, `ERR_INVALID_PARAMETER` for server options, `ERR_UNCONFIGURED` when `stream`
   *   is not connected, `ERR_ALREADY_IN_USE` while a connection is active.
   */
  connectToStream(stream: StreamPeer, commonName = '', options: TLSOptions | null = null): ErrorCode {
    const busy = this.#checkStart(stream);
    if (busy !== ErrorCode.OK) return busy;
    let check: ClientCheck;
    try {
      check = clientCheck(options ?? TLSOptions.client(), commonName);
    } catch (error) {
      return this.#refuse(error);
    }
    const socket = tlsConnect({ ...check.connect, socket: streamPeerDuplex(stream) });
    socket.once('secureConnect', () => {
      const failure = verifyServer(check, socket.authorized, socket.authorizationError, socket.getPeerCertificate());
      if (failure !== undefined) {
        this.#fail(failure.mismatch ? TLSStatus.STATUS_ERROR_HOSTNAME_MISMATCH : TLSStatus.STATUS_ERROR, failure.error);
        return;
      }
      this.#established();
    });
    this.#attach(stream, socket);
    return ErrorCode.OK;
  }

  /**
   * Starts a server handshake over `stream` (an accepted connection) with
   * `TLSOptions.server(key, certificate)`. No client certificate is asked for.
   * @returns `OK`, `ERR_INVALID_PARAMETER` for client options or an unusable key/certificate.
   */
  acceptStream(stream: StreamPeer, options: TLSOptions): ErrorCode {
    const busy = this.#checkStart(stream);
    if (busy !== ErrorCode.OK) return busy;
    let socket: TLSSocket;
    try {
      socket = new TLSSocket(streamPeerDuplex(stream), { isServer: true, secureContext: serverContext(options), requestCert: false });
    } catch (error) {
      return this.#refuse(error);
    }
    socket.once('secure', () => this.#established());
    this.#attach(stream, socket);
    return ErrorCode.OK;
  }

  /** Progress happens as bytes arrive; this polls the inner stream for Godot-style loops. */
  poll(): void {
    const inner = this.#inner as (StreamPeer & { poll?: () => unknown }) | null;
    inner?.poll?.();
  }

  /** Godot's `get_status()`: one of the `STATUS_*` constants above. */
  getStatus(): TLSStatus {
    return this.#status;
  }

  /** The stream underneath (Godot's `get_stream`), `null` before a connection. */
  getStream(): StreamPeer | null {
    return this.#inner;
  }

  /** Sends close_notify and ends the connection (status `STATUS_DISCONNECTED`). */
  disconnectFromStream(): void {
    const socket = this.#socket;
    const inner = this.#inner;
    if (socket === null) return;
    this.#detach(new GodotError(ErrorCode.ERR_CONNECTION_ERROR, 'disconnectFromStream was called'));
    // close_notify first, then the stream underneath (Godot drops its reference to it).
    socket.end(() => inner?.close());
    this.#status = TLSStatus.STATUS_DISCONNECTED;
    this._closed();
  }

  // --- promise forms -------------------------------------------------------------------

  /** {@link connectToStream}, resolving once connected; rejects with why it failed. */
  async connectToStreamAsync(stream: StreamPeer, commonName = '', options: TLSOptions | null = null, wait: WaitOptions = {}): Promise<void> {
    const code = this.connectToStream(stream, commonName, options);
    if (code !== ErrorCode.OK) throw this.#refusal ?? new GodotError(code, 'connectToStream failed');
    await this.waitForConnected(wait);
  }

  /** {@link acceptStream}, resolving once connected; rejects with why it failed. */
  async acceptStreamAsync(stream: StreamPeer, options: TLSOptions, wait: WaitOptions = {}): Promise<void> {
    const code = this.acceptStream(stream, options);
    if (code !== ErrorCode.OK) throw this.#refusal ?? new GodotError(code, 'acceptStream failed');
    await this.waitForConnected(wait);
  }

  /** Resolves once the handshake completed; rejects if it fails. */
  waitForConnected(wait: WaitOptions = {}): Promise<void> {
    if (this.#status === TLSStatus.STATUS_CONNECTED) return Promise.resolve();
    if (this.#status !== TLSStatus.STATUS_HANDSHAKING) {
      return Promise.reject(this.lastError ?? new GodotError(ErrorCode.ERR_UNCONFIGURED, 'Not connecting'));
    }
    return (this.#connectedWaiters ??= new WaiterList('the TLS handshake')).wait(wait);
  }

  close(): void {
    this.disconnectFromStream();
  }

  abort(error: GodotError): void {
    this.#fail(TLSStatus.STATUS_ERROR, error);
  }

  // --- StreamPeer hooks ----------------------------------------------------------------

  protected _isConnected(): boolean {
    return this.#status === TLSStatus.STATUS_CONNECTED;
  }

  protected _write(data: Uint8Array): void {
    if (this.#socket?.write(data) === false) this.#socket.once('drain', () => this._drained());
  }

  protected _bufferedAmount(): number {
    return this.#socket?.writableLength ?? 0;
  }

  protected override _pauseReading(): void {
    this.#socket?.pause();
  }

  protected override _resumeReading(): void {
    this.#socket?.resume();
  }

  protected _endOfStream(): void {
    this.disconnectFromStream();
  }

  // --- internals -----------------------------------------------------------------------

  #checkStart(stream: StreamPeer): ErrorCode {
    if (this.#status === TLSStatus.STATUS_HANDSHAKING || this.#status === TLSStatus.STATUS_CONNECTED) return ErrorCode.ERR_ALREADY_IN_USE;
    this.#refusal = null;
    if (stream.getAvailableBytes() < 0) return this.#refuse(new GodotError(ErrorCode.ERR_UNCONFIGURED, 'The stream is not connected'));
    return ErrorCode.OK;
  }

  #attach(stream: StreamPeer, socket: TLSSocket): void {
    this.#inner = stream;
    this.#socket = socket;
    this._clearError();
    this.#status = TLSStatus.STATUS_HANDSHAKING;
    socket.on('data', (chunk: Buffer) => {
      if (this.#socket === socket) this._receive(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    });
    socket.on('end', () => {
      if (this.#socket === socket) this._receiveEnd();
    });
    socket.on('error', (error: Error) => {
      if (this.#socket === socket) this.#fail(TLSStatus.STATUS_ERROR, new GodotError(ErrorCode.ERR_CONNECTION_ERROR, `TLS: ${error.message}`, { cause: error }));
    });
    socket.on('close', () => {
      if (this.#socket !== socket) return;
      if (this.#status === TLSStatus.STATUS_HANDSHAKING) {
        this.#fail(TLSStatus.STATUS_ERROR, new GodotError(ErrorCode.ERR_CONNECTION_ERROR, 'The stream closed during the TLS handshake'));
      } else {
        this.#detach(new GodotError(ErrorCode.ERR_CONNECTION_ERROR, 'The TLS connection closed'));
        this.#status = TLSStatus.STATUS_DISCONNECTED;
        this._closed();
      }
    });
  }

  #established(): void {
    this.#status = TLSStatus.STATUS_CONNECTED;
    this._opened();
    this.#connectedWaiters?.wake();
    this.emit('connected');
  }

  #fail(status: TLSStatus, error: GodotError): void {
    const socket = this.#socket;
    if (socket === null) return;
    this.#detach(error);
    socket.destroy();
    this.#inner?.close();
    this.#status = status;
    this._emitError(error);
    this._closed(error);
  }

  #detach(reason: GodotError): void {
    this.#socket = null;
    this.#connectedWaiters?.fail(reason);
  }

  #refuse(error: unknown): ErrorCode {
    if (!(error instanceof GodotError)) throw error;
    this.#refusal = error;
    return error.code;
  }
}
