/**
 * The time seam: every timer of every transport goes through a `Clock`, so protocol timing
 * (ENet's retransmissions, DTLS's handshake back-off, a frame or handshake timeout) can be driven
 * by a {@link ManualClock} in tests instead of waiting in real time.
 */

/** What {@link Clock.schedule} returns: pass it to {@link Clock.cancel}. Opaque. */
export interface TimerHandle {
  /** @internal Keeps the handle opaque. */
  readonly __timer?: never;
}

/** Milliseconds and one-shot timers. */
export interface Clock {
  /**
   * The current time in milliseconds from an arbitrary origin; it never goes backwards, so only
   * differences mean something.
   */
  now(): number;
  /**
   * Calls `callback` once, `delayMs` (≥ 0) milliseconds from now. A timer never keeps a Node.js
   * process alive on its own: the socket it guards does.
   */
  schedule(delayMs: number, callback: () => void): TimerHandle;
  /** Cancels a timer that has not fired yet; `undefined` and fired or cancelled timers are ignored. */
  cancel(handle: TimerHandle | undefined): void;
}

type TimerId = ReturnType<typeof setTimeout>;

/**
 * The platform's clock: `performance.now()` and `setTimeout`, unref'd in Node.js. Looked up at
 * each call, so test fake timers (`vi.useFakeTimers()`) apply to it.
 */
export const systemClock: Clock = Object.freeze({
  now: (): number => performance.now(),
  schedule(delayMs: number, callback: () => void): TimerHandle {
    const timer = setTimeout(callback, delayMs);
    (timer as { unref?: () => void }).unref?.();
    return timer as unknown as TimerHandle;
  },
  cancel(handle: TimerHandle | undefined): void {
    if (handle !== undefined) clearTimeout(handle as unknown as TimerId);
  },
});
