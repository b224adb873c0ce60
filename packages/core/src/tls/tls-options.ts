import { CryptoKey } from './crypto-key.js';
import { X509Certificate } from './x509-certificate.js';

/** A certificate given as an `X509Certificate` or as PEM text. */
export type CertificateInput = X509Certificate | string;
/** A key given as a `CryptoKey` or as PEM text. */
export type KeyInput = CryptoKey | string;

/** Godot's `TLSOptions` modes. */
export const TLSMode = {
  /** `TLSOptions.client(…)`: verify the server's chain and host name. */
  CLIENT: 0,
  /** `TLSOptions.client_unsafe(…)`: no host name check; without a chain, no verification at all. */
  CLIENT_UNSAFE: 1,
  /** `TLSOptions.server(…)`: present a key and certificate to clients. */
  SERVER: 2,
} as const;
/** A `TLSMode` value (0, 1 or 2). */
export type TLSMode = (typeof TLSMode)[keyof typeof TLSMode];

const certificateOf = (input: CertificateInput | null | undefined): X509Certificate | null =>
  input === null || input === undefined ? null : typeof input === 'string' ? X509Certificate.fromString(input) : input;

/**
 * Godot's `TLSOptions`: how a client verifies the server (trusted CAs, host name), or which key
 * and certificate a server presents. Shared by every TLS and DTLS transport.
 *
 * Verification, as in Godot (mbedTLS):
 * - `client(chain, commonNameOverride)`: the server's chain must verify against `chain` (default:
 *   the platform's CAs) and its certificate must match the host name (or `commonNameOverride`).
 * - `clientUnsafe(chain)`: no host name check; without `chain` nothing is verified at all.
 * - `server(key, certificate)`: `certificate` may hold a chain (leaf first); clients are not asked
 *   for certificates.
 */
export class TLSOptions {
  readonly #mode: TLSMode;
  readonly #trustedChain: X509Certificate | null;
  readonly #commonNameOverride: string;
  readonly #privateKey: CryptoKey | null;
  readonly #certificate: X509Certificate | null;

  private constructor(
    mode: TLSMode, trustedChain: X509Certificate | null, commonNameOverride: string,
    privateKey: CryptoKey | null, certificate: X509Certificate | null,
  ) {
    this.#mode = mode;
    this.#trustedChain = trustedChain;
    this.#commonNameOverride = commonNameOverride;
    this.#privateKey = privateKey;
    this.#certificate = certificate;
  }

  /**
   * Godot's `TLSOptions.client(trusted_chain, common_name_override)`: verify the server's chain
   * against `trustedChain` (default: the platform's CAs) and its name against the host name the
   * connection was made for, or `commonNameOverride` when not empty.
   * @throws {GodotError} `FAILED` when `trustedChain` is PEM text without a certificate.
   */
  static client(trustedChain: CertificateInput | null = null, commonNameOverride = ''): TLSOptions {
    return new TLSOptions(TLSMode.CLIENT, certificateOf(trustedChain), commonNameOverride, null, null);
  }

  /**
   * Godot's `TLSOptions.client_unsafe(trusted_chain)`: no host name check (and no SNI); without
   * `trustedChain`, any certificate is accepted. For development and tests only.
   */
  static clientUnsafe(trustedChain: CertificateInput | null = null): TLSOptions {
    return new TLSOptions(TLSMode.CLIENT_UNSAFE, certificateOf(trustedChain), '', null, null);
  }

  /**
   * Godot's `TLSOptions.server(key, certificate)`. `certificate` may hold a whole chain, leaf
   * first; the certificates after the leaf are sent along.
   * @throws {GodotError} `FAILED` when PEM text holds no key or certificate.
   */
  static server(privateKey: KeyInput, certificate: CertificateInput): TLSOptions {
    const key = typeof privateKey === 'string' ? CryptoKey.fromString(privateKey) : privateKey;
    return new TLSOptions(TLSMode.SERVER, null, '', key, certificateOf(certificate));
  }

  /** The mode: `TLSMode.CLIENT`, `CLIENT_UNSAFE` or `SERVER`. */
  get mode(): TLSMode {
    return this.#mode;
  }

  /** Godot's `is_server()`: whether these are server options (`TLSOptions.server`). */
  isServer(): boolean {
    return this.#mode === TLSMode.SERVER;
  }

  /** Godot's `is_unsafe_client()`: whether these are `TLSOptions.clientUnsafe` options. */
  isUnsafeClient(): boolean {
    return this.#mode === TLSMode.CLIENT_UNSAFE;
  }

  /**
   * Godot's `get_common_name_override()`: the name a client checks the server's certificate against
   * instead of the host name; `''` for the host name.
   */
  getCommonNameOverride(): string {
    return this.#commonNameOverride;
  }

  /** The CAs a client trusts; `null` = the platform's (or, for an unsafe client, none). */
  getTrustedCaChain(): X509Certificate | null {
    return this.#trustedChain;
  }

  /** Godot's `get_private_key()`: a server's key; `null` for client options. */
  getPrivateKey(): CryptoKey | null {
    return this.#privateKey;
  }

  /** Godot's `get_own_certificate()`: a server's certificate (chain, leaf first); `null` for client options. */
  getOwnCertificate(): X509Certificate | null {
    return this.#certificate;
  }
}
