/**
 * The client's check of the server's certificate chain, like mbedTLS with `VERIFY_REQUIRED`:
 * a path from the leaf through the sent intermediates (CA certificates) to a trust anchor, every
 * certificate within its validity dates and every signature valid; then the host name against the
 * leaf's subjectAltName (DNS names, or IP addresses for an IP literal), falling back to the CN
 * only when the certificate has no DNS names. All checks use `node:crypto`'s `X509Certificate`.
 */
import { X509Certificate as NodeX509 } from 'node:crypto';
import { isIP } from 'node:net';
import { rootCertificates } from 'node:tls';
import { AlertDescription } from './constants.js';

/** Why a chain was refused. */
export type CertificateFailure = 'untrusted' | 'expired' | 'not-yet-valid' | 'bad-certificate' | 'hostname-mismatch';

export type CertificateCheckResult =
  | { readonly ok: true; readonly leaf: NodeX509 }
  | { readonly ok: false; readonly failure: CertificateFailure; readonly alert: number; readonly message: string };

/** How a DTLS client checks the server's certificate chain (built from its `TLSOptions`). */
export interface CertificatePolicy {
  /** Trust anchors (DER or PEM); `undefined` = the platform's (`tls.rootCertificates`). */
  readonly trustedCas?: readonly NodeX509[] | undefined;
  /** Check the chain at all (false = `clientUnsafe()` without a chain: anything goes). */
  readonly verifyChain: boolean;
  /** The name to check, or '' for none (`clientUnsafe`). */
  readonly hostname: string;
  /** The wall clock for validity dates. @default () => new Date() */
  readonly now?: () => Date;
  /** Longest chain, leaf and anchor included. @default 10 */
  readonly maxChainLength?: number;
}

const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
const ANY_EKU = '2.5.29.37.0';

let platformRoots: NodeX509[] | undefined;

/** The platform's CAs, parsed once. */
export function platformTrustAnchors(): readonly NodeX509[] {
  platformRoots ??= rootCertificates.map((pem) => new NodeX509(pem));
  return platformRoots;
}

const fail = (failure: CertificateFailure, alert: number, message: string): CertificateCheckResult =>
  ({ ok: false, failure, alert, message });

export function checkCertificateChain(chain: readonly Uint8Array[], policy: CertificatePolicy): CertificateCheckResult {
  let certificates: NodeX509[];
  try {
    certificates = chain.map((der) => new NodeX509(der));
  } catch {
    return fail('bad-certificate', AlertDescription.BAD_CERTIFICATE, 'the server sent a certificate that does not parse');
  }
  const leaf = certificates[0];
  if (leaf === undefined) return fail('bad-certificate', AlertDescription.BAD_CERTIFICATE, 'the server sent no certificate');
  if (!policy.verifyChain) return { ok: true, leaf };

  const now = (policy.now ?? (() => new Date()))();
  const anchors = policy.trustedCas ?? platformTrustAnchors();
  const maxLength = policy.maxChainLength ?? 10;

  const eku = leaf.keyUsage;
  if (eku !== undefined && eku.length > 0 && !eku.includes(SERVER_AUTH) && !eku.includes(ANY_EKU)) {
    return fail('bad-certificate', AlertDescription.UNSUPPORTED_CERTIFICATE, 'the certificate is not for TLS servers (extended key usage)');
  }

  let current = leaf;
  const intermediates = certificates.slice(1);
  for (let depth = 0; ; depth++) {
    const dated = checkDates(current, now);
    if (dated !== undefined) return dated;
    if (anchors.some((anchor) => anchor.raw.equals(current.raw))) break;
    const anchor = anchors.find((candidate) => issues(candidate, current));
    if (anchor !== undefined) {
      const anchorDates = checkDates(anchor, now);
      if (anchorDates !== undefined) return anchorDates;
      break;
    }
    if (depth + 2 >= maxLength) return fail('untrusted', AlertDescription.UNKNOWN_CA, `no trusted CA within ${maxLength} certificates`);
    const parent = intermediates.find((candidate) => candidate.ca && issues(candidate, current));
    if (parent === undefined) return fail('untrusted', AlertDescription.UNKNOWN_CA, 'the certificate chain does not lead to a trusted CA');
    intermediates.splice(intermediates.indexOf(parent), 1);
    current = parent;
  }

  if (policy.hostname !== '' && !matchesHost(leaf, policy.hostname)) {
    return fail('hostname-mismatch', AlertDescription.BAD_CERTIFICATE, `the certificate is not for ${policy.hostname}`);
  }
  return { ok: true, leaf };
}

function issues(issuer: NodeX509, subject: NodeX509): boolean {
  try {
    return subject.checkIssued(issuer) && subject.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

function checkDates(certificate: NodeX509, now: Date): CertificateCheckResult | undefined {
  if (now < new Date(certificate.validFrom)) {
    return fail('not-yet-valid', AlertDescription.BAD_CERTIFICATE, `a certificate is not valid before ${certificate.validFrom}`);
  }
  if (now > new Date(certificate.validTo)) {
    return fail('expired', AlertDescription.CERTIFICATE_EXPIRED, `a certificate expired on ${certificate.validTo}`);
  }
  return undefined;
}

/** subjectAltName first; the CN only when there are no DNS names (mbedTLS, RFC 6125). */
export function matchesHost(certificate: NodeX509, hostname: string): boolean {
  const name = hostname.replace(/^\[|\]$/g, '');
  if (isIP(name) !== 0) {
    if (certificate.checkIP(name) !== undefined) return true;
    // mbedTLS compares an IP host name with the CN as text when there is no subjectAltName.
    return certificate.subjectAltName === undefined && commonNames(certificate).includes(name);
  }
  return certificate.checkHost(name, { subject: 'default', wildcards: true, partialWildcards: false }) !== undefined;
}

function commonNames(certificate: NodeX509): string[] {
  return certificate.subject.split('\n').filter((line) => line.startsWith('CN=')).map((line) => line.slice(3));
}
