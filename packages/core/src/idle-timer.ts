/**
 * An optional idle timeout (Godot has none; off by default): `onIdle` runs once nothing was
 * received for `timeoutMs`, so a server can shed peers that send nothing. Activity only stamps
 * the time (`touch()`, cheap enough for every packet); one timer at a time checks the stamp and
 * re-arms for the rest of the interval, on the transport's `Clock`.
 */
import { checkNumber } from './checks.js';
import type { Clock, TimerHandle } from './clock.js';

/** Longest timeout a timer can wait (`setTimeout`'s 2^31 − 1 ms, about 24.8 days). */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** Checks an `idleTimeoutMs` option: 0 (off) or a number of milliseconds up to {@link MAX_TIMEOUT_MS}. */
export function checkIdleTimeout(name: string, timeoutMs: number): number {
  return checkNumber(name, timeoutMs, { min: 0, max: MAX_TIMEOUT_MS });
}

export class IdleTimer {
  readonly #clock: Clock;
  readonly #onIdle: () => void;
  #timeoutMs: number;
  #last = 0;
  #timer: TimerHandle | undefined;

  /** `timeoutMs` 0 never fires. @throws {GodotError} `ERR_INVALID_PARAMETER` for a bad timeout. */
  constructor(clock: Clock, timeoutMs: number, onIdle: () => void, name = 'idleTimeoutMs') {
    this.#clock = clock;
    this.#timeoutMs = checkIdleTimeout(name, timeoutMs);
    this.#onIdle = onIdle;
  }

  /** See the constructor; a change applies from the next {@link start}. */
  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  set timeoutMs(timeoutMs: number) {
    this.#timeoutMs = checkIdleTimeout('idleTimeoutMs', timeoutMs);
  }

  /** Whether a timeout is running. */
  get running(): boolean {
    return this.#timer !== undefined;
  }

  /** Starts counting from now (again, if it was running). */
  start(): void {
    this.stop();
    if (this.#timeoutMs === 0) return;
    this.#last = this.#clock.now();
    this.#timer = this.#clock.schedule(this.#timeoutMs, this.#check);
  }

  /** Something was received. */
  touch(): void {
    this.#last = this.#clock.now();
  }

  stop(): void {
    this.#clock.cancel(this.#timer);
    this.#timer = undefined;
  }

  readonly #check = (): void => {
    const idle = this.#clock.now() - this.#last;
    if (idle < this.#timeoutMs) {
      this.#timer = this.#clock.schedule(this.#timeoutMs - idle, this.#check);
      return;
    }
    this.#timer = undefined;
    this.#onIdle();
  };
}
