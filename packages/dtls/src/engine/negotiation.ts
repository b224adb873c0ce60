/** What each side offers and how the server picks (suites, groups), from the options. */
import { CIPHER_SUITES, resolveSuites, type CipherSuite } from './cipher-suites.js';
import type { NamedGroup } from './constants.js';
import { SUPPORTED_GROUPS, isSupportedGroup } from './ecdhe.js';

/** What a DTLS endpoint negotiates: cipher suites, ECDHE groups and extended master secret. Every field is optional. */
export interface NegotiationOptions {
  /**
   * Cipher suites by IANA name or id, in preference order (the server picks by its own order).
   * @default AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305, each for ECDSA and RSA
   */
  cipherSuites?: readonly (string | number)[];
  /**
   * ECDHE groups in preference order: 29 x25519, 23 secp256r1 (P-256), 24 secp384r1 (P-384).
   * @default [29, 23, 24]
   */
  groups?: readonly number[];
  /**
   * Refuse peers that do not negotiate extended master secret (RFC 7627). Godot's mbedTLS and
   * OpenSSL always do; without it a man in the middle can synchronise two sessions' keys.
   * @default true
   */
  requireExtendedMasterSecret?: boolean;
}

export interface Negotiation {
  readonly suites: readonly CipherSuite[];
  readonly groups: readonly NamedGroup[];
  readonly requireExtendedMasterSecret: boolean;
}

export function resolveNegotiation(options: NegotiationOptions): Negotiation {
  const suites = options.cipherSuites === undefined ? CIPHER_SUITES : resolveSuites(options.cipherSuites);
  if (suites.length === 0) throw new TypeError('cipherSuites must not be empty');
  const groups = (options.groups ?? SUPPORTED_GROUPS).map((group) => {
    if (!isSupportedGroup(group)) throw new TypeError(`Unsupported ECDHE group ${group}`);
    return group;
  });
  if (groups.length === 0) throw new TypeError('groups must not be empty');
  return { suites, groups, requireExtendedMasterSecret: options.requireExtendedMasterSecret ?? true };
}
