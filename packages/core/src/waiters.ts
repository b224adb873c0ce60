/**
 * Waiting with a deadline: the promise forms of Godot's blocking calls (`waitForPacket`,
 * `accept`, `waitForOpen`…) all wait the same way, each caller with its own `AbortSignal` and
 * timeout.
 */
import { checkMilliseconds } from './checks.js';
import { ErrorCode, GodotError } from './error.js';

/** The last argument of every promise form (`…Async`, `waitFor…`): an abort signal and a timeout, both optional. */
export interface WaitOptions {
  /** Rejects with the signal's reason when aborted. */
  signal?: AbortSignal;
  /**
   * Rejects with a `GodotError` (`ERR_TIMEOUT`) after this many milliseconds: a whole number up
   * to 2^31 - 1; anything else rejects at once with `ERR_INVALID_PARAMETER`.
   */
  timeoutMs?: number;
}

/** One pending wait, as `withWaitOptions` hands it to `register`. */
export interface Waiter {
  /** Ends the wait: the promise resolves. */
  resolve(): void;
  /** Ends the wait: the promise rejects with `error`. */
  reject(error: unknown): void;
}

/**
 * Runs `register` with a waiter and applies the signal and timeout of `options` to it. The
 * function `register` returns removes the waiter again.
 */
export function withWaitOptions(
  options: WaitOptions,
  register: (waiter: Waiter) => () => void,
  what = 'a packet',
): Promise<void> {
  const { signal, timeoutMs } = options;
  if (timeoutMs !== undefined) {
    try {
      checkMilliseconds('timeoutMs', timeoutMs);
    } catch (error) {
      return Promise.reject(error);
    }
  }
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const cleanup = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      unregister();
    };
    const onAbort = (): void => {
      cleanup();
      reject(signal?.reason);
    };
    const unregister = register({
      resolve: () => {
        cleanup();
        resolve();
      },
      reject: (error) => {
        cleanup();
        reject(error);
      },
    });
    signal?.addEventListener('abort', onAbort, { once: true });
    if (timeoutMs !== undefined) {
      timer = setTimeout(() => {
        cleanup();
        reject(new GodotError(ErrorCode.ERR_TIMEOUT, `Timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
    }
  });
}

/**
 * Callers waiting for the same thing (a packet, a connection): `wait()` joins, `wake()` resolves
 * them all, `fail()` rejects them all. Holds no array until someone waits.
 */
export class WaiterList {
  #waiters: Waiter[] | null = null;

  constructor(
    /** Names the awaited thing in timeout errors ("Timed out … waiting for a packet"). */
    readonly what: string,
  ) {}

  /** Resolves at the next `wake()`; rejects at `fail()`, on timeout or when the signal aborts. */
  wait(options?: WaitOptions): Promise<void> {
    // Without a signal or a timeout only wake() or fail() can end the wait, and both drop every
    // waiter: nothing to clean up, so the waiter is the promise's own functions (poll-style
    // reads wait once per batch of packets).
    if (options === undefined || (options.signal === undefined && options.timeoutMs === undefined)) {
      return new Promise<void>((resolve, reject) => {
        (this.#waiters ??= []).push({ resolve, reject });
      });
    }
    return withWaitOptions(options, (waiter) => {
      (this.#waiters ??= []).push(waiter);
      return () => {
        const at = this.#waiters?.indexOf(waiter) ?? -1;
        if (at !== -1) this.#waiters?.splice(at, 1);
      };
    }, this.what);
  }

  /** Number of callers waiting. */
  get size(): number {
    return this.#waiters?.length ?? 0;
  }

  /** Resolves everyone waiting. */
  wake(): void {
    const waiters = this.#waiters;
    if (waiters === null || waiters.length === 0) return;
    this.#waiters = null;
    for (const waiter of waiters) waiter.resolve();
  }

  /** Rejects everyone waiting with `error`. */
  fail(error: unknown): void {
    const waiters = this.#waiters;
    if (waiters === null || waiters.length === 0) return;
    this.#waiters = null;
    for (const waiter of waiters) waiter.reject(error);
  }
}
