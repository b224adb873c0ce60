/**
 * The smallest poll-style reader with the semantics of `waitForPacket` + `getPacket`, for the
 * floors the transport benches print beside their @pp figures: an array queue that the receive
 * callback pushes to, and one promise that wakes the reader when something is queued. Raw Node
 * resolves that promise in the socket's callback, so, as for @pp, Node runs the reader after each
 * callback (one wake per packet when each callback brings one).
 */
export class FloorQueue<T> {
  #items: T[] = [];
  #head = 0;
  #waiter: (() => void) | null = null;
  #closed = false;

  get count(): number {
    return this.#items.length - this.#head;
  }

  push(item: T): void {
    this.#items.push(item);
    const waiter = this.#waiter;
    if (waiter === null) return;
    this.#waiter = null;
    waiter();
  }

  shift(): T | undefined {
    if (this.#head === this.#items.length) return undefined;
    const item = this.#items[this.#head] as T;
    this.#items[this.#head++] = undefined as T;
    if (this.#head === this.#items.length) {
      this.#items.length = 0;
      this.#head = 0;
    }
    return item;
  }

  /** Resolves once something is queued (or the queue closed). */
  wait(): Promise<void> {
    if (this.count > 0 || this.#closed) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.#waiter = resolve;
    });
  }

  close(): void {
    this.#closed = true;
    this.push(undefined as T);
  }

  get closed(): boolean {
    return this.#closed;
  }
}

/**
 * The poll loop of `poll-reader.ts` over a `FloorQueue`: wait, then take everything queued,
 * calling `taken` for each item (then `drained` once the queue is empty). Ends once closed.
 */
export async function pollFloor<T>(queue: FloorQueue<T>, taken: (item: T) => void, drained?: () => void): Promise<void> {
  while (!queue.closed) {
    await queue.wait();
    while (queue.count > 0 && !queue.closed) taken(queue.shift() as T);
    drained?.();
  }
}
