/**
 * ENet over DTLS: what `ENetConnection.dtlsServerSetup` / `dtlsClientSetup` put under the host
 * (Godot's `thirdparty/enet/enet_godot.cpp`). The host's socket is wrapped in `@pp/dtls`'s `DtlsEndpoint`, so each ENet
 * datagram is one DTLS application-data record and the DTLS rules (first send starts the
 * handshake, sends before it completes are lost, cookies, demultiplexing by address) live there.
 * This file holds the rules that belong to ENet, as Godot's socket layer (`enet_godot.cpp`) has
 * them:
 *
 * - server: a DTLS session that has not become a connected ENet peer (the ENet CONNECT event)
 *   within 8 s (`ENET_DTLS_TIMEOUT_MS`) is dropped; when an ENet peer ends (disconnect, timeout,
 *   reset, disconnect-now), its DTLS session is dropped too; the host's peer count caps the DTLS
 *   sessions;
 * - client: the server is the address ENet connects to.
 */
import {
  ErrorCode, GodotError, addressKey, checkMilliseconds, type Clock, type DatagramAddress, type DatagramEndpoint,
  type TimerHandle, type TLSOptions,
} from '@pp/core';
import { DtlsEndpoint, type DtlsEndpointOptions, type DtlsError, type DtlsSessionEvent } from '@pp/dtls';

/** Godot's `ENET_DTLS_TIMEOUT_MS`: how long a DTLS session may stay without an ENet peer. */
export const ENET_DTLS_TIMEOUT_MS = 8000;

/** Options of `dtlsServerSetup` / `dtlsClientSetup` beyond Godot's: the DTLS engine's limits, suites and groups. */
export interface ENetDtlsOptions extends Omit<DtlsEndpointOptions, 'clock' | 'maxSessions'> {
  /**
   * Server: milliseconds a DTLS session has, from its first verified ClientHello, to become a
   * connected ENet peer; then it is dropped (Godot's `ENET_DTLS_TIMEOUT_MS`).
   * @default 8000
   */
  bindTimeoutMs?: number;
}

/** Told of every DTLS session's start, connection, close and failure. */
export type DtlsSessionListener = (remote: DatagramAddress, event: DtlsSessionEvent, error: DtlsError | undefined) => void;

interface Session {
  readonly remote: DatagramAddress;
  /** Which session of this address (a client restarting on the same port makes a new one). */
  readonly generation: number;
  timer: TimerHandle | undefined;
}

/** The DTLS endpoint of one ENet host, with Godot's ENet-side rules. */
export class ENetDtls {
  readonly endpoint: DtlsEndpoint;
  readonly #clock: Clock;
  readonly #bindTimeoutMs: number;
  /** Server: the live sessions, by address. */
  readonly #sessions = new Map<string, Session>();
  /** Server: which session each connected ENet peer stands on. */
  readonly #peers = new Map<object, { key: string; generation: number }>();
  readonly #server: boolean;
  #generation = 0;

  private constructor(endpoint: DtlsEndpoint, server: boolean, clock: Clock, bindTimeoutMs: number, listener: DtlsSessionListener) {
    this.endpoint = endpoint;
    this.#server = server;
    this.#clock = clock;
    this.#bindTimeoutMs = bindTimeoutMs;
    endpoint.onSession = (remote, event, error) => {
      if (server) this.#track(remote, event);
      listener(remote, event, error);
    };
  }

  /**
   * Godot's `dtls_server_setup`: `options` must be `TLSOptions.server(key, certificate)`.
   * @throws {GodotError} `ERR_INVALID_PARAMETER` for missing or client options, an unusable key or
   *   certificate, or an option out of range.
   */
  static server(inner: DatagramEndpoint, options: TLSOptions | null, maxPeers: number, clock: Clock, dtls: ENetDtlsOptions, listener: DtlsSessionListener): ENetDtls {
    if (options === null || !options.isServer()) throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, 'dtlsServerSetup needs TLSOptions.server(key, certificate)');
    const { bindTimeoutMs, ...engine } = dtls;
    const timeout = checkMilliseconds('bindTimeoutMs', bindTimeoutMs ?? ENET_DTLS_TIMEOUT_MS);
    const endpoint = DtlsEndpoint.server(inner, options, { ...engine, clock, maxSessions: maxPeers });
    return new ENetDtls(endpoint, true, clock, timeout, listener);
  }

  /**
   * Godot's `dtls_client_setup`: `options` must be client options (`TLSOptions.client(…)` or
   * `clientUnsafe(…)`); the server's name is checked against `hostname` (or the options' common
   * name override).
   * @throws {GodotError} `ERR_INVALID_PARAMETER` for missing or server options, or an option out of range.
   */
  static client(inner: DatagramEndpoint, hostname: string, options: TLSOptions | null, clock: Clock, dtls: ENetDtlsOptions, listener: DtlsSessionListener): ENetDtls {
    if (options === null || options.isServer()) throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, 'dtlsClientSetup needs client TLSOptions');
    const { bindTimeoutMs: _unused, ...engine } = dtls;
    const endpoint = DtlsEndpoint.client(inner, null, hostname, options, { ...engine, clock });
    return new ENetDtls(endpoint, false, clock, 0, listener);
  }

  /** An ENet connection completed with `peer` at `address`: its DTLS session is bound (no more 8 s limit). */
  peerConnected(peer: object, address: DatagramAddress): void {
    if (!this.#server) return;
    const key = addressKey(address);
    const session = this.#sessions.get(key);
    if (session === undefined) return;
    this.#clock.cancel(session.timer);
    session.timer = undefined;
    this.#peers.set(peer, { key, generation: session.generation });
  }

  /** An ENet connection ended: the DTLS session it stood on is dropped (close_notify). */
  peerGone(peer: object): void {
    const bound = this.#peers.get(peer);
    if (bound === undefined) return;
    this.#peers.delete(peer);
    const session = this.#sessions.get(bound.key);
    if (session !== undefined && session.generation === bound.generation) this.endpoint.dropSession(session.remote);
  }

  /** Stops the timers and closes the endpoint (close_notify to every session). */
  close(): void {
    for (const session of this.#sessions.values()) this.#clock.cancel(session.timer);
    this.#sessions.clear();
    this.#peers.clear();
    this.endpoint.close();
  }

  #track(remote: DatagramAddress, event: DtlsSessionEvent): void {
    const key = addressKey(remote);
    if (event === 'handshaking') {
      const session: Session = { remote, generation: ++this.#generation, timer: undefined };
      session.timer = this.#clock.schedule(this.#bindTimeoutMs, () => {
        session.timer = undefined;
        if (this.#sessions.get(key) === session) this.endpoint.dropSession(remote);
      });
      this.#sessions.set(key, session);
    } else if (event === 'closed' || event === 'failed') {
      const session = this.#sessions.get(key);
      if (session === undefined) return;
      this.#clock.cancel(session.timer);
      this.#sessions.delete(key);
    }
  }
}
