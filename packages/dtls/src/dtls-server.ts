import { ErrorCode, GodotError, systemClock, type Clock, type TLSOptions } from '@pp/core';
import type { PacketPeerUDP } from '@pp/udp';
import { CookieExchange } from './engine/cookie.js';
import { createDtlsServer, type DtlsServerConfig } from './engine/factories.js';
import { PacketPeerDTLS, type PacketPeerDTLSOptions } from './packet-peer-dtls.js';
import { serverConfig } from './tls-config.js';

/** Options of a `DTLSServer`: the cookie lifetime, then the `PacketPeerDTLS` options it gives every peer it accepts. Every field is optional. */
export interface DTLSServerOptions extends PacketPeerDTLSOptions {
  /** How long a cookie stays valid, in ms (mbedTLS: 60 s). @default 60000 */
  cookieLifetimeMs?: number;
}

/** Counters of what the server refused before any session existed. */
export interface DTLSServerStats {
  /** HelloVerifyRequests sent (first ClientHellos, floods). */
  helloVerifyRequests: number;
  /** First datagrams that were not a ClientHello at all. */
  invalid: number;
  /** Sessions started (cookie verified). */
  sessions: number;
}

/**
 * Godot's `DTLSServer`: `setup(TLSOptions.server(key, cert))`, then `takeConnection(udpPeer)`
 * for each new peer a `UDPServer` hands out, exactly as Godot's server loop is written. The first
 * datagram is checked with a stateless HMAC cookie before anything is allocated: without a valid
 * cookie the peer gets a HelloVerifyRequest and the returned `PacketPeerDTLS` is in
 * `STATUS_ERROR` (Godot: "It is normal that 50% of the connections fails due to cookie
 * exchange"); the client's retry arrives as a new pending peer and succeeds.
 */
export class DTLSServer {
  /** Counters of `takeConnection`'s outcomes: HelloVerifyRequests sent, datagrams that were no ClientHello, sessions started. */
  readonly stats: DTLSServerStats = { helloVerifyRequests: 0, invalid: 0, sessions: 0 };
  /** Why the last `setup` failed, or `null`. */
  lastError: GodotError | null = null;
  readonly #options: DTLSServerOptions;
  #config: DtlsServerConfig | null = null;
  #cookies: CookieExchange | null = null;
  readonly #clock: Clock;

  constructor(options: DTLSServerOptions = {}) {
    this.#options = options;
    this.#clock = options.clock ?? systemClock;
  }

  /**
   * Godot's `setup(server_options)`: the key and certificate (chain) to present.
   * @returns `OK`, or `ERR_INVALID_PARAMETER` for client options, a key that does not parse or
   *   does not match the certificate (`lastError` says which).
   */
  setup(options: TLSOptions): ErrorCode {
    try {
      const { cookieLifetimeMs, clock: _clock, format: _format, encodeBufferMaxSize: _size, ...engine } = this.#options;
      this.#config = serverConfig(options, engine);
      this.#cookies = new CookieExchange(cookieLifetimeMs === undefined ? {} : { lifetimeMs: cookieLifetimeMs });
      this.lastError = null;
      return ErrorCode.OK;
    } catch (error) {
      if (!(error instanceof GodotError)) throw error;
      this.lastError = error;
      return error.code;
    }
  }

  /**
   * Godot's `take_connection(udp_peer)`: a `PacketPeerDTLS` for a peer from `UDPServer`. It is in
   * `STATUS_HANDSHAKING` when the peer's ClientHello carried a valid cookie, else in
   * `STATUS_ERROR` (a HelloVerifyRequest was sent, or the datagram was not a ClientHello) and the
   * UDP peer is closed so the client's next datagram shows up as a new pending peer.
   */
  takeConnection(udpPeer: PacketPeerUDP): PacketPeerDTLS {
    const peer = new PacketPeerDTLS(this.#options);
    const config = this.#config;
    const cookies = this.#cookies;
    if (config === null || cookies === null) {
      peer._refuseServer(udpPeer, new GodotError(ErrorCode.ERR_UNCONFIGURED, 'DTLSServer.setup was not called'));
      return peer;
    }
    if (!udpPeer.isSocketConnected()) {
      peer._refuseServer(udpPeer, new GodotError(ErrorCode.ERR_INVALID_PARAMETER, 'takeConnection needs a peer from UDPServer'));
      return peer;
    }
    const datagrams: Uint8Array[] = [];
    while (udpPeer.getAvailablePacketCount() > 0) datagrams.push(udpPeer.getPacket());
    const first = datagrams.shift();
    if (first === undefined) {
      peer._refuseServer(udpPeer, new GodotError(ErrorCode.ERR_UNAVAILABLE, 'No datagram from this peer yet'));
      return peer;
    }
    const now = this.#clock.now();
    const clientId = `${udpPeer.getPacketIp()}:${udpPeer.getPacketPort()}`;
    const result = cookies.check(first, clientId, now);
    if (result.kind === 'hello-verify-request') {
      this.stats.helloVerifyRequests++;
      udpPeer.putPacket(result.datagram);
      peer._refuseServer(udpPeer, new GodotError(ErrorCode.ERR_UNAUTHORIZED, 'Cookie exchange: HelloVerifyRequest sent, the client will retry'));
      return peer;
    }
    if (result.kind === 'invalid') {
      this.stats.invalid++;
      peer._refuseServer(udpPeer, new GodotError(ErrorCode.ERR_INVALID_DATA, `Not a DTLS ClientHello: ${result.reason}`));
      return peer;
    }
    this.stats.sessions++;
    peer._acceptServer(udpPeer, createDtlsServer(config, result.client, now), datagrams,
      (datagram) => cookies.check(datagram, clientId, this.#clock.now()));
    return peer;
  }
}
