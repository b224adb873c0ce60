import { ErrorCode, GodotError } from '../error.js';
import { formatPem, parsePem } from './pem.js';

const PRIVATE_LABELS = new Set(['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY']);
const PUBLIC_LABELS = new Set(['PUBLIC KEY', 'RSA PUBLIC KEY']);

/**
 * Godot's `CryptoKey`: a private key (or only a public one) held as PEM text. Keys are parsed and
 * used by the transports (`node:crypto`); this class stays browser-safe.
 */
export class CryptoKey {
  #label = '';
  #der: Uint8Array = new Uint8Array(0);

  /**
   * A key from PEM text (`publicOnly`: the text is a public key).
   * @throws {GodotError} `FAILED` when the text holds no key of that kind.
   */
  static fromString(pem: string, publicOnly = false): CryptoKey {
    const key = new CryptoKey();
    if (key.loadFromString(pem, publicOnly) !== ErrorCode.OK) {
      throw new GodotError(ErrorCode.FAILED, `Not a PEM ${publicOnly ? 'public' : 'private'} key`);
    }
    return key;
  }

  /**
   * Godot's `load_from_string(string_key, public_only)`: loads the first private key block (or,
   * with `publicOnly`, the first public key block). Returns `FAILED` and keeps the previous key
   * when there is none or the text is malformed. Encrypted keys are not supported (nor by Godot).
   */
  loadFromString(pem: string, publicOnly = false): ErrorCode {
    const blocks = parsePem(pem);
    const labels = publicOnly ? PUBLIC_LABELS : PRIVATE_LABELS;
    const block = blocks?.find((candidate) => labels.has(candidate.label));
    if (block === undefined) return ErrorCode.FAILED;
    this.#label = block.label;
    this.#der = block.der;
    return ErrorCode.OK;
  }

  /**
   * Godot's `save_to_string(public_only)`: the key as PEM text. Deriving a public key from a
   * private one needs real crypto, which this browser-safe class does not have, so
   * `publicOnly` on a private key returns '' (use `node:crypto`'s `createPublicKey`).
   */
  saveToString(publicOnly = false): string {
    if (this.#der.length === 0) return '';
    if (publicOnly && !this.isPublicOnly()) return '';
    return formatPem(this.#label, this.#der);
  }

  /** Godot's `is_public_only`: true when only a public key is held. */
  isPublicOnly(): boolean {
    return PUBLIC_LABELS.has(this.#label);
  }

  /** Whether a key was loaded. */
  get loaded(): boolean {
    return this.#der.length > 0;
  }
}
