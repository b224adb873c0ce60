/**
 * DTLS as a `DatagramEndpoint` (core's datagram seam), so anything built on datagrams — ENet
 * above all (`ENetConnection.dtlsServerSetup` / `dtlsClientSetup`) — runs over DTLS unchanged:
 * each datagram sent is one application-data record, each record received is one datagram.
 * Godot's rules for ENet over DTLS (`ENetDTLSClient` / `ENetDTLSServer` in Godot's
 * `thirdparty/enet/enet_godot.cpp`):
 *
 * - client: the first `send` to the server starts the handshake (without a fixed server, the
 *   first send's destination becomes the server, as Godot's client socket connects to it); while
 *   it runs, sends return `OK` and are dropped (ENet retransmits); a session that failed or
 *   closed is made again on the next send;
 * - server: senders are told apart by address (`DatagramDemux`); a new sender's first datagram
 *   goes through the stateless cookie check, and only a verified ClientHello makes a session;
 *   sends to an address without a connected session are dropped and reported `OK`.
 */
import type { TLSOptions} from '@pp/core';
import {
  DatagramDemux, ErrorCode, GodotError, addressKey, checkInt, systemClock, type Clock, type DatagramAddress,
  type DatagramEndpoint, type DatagramLink, type DatagramReceiver,
} from '@pp/core';
import type { DtlsConnection } from './engine/connection.js';
import { CookieExchange, startsWithClientHello, type VerifiedClientHello } from './engine/cookie.js';
import type { DtlsError } from './engine/dtls-error.js';
import { createDtlsClient, createDtlsServer, type DtlsServerConfig } from './engine/factories.js';
import { DtlsSessionDriver } from './session-driver.js';
import { DTLSStatus } from './status.js';
import { clientConfig, serverConfig, type DtlsEngineOptions } from './tls-config.js';

export interface DtlsEndpointOptions extends DtlsEngineOptions {
  /** The clock of the handshake timers and cookies. @default systemClock */
  clock?: Clock;
  /** Server: sessions still handshaking at once; further verified ClientHellos are ignored (Godot: 16 pending). @default 16 */
  maxHandshakingSessions?: number;
  /**
   * Server: sessions at once, handshaking or connected; further verified ClientHellos are ignored
   * (ENet over DTLS sets its peer count, as Godot keeps a new session only below `max_peers`).
   * @default 4095
   */
  maxSessions?: number;
  /** Server: how long a cookie stays valid, ms. @default 60000 */
  cookieLifetimeMs?: number;
}

/** What happened to a session: for ENet's bookkeeping (e.g. its 8 s rule) and for logs. */
export type DtlsSessionEvent = 'handshaking' | 'connected' | 'closed' | 'failed';

interface Session {
  readonly driver: DtlsSessionDriver;
  readonly remote: DatagramAddress;
  readonly link: DatagramLink | undefined;
  status: DTLSStatus;
}

export class DtlsEndpoint implements DatagramEndpoint {
  onDatagram: DatagramReceiver | null = null;
  onError: ((error: GodotError) => void) | null = null;
  /** Called when a session starts, connects, closes or fails (`error` for failures). */
  onSession: ((remote: DatagramAddress, event: DtlsSessionEvent, error?: DtlsError) => void) | null = null;
  /** Server: ignore new clients (Godot's `refuse_new_connections`). @default false */
  refuseNewConnections = false;

  readonly #inner: DatagramEndpoint;
  readonly #clock: Clock;
  readonly #sessions = new Map<string, Session>();
  /** Client: starts a session with the fixed server, or with `to` when there is none. */
  readonly #startClient: ((to: DatagramAddress) => void) | null;
  /** Client: the server of the current session (the fixed one, or the last started). */
  #remote: DatagramAddress | null = null;
  readonly #server: { config: DtlsServerConfig; cookies: CookieExchange; demux: DatagramDemux; maxHandshaking: number; maxSessions: number } | null;
  readonly #maxRecord: number;
  #closed = false;

  private constructor(inner: DatagramEndpoint, options: DtlsEndpointOptions, role: { client?: { remote: DatagramAddress | null; hostname: string; tls: TLSOptions }; server?: TLSOptions }) {
    this.#inner = inner;
    this.#clock = options.clock ?? systemClock;
    this.#maxRecord = Math.min(options.maxRecordSize ?? 16_384, inner.maxDatagramSize);
    inner.onError = (error) => this.onError?.(error);
    const client = role.client;
    if (client !== undefined) {
      const config = clientConfig(client.tls, client.hostname, options);
      createDtlsClient(config, 0); // validates the options now, not at the first send
      const fixed = client.remote === null ? null : Object.freeze({ ip: client.remote.ip, port: client.remote.port });
      this.#remote = fixed;
      this.#startClient = (to) => {
        const remote = fixed ?? Object.freeze({ ip: to.ip, port: to.port });
        this.#remote = remote;
        this.#open(remote, undefined, createDtlsClient(config, this.#clock.now()), (datagram) => inner.send(datagram, remote));
      };
      // Like a connected UDP socket: only the server of the current session is heard.
      inner.onDatagram = (data, from) => {
        const remote = this.#remote;
        if (remote !== null && addressKey(from) === addressKey(remote)) this.#sessions.get(addressKey(remote))?.driver.receive(data);
      };
      this.#server = null;
    } else {
      this.#startClient = null;
      const lifetime = options.cookieLifetimeMs;
      this.#server = {
        config: serverConfig(role.server!, options),
        cookies: new CookieExchange(lifetime === undefined ? {} : { lifetimeMs: lifetime }),
        demux: new DatagramDemux(inner, (link, data) => this.#newSender(link, data)),
        maxHandshaking: checkInt('maxHandshakingSessions', options.maxHandshakingSessions ?? 16, { min: 1 }),
        maxSessions: checkInt('maxSessions', options.maxSessions ?? 4095, { min: 1 }),
      };
    }
  }

  /**
   * A client endpoint over `inner` that talks to `server` only, verifying it with `options`
   * (`TLSOptions.client(…)`; name checked against `hostname`). With `server` null, the server is
   * the destination of the send that starts a session (Godot's ENet DTLS client: the address ENet
   * connects to); sends elsewhere while a session lives are dropped.
   * @throws {GodotError} `ERR_INVALID_PARAMETER` for server options or an option out of range.
   */
  static client(inner: DatagramEndpoint, server: DatagramAddress | null, hostname: string, options: TLSOptions, engine: DtlsEndpointOptions = {}): DtlsEndpoint {
    return DtlsEndpoint.#make(() => new DtlsEndpoint(inner, engine, { client: { remote: server, hostname, tls: options } }));
  }

  /**
   * A server endpoint over `inner` presenting `TLSOptions.server(key, certificate)`.
   * @throws {GodotError} `ERR_INVALID_PARAMETER` for client options or an unusable key.
   */
  static server(inner: DatagramEndpoint, options: TLSOptions, engine: DtlsEndpointOptions = {}): DtlsEndpoint {
    return DtlsEndpoint.#make(() => new DtlsEndpoint(inner, engine, { server: options }));
  }

  static #make(create: () => DtlsEndpoint): DtlsEndpoint {
    try {
      return create();
    } catch (error) {
      if (error instanceof RangeError || error instanceof TypeError) throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, error.message);
      throw error;
    }
  }

  // --- DatagramEndpoint ----------------------------------------------------------------

  /**
   * One application-data record to `to`. `OK` also when it is dropped because the session is
   * not up yet (Godot's rule: ENet sees a lost datagram); `ERR_INVALID_PARAMETER` above
   * `maxDatagramSize`; `ERR_UNCONFIGURED` once closed.
   */
  send(data: Uint8Array, to: DatagramAddress): ErrorCode {
    if (this.#closed) return ErrorCode.ERR_UNCONFIGURED;
    if (data.length > this.#maxRecord) return ErrorCode.ERR_INVALID_PARAMETER;
    const key = addressKey(to);
    let session = this.#sessions.get(key);
    if (session === undefined && this.#startClient !== null && this.#sessions.size === 0) {
      this.#startClient(to);
      session = this.#sessions.get(key);
    }
    if (session === undefined || session.status !== DTLSStatus.STATUS_CONNECTED) return ErrorCode.OK;
    const code = session.driver.send(data);
    return code === ErrorCode.ERR_UNCONFIGURED ? ErrorCode.OK : code;
  }

  localAddress(): DatagramAddress {
    return this.#inner.localAddress();
  }

  /** Largest datagram: one record's plaintext (`maxRecordSize`, at most the inner endpoint's). */
  get maxDatagramSize(): number {
    return this.#maxRecord;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** close_notify to every session, then closes the endpoint underneath. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const session of [...this.#sessions.values()]) session.driver.close();
    this.#sessions.clear();
    if (this.#server !== null) this.#server.demux.close();
    else this.#inner.close();
  }

  // --- sessions ------------------------------------------------------------------------

  /** Sessions open (handshaking or connected). */
  get sessionCount(): number {
    return this.#sessions.size;
  }

  /** The status of the session with `remote`, `STATUS_DISCONNECTED` when there is none. */
  sessionStatus(remote: DatagramAddress): DTLSStatus {
    return this.#sessions.get(addressKey(remote))?.status ?? DTLSStatus.STATUS_DISCONNECTED;
  }

  /** Ends the session with `remote` (close_notify); its next datagram starts over. */
  dropSession(remote: DatagramAddress): void {
    this.#sessions.get(addressKey(remote))?.driver.close();
  }

  #newSender(link: DatagramLink, data: Uint8Array): boolean {
    const server = this.#server!;
    if (this.refuseNewConnections) return false;
    const result = server.cookies.check(data, `${link.remote.ip}:${link.remote.port}`, this.#clock.now());
    if (result.kind === 'hello-verify-request') link.send(result.datagram);
    if (result.kind !== 'verified') return false;
    if (this.#sessions.size >= server.maxSessions) return false;
    let handshaking = 0;
    for (const session of this.#sessions.values()) if (session.status === DTLSStatus.STATUS_HANDSHAKING) handshaking++;
    if (handshaking >= server.maxHandshaking) return false;
    this.#startServerSession(link, result.client);
    return true;
  }

  #startServerSession(link: DatagramLink, client: VerifiedClientHello): void {
    const server = this.#server!;
    const session = this.#open(link.remote, link, createDtlsServer(server.config, client, this.#clock.now()), (datagram) => link.send(datagram));
    link.onDatagram = (datagram) => {
      if (session.status === DTLSStatus.STATUS_CONNECTED && startsWithClientHello(datagram)) this.#reconnect(link, session, datagram);
      else session.driver.receive(datagram);
    };
    link.onClose = () => session.driver.stop();
  }

  /**
   * A new ClientHello from the address of a connected session (the client restarted on the same
   * port): a HelloVerifyRequest without a valid cookie (the session stays: the hello may be
   * forged), or, once the cookie verifies, the old session ends and a new one starts.
   */
  #reconnect(link: DatagramLink, session: Session, datagram: Uint8Array): void {
    const server = this.#server!;
    const result = server.cookies.check(datagram, `${link.remote.ip}:${link.remote.port}`, this.#clock.now());
    if (result.kind === 'hello-verify-request') link.send(result.datagram);
    if (result.kind !== 'verified') return;
    session.driver.stop();
    this.#sessions.delete(addressKey(link.remote));
    this.onSession?.(link.remote, 'closed');
    this.#startServerSession(link, result.client);
  }

  #open(remote: DatagramAddress, link: DatagramLink | undefined, engine: DtlsConnection, send: (datagram: Uint8Array) => void): Session {
    const key = addressKey(remote);
    const end = (event: 'closed' | 'failed', error?: DtlsError): void => {
      if (this.#sessions.get(key) === session) this.#sessions.delete(key);
      link?.close();
      this.onSession?.(remote, event, error);
    };
    // The driver pumps at once (the first flight): the session must exist before it reports.
    const session: Session = { remote, link, status: DTLSStatus.STATUS_HANDSHAKING, driver: undefined as unknown as DtlsSessionDriver };
    this.#sessions.set(key, session);
    this.onSession?.(remote, 'handshaking');
    (session as { driver: DtlsSessionDriver }).driver = new DtlsSessionDriver(engine, send, this.#clock, {
      connected: () => {
        session.status = DTLSStatus.STATUS_CONNECTED;
        this.onSession?.(remote, 'connected');
      },
      data: (data) => this.onDatagram?.(data, remote),
      closed: () => end('closed'),
      failed: (error) => end('failed', error),
    });
    return session;
  }
}
