/** Core's `TLSOptions` in Node's terms. */
import { checkServerIdentity, createSecureContext, type ConnectionOptions, type SecureContext } from 'node:tls';
import type { TLSOptions } from '@pp/core';

/**
 * Options for `tls.connect` from a client `TLSOptions` (`undefined` = Godot's
 * `TLSOptions.client()`: the platform's CAs, the URL's host name).
 */
export function clientTlsOptions(options: TLSOptions | undefined): ConnectionOptions {
  if (options === undefined) return { rejectUnauthorized: true };
  const chain = options.getTrustedCaChain();
  const result: ConnectionOptions = { rejectUnauthorized: !options.isUnsafeClient() || chain !== null };
  if (chain !== null) result.ca = chain.saveToString();
  // clientUnsafe(chain): the chain is verified, the name is not.
  if (options.isUnsafeClient()) result.checkServerIdentity = () => undefined;
  const override = options.getCommonNameOverride();
  if (override !== '') result.checkServerIdentity = (_host, certificate) => checkServerIdentity(override, certificate);
  return result;
}

/** The secure context of a server `TLSOptions`. */
export function serverSecureContext(options: TLSOptions): SecureContext {
  const key = options.getPrivateKey();
  const cert = options.getOwnCertificate();
  if (key === null || cert === null) throw new TypeError('TLSOptions.server needs a key and a certificate');
  return createSecureContext({ key: key.saveToString(), cert: cert.saveToString() });
}
