/** Core's `TLSOptions` in `node:tls` terms, and the verification Godot (mbedTLS) does. */
import { checkServerIdentity, createSecureContext, type ConnectionOptions, type PeerCertificate, type SecureContext } from 'node:tls';
import { ErrorCode, GodotError, type TLSOptions } from '@pp/core';

/** How a client checks the server once the handshake is done. */
export interface ClientCheck {
  /** `tls.connect` options: CAs, SNI. Node's own verification is off; {@link verifyServer} decides. */
  readonly connect: ConnectionOptions;
  readonly verifyChain: boolean;
  /** The name the certificate must match ('' = none). */
  readonly name: string;
}

/**
 * `client(chain, cn)`: the chain against `chain` (or Node's CAs) and the name (`cn`, else
 * `hostname`), which is also the SNI; `clientUnsafe(chain)`: no name, no SNI, the chain only when
 * given.
 */
export function clientCheck(options: TLSOptions, hostname: string): ClientCheck {
  if (options.isServer()) throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, 'A client needs client TLSOptions');
  const chain = options.getTrustedCaChain();
  const unsafe = options.isUnsafeClient();
  const name = unsafe ? '' : options.getCommonNameOverride() !== '' ? options.getCommonNameOverride() : hostname;
  // Node's own checks are off (its name check would also clear `authorized`): verifyServer decides.
  const connect: ConnectionOptions = { rejectUnauthorized: false, checkServerIdentity: () => undefined, minVersion: 'TLSv1.2' };
  if (chain !== null) connect.ca = chain.saveToString();
  if (name !== '' && !/^[\d.]+$|:/.test(name)) connect.servername = name;
  return { connect, verifyChain: !unsafe || chain !== null, name };
}

/** What went wrong with the server's certificate, or undefined when it passes. */
export function verifyServer(
  check: ClientCheck, authorized: boolean, authorizationError: Error | string | undefined, certificate: PeerCertificate,
): { mismatch: boolean; error: GodotError } | undefined {
  if (check.verifyChain && !authorized) {
    const why = typeof authorizationError === 'string' ? authorizationError : authorizationError?.message ?? 'unverified';
    return { mismatch: false, error: new GodotError(ErrorCode.ERR_UNAUTHORIZED, `The server's certificate chain does not verify: ${why}`) };
  }
  if (check.name !== '') {
    const failure = checkServerIdentity(check.name, certificate);
    if (failure !== undefined) return { mismatch: true, error: new GodotError(ErrorCode.ERR_UNAUTHORIZED, failure.message) };
  }
  return undefined;
}

/** The secure context of `TLSOptions.server(key, certificate)`; the certificate may hold a chain. */
export function serverContext(options: TLSOptions): SecureContext {
  const key = options.getPrivateKey();
  const certificate = options.getOwnCertificate();
  if (!options.isServer() || key === null || certificate === null) {
    throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, 'acceptStream needs TLSOptions.server(key, certificate)');
  }
  try {
    return createSecureContext({ key: key.saveToString(), cert: certificate.saveToString(), minVersion: 'TLSv1.2' });
  } catch (error) {
    throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `The server key or certificate is not usable: ${(error as Error).message}`, { cause: error });
  }
}
