/** The two ways to start a connection: a client, or a server for a ClientHello whose cookie verified. */
import type { KeyObject, X509Certificate as NodeX509 } from 'node:crypto';
import { ClientHandshake } from './client-handshake.js';
import { DtlsConnection } from './connection.js';
import type { VerifiedClientHello } from './cookie.js';
import { resolveNegotiation, type NegotiationOptions } from './negotiation.js';
import type { DtlsLimits } from './options.js';
import { ServerHandshake } from './server-handshake.js';

export interface DtlsClientConfig extends DtlsLimits, NegotiationOptions {
  /**
   * The name sent as SNI (unless it is empty or an IP address) — Godot sets it from the host name
   * unless the client is unsafe.
   */
  serverName?: string;
  /** Verify the server's chain. `false` accepts any certificate (`clientUnsafe()` without CAs). */
  verifyChain: boolean;
  /** The name the server's certificate must match; '' = no name check. */
  checkHostname: string;
  /** Trust anchors; `undefined` = the platform's (`tls.rootCertificates`). */
  trustedCas?: readonly NodeX509[] | undefined;
  /** Wall clock for certificate validity dates. @default () => new Date() */
  currentDate?: () => Date;
}

export interface DtlsServerConfig extends DtlsLimits, NegotiationOptions {
  /** The server's private key (ECDSA or RSA), matching the leaf of `chain`. */
  privateKey: KeyObject;
  /** DER certificates, leaf first. */
  chain: readonly Uint8Array[];
}

/** A client connection; its first ClientHello is ready in `pollTransmit()`. */
export function createDtlsClient(config: DtlsClientConfig, now: number): DtlsConnection {
  const negotiation = resolveNegotiation(config);
  const connection = new DtlsConnection(config, now, 0, 0);
  return connection.start((host) => new ClientHandshake(host, {
    negotiation,
    serverName: config.serverName ?? '',
    maxCertificates: connection.limits.maxCertificates,
    certificates: {
      verifyChain: config.verifyChain, hostname: config.checkHostname, trustedCas: config.trustedCas,
      ...(config.currentDate === undefined ? {} : { now: config.currentDate }),
    },
  }), (handshake) => (handshake as ClientHandshake).begin());
}

/**
 * A server connection for a ClientHello that `CookieExchange.check` verified; its first flight
 * is ready in `pollTransmit()` (or it failed at once, e.g. no suite in common).
 */
export function createDtlsServer(config: DtlsServerConfig, client: VerifiedClientHello, now: number): DtlsConnection {
  const negotiation = resolveNegotiation(config);
  const connection = new DtlsConnection(config, now, client.messageSeq, client.messageSeq + 1, client.recordSequence);
  return connection.start(
    (host) => new ServerHandshake(host, { negotiation, privateKey: config.privateKey, chain: config.chain }, client),
    (handshake) => (handshake as ServerHandshake).begin(),
  );
}
