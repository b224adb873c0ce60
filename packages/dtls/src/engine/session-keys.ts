/** The secrets both roles derive the same way: master secret, record keys, Finished checks. */
import { equalBytes } from './bytes.js';
import type { CipherSuite } from './cipher-suites.js';
import { AlertDescription } from './constants.js';
import { DtlsError } from './dtls-error.js';
import { parseFinished } from './messages.js';
import { extendedMasterSecret, keyBlock, legacyMasterSecret, verifyData, type Transcript } from './prf.js';
import { RecordProtection } from './record-protection.js';

export interface SessionKeys {
  readonly master: Uint8Array;
  /** Protects what the client writes. */
  readonly client: RecordProtection;
  /** Protects what the server writes. */
  readonly server: RecordProtection;
}

/**
 * After the ClientKeyExchange entered `transcript`: the (extended, RFC 7627) master secret and
 * both directions' record protection.
 */
export function deriveSessionKeys(
  suite: CipherSuite, preMaster: Uint8Array, extended: boolean, transcript: Transcript, clientRandom: Uint8Array, serverRandom: Uint8Array,
): SessionKeys {
  const master = extended
    ? extendedMasterSecret(suite.hash, preMaster, transcript.hash(suite.hash))
    : legacyMasterSecret(suite.hash, preMaster, clientRandom, serverRandom);
  const keys = keyBlock(suite.hash, master, clientRandom, serverRandom, suite.keyLength, suite.fixedIvLength);
  return {
    master,
    client: new RecordProtection(suite, keys.clientKey, keys.clientIv),
    server: new RecordProtection(suite, keys.serverKey, keys.serverIv),
  };
}

/** Our Finished body for `label` over the transcript so far. */
export function finishedBody(suite: CipherSuite, master: Uint8Array, label: 'client finished' | 'server finished', transcript: Transcript): Uint8Array {
  return verifyData(suite.hash, master, label, transcript.hash(suite.hash));
}

/** Throws `decrypt-error` unless the peer's Finished `body` is the one `label` expects. */
export function checkFinished(
  suite: CipherSuite, master: Uint8Array, label: 'client finished' | 'server finished', transcript: Transcript, body: Uint8Array,
): void {
  if (!equalBytes(parseFinished(body), finishedBody(suite, master, label, transcript))) {
    throw new DtlsError('decrypt-error', AlertDescription.DECRYPT_ERROR, `the ${label.split(' ')[0]}'s Finished does not verify`);
  }
}
