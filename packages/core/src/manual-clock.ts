/**
 * A clock that moves only when told to: for deterministic tests of protocol timing. Time starts
 * at `startMs`; {@link ManualClock.advance} moves it forward and fires every timer that falls due
 * on the way, earliest first (timers due at the same time fire in the order they were scheduled),
 * with `now()` reading each timer's own due time while it runs.
 */
import type { Clock, TimerHandle } from './clock.js';

interface Timer extends TimerHandle {
  readonly due: number;
  readonly seq: number;
  callback: (() => void) | null;
}

export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  /** A binary min-heap by (due, seq). Cancelled timers stay until they reach the top. */
  readonly #heap: Timer[] = [];
  #pending = 0;

  /** A clock reading `startMs` until it is advanced. */
  constructor(startMs = 0) {
    this.#now = startMs;
  }

  /** The current (manual) time in milliseconds. */
  now(): number {
    return this.#now;
  }

  /** Schedules `callback` at `now() + delayMs` (a negative or non-finite delay counts as 0). */
  schedule(delayMs: number, callback: () => void): TimerHandle {
    const delay = Number.isFinite(delayMs) && delayMs > 0 ? delayMs : 0;
    const timer: Timer = { due: this.#now + delay, seq: this.#seq++, callback };
    this.#push(timer);
    this.#pending++;
    return timer;
  }

  /** Cancels a pending timer; anything else is ignored. */
  cancel(handle: TimerHandle | undefined): void {
    const timer = handle as Timer | undefined;
    if (timer?.callback == null) return;
    timer.callback = null;
    this.#pending--;
  }

  /** Timers scheduled and neither fired nor cancelled. */
  get pending(): number {
    return this.#pending;
  }

  /** When the next timer falls due, `undefined` when none is pending. */
  nextDue(): number | undefined {
    this.#dropCancelled();
    return this.#heap[0]?.due;
  }

  /**
   * Moves time forward by `ms` (≥ 0), firing every timer due by then, including those the fired
   * callbacks schedule within the window. Returns how many fired.
   */
  advance(ms: number): number {
    if (!(ms >= 0)) throw new RangeError(`ManualClock.advance needs a duration ≥ 0, got ${ms}`);
    return this.advanceTo(this.#now + ms);
  }

  /** Moves time forward to `timeMs` (never back), firing what falls due; see {@link advance}. */
  advanceTo(timeMs: number): number {
    let fired = 0;
    for (;;) {
      this.#dropCancelled();
      const next = this.#heap[0];
      if (next === undefined || next.due > timeMs) break;
      this.#pop();
      const callback = next.callback as () => void;
      next.callback = null;
      this.#pending--;
      if (next.due > this.#now) this.#now = next.due;
      fired++;
      callback();
    }
    if (timeMs > this.#now) this.#now = timeMs;
    return fired;
  }

  /** Jumps to the next timer and fires everything due then; returns false when none is pending. */
  runNext(): boolean {
    const due = this.nextDue();
    if (due === undefined) return false;
    this.advanceTo(due);
    return true;
  }

  /**
   * Fires timers one due time after another until none is pending (or `limit` timers fired:
   * a timer that always reschedules itself would otherwise never end). Returns how many fired.
   */
  runAll(limit = 100_000): number {
    let fired = 0;
    while (fired < limit) {
      const due = this.nextDue();
      if (due === undefined) break;
      fired += this.advanceTo(due);
    }
    return fired;
  }

  #dropCancelled(): void {
    while (this.#heap.length > 0 && (this.#heap[0] as Timer).callback === null) this.#pop();
  }

  #push(timer: Timer): void {
    const heap = this.#heap;
    heap.push(timer);
    let at = heap.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!before(timer, heap[parent] as Timer)) break;
      heap[at] = heap[parent] as Timer;
      at = parent;
    }
    heap[at] = timer;
  }

  #pop(): void {
    const heap = this.#heap;
    const last = heap.pop() as Timer;
    if (heap.length === 0) return;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child = right < heap.length && before(heap[right] as Timer, heap[left] as Timer) ? right : left;
      if (!before(heap[child] as Timer, last)) break;
      heap[at] = heap[child] as Timer;
      at = child;
    }
    heap[at] = last;
  }
}

function before(a: Timer, b: Timer): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}
