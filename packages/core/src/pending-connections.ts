import { checkInt } from './checks.js';
import { ErrorCode, GodotError } from './error.js';
import { WaiterList, type WaitOptions } from './waiters.js';

/**
 * The waiting room of a server (`TCPServer`, `UDPServer`, a WebSocket or DTLS server, an ENet
 * host): new connections wait here, oldest first, until the application takes them with
 * `take()` or the `accept()` promise. Beyond `max` waiting, new ones are refused and counted.
 */
export class PendingConnections<T> {
  #items: T[] = [];
  #max: number;
  #refused = 0;
  #open = false;
  readonly #waiters = new WaiterList('a connection');

  /**
   * `max` connections may wait at once (0 refuses every one; `Infinity` never refuses).
   * @throws {GodotError} `ERR_INVALID_PARAMETER` unless `max` is an integer ≥ 0 or `Infinity`.
   */
  constructor(
    max: number,
    /** The option's name, used in the `ERR_INVALID_PARAMETER` message when `max` is refused. */
    readonly name = 'maxPendingConnections',
  ) {
    this.#max = PendingConnections.#check(name, max);
  }

  static #check(name: string, max: number): number {
    return max === Infinity ? max : checkInt(name, max, { min: 0 });
  }

  /** Most connections waiting at once. Lowering it never discards waiting connections. */
  get max(): number {
    return this.#max;
  }

  set max(max: number) {
    this.#max = PendingConnections.#check(this.name, max);
  }

  /** Connections waiting to be taken. */
  get count(): number {
    return this.#items.length;
  }

  /** Connections refused since creation: offered while `max` were waiting, or passed to {@link refuse}. */
  get refused(): number {
    return this.#refused;
  }

  /** Whether the server is accepting (between {@link open} and {@link stop}). */
  get isOpen(): boolean {
    return this.#open;
  }

  /** Whether a connection can be taken now. */
  get available(): boolean {
    return this.#open && this.#items.length > 0;
  }

  /** The server started accepting. */
  open(): void {
    this.#open = true;
  }

  /**
   * A new connection arrived: if fewer than `max` wait, `create()` makes it and it joins the end
   * of the line (waking `accept()`); otherwise it is refused and counted, and `create` is not
   * called. Returns what `create` made, or `null` when refused (also while not open).
   */
  offer<U extends T>(create: () => U): U | null {
    if (!this.#open || this.#items.length >= this.#max) {
      this.#refused++;
      return null;
    }
    const item = create();
    this.#items.push(item);
    this.#waiters.wake();
    return item;
  }

  /** Counts a connection refused for another reason (e.g. `refuseNewConnections`). */
  refuse(): void {
    this.#refused++;
  }

  /** The oldest waiting connection, or `null` (also while not open). */
  take(): T | null {
    if (!this.#open) return null;
    return this.#items.shift() ?? null;
  }

  /** Removes a waiting connection that went away before it was taken; false if it was not waiting. */
  remove(item: T): boolean {
    const at = this.#items.indexOf(item);
    if (at === -1) return false;
    this.#items.splice(at, 1);
    return true;
  }

  /** Whether `item` is waiting. */
  has(item: T): boolean {
    return this.#items.includes(item);
  }

  /** The waiting connections, oldest first. */
  [Symbol.iterator](): IterableIterator<T> {
    return this.#items[Symbol.iterator]();
  }

  /**
   * Resolves with the next connection (at once if one waits). Rejects with `ERR_UNCONFIGURED`
   * when not open or when the server stops, `ERR_TIMEOUT` after `timeoutMs`, or the signal's
   * reason.
   */
  async accept(options: WaitOptions = {}): Promise<T> {
    while (!this.available) {
      if (!this.#open) throw new GodotError(ErrorCode.ERR_UNCONFIGURED, 'The server is not listening');
      await this.#waiters.wait(options);
    }
    return this.#items.shift() as T;
  }

  /**
   * The server stopped: `accept()` calls reject, and the connections that were waiting are
   * returned (for the caller to close).
   */
  stop(): T[] {
    const items = this.#items;
    this.#items = [];
    const wasOpen = this.#open;
    this.#open = false;
    if (wasOpen) this.#waiters.fail(new GodotError(ErrorCode.ERR_UNCONFIGURED, 'The server stopped'));
    return items;
  }
}
