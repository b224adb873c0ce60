/**
 * One `PacketPeer.packets()` consumer: takes packets from the peer's queue as `getPacket()`
 * does, or waits for the peer to offer one, until the peer closes or the signal aborts.
 */
/** What an iterator needs from its peer. */
export interface IteratorHooks<Info> {
  add(iterator: PacketIterator<Info>): void;
  remove(iterator: PacketIterator<Info>): void;
  take(): Uint8Array | undefined;
}

/** One `packets()` consumer: takes from the queue, or waits for `_deliver` to offer a packet. */
export class PacketIterator<Info> implements AsyncIterableIterator<Uint8Array> {
  #pending: { resolve(result: IteratorResult<Uint8Array>): void; reject(error: unknown): void } | null = null;
  #done = false;
  #ended = false;
  /** An abort that happened while no `next()` was pending: the next call rejects with it. */
  #abortReason: { reason: unknown } | null = null;
  readonly #hooks: IteratorHooks<Info>;
  readonly #signal: AbortSignal | undefined;
  readonly #onAbort = (): void => this.#finish(this.#signal?.reason);

  constructor(hooks: IteratorHooks<Info>, signal?: AbortSignal) {
    this.#hooks = hooks;
    this.#signal = signal;
    hooks.add(this);
    signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  next(): Promise<IteratorResult<Uint8Array>> {
    if (this.#signal?.aborted && !this.#done) this.#finish(this.#signal.reason);
    if (this.#abortReason) {
      const { reason } = this.#abortReason;
      this.#abortReason = null;
      return Promise.reject(reason);
    }
    if (this.#done) return Promise.resolve({ done: true, value: undefined });
    if (this.#pending) return Promise.reject(new Error('packets(): next() called while a previous call is pending'));
    const data = this.#hooks.take();
    if (data !== undefined) return Promise.resolve({ done: false, value: data });
    if (this.#ended) {
      this.#finish();
      return Promise.resolve({ done: true, value: undefined });
    }
    return new Promise((resolve, reject) => (this.#pending = { resolve, reject }));
  }

  return(): Promise<IteratorResult<Uint8Array>> {
    this.#finish();
    return Promise.resolve({ done: true, value: undefined });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** A packet arrived while the queue was empty: take it if this iterator is waiting. */
  offer(data: Uint8Array, _info: Info): boolean {
    if (this.#pending === null) return false;
    const { resolve } = this.#pending;
    this.#pending = null;
    resolve({ done: false, value: data });
    return true;
  }

  /** Packets were queued: a waiting iterator takes one. */
  wake(): void {
    if (this.#pending === null) return;
    const data = this.#hooks.take();
    if (data === undefined) return;
    const { resolve } = this.#pending;
    this.#pending = null;
    resolve({ done: false, value: data });
  }

  /** The peer closed: finish after the packets still queued. */
  end(): void {
    this.#ended = true;
    if (this.#pending === null) return;
    const data = this.#hooks.take();
    const { resolve } = this.#pending;
    this.#pending = null;
    if (data !== undefined) {
      resolve({ done: false, value: data });
    } else {
      this.#finish();
      resolve({ done: true, value: undefined });
    }
  }

  #finish(error?: unknown): void {
    if (this.#done) return;
    this.#done = true;
    this.#hooks.remove(this);
    this.#signal?.removeEventListener('abort', this.#onAbort);
    const pending = this.#pending;
    this.#pending = null;
    if (error === undefined) pending?.resolve({ done: true, value: undefined });
    else if (pending) pending.reject(error);
    else this.#abortReason = { reason: error };
  }
}
