/** Godot's `TLSOptions` (from `@pp/core`) in engine terms, with Godot's (mbedTLS') rules. */
import { createPrivateKey, X509Certificate as NodeX509, type KeyObject } from 'node:crypto';
import { ErrorCode, GodotError, type TLSOptions } from '@pp/core';
import type { DtlsClientConfig, DtlsServerConfig } from './engine/factories.js';
import type { DtlsLimits } from './engine/options.js';
import type { NegotiationOptions } from './engine/negotiation.js';

/** Engine options a PacketPeerDTLS / DTLSServer passes through (limits, suites, groups). */
export type DtlsEngineOptions = DtlsLimits & NegotiationOptions & {
  /** Wall clock for certificate validity dates. @default () => new Date() */
  currentDate?: () => Date;
};

/**
 * - `client(chain, cn)`: verify the chain (against `chain`, or the platform's CAs) and the name
 *   (`cn` when not empty, else `hostname`); SNI is that name.
 * - `clientUnsafe(chain)`: no name check and no SNI; the chain is verified only when given.
 */
export function clientConfig(options: TLSOptions, hostname: string, engine: DtlsEngineOptions): DtlsClientConfig {
  if (options.isServer()) throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, 'connectToPeer needs client TLSOptions');
  const chain = options.getTrustedCaChain();
  const unsafe = options.isUnsafeClient();
  const name = unsafe ? '' : options.getCommonNameOverride() !== '' ? options.getCommonNameOverride() : hostname;
  return {
    ...engine,
    serverName: name,
    verifyChain: !unsafe || chain !== null,
    checkHostname: name,
    trustedCas: chain === null ? undefined : chain.toDer().map((der) => new NodeX509(der)),
  };
}

export function serverConfig(options: TLSOptions, engine: DtlsEngineOptions): DtlsServerConfig {
  const key = options.getPrivateKey();
  const certificate = options.getOwnCertificate();
  if (!options.isServer() || key === null || certificate === null || certificate.count === 0) {
    throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, 'DTLSServer.setup needs TLSOptions.server(key, certificate)');
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(key.saveToString());
  } catch (error) {
    throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, 'The server key does not parse', { cause: error });
  }
  const chain = certificate.toDer();
  let leaf: NodeX509;
  try {
    leaf = new NodeX509(chain[0]!);
  } catch (error) {
    throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, 'The server certificate does not parse', { cause: error });
  }
  if (!leaf.checkPrivateKey(privateKey)) {
    throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, 'The server key does not match its certificate');
  }
  if (privateKey.asymmetricKeyType !== 'rsa' && privateKey.asymmetricKeyType !== 'ec') {
    throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `Unsupported server key type ${privateKey.asymmetricKeyType}`);
  }
  const { currentDate: _unused, ...rest } = engine;
  return { ...rest, privateKey, chain };
}
