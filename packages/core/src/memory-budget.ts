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
import { checkNumber } from './checks.js';

/** Default budget of a server's peers (`TCPServer`, `UDPServer`, `WebSocketMultiplayerPeer`): 64 MiB. */
export const DEFAULT_SERVER_MEMORY_BUDGET = 64 * 1024 * 1024;

export class MemoryBudget {
  /** Most bytes charged at once. */
  readonly limit: number;
  #used = 0;
  #peak = 0;
  /** Who waits for room, first come first served; each is called once, then forgotten. */
  #waiting: Set<() => void> | null = null;
  #waking = false;

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

  /** Whether `bytes` more can be charged. */
  fits(bytes: number): boolean {
    return this.#used + bytes <= this.limit;
  }

  /** Charges `bytes` (callers check {@link fits} first, or force: a packet that cannot wait). */
  charge(bytes: number): void {
    this.#used += bytes;
    if (this.#used > this.#peak) this.#peak = this.#used;
  }

  /** Gives `bytes` back and wakes whoever waits for room. */
  release(bytes: number): void {
    this.#used -= bytes;
    if (this.#waiting !== null && this.#waiting.size > 0) this.#wake();
  }

  /** Calls `resume` once room was given back (at most once per registration). */
  waitForRoom(resume: () => void): void {
    (this.#waiting ??= new Set()).add(resume);
  }

  /** Forgets a waiter (its peer closed). */
  stopWaiting(resume: () => void): void {
    this.#waiting?.delete(resume);
  }

  /**
   * Wakes waiters oldest first while there is room. A waiter that still finds none registers
   * again (at the end), so one read wakes a few peers, not all of them.
   */
  #wake(): void {
    if (this.#waking) return;
    this.#waking = true;
    try {
      const waiting = this.#waiting as Set<() => void>;
      let turns = waiting.size;
      for (const resume of waiting) {
        if (turns-- === 0 || this.#used >= this.limit) break;
        waiting.delete(resume);
        resume();
      }
    } finally {
      this.#waking = false;
    }
  }
}
