/**
 * What an observer remembers of ENet's sequence numbers, per direction and channel, to show each
 * packet once: fixed-size memory whatever a peer sends.
 */

/** The 16-bit difference `a − b` as ENet's windows see it (−32768 … 32767). */
export function sequenceDelta(a: number, b: number): number {
  return (((a - b + 0x8000) & 0xffff) - 0x8000);
}

export interface Sighting {
  /** Seen before: a retransmission or a duplicated datagram. */
  repeat: boolean;
  /** First seen after a later number: its earlier copies were lost before the proxy. */
  late: boolean;
}

/**
 * The reliable sequence numbers of one channel seen so far, over the half of the 16-bit space
 * behind the highest (ENet keeps less than that in flight: 8 free windows of 4096). 8 KiB.
 */
export class ReliableWindow {
  readonly #bits = new Uint32Array(2048);
  #highest = 0;
  #started = false;

  see(sequence: number): Sighting {
    if (!this.#started) {
      this.#started = true;
      this.#highest = sequence;
      this.#set(sequence);
      return { repeat: false, late: false };
    }
    const delta = sequenceDelta(sequence, this.#highest);
    if (delta > 0) {
      // Numbers now half the space behind fall out of the window, so they can be seen anew after the wrap.
      this.#clearRange((this.#highest + 1 + 0x8000) & 0xffff, delta);
      this.#highest = sequence;
      this.#set(sequence);
      return { repeat: false, late: false };
    }
    if (this.#has(sequence)) return { repeat: true, late: false };
    this.#set(sequence);
    return { repeat: false, late: true };
  }

  #has(n: number): boolean {
    return ((this.#bits[n >>> 5] as number) & (1 << (n & 31))) !== 0;
  }

  #set(n: number): void {
    this.#bits[n >>> 5] = (this.#bits[n >>> 5] as number) | (1 << (n & 31));
  }

  /** Clears `count` numbers from `from` on (wrapping), whole words at a time where it can. */
  #clearRange(from: number, count: number): void {
    let n = from;
    let left = count;
    while (left > 0) {
      if ((n & 31) === 0 && left >= 32) {
        const words = Math.min(left >>> 5, (0x10000 - n) >>> 5);
        this.#bits.fill(0, n >>> 5, (n >>> 5) + words);
        n = (n + words * 32) & 0xffff;
        left -= words * 32;
      } else {
        this.#bits[n >>> 5] = (this.#bits[n >>> 5] as number) & ~(1 << (n & 31));
        n = (n + 1) & 0xffff;
        left--;
      }
    }
  }
}

/** The last `capacity` keys seen (first in, first out). */
export class RecentKeys {
  readonly #set = new Set<number>();
  readonly #ring: number[] = [];
  #next = 0;

  constructor(readonly capacity: number) {}

  /** Adds `key`; true when it was already there. */
  seen(key: number): boolean {
    if (this.#set.has(key)) return true;
    if (this.#ring.length < this.capacity) {
      this.#ring.push(key);
    } else {
      this.#set.delete(this.#ring[this.#next] as number);
      this.#ring[this.#next] = key;
      this.#next = (this.#next + 1) % this.capacity;
    }
    this.#set.add(key);
    return false;
  }
}

/**
 * Sequenced unreliable packets of one channel: each is ordered by (reliable, unreliable)
 * sequence number, and the receiver drops one older than a packet it already took (stale).
 */
export class UnreliableOrder {
  readonly #recent = new RecentKeys(512);
  #reliable = 0;
  #unreliable = 0;
  #started = false;

  see(reliable: number, unreliable: number): { repeat: boolean; stale: boolean } {
    if (this.#recent.seen(reliable * 0x10000 + unreliable)) return { repeat: true, stale: false };
    if (this.#started) {
      const dr = sequenceDelta(reliable, this.#reliable);
      if (dr < 0 || (dr === 0 && sequenceDelta(unreliable, this.#unreliable) < 0)) return { repeat: false, stale: true };
    }
    this.#started = true;
    this.#reliable = reliable;
    this.#unreliable = unreliable;
    return { repeat: false, stale: false };
  }
}
