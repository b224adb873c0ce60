import { allocate } from './slab.js';

/**
 * Received bytes waiting to be read: a list of chunks, consumed from the front without copying
 * the rest. Chunks are owned by the queue once pushed.
 */
export class ByteQueue {
  #chunks: Uint8Array[] = [];
  #head = 0;
  /** Read position inside the first chunk. */
  #offset = 0;
  #length = 0;

  /** Bytes waiting. */
  get length(): number {
    return this.#length;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  }

  /** Takes `count` bytes (at most `length`) into a new array the caller owns. */
  read(count: number): Uint8Array {
    const n = Math.min(count, this.#length);
    const first = this.#chunks[this.#head];
    if (first !== undefined && this.#offset === 0 && first.length === n) {
      this.#advanceChunk();
      this.#length -= n;
      return first;
    }
    const out = allocate(n);
    this.readInto(out);
    return out;
  }

  /** Moves up to `target.length` bytes into `target`; returns how many. */
  readInto(target: Uint8Array): number {
    const n = this.#copy(target, true);
    this.#length -= n;
    return n;
  }

  /** Copies up to `target.length` bytes into `target` without consuming them; returns how many. */
  peekInto(target: Uint8Array): number {
    return this.#copy(target, false);
  }

  clear(): void {
    this.#chunks = [];
    this.#head = 0;
    this.#offset = 0;
    this.#length = 0;
  }

  #copy(target: Uint8Array, consume: boolean): number {
    let written = 0;
    let index = this.#head;
    let offset = this.#offset;
    while (written < target.length) {
      const chunk = this.#chunks[index];
      if (chunk === undefined) break;
      const n = Math.min(chunk.length - offset, target.length - written);
      if (n <= 16) {
        // A length prefix or a typed value: a loop is cheaper than a view.
        for (let i = 0; i < n; i++) target[written + i] = chunk[offset + i] as number;
      } else {
        target.set(n === chunk.length ? chunk : chunk.subarray(offset, offset + n), written);
      }
      written += n;
      offset += n;
      if (offset === chunk.length) {
        index++;
        offset = 0;
      }
    }
    if (consume) {
      for (let dropped = index - this.#head; dropped > 0; dropped--) this.#advanceChunk();
      this.#offset = offset;
    }
    return written;
  }

  #advanceChunk(): void {
    this.#chunks[this.#head] = undefined as unknown as Uint8Array;
    this.#head++;
    this.#offset = 0;
    if (this.#head === this.#chunks.length) {
      this.#chunks = [];
      this.#head = 0;
    } else if (this.#head > 64 && this.#head * 2 > this.#chunks.length) {
      this.#chunks = this.#chunks.slice(this.#head);
      this.#head = 0;
    }
  }
}
