/**
 * Reading encoded values: hex or base64 text (told apart per value), raw bytes, and the
 * length-prefixed frames of `PacketPeerStream` / `StreamPeer.put_var` (`--stream`).
 */
import type { Readable } from 'node:stream';
import { Marshalls } from '@pp/core';

export type InputEncoding = 'auto' | 'hex' | 'base64' | 'raw';

const HEX = /^(?:0x)?[0-9a-fA-F]*$/;

/**
 * Bytes from one hex or base64 string. `auto` takes text of hex digits of even length as hex
 * (`deadbeef` is both), anything else as base64. Whitespace is ignored.
 */
export function bytesFromText(text: string, encoding: Exclude<InputEncoding, 'raw'> = 'auto'): Uint8Array {
  const compact = text.replace(/\s+/g, '');
  const isHex = HEX.test(compact) && compact.replace(/^0x/, '').length % 2 === 0;
  if (encoding === 'hex' || (encoding === 'auto' && isHex)) {
    if (!isHex) throw new Error(`not hex: ${JSON.stringify(text.slice(0, 40))}`);
    const digits = compact.replace(/^0x/, '');
    const out = new Uint8Array(digits.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(digits.slice(2 * i, 2 * i + 2), 16);
    return out;
  }
  try {
    return Marshalls.base64ToRaw(compact);
  } catch {
    throw new Error(`neither hex nor base64: ${JSON.stringify(text.slice(0, 40))}`);
  }
}

export interface Frame {
  bytes: Uint8Array;
  /** Offset of the frame's length prefix in the input. */
  offset: number;
}

/**
 * Splits length-prefixed data (`u32` little-endian length, then the payload) into frames. A
 * final incomplete frame is reported as `rest`; a length above `maxFrame` stops the split (the
 * data is not framed that way) and is reported too.
 */
export function splitFrames(data: Uint8Array, maxFrame: number): { frames: Frame[]; rest: { offset: number; reason: string } | null } {
  const frames: Frame[] = [];
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let at = 0;
  while (at < data.length) {
    if (data.length - at < 4) return { frames, rest: { offset: at, reason: `${data.length - at} bytes left, too few for a length prefix` } };
    const length = view.getUint32(at, true);
    if (length > maxFrame) return { frames, rest: { offset: at, reason: `frame length ${length} is above the limit of ${maxFrame} bytes: not length-prefixed data?` } };
    if (data.length - at - 4 < length) return { frames, rest: { offset: at, reason: `frame of ${length} bytes cut off after ${data.length - at - 4}` } };
    frames.push({ bytes: data.subarray(at + 4, at + 4 + length), offset: at });
    at += 4 + length;
  }
  return { frames, rest: null };
}

export async function readAll(stream: Readable): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : (chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** Lines of a text stream, as they arrive (so `pp decode` answers each pasted line at once). */
export async function* readLines(stream: Readable): AsyncGenerator<string> {
  let pending = '';
  for await (const chunk of stream) {
    pending += typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
    let newline: number;
    while ((newline = pending.indexOf('\n')) !== -1) {
      yield pending.slice(0, newline).replace(/\r$/, '');
      pending = pending.slice(newline + 1);
    }
  }
  if (pending !== '') yield pending;
}
