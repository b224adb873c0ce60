import { checkNumber } from './checks.js';

/** Default budget of a server's peers (`TCPServer`, `UDPServer`, `WebSocketMultiplayerPeer`): 64 MiB. */
export const DEFAULT_SERVER_MEMORY_BUDGET = 64 * 1024 * 1024;

/**
 * Heap bytes shared by the receive queues of many peers: a server's. Each queue charges its
 * packets here (see `packetMemoryCost`) as well as against its own limits, so a server with
 * thousands of connections that nobody reads stays within one figure, however those connections
 * flood it. A peer whose packet does not fit waits for room (TCP and WebSocket stop reading;
 * UDP drops, as with a full queue), and peers waiting are woken in turn as packets are read.
 *
 * The trade-off: once the budget is spent, every peer sharing it waits until the application
 * reads (or closes) some of them. A server that stops reading a peer it does not want should
 * close it.
 */
export class MemoryBudget {
  /** Most bytes charged at once. */
  readonly limit: number;
  #used = 0;
  #peak = 0;
  /** Who waits for room, first come first served. */
  #waiting: Array<() => void> = [];
  /** The waiter being woken, and whether it asked to wait again. */
  #current: (() => void) | null = null;
  #currentWaits = false;

  /** @throws {GodotError} `ERR_INVALID_PARAMETER` for a limit that is not a number ≥ 0 (`Infinity` is fine). */
  constructor(limit: number = DEFAULT_SERVER_MEMORY_BUDGET) {
    this.limit = limit === Infinity ? limit : checkNumber('memory budget limit', limit, { min: 0 });
  }

  /** Bytes charged now. */
  get used(): number {
    return this.#used;
  }

  /** Most bytes ever charged at once. */
  get peak(): number {
    return this.#peak;
  }

  /** Queues waiting for room. */
  get waiting(): number {
    return this.#waiting.length;
  }

  /**
   * Whether `bytes` more can be charged now. While others wait for room, only the one being
   * woken may take it: nobody overtakes a waiting queue.
   */
  fits(bytes: number): boolean {
    if (this.#used + bytes > this.limit) return false;
    return this.#waiting.length === 0 || this.#current !== null;
  }

  /** Charges `bytes` (callers check {@link fits} first, or force: a packet that cannot wait). */
  charge(bytes: number): void {
    this.#used += bytes;
    if (this.#used > this.#peak) this.#peak = this.#used;
  }

  /** Gives `bytes` back and wakes whoever waits for room. */
  release(bytes: number): void {
    this.#used -= bytes;
    if (this.#waiting.length > 0 && this.#current === null) this.#wake();
  }

  /** Calls `resume` once there is room for it, after those who waited before (once per call). */
  waitForRoom(resume: () => void): void {
    if (resume === this.#current) this.#currentWaits = true;
    else if (!this.#waiting.includes(resume)) this.#waiting.push(resume);
  }

  /** Forgets a waiter (its queue closed). */
  stopWaiting(resume: () => void): void {
    if (resume === this.#current) this.#currentWaits = false;
    const at = this.#waiting.indexOf(resume);
    if (at !== -1) this.#waiting.splice(at, 1);
  }

  /**
   * Wakes waiters in order while there is room. A waiter that took some and still waits goes
   * to the back (queues take turns); one that found too little keeps its place at the front and
   * the others wait behind it, so a big packet is never starved by small ones.
   */
  #wake(): void {
    const waiting = this.#waiting;
    while (waiting.length > 0 && this.#used < this.limit) {
      const resume = waiting.shift() as () => void;
      const used = this.#used;
      this.#current = resume;
      this.#currentWaits = false;
      try {
        resume();
      } finally {
        this.#current = null;
      }
      if (!this.#currentWaits) continue;
      if (this.#used > used) {
        waiting.push(resume);
      } else {
        waiting.unshift(resume);
        return;
      }
    }
  }
}
