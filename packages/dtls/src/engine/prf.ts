/**
 * The TLS 1.2 PRF (RFC 5246 §5: P_hash over HMAC) and the secrets built on it: the extended
 * master secret (RFC 7627 §4), the key block (§6.3) and Finished's verify_data (§7.4.9).
 */
import { createHash, createHmac } from 'node:crypto';
import { concatBytes } from './bytes.js';

export type PrfHash = 'sha256' | 'sha384';

const encoder = new TextEncoder();

export function prf(hash: PrfHash, secret: Uint8Array, label: string, seed: Uint8Array, length: number): Uint8Array {
  const labelSeed = concatBytes(encoder.encode(label), seed);
  const out = new Uint8Array(length);
  let a: Uint8Array = labelSeed;
  let filled = 0;
  while (filled < length) {
    a = createHmac(hash, secret).update(a).digest();
    const block = createHmac(hash, secret).update(a).update(labelSeed).digest();
    out.set(block.subarray(0, Math.min(block.length, length - filled)), filled);
    filled += block.length;
  }
  return out;
}

/** RFC 7627: master_secret = PRF(pre_master_secret, "extended master secret", session_hash). */
export function extendedMasterSecret(hash: PrfHash, preMaster: Uint8Array, sessionHash: Uint8Array): Uint8Array {
  return prf(hash, preMaster, 'extended master secret', sessionHash, 48);
}

/** RFC 5246 §8.1, for peers that do not negotiate extended master secret (only when allowed). */
export function legacyMasterSecret(hash: PrfHash, preMaster: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array): Uint8Array {
  return prf(hash, preMaster, 'master secret', concatBytes(clientRandom, serverRandom), 48);
}

export interface KeyBlock {
  readonly clientKey: Uint8Array;
  readonly serverKey: Uint8Array;
  readonly clientIv: Uint8Array;
  readonly serverIv: Uint8Array;
}

/** AEAD suites have no MAC keys: client key, server key, client IV, server IV. */
export function keyBlock(
  hash: PrfHash, master: Uint8Array, clientRandom: Uint8Array, serverRandom: Uint8Array, keyLength: number, ivLength: number,
): KeyBlock {
  const block = prf(hash, master, 'key expansion', concatBytes(serverRandom, clientRandom), 2 * (keyLength + ivLength));
  let at = 0;
  const take = (n: number): Uint8Array => block.slice(at, (at += n));
  return { clientKey: take(keyLength), serverKey: take(keyLength), clientIv: take(ivLength), serverIv: take(ivLength) };
}

export function verifyData(hash: PrfHash, master: Uint8Array, label: 'client finished' | 'server finished', transcriptHash: Uint8Array): Uint8Array {
  return prf(hash, master, label, transcriptHash, 12);
}

/** The running handshake transcript (the messages with their 12-byte DTLS headers, unfragmented). */
export class Transcript {
  readonly #messages: Uint8Array[] = [];

  add(message: Uint8Array): void {
    this.#messages.push(message);
  }

  hash(hash: PrfHash): Uint8Array {
    const digest = createHash(hash);
    for (const message of this.#messages) digest.update(message);
    return digest.digest();
  }
}
