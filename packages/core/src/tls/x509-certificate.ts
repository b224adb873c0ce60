import { ErrorCode, GodotError } from '../error.js';
import { formatPem, parsePem } from './pem.js';

const LABEL = 'CERTIFICATE';

/**
 * Godot's `X509Certificate`: one certificate or a chain (leaf first), held as DER and PEM text.
 * This class only parses PEM; checking a chain or a host name is the transport's job (`@pp/dtls`
 * does it with `node:crypto`).
 */
export class X509Certificate {
  #der: Uint8Array[] = [];

  /**
   * A certificate (chain) from PEM text, or from one certificate's DER bytes per argument.
   * @throws {GodotError} `FAILED` when the text holds no valid certificate.
   */
  static fromString(pem: string): X509Certificate {
    const certificate = new X509Certificate();
    if (certificate.loadFromString(pem) !== ErrorCode.OK) {
      throw new GodotError(ErrorCode.FAILED, 'Not a PEM certificate (expected -----BEGIN CERTIFICATE-----)');
    }
    return certificate;
  }

  /** A certificate chain from DER-encoded certificates, leaf first (as a TLS Certificate message carries them). */
  static fromDer(...certificates: Uint8Array[]): X509Certificate {
    const certificate = new X509Certificate();
    certificate.#der = certificates.map((der) => der.slice());
    return certificate;
  }

  /**
   * Godot's `load_from_string`: replaces the content with every `CERTIFICATE` block of `pem`.
   * Returns `FAILED` (and keeps the previous content) when there is none or one is malformed.
   */
  loadFromString(pem: string): ErrorCode {
    const blocks = parsePem(pem);
    if (blocks === null) return ErrorCode.FAILED;
    const certificates = blocks.filter((block) => block.label === LABEL);
    if (certificates.length === 0) return ErrorCode.FAILED;
    this.#der = certificates.map((block) => block.der);
    return ErrorCode.OK;
  }

  /** Godot's `save_to_string`: PEM text of the whole chain ('' when empty). */
  saveToString(): string {
    return this.#der.map((der) => formatPem(LABEL, der)).join('');
  }

  /** Number of certificates held (leaf first). */
  get count(): number {
    return this.#der.length;
  }

  /** DER bytes of each certificate, leaf first (copies). */
  toDer(): Uint8Array[] {
    return this.#der.map((der) => der.slice());
  }
}
