/**
 * Godot's `PacketPeerDTLS`: DTLS 1.2 over a connected `PacketPeerUDP`, one application-data
 * record per packet. A thin driver around the sans-IO engine (`engine/connection.ts`): datagrams
 * from the UDP peer go into the engine, the engine's datagrams go out through it, and a timer
 * follows the engine's next deadline. Progress happens as datagrams arrive; `poll()` is there for
 * Godot-style loops and does the same work.
 */
import {
  ErrorCode, GodotError, PacketPeer, TLSOptions, WaiterList, type PacketPeerEvents, type PacketPeerOptions, type WaitOptions,
} from '@pp/core';
import { DEFAULT_RING_SIZE, PACKET_OVERHEAD, type PacketPeerUDP } from '@pp/udp';
import type { DtlsConnection } from './engine/connection.js';
import type { DtlsError } from './engine/dtls-error.js';
import { createDtlsClient } from './engine/factories.js';
import { DTLSStatus } from './status.js';
import { clientConfig, type DtlsEngineOptions } from './tls-config.js';

export type PacketPeerDTLSOptions = PacketPeerOptions & DtlsEngineOptions;

export interface PacketPeerDTLSEvents extends PacketPeerEvents<undefined> {
  /** The handshake completed. */
  connected: [];
  /** The handshake failed or the connection broke: `lastError` holds the same error. */
  error: [error: GodotError];
}

const now = (): number => performance.now();

export class PacketPeerDTLS extends PacketPeer<undefined, PacketPeerDTLSEvents> {
  static readonly STATUS_DISCONNECTED = DTLSStatus.STATUS_DISCONNECTED;
  static readonly STATUS_HANDSHAKING = DTLSStatus.STATUS_HANDSHAKING;
  static readonly STATUS_CONNECTED = DTLSStatus.STATUS_CONNECTED;
  static readonly STATUS_ERROR = DTLSStatus.STATUS_ERROR;
  static readonly STATUS_ERROR_HOSTNAME_MISMATCH = DTLSStatus.STATUS_ERROR_HOSTNAME_MISMATCH;

  /** Why the connection failed (a `DtlsError` for protocol failures), `null` otherwise. */
  lastError: GodotError | null = null;

  readonly #options: PacketPeerDTLSOptions;
  #status: DTLSStatus = DTLSStatus.STATUS_DISCONNECTED;
  #udp: PacketPeerUDP | null = null;
  #engine: DtlsConnection | null = null;
  /** Server-side peers own their UDP peer (closing it frees the address in `UDPServer`). */
  #ownsUdp = false;
  #lastSuite: string | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt: number | undefined;
  #connectedWaiters: WaiterList | null = null;
  readonly #onPacket = (data: Uint8Array): void => this.#receive(data);
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
   * @returns `OK`; `ERR_INVALID_PARAMETER` when `udp` is not connected or `options` are server
   *   options; `ERR_ALREADY_IN_USE` while a connection is active.
   */
  connectToPeer(udp: PacketPeerUDP, hostname = '', options: TLSOptions | null = null): ErrorCode {
    if (this.#engine !== null && this.#status <= DTLSStatus.STATUS_CONNECTED && this.#status !== DTLSStatus.STATUS_DISCONNECTED) {
      return ErrorCode.ERR_ALREADY_IN_USE;
    }
    if (!udp.isSocketConnected()) return this.#refuse(ErrorCode.ERR_INVALID_PARAMETER, 'connectToPeer needs a connected PacketPeerUDP (connectToHost)');
    let engine: DtlsConnection;
    try {
      engine = createDtlsClient(clientConfig(options ?? TLSOptions.client(), hostname, this.#options), now());
    } catch (error) {
      if (error instanceof GodotError) return this.#refuse(error.code, error.message);
      if (error instanceof RangeError || error instanceof TypeError) return this.#refuse(ErrorCode.ERR_INVALID_PARAMETER, error.message);
      throw error;
    }
    this.#attach(udp, engine, false);
    return ErrorCode.OK;
  }

  /** Processes what arrived and what timed out (progress also happens without it). */
  poll(): void {
    const engine = this.#engine;
    if (engine === null) return;
    engine.handleTimeout(now());
    this.#pump();
  }

  getStatus(): DTLSStatus {
    return this.#status;
  }

  /** The negotiated cipher suite's IANA name once the server chose it, e.g. `TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256`. */
  get cipherSuite(): string | undefined {
    return this.#engine?.cipherSuite ?? this.#lastSuite;
  }

  /** Sends close_notify and ends the connection (status `STATUS_DISCONNECTED`). */
  disconnectFromPeer(): void {
    const engine = this.#engine;
    if (engine === null) return;
    engine.close();
    this.#pump();
    this.#end(DTLSStatus.STATUS_DISCONNECTED, null);
  }

  // --- promise forms -------------------------------------------------------------------

  /**
   * {@link connectToPeer}, resolving once connected. Rejects with the `DtlsError` (or
   * `GodotError`) that failed it, `ERR_TIMEOUT` after `timeoutMs`, or the signal's reason.
   */
  async connect(udp: PacketPeerUDP, hostname = '', options: TLSOptions | null = null, wait: WaitOptions = {}): Promise<void> {
    const code = this.connectToPeer(udp, hostname, options);
    if (code !== ErrorCode.OK) throw this.lastError ?? new GodotError(code, 'connectToPeer failed');
    await this.waitForConnection(wait);
  }

  /** Resolves once the handshake completed (at once if it has); rejects if it fails. */
  waitForConnection(wait: WaitOptions = {}): Promise<void> {
    if (this.#status === DTLSStatus.STATUS_CONNECTED) return Promise.resolve();
    if (this.#status !== DTLSStatus.STATUS_HANDSHAKING) {
      return Promise.reject(this.lastError ?? new GodotError(ErrorCode.ERR_UNCONFIGURED, 'Not connecting'));
    }
    return (this.#connectedWaiters ??= new WaiterList('the DTLS handshake')).wait(wait);
  }

  // --- for DTLSServer ------------------------------------------------------------------

  /** @internal A server-side session whose cookie verified. */
  _acceptServer(udp: PacketPeerUDP, engine: DtlsConnection, pending: Uint8Array[]): void {
    this.#attach(udp, engine, true);
    for (const datagram of pending) this.#receive(datagram);
  }

  /** @internal A server-side attempt that ended before a session (cookie exchange, bad datagram). */
  _refuseServer(udp: PacketPeerUDP, error: GodotError): void {
    udp.close();
    this.lastError = error;
    this.#status = DTLSStatus.STATUS_ERROR;
  }

  // --- PacketPeer hooks ----------------------------------------------------------------

  protected _putPacket(packet: Uint8Array): ErrorCode {
    const engine = this.#engine;
    if (engine === null || this.#status !== DTLSStatus.STATUS_CONNECTED) return ErrorCode.ERR_UNCONFIGURED;
    const code = engine.send(packet);
    this.#pump();
    return code;
  }

  /** The largest packet (one record's plaintext): `maxRecordSize`, 16384 by default. Godot reports a nominal 488 it does not enforce. */
  protected _getMaxPacketSize(): number {
    return this.#engine?.limits.maxRecordSize ?? this.#options.maxRecordSize ?? 16_384;
  }

  protected _close(): void {
    this.disconnectFromPeer();
  }

  // --- internals -----------------------------------------------------------------------

  #attach(udp: PacketPeerUDP, engine: DtlsConnection, ownsUdp: boolean): void {
    this.#detach();
    this.#udp = udp;
    this.#engine = engine;
    this.#ownsUdp = ownsUdp;
    this.lastError = null;
    this.#status = DTLSStatus.STATUS_HANDSHAKING;
    this._opened();
    udp.on('packet', this.#onPacket);
    udp.on('close', this.#onUdpClose);
    this.#pump();
  }

  #receive(datagram: Uint8Array): void {
    const engine = this.#engine;
    if (engine === null) return;
    engine.handleDatagram(datagram, now());
    this.#pump();
  }

  /** Sends what the engine wrote, applies its events, and follows its deadline. */
  #pump(): void {
    const engine = this.#engine;
    const udp = this.#udp;
    if (engine === null || udp === null) return;
    for (let datagram = engine.pollTransmit(); datagram !== undefined; datagram = engine.pollTransmit()) {
      udp.putPacket(datagram);
    }
    for (let event = engine.pollEvent(); event !== undefined && this.#engine === engine; event = engine.pollEvent()) {
      switch (event.type) {
        case 'connected':
          this.#lastSuite = event.cipherSuite;
          this.#status = DTLSStatus.STATUS_CONNECTED;
          this.#connectedWaiters?.wake();
          this.emit('connected');
          break;
        case 'data':
          this._deliver(event.data, undefined);
          break;
        case 'closed':
          this.#end(DTLSStatus.STATUS_DISCONNECTED, null);
          break;
        case 'error':
          this.#end(event.error.certificate === 'hostname-mismatch'
            ? DTLSStatus.STATUS_ERROR_HOSTNAME_MISMATCH : DTLSStatus.STATUS_ERROR, event.error);
          break;
      }
    }
    if (this.#engine === engine) this.#schedule(engine.pollTimeout());
  }

  #schedule(deadline: number | undefined): void {
    if (deadline === this.#timerAt) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = deadline;
    if (deadline === undefined) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#timerAt = undefined;
      this.poll();
    }, Math.max(0, deadline - now()));
    this.#timer.unref?.();
  }

  #end(status: DTLSStatus, error: DtlsError | null): void {
    if (this.#engine === null) return;
    const engine = this.#engine;
    // Whatever the engine still has to say (an alert, close_notify) goes out first.
    const udp = this.#udp;
    if (udp !== null) for (let datagram = engine.pollTransmit(); datagram !== undefined; datagram = engine.pollTransmit()) udp.putPacket(datagram);
    this.#detach();
    this.#status = status;
    if (error !== null) {
      this.lastError = error;
      this.emit('error', error);
    }
    this.#connectedWaiters?.fail(error ?? new GodotError(ErrorCode.ERR_CONNECTION_ERROR, 'The DTLS connection closed'));
    this._ended();
  }

  #detach(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = undefined;
    const udp = this.#udp;
    this.#udp = null;
    this.#engine = null;
    if (udp === null) return;
    udp.off('packet', this.#onPacket);
    udp.off('close', this.#onUdpClose);
    if (this.#ownsUdp) udp.close();
  }

  #refuse(code: ErrorCode, message: string): ErrorCode {
    this.lastError = new GodotError(code, message);
    return code;
  }
}
