/**
 * PEM text (RFC 7468): `-----BEGIN LABEL-----`, base64 lines, `-----END LABEL-----`. Browser-safe
 * (uses `atob`/`btoa`), so `@pp/core` can hold certificates and keys without Node's crypto.
 */

/** One PEM block: its label and its DER bytes. */
export interface PemBlock {
  /** The label of its `-----BEGIN …-----` line, e.g. `'CERTIFICATE'` or `'PRIVATE KEY'`. */
  readonly label: string;
  /** The Base64 body, decoded: the DER bytes. */
  readonly der: Uint8Array;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Every PEM block in `text`, in order (text outside the blocks is ignored, as OpenSSL and mbedTLS
 * do). Returns `null` when a block's body is not valid base64 or a BEGIN has no matching END.
 */
export function parsePem(text: string): PemBlock[] | null {
  const blocks: PemBlock[] = [];
  let matched = 0;
  for (const match of text.matchAll(BLOCK)) {
    const body = (match[2] ?? '').replace(/\s+/g, '');
    if (!BASE64.test(body) || body.length % 4 !== 0 || body.length === 0) return null;
    blocks.push({ label: match[1] ?? '', der: fromBase64(body) });
    matched++;
  }
  const begins = text.match(/-----BEGIN /g)?.length ?? 0;
  return begins === matched ? blocks : null;
}

/** PEM text of one block: base64 in 64-character lines, with a final newline. */
export function formatPem(label: string, der: Uint8Array): string {
  const base64 = toBase64(der);
  const lines: string[] = [];
  for (let i = 0; i < base64.length; i += 64) lines.push(base64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}
