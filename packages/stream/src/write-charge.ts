/**
 * One stream's share of a write budget: the bytes it has queued for sending, charged to a
 * `MemoryBudget` shared by many streams (a `TCPServer`'s connections), so that clients that never
 * read cannot make the server buffer `writeBufferMaxSize` for each of them. The charge follows the
 * stream's buffered amount: updated after each write, and when the transport reports bytes handed
 * to the OS (a drain, a flush callback, the close).
 */
import type { MemoryBudget } from '@pp/core';

export class WriteCharge {
  readonly budget: MemoryBudget;
  /** Bytes charged now: the buffered amount when it was last looked at. */
  #charged = 0;

  constructor(budget: MemoryBudget) {
    this.budget = budget;
  }

  /**
   * Whether `bytes` more may be queued. An idle budget takes any write (as an empty write buffer
   * does), so one larger than the whole budget still goes out.
   */
  allows(bytes: number): boolean {
    return this.budget.used === 0 || this.budget.fits(bytes);
  }

  /** The stream now buffers `buffered` bytes: charge or release the difference. */
  update(buffered: number): void {
    const delta = buffered - this.#charged;
    if (delta === 0) return;
    this.#charged = buffered;
    if (delta > 0) this.budget.charge(delta);
    else this.budget.release(-delta);
  }

  /** Whether bytes are charged (the stream should tell when they are handed to the OS). */
  get charged(): boolean {
    return this.#charged > 0;
  }
}
