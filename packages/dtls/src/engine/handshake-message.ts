/**
 * Handshake message framing (RFC 6347 §4.2.2): a 12-byte header (type, length, message_seq,
 * fragment_offset, fragment_length) before each fragment. Whole messages, with the header as if
 * unfragmented, are what the transcript hashes.
 */
import { ByteReader, DecodeError } from './bytes.js';
import { HANDSHAKE_HEADER_SIZE } from './constants.js';

export interface HandshakeFragment {
  readonly type: number;
  /** Length of the whole message body. */
  readonly length: number;
  readonly messageSeq: number;
  readonly offset: number;
  readonly body: Uint8Array;
}

/** The fragments in one handshake record's plaintext; throws `DecodeError` on a bad header. */
export function parseHandshakeFragments(payload: Uint8Array): HandshakeFragment[] {
  const reader = new ByteReader(payload);
  const fragments: HandshakeFragment[] = [];
  while (reader.remaining > 0) {
    const type = reader.u8('handshake type');
    const length = reader.u24('handshake length');
    const messageSeq = reader.u16('message_seq');
    const offset = reader.u24('fragment_offset');
    const fragmentLength = reader.u24('fragment_length');
    if (offset + fragmentLength > length) throw new DecodeError('handshake fragment runs past its message');
    fragments.push({ type, length, messageSeq, offset, body: reader.bytes(fragmentLength, 'handshake fragment') });
  }
  return fragments;
}

/** A whole handshake message: header (unfragmented) and body. */
export function encodeHandshake(type: number, messageSeq: number, body: Uint8Array): Uint8Array {
  return encodeFragment(type, body.length, messageSeq, 0, body);
}

export function encodeFragment(type: number, length: number, messageSeq: number, offset: number, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(HANDSHAKE_HEADER_SIZE + body.length);
  out[0] = type;
  out[1] = length >>> 16; out[2] = (length >>> 8) & 0xff; out[3] = length & 0xff;
  out[4] = messageSeq >>> 8; out[5] = messageSeq & 0xff;
  out[6] = offset >>> 16; out[7] = (offset >>> 8) & 0xff; out[8] = offset & 0xff;
  out[9] = body.length >>> 16; out[10] = (body.length >>> 8) & 0xff; out[11] = body.length & 0xff;
  out.set(body, HANDSHAKE_HEADER_SIZE);
  return out;
}

/**
 * Splits a whole message (header + body) into fragments of at most `maxFragmentBody` body bytes
 * each; a message that fits is returned as is.
 */
export function fragmentMessage(message: Uint8Array, maxFragmentBody: number): Uint8Array[] {
  const body = message.subarray(HANDSHAKE_HEADER_SIZE);
  if (body.length <= maxFragmentBody) return [message];
  const type = message[0]!;
  const messageSeq = (message[4]! << 8) | message[5]!;
  const out: Uint8Array[] = [];
  for (let offset = 0; offset < body.length; offset += maxFragmentBody) {
    out.push(encodeFragment(type, body.length, messageSeq, offset, body.subarray(offset, offset + maxFragmentBody)));
  }
  return out;
}
