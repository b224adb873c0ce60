/**
 * Godot's `TLSOptions`: how a `wss://` client verifies the server, or which key and certificate
 * a server presents. Certificates and keys are PEM text (what Godot's `X509Certificate` and
 * `CryptoKey` load and save).
 */

type Pem = string | Uint8Array;

export class TLSOptions {
  readonly #server: boolean;
  readonly #unsafe: boolean;
  readonly #trustedChain: Pem | undefined;
  readonly #commonNameOverride: string;
  readonly #privateKey: Pem | undefined;
  readonly #certificate: Pem | undefined;

  private constructor(fields: {
    server: boolean; unsafe: boolean; trustedChain?: Pem | undefined; commonNameOverride?: string;
    privateKey?: Pem; certificate?: Pem;
  }) {
    this.#server = fields.server;
    this.#unsafe = fields.unsafe;
    this.#trustedChain = fields.trustedChain;
    this.#commonNameOverride = fields.commonNameOverride ?? '';
    this.#privateKey = fields.privateKey;
    this.#certificate = fields.certificate;
  }

  /**
   * Godot's `TLSOptions.client(trusted_chain, common_name_override)`: verify the server's
   * certificate against `trustedChain` (default: the platform's CAs) and the URL's host name (or
   * `commonNameOverride`).
   */
  static client(trustedChain?: Pem, commonNameOverride = ''): TLSOptions {
    return new TLSOptions({ server: false, unsafe: false, trustedChain, commonNameOverride });
  }

  /**
   * Godot's `TLSOptions.client_unsafe(trusted_chain)`: encrypt without verifying the server.
   * For tests and development only. Browsers ignore it.
   */
  static clientUnsafe(trustedChain?: Pem): TLSOptions {
    return new TLSOptions({ server: false, unsafe: true, trustedChain });
  }

  /** Godot's `TLSOptions.server(key, certificate)`. `certificate` may hold a whole chain. */
  static server(privateKey: Pem, certificate: Pem): TLSOptions {
    return new TLSOptions({ server: true, unsafe: false, privateKey, certificate });
  }

  isServer(): boolean {
    return this.#server;
  }

  isUnsafeClient(): boolean {
    return this.#unsafe;
  }

  getCommonNameOverride(): string {
    return this.#commonNameOverride;
  }

  getTrustedCaChain(): Pem | undefined {
    return this.#trustedChain;
  }

  getPrivateKey(): Pem | undefined {
    return this.#privateKey;
  }

  getOwnCertificate(): Pem | undefined {
    return this.#certificate;
  }
}
