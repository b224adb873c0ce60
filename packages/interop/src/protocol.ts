/**
 * The line protocol shared by both engines. A test script prints machine-read lines as
 * `PP|<tag>|<payload>` and `PP|done|` when it has finished; everything else the engine prints is
 * kept for diagnostics. Payloads that are binary or arbitrary text travel as standard base64
 * (Chromium's console path mangles `%` sequences and some characters).
 */

/** Prefix of every machine-read line. */
export const PP_PREFIX = 'PP|';

/** The tag a script prints (`PP|done|`) when it has finished its work. */
export const DONE_TAG = 'done';

/** The tag the `pp_fail(message)` GDScript helper prints (base64 UTF-8 message) before quitting with 1. */
export const FAIL_TAG = 'fail';

/** A parsed `PP|<tag>|<payload>` line. */
export interface TaggedLine {
  /** The text between the first and second `|`. */
  readonly tag: string;
  /** Everything after the second `|`, unchanged (may itself contain `|`). */
  readonly payload: string;
}

/**
 * Parses one output line of the protocol.
 *
 * @returns The tag and payload, or `undefined` when the line is not a `PP|<tag>|…` line.
 */
export function parseTaggedLine(text: string): TaggedLine | undefined {
  if (!text.startsWith(PP_PREFIX)) return undefined;
  const end = text.indexOf('|', PP_PREFIX.length);
  if (end < 0) return undefined;
  return { tag: text.slice(PP_PREFIX.length, end), payload: text.slice(end + 1) };
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Decodes a standard, padded base64 payload (what `Marshalls.raw_to_base64` prints).
 *
 * Strict on purpose: a payload damaged on its way out of the engine must not decode to
 * plausible bytes.
 *
 * @throws {TypeError} When `payload` is not canonical padded base64.
 */
export function decodeBase64(payload: string): Uint8Array {
  const text = payload.trim();
  if (!BASE64.test(text)) {
    throw new TypeError(`not a base64 payload: ${JSON.stringify(text.slice(0, 80))}`);
  }
  const buffer = Buffer.from(text, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a base64 payload holding UTF-8 text (what `Marshalls.utf8_to_base64` prints).
 *
 * @throws {TypeError} When the payload is not base64 or not valid UTF-8.
 */
export function decodeBase64Text(payload: string): string {
  return utf8.decode(decodeBase64(payload));
}

/** Encodes bytes as standard padded base64 (for `Marshalls.base64_to_raw` in a script). */
export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
