/**
 * Ephemeral ECDH (RFC 8422, RFC 7748) with `node:crypto`: x25519 and the NIST curves P-256 and
 * P-384, public keys as TLS puts them on the wire (32 raw bytes for x25519, an uncompressed
 * point for the NIST curves).
 */
import { createECDH, createPublicKey, diffieHellman, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { NamedGroup } from './constants.js';

export interface EphemeralKey {
  readonly group: NamedGroup;
  readonly publicKey: Uint8Array;
  /** The shared secret with the peer's public key; throws on an invalid point. */
  deriveSecret(peerPublic: Uint8Array): Uint8Array;
}

const NIST = new Map<number, { curve: string; pointLength: number }>([
  [NamedGroup.SECP256R1, { curve: 'prime256v1', pointLength: 65 }],
  [NamedGroup.SECP384R1, { curve: 'secp384r1', pointLength: 97 }],
]);

export const SUPPORTED_GROUPS: readonly NamedGroup[] = [NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1];

export function isSupportedGroup(group: number): group is NamedGroup {
  return (SUPPORTED_GROUPS as readonly number[]).includes(group);
}

export function generateEphemeralKey(group: NamedGroup): EphemeralKey {
  if (group === NamedGroup.X25519) return x25519();
  const nist = NIST.get(group);
  if (nist === undefined) throw new TypeError(`Unsupported group ${group}`);
  const ecdh = createECDH(nist.curve);
  const publicKey = new Uint8Array(ecdh.generateKeys());
  return {
    group, publicKey,
    deriveSecret(peerPublic) {
      // Only uncompressed points (RFC 8422 §5.1.2: the only format we advertise).
      if (peerPublic.length !== nist.pointLength || peerPublic[0] !== 4) throw new RangeError('bad EC point');
      return new Uint8Array(ecdh.computeSecret(peerPublic));
    },
  };
}

function x25519(): EphemeralKey {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  return {
    group: NamedGroup.X25519,
    publicKey: new Uint8Array(raw),
    deriveSecret(peerPublic) {
      if (peerPublic.length !== 32) throw new RangeError('bad x25519 key');
      const peer: KeyObject = createPublicKey({
        key: { kty: 'OKP', crv: 'X25519', x: Buffer.from(peerPublic).toString('base64url') }, format: 'jwk',
      });
      const secret = new Uint8Array(diffieHellman({ privateKey, publicKey: peer }));
      // RFC 7748 §6.1: an all-zero output means a low-order point.
      if (secret.every((byte) => byte === 0)) throw new RangeError('x25519 low-order point');
      return secret;
    },
  };
}
