/**
 * PacketPeerStream's framing on the receive side: a u32 little-endian length, then that many
 * bytes. The length is checked against the limit before anything is allocated, and a frame is
 * only started when its receiver has room for it, so a stalled reader leaves the bytes in the
 * stream (and TCP slows the sender) instead of piling them up here. A large frame's buffer grows
 * with the bytes that actually arrive, so a peer that declares a big frame and stalls costs
 * little memory.
 */
import type { Clock } from '@pp/core';
import { FRAME_HEADER_SIZE } from './limits.js';
import { allocate } from './slab.js';
import { readInto } from './stream-peer.js';

/** `FrameReader.startedAt` between frames (a clock may well read 0). */
const NOT_STARTED = -Infinity;

/** Frames up to this size get their whole buffer at once; larger ones grow as bytes arrive. */
const INITIAL_PAYLOAD_BUFFER = 65536;

/** Where frames are read from: any `StreamPeer`. */
export interface FrameSource {
  /** Bytes written into `target`, or a negative number when the source cannot be read. */
  [readInto](target: Uint8Array): number;
}

/** Why {@link FrameReader.read} stopped. */
export type ReadOutcome =
  /** The source has no more bytes for now (or cannot be read: not connected, ended). */
  | 'idle'
  /** A frame is waiting for `accept` to allow it. */
  | 'blocked'
  /** A length prefix above the limit arrived: the stream is unusable. */
  | 'too-large';

export interface FrameSink {
  /** Largest payload accepted. */
  maxLength: number;
  /** Whether a frame of `length` bytes may be read now. */
  accept(length: number): boolean;
  /** A complete frame (owned by the sink). */
  deliver(frame: Uint8Array): void;
}

export class FrameReader {
  readonly #header = new Uint8Array(FRAME_HEADER_SIZE);
  #headerFill = 0;
  #length = 0;
  #payload: Uint8Array | null = null;
  #payloadFill = 0;
  /**
   * When the current frame started to arrive (the clock's time at the read that left it
   * incomplete), `NOT_STARTED` between frames.
   */
  startedAt = NOT_STARTED;

  /** Whether part of a frame has been read. */
  get partial(): boolean {
    return this.#headerFill > 0;
  }

  /** The declared length of the frame being read (valid once its header is complete). */
  get declaredLength(): number {
    return this.#length;
  }

  /** Bytes of the current frame read so far, header included. */
  get bytesRead(): number {
    return this.#headerFill + this.#payloadFill;
  }

  reset(): void {
    this.#headerFill = 0;
    this.#length = 0;
    this.#payload = null;
    this.#payloadFill = 0;
    this.startedAt = NOT_STARTED;
  }

  /**
   * Reads and delivers frames until the source runs dry, the sink has no room, or a length is
   * too large. `clock` stamps when a frame left incomplete started.
   */
  read(source: FrameSource, sink: FrameSink, clock: Clock): ReadOutcome {
    const outcome = this.#read(source, sink);
    // Stamped once per read, not per frame: the frame left incomplete started during this read.
    if (outcome === 'idle' && this.startedAt === NOT_STARTED && this.partial) this.startedAt = clock.now();
    return outcome;
  }

  #read(source: FrameSource, sink: FrameSink): ReadOutcome {
    for (;;) {
      if (this.#headerFill < FRAME_HEADER_SIZE) {
        const received = source[readInto](this.#headerFill === 0 ? this.#header : this.#header.subarray(this.#headerFill));
        if (received <= 0) return 'idle';
        this.#headerFill += received;
        if (this.#headerFill < FRAME_HEADER_SIZE) continue;
        const header = this.#header;
        this.#length = ((header[0] as number) | ((header[1] as number) << 8) | ((header[2] as number) << 16)) + (header[3] as number) * 0x1000000;
        if (this.#length > sink.maxLength) return 'too-large';
      }
      if (this.#payload === null) {
        if (!sink.accept(this.#length)) return 'blocked';
        this.#payload = allocate(Math.min(this.#length, INITIAL_PAYLOAD_BUFFER));
      }
      if (this.#payloadFill < this.#length) {
        if (this.#payloadFill === this.#payload.length) this.#grow();
        const payload = this.#payload;
        const received = source[readInto](this.#payloadFill === 0 ? payload : payload.subarray(this.#payloadFill));
        if (received <= 0) return 'idle';
        this.#payloadFill += received;
        if (this.#payloadFill < this.#length) continue;
      }
      const frame = this.#payload;
      this.reset();
      sink.deliver(frame);
    }
  }

  #grow(): void {
    const payload = this.#payload as Uint8Array;
    const grown = allocate(Math.min(this.#length, payload.length * 2));
    grown.set(payload);
    this.#payload = grown;
  }
}
