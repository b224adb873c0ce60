/**
 * ServerKeyExchange signatures (RFC 5246 §7.4.3, RFC 8422 §5.4): which schemes we offer, which the
 * server picks for its key, and signing and verifying with `node:crypto`.
 */
import { constants, sign, verify, type KeyObject, type SignKeyObjectInput, type VerifyKeyObjectInput } from 'node:crypto';
import { SignatureScheme } from './constants.js';

interface SchemeInfo {
  readonly hash: 'sha1' | 'sha256' | 'sha384' | 'sha512';
  readonly key: 'rsa' | 'ecdsa';
  readonly pss: boolean;
}

const SCHEMES = new Map<number, SchemeInfo>([
  [SignatureScheme.ECDSA_SECP256R1_SHA256, { hash: 'sha256', key: 'ecdsa', pss: false }],
  [SignatureScheme.ECDSA_SECP384R1_SHA384, { hash: 'sha384', key: 'ecdsa', pss: false }],
  [SignatureScheme.ECDSA_SECP521R1_SHA512, { hash: 'sha512', key: 'ecdsa', pss: false }],
  [SignatureScheme.RSA_PSS_RSAE_SHA256, { hash: 'sha256', key: 'rsa', pss: true }],
  [SignatureScheme.RSA_PSS_RSAE_SHA384, { hash: 'sha384', key: 'rsa', pss: true }],
  [SignatureScheme.RSA_PSS_RSAE_SHA512, { hash: 'sha512', key: 'rsa', pss: true }],
  [SignatureScheme.RSA_PKCS1_SHA256, { hash: 'sha256', key: 'rsa', pss: false }],
  [SignatureScheme.RSA_PKCS1_SHA384, { hash: 'sha384', key: 'rsa', pss: false }],
  [SignatureScheme.RSA_PKCS1_SHA512, { hash: 'sha512', key: 'rsa', pss: false }],
  [SignatureScheme.RSA_PKCS1_SHA1, { hash: 'sha1', key: 'rsa', pss: false }],
  [SignatureScheme.ECDSA_SHA1, { hash: 'sha1', key: 'ecdsa', pss: false }],
]);

/** What a client offers in signature_algorithms, best first (no SHA-1). */
export const OFFERED_SCHEMES: readonly number[] = [
  SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.ECDSA_SECP384R1_SHA384, SignatureScheme.ECDSA_SECP521R1_SHA512,
  SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.RSA_PSS_RSAE_SHA512,
  SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384, SignatureScheme.RSA_PKCS1_SHA512,
];

/** RFC 5246 §7.4.1.4.1: a client that sends no signature_algorithms supports SHA-1 only. */
const DEFAULT_CLIENT_SCHEMES = [SignatureScheme.RSA_PKCS1_SHA1, SignatureScheme.ECDSA_SHA1];

export type KeyKind = 'rsa' | 'ecdsa';

/** 'rsa' or 'ecdsa' for a key we can sign ServerKeyExchange with, else undefined. */
export function keyKind(key: KeyObject): KeyKind | undefined {
  if (key.asymmetricKeyType === 'rsa') return 'rsa';
  if (key.asymmetricKeyType === 'ec') return 'ecdsa';
  return undefined;
}

/**
 * The server's pick for its key among the client's schemes (`undefined` = extension absent):
 * for RSA, PSS before PKCS#1; for ECDSA, the hash matching the curve first, then any offered.
 */
export function chooseScheme(kind: KeyKind, key: KeyObject, offered: readonly number[] | undefined): number | undefined {
  const candidates = offered ?? DEFAULT_CLIENT_SCHEMES;
  const preference = kind === 'rsa'
    ? [SignatureScheme.RSA_PSS_RSAE_SHA256, SignatureScheme.RSA_PSS_RSAE_SHA384, SignatureScheme.RSA_PSS_RSAE_SHA512,
      SignatureScheme.RSA_PKCS1_SHA256, SignatureScheme.RSA_PKCS1_SHA384, SignatureScheme.RSA_PKCS1_SHA512,
      SignatureScheme.RSA_PKCS1_SHA1]
    : ecdsaPreference(key.asymmetricKeyDetails?.namedCurve);
  return preference.find((scheme) => candidates.includes(scheme));
}

function ecdsaPreference(curve: string | undefined): number[] {
  const byCurve = curve === 'secp384r1' ? SignatureScheme.ECDSA_SECP384R1_SHA384
    : curve === 'secp521r1' ? SignatureScheme.ECDSA_SECP521R1_SHA512 : SignatureScheme.ECDSA_SECP256R1_SHA256;
  const all = [SignatureScheme.ECDSA_SECP256R1_SHA256, SignatureScheme.ECDSA_SECP384R1_SHA384, SignatureScheme.ECDSA_SECP521R1_SHA512, SignatureScheme.ECDSA_SHA1];
  return [byCurve, ...all.filter((scheme) => scheme !== byCurve)];
}

function options(info: SchemeInfo, key: KeyObject): SignKeyObjectInput & VerifyKeyObjectInput {
  return info.pss
    ? { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST }
    : { key, dsaEncoding: 'der' };
}

export function signWith(scheme: number, key: KeyObject, data: Uint8Array): Uint8Array {
  const info = SCHEMES.get(scheme);
  if (info === undefined) throw new TypeError(`Unsupported signature scheme ${scheme}`);
  return new Uint8Array(sign(info.hash, data, options(info, key)));
}

/**
 * Whether `signature` over `data` verifies with the certificate's public key under `scheme`, and
 * the scheme fits the key (an RSA scheme for an RSA key, ECDSA for EC).
 */
export function verifyWith(scheme: number, key: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  const info = SCHEMES.get(scheme);
  if (info === undefined || !OFFERED_SCHEMES.includes(scheme)) return false;
  if (keyKind(key) !== info.key) return false;
  try {
    return verify(info.hash, data, options(info, key), signature);
  } catch {
    return false;
  }
}
