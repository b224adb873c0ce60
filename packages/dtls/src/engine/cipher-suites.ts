/**
 * The cipher suites this engine speaks: ECDHE key exchange, ECDSA or RSA server certificates,
 * AEAD record protection (RFC 5288 AES-GCM, RFC 7905 ChaCha20-Poly1305). They are the common
 * ground of Godot 3.2.3's mbedTLS 2.16, Godot 4's mbedTLS 3.6 and OpenSSL 3 (see
 * docs/decisions/0001-dtls-engine.md).
 */

export type AeadName = 'aes-128-gcm' | 'aes-256-gcm' | 'chacha20-poly1305';

/** One DTLS 1.2 cipher suite this engine implements: ECDHE key exchange with an AEAD cipher. */
export interface CipherSuite {
  /** The IANA code point, e.g. `0xc02b`. */
  readonly id: number;
  /** The IANA name, e.g. `'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256'`. */
  readonly name: string;
  /** The certificate key the suite needs. */
  readonly auth: 'ecdsa' | 'rsa';
  /** The record cipher. */
  readonly aead: AeadName;
  /** The cipher key length in bytes: 16 for AES-128-GCM, 32 for AES-256-GCM and ChaCha20-Poly1305. */
  readonly keyLength: number;
  /** client/server_write_IV length from the key block: the GCM salt (4) or ChaCha's whole IV (12). */
  readonly fixedIvLength: number;
  /** Nonce bytes carried in each record (8 for GCM, none for ChaCha20-Poly1305). */
  readonly explicitNonceLength: number;
  /** The PRF and transcript hash. */
  readonly hash: 'sha256' | 'sha384';
}

const suite = (
  id: number, name: string, auth: CipherSuite['auth'], aead: AeadName, hash: CipherSuite['hash'],
): CipherSuite => ({
  id, name, auth, aead, hash,
  keyLength: aead === 'aes-128-gcm' ? 16 : 32,
  fixedIvLength: aead === 'chacha20-poly1305' ? 12 : 4,
  explicitNonceLength: aead === 'chacha20-poly1305' ? 0 : 8,
});

/**
 * Every suite implemented, in the default preference order (`NegotiationOptions.cipherSuites`):
 * AES-128-GCM, AES-256-GCM, ChaCha20-Poly1305, each for ECDSA then RSA certificates.
 */
export const CIPHER_SUITES: readonly CipherSuite[] = [
  suite(0xc02b, 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256', 'ecdsa', 'aes-128-gcm', 'sha256'),
  suite(0xc02f, 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'rsa', 'aes-128-gcm', 'sha256'),
  suite(0xc02c, 'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384', 'ecdsa', 'aes-256-gcm', 'sha384'),
  suite(0xc030, 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384', 'rsa', 'aes-256-gcm', 'sha384'),
  suite(0xcca9, 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256', 'ecdsa', 'chacha20-poly1305', 'sha256'),
  suite(0xcca8, 'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256', 'rsa', 'chacha20-poly1305', 'sha256'),
];

const BY_ID = new Map(CIPHER_SUITES.map((entry) => [entry.id, entry]));
const BY_NAME = new Map(CIPHER_SUITES.map((entry) => [entry.name, entry]));

export function suiteById(id: number): CipherSuite | undefined {
  return BY_ID.get(id);
}

/** Suites by name or id, in the given order; throws `TypeError` for one we do not implement. */
export function resolveSuites(names: readonly (string | number)[]): CipherSuite[] {
  return names.map((name) => {
    const found = typeof name === 'number' ? BY_ID.get(name) : BY_NAME.get(name);
    if (found === undefined) throw new TypeError(`Unsupported DTLS cipher suite: ${String(name)}`);
    return found;
  });
}
