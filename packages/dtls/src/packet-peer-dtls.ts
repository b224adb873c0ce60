import {
  ErrorCode, GodotError, PacketPeer, TLSOptions, WaiterList, type PacketPeerEvents, type PacketPeerOptions, type WaitOptions,
} from '@pp/core';
import { DEFAULT_RING_SIZE, PACKET_OVERHEAD, type PacketPeerUDP } from '@pp/udp';
import type { DtlsConnection } from './engine/connection.js';
import type { DtlsError } from './engine/dtls-error.js';
import { startsWithClientHello, type CookieResult } from './engine/cookie.js';
import { createDtlsClient } from './engine/factories.js';
import { DtlsSessionDriver } from './session-driver.js';
import { DTLSStatus } from './status.js';
import { clientConfig, type DtlsEngineOptions } from './tls-config.js';

/**
 * Options of a `PacketPeerDTLS`: the `PacketPeer` options (queue limits, Variant options) and the
 * DTLS engine's (limits, handshake timeouts, cipher suites, groups). Every field is optional.
 */
export type PacketPeerDTLSOptions = PacketPeerOptions & DtlsEngineOptions;

export interface PacketPeerDTLSEvents extends PacketPeerEvents<undefined> {
  /** The handshake completed. */
  connected: [];
}

/**
 * Godot's `PacketPeerDTLS`: DTLS 1.2 over a connected `PacketPeerUDP`, one application-data
 * record per packet. A thin driver around the sans-IO engine (`engine/connection.ts`) through
 * `DtlsSessionDriver`: datagrams from the UDP peer go into the engine, its datagrams go out
 * through the peer, its timers run on the peer's `clock`. Progress happens as datagrams arrive;
 * `poll()` is there for Godot-style loops and does the same work.
 */
export class PacketPeerDTLS extends PacketPeer<undefined, PacketPeerDTLSEvents> {
  /** Godot's `PacketPeerDTLS.STATUS_DISCONNECTED` (0): not connected. */
  static readonly STATUS_DISCONNECTED = DTLSStatus.STATUS_DISCONNECTED;
  /** Godot's `PacketPeerDTLS.STATUS_HANDSHAKING` (1): the DTLS handshake is in progress. */
  static readonly STATUS_HANDSHAKING = DTLSStatus.STATUS_HANDSHAKING;
  /** Godot's `PacketPeerDTLS.STATUS_CONNECTED` (2): the handshake is done; packets can flow. */
  static readonly STATUS_CONNECTED = DTLSStatus.STATUS_CONNECTED;
  /** Godot's `PacketPeerDTLS.STATUS_ERROR` (3): the handshake failed or the connection broke. */
  static readonly STATUS_ERROR = DTLSStatus.STATUS_ERROR;
  /** Godot's `PacketPeerDTLS.STATUS_ERROR_HOSTNAME_MISMATCH` (4): the certificate is valid but not for the host name. */
  static readonly STATUS_ERROR_HOSTNAME_MISMATCH = DTLSStatus.STATUS_ERROR_HOSTNAME_MISMATCH;

  readonly #options: PacketPeerDTLSOptions;
  #status: DTLSStatus = DTLSStatus.STATUS_DISCONNECTED;
  #udp: PacketPeerUDP | null = null;
  #session: DtlsSessionDriver | null = null;
  /** Server-side peers own their UDP peer (closing it frees the address in `UDPServer`). */
  #ownsUdp = false;
  #cipherSuite: string | undefined;
  #connectedWaiters: WaiterList | null = null;
  /** Server-side: checks a new ClientHello from our client's address (see `_acceptServer`). */
  #reconnectCheck: ((datagram: Uint8Array) => CookieResult) | null = null;
  readonly #onPacket = (data: Uint8Array): void => {
    if (this.#reconnectCheck !== null && this.#status === DTLSStatus.STATUS_CONNECTED && startsWithClientHello(data)) this.#reconnect(data);
    else this.#session?.receive(data);
  };
  readonly #onUdpClose = (): void => this.#end(DTLSStatus.STATUS_DISCONNECTED, null);

  constructor(options: PacketPeerDTLSOptions = {}) {
    super(options, { maxPackets: Number.POSITIVE_INFINITY, maxBytes: DEFAULT_RING_SIZE - 1, overheadPerPacket: PACKET_OVERHEAD });
    this.#options = options;
  }

  // --- Godot's PacketPeerDTLS API ------------------------------------------------------

  /**
   * Starts the handshake as a client over `udp`, which must be connected
   * (`connectToHost`). `options` default to `TLSOptions.client()`: the platform's CAs and
   * `hostname` as the name to check.
   *
   * @returns `OK`; `ERR_INVALID_PARAMETER` when `udp` is not connected, `options` are server
   *   options or an engine option is out of range; `ERR_ALREADY_IN_USE` while a connection is
   *   active. `lastError` says why.
   */
  connectToPeer(udp: PacketPeerUDP, hostname = '', options: TLSOptions | null = null): ErrorCode {
    if (this.#session !== null) return ErrorCode.ERR_ALREADY_IN_USE;
    if (!udp.isSocketConnected()) return this.#refuse(ErrorCode.ERR_INVALID_PARAMETER, 'connectToPeer needs a connected PacketPeerUDP (connectToHost)');
    let engine: DtlsConnection;
    try {
      engine = createDtlsClient(clientConfig(options ?? TLSOptions.client(), hostname, this.#options), this._clock.now());
    } catch (error) {
      if (error instanceof GodotError) return this.#refuse(error.code, error.message);
      if (error instanceof RangeError || error instanceof TypeError) return this.#refuse(ErrorCode.ERR_INVALID_PARAMETER, error.message);
      throw error;
    }
    this.#attach(udp, engine, false);
    return ErrorCode.OK;
  }

  /** Processes due retransmissions (datagrams are processed as they arrive). */
  poll(): void {
    this.#session?.poll();
  }

  /** Godot's `get_status()`: one of the `STATUS_*` constants above. */
  getStatus(): DTLSStatus {
    return this.#status;
  }

  /** The negotiated cipher suite's IANA name, e.g. `TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`. */
  get cipherSuite(): string | undefined {
    return this.#cipherSuite;
  }

  /** Sends close_notify and ends the connection (status `STATUS_DISCONNECTED`). */
  disconnectFromPeer(): void {
    if (this.#session === null) return;
    this.#session.close();
    this.#end(DTLSStatus.STATUS_DISCONNECTED, null);
  }

  // --- promise forms -------------------------------------------------------------------

  /**
   * {@link connectToPeer}, resolving once connected. Rejects with the `DtlsError` (or
   * `GodotError`) that failed it, `ERR_TIMEOUT` after `timeoutMs`, or the signal's reason.
   */
  async connectToPeerAsync(udp: PacketPeerUDP, hostname = '', options: TLSOptions | null = null, wait: WaitOptions = {}): Promise<void> {
    const code = this.connectToPeer(udp, hostname, options);
    if (code !== ErrorCode.OK) throw this.lastError ?? new GodotError(code, 'connectToPeer failed');
    await this.waitForConnected(wait);
  }

  /** Resolves once the handshake completed (at once if it has); rejects if it fails. */
  waitForConnected(wait: WaitOptions = {}): Promise<void> {
    if (this.#status === DTLSStatus.STATUS_CONNECTED) return Promise.resolve();
    if (this.#status !== DTLSStatus.STATUS_HANDSHAKING) {
      return Promise.reject(this.lastError ?? new GodotError(ErrorCode.ERR_UNCONFIGURED, 'Not connecting'));
    }
    return (this.#connectedWaiters ??= new WaiterList('the DTLS handshake')).wait(wait);
  }

  // --- for DTLSServer ------------------------------------------------------------------

  /**
   * @internal A server-side session whose cookie verified. `reconnectCheck` runs the cookie
   * check on a new ClientHello from the same address once connected (RFC 6347 §4.2.8).
   */
  _acceptServer(udp: PacketPeerUDP, engine: DtlsConnection, pending: Uint8Array[], reconnectCheck: (datagram: Uint8Array) => CookieResult): void {
    this.#reconnectCheck = reconnectCheck;
    this.#attach(udp, engine, true);
    for (const datagram of pending) this.#session?.receive(datagram);
  }

  /** @internal A server-side attempt that ended before a session (cookie exchange, bad datagram). */
  _refuseServer(udp: PacketPeerUDP, error: GodotError): void {
    udp.close();
    this._setLastError(error);
    this.#status = DTLSStatus.STATUS_ERROR;
  }

  // --- PacketPeer hooks ----------------------------------------------------------------

  protected _putPacket(packet: Uint8Array): ErrorCode {
    if (this.#session === null || this.#status !== DTLSStatus.STATUS_CONNECTED) return ErrorCode.ERR_UNCONFIGURED;
    return this.#session.send(packet);
  }

  /** The largest packet (one record's plaintext): `maxRecordSize`, 16384 by default. Godot reports a nominal 488 it does not enforce. */
  protected _getMaxPacketSize(): number {
    return this.#session?.engine.limits.maxRecordSize ?? this.#options.maxRecordSize ?? 16_384;
  }

  protected _close(): void {
    this.disconnectFromPeer();
  }

  // --- internals -----------------------------------------------------------------------

  #attach(udp: PacketPeerUDP, engine: DtlsConnection, ownsUdp: boolean): void {
    this.#udp = udp;
    this.#ownsUdp = ownsUdp;
    this.#cipherSuite = undefined;
    this.#status = DTLSStatus.STATUS_HANDSHAKING;
    this._opened();
    udp.on('packet', this.#onPacket);
    udp.on('close', this.#onUdpClose);
    this.#session = new DtlsSessionDriver(engine, (datagram) => udp.putPacket(datagram), this._clock, {
      connected: (cipherSuite) => {
        this.#cipherSuite = cipherSuite;
        this.#status = DTLSStatus.STATUS_CONNECTED;
        this.#connectedWaiters?.wake();
        this.emit('connected');
      },
      data: (data) => this._deliver(data, undefined),
      closed: () => this.#end(DTLSStatus.STATUS_DISCONNECTED, null),
      failed: (error) => this.#end(error.certificate === 'hostname-mismatch'
        ? DTLSStatus.STATUS_ERROR_HOSTNAME_MISMATCH : DTLSStatus.STATUS_ERROR, error),
    });
  }

  #end(status: DTLSStatus, error: DtlsError | null): void {
    const session = this.#session;
    const udp = this.#udp;
    if (session === null || udp === null) return;
    session.stop();
    this.#session = null;
    this.#udp = null;
    udp.off('packet', this.#onPacket);
    udp.off('close', this.#onUdpClose);
    if (this.#ownsUdp) udp.close();
    this.#status = status;
    if (error !== null) this._emitError(error);
    this.#connectedWaiters?.fail(error ?? new GodotError(ErrorCode.ERR_CONNECTION_ERROR, 'The DTLS connection closed'));
    this._ended();
  }

  /**
   * The client restarted on the same address: answer a cookie-less hello statelessly (the session
   * stays, the hello may be forged); once the cookie verifies, this session ends and the UDP peer
   * closes, so the client's retransmitted ClientHello becomes a new connection at the server.
   */
  #reconnect(datagram: Uint8Array): void {
    const result = this.#reconnectCheck!(datagram);
    if (result.kind === 'hello-verify-request') this.#udp?.putPacket(result.datagram);
    else if (result.kind === 'verified') this.#end(DTLSStatus.STATUS_DISCONNECTED, null);
  }

  #refuse(code: ErrorCode, message: string): ErrorCode {
    this._setLastError(new GodotError(code, message));
    return code;
  }
}
