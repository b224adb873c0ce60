/**
 * AEAD protection of one direction's records (RFC 5246 §6.2.3.3 with RFC 6347's 64-bit
 * epoch+sequence). AES-GCM (RFC 5288): nonce = 4-byte salt ‖ 8-byte explicit nonce carried in the
 * record (we use epoch+sequence). ChaCha20-Poly1305 (RFC 7905): nonce = 12-byte IV XOR the padded
 * epoch+sequence, nothing carried. The primitives are `node:crypto`'s.
 */
import { createCipheriv, createDecipheriv, type CipherGCM, type CipherGCMTypes, type DecipherGCM } from 'node:crypto';
import type { CipherSuite } from './cipher-suites.js';
import { writeEpochSequence } from './record.js';

const TAG_LENGTH = 16;

export class RecordProtection {
  readonly #suite: CipherSuite;
  readonly #key: Buffer;
  readonly #iv: Uint8Array;

  constructor(suite: CipherSuite, key: Uint8Array, iv: Uint8Array) {
    this.#suite = suite;
    this.#key = Buffer.from(key);
    this.#iv = iv.slice();
  }

  /** Bytes a protected record adds to its plaintext. */
  get overhead(): number {
    return this.#suite.explicitNonceLength + TAG_LENGTH;
  }

  seal(type: number, version: number, epoch: number, sequence: number, plaintext: Uint8Array): Uint8Array {
    const nonce = this.#nonce(epoch, sequence);
    const cipher = createCipheriv(this.#suite.aead as CipherGCMTypes, this.#key, nonce, { authTagLength: TAG_LENGTH }) as CipherGCM;
    cipher.setAAD(additionalData(type, version, epoch, sequence, plaintext.length), { plaintextLength: plaintext.length });
    const body = cipher.update(plaintext);
    cipher.final();
    const tag = cipher.getAuthTag();
    const explicit = this.#suite.explicitNonceLength;
    const out = new Uint8Array(explicit + body.length + TAG_LENGTH);
    if (explicit > 0) out.set(nonce.subarray(nonce.length - explicit), 0);
    out.set(body, explicit);
    out.set(tag, explicit + body.length);
    return out;
  }

  /** The plaintext, or `null` when the record does not authenticate (it must then be discarded). */
  open(type: number, version: number, epoch: number, sequence: number, fragment: Uint8Array): Uint8Array | null {
    const explicit = this.#suite.explicitNonceLength;
    const length = fragment.length - explicit - TAG_LENGTH;
    if (length < 0) return null;
    const nonce = explicit > 0 ? this.#gcmNonce(fragment.subarray(0, explicit)) : this.#nonce(epoch, sequence);
    try {
      const decipher = createDecipheriv(this.#suite.aead as CipherGCMTypes, this.#key, nonce, { authTagLength: TAG_LENGTH }) as DecipherGCM;
      decipher.setAAD(additionalData(type, version, epoch, sequence, length), { plaintextLength: length });
      decipher.setAuthTag(fragment.subarray(explicit + length));
      const body = decipher.update(fragment.subarray(explicit, explicit + length));
      decipher.final();
      return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    } catch {
      return null;
    }
  }

  #gcmNonce(explicit: Uint8Array): Buffer {
    const nonce = Buffer.alloc(12);
    nonce.set(this.#iv, 0);
    nonce.set(explicit, 4);
    return nonce;
  }

  #nonce(epoch: number, sequence: number): Buffer {
    const counter = Buffer.alloc(8);
    writeEpochSequence(counter, 0, epoch, sequence);
    if (this.#suite.explicitNonceLength > 0) return this.#gcmNonce(counter);
    const nonce = Buffer.from(this.#iv);
    for (let i = 0; i < 8; i++) nonce[4 + i]! ^= counter[i]!;
    return nonce;
  }
}


function additionalData(type: number, version: number, epoch: number, sequence: number, length: number): Buffer {
  const aad = Buffer.alloc(13);
  writeEpochSequence(aad, 0, epoch, sequence);
  aad[8] = type;
  aad[9] = version >>> 8;
  aad[10] = version & 0xff;
  aad[11] = length >>> 8;
  aad[12] = length & 0xff;
  return aad;
}
