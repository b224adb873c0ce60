/**
 * Reassembles fragmented handshake messages and releases them in message_seq order
 * (RFC 6347 §4.2.3). Memory is bounded before anything is allocated: a message longer than
 * `maxMessageSize` is refused, and only `maxBufferedMessages` future messages are kept.
 */
import { encodeHandshake, type HandshakeFragment } from './handshake-message.js';

export interface HandshakeMessage {
  readonly type: number;
  readonly messageSeq: number;
  readonly body: Uint8Array;
  /** Header (as unfragmented) + body: what the transcript hashes. */
  readonly raw: Uint8Array;
}

interface Partial {
  readonly type: number;
  readonly body: Uint8Array;
  /** Received byte ranges [start, end), sorted and merged. */
  ranges: Array<[number, number]>;
}

export type FragmentResult = 'accepted' | 'old' | 'dropped' | 'too-large';

export class Reassembler {
  #next: number;
  readonly #partial = new Map<number, Partial>();
  readonly #maxMessageSize: number;
  readonly #maxBuffered: number;

  constructor(nextSeq: number, maxMessageSize: number, maxBufferedMessages: number) {
    this.#next = nextSeq;
    this.#maxMessageSize = maxMessageSize;
    this.#maxBuffered = maxBufferedMessages;
  }

  /** The message_seq expected next. */
  get nextSeq(): number {
    return this.#next;
  }

  /**
   * Takes one fragment. `old`: a retransmission of a message already released (the caller may
   * retransmit its own flight); `dropped`: too far ahead or inconsistent with earlier fragments;
   * `too-large`: longer than the limit (fatal).
   */
  add(fragment: HandshakeFragment): FragmentResult {
    if (fragment.messageSeq < this.#next) return 'old';
    if (fragment.messageSeq >= this.#next + this.#maxBuffered) return 'dropped';
    if (fragment.length > this.#maxMessageSize) return 'too-large';
    let partial = this.#partial.get(fragment.messageSeq);
    if (partial === undefined) {
      partial = { type: fragment.type, body: new Uint8Array(fragment.length), ranges: [] };
      this.#partial.set(fragment.messageSeq, partial);
    } else if (partial.type !== fragment.type || partial.body.length !== fragment.length) {
      return 'dropped';
    }
    partial.body.set(fragment.body, fragment.offset);
    partial.ranges = addRange(partial.ranges, fragment.offset, fragment.offset + fragment.body.length);
    return 'accepted';
  }

  /** The next complete message in order, if any. */
  take(): HandshakeMessage | undefined {
    const partial = this.#partial.get(this.#next);
    if (partial === undefined || !complete(partial)) return undefined;
    this.#partial.delete(this.#next);
    const messageSeq = this.#next++;
    return { type: partial.type, messageSeq, body: partial.body, raw: encodeHandshake(partial.type, messageSeq, partial.body) };
  }

  /** Whether fragments of future messages are waiting. */
  get pending(): boolean {
    return this.#partial.size > 0;
  }
}

function complete(partial: Partial): boolean {
  if (partial.body.length === 0) return true;
  const first = partial.ranges[0];
  return partial.ranges.length === 1 && first !== undefined && first[0] === 0 && first[1] === partial.body.length;
}

function addRange(ranges: Array<[number, number]>, start: number, end: number): Array<[number, number]> {
  if (end <= start) return ranges;
  const out: Array<[number, number]> = [];
  let merged: [number, number] = [start, end];
  for (const range of ranges) {
    if (range[1] < merged[0]) out.push(range);
    else if (range[0] > merged[1]) {
      out.push(merged);
      merged = range;
    } else merged = [Math.min(range[0], merged[0]), Math.max(range[1], merged[1])];
  }
  out.push(merged);
  return out;
}
