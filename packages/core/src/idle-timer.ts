import { checkMilliseconds } from './checks.js';
import type { Clock, TimerHandle } from './clock.js';

/**
 * An optional idle timeout (Godot has none; off by default): `onIdle` runs once nothing was
 * received for `timeoutMs`, so a server can shed peers that send nothing. Activity only stamps
 * the time (`touch()`, cheap enough for every packet); one timer at a time checks the stamp and
 * re-arms for the rest of the interval, on the transport's `Clock`.
 */
export class IdleTimer {
  readonly #clock: Clock;
  readonly #onIdle: () => void;
  #timeoutMs: number;
  #last = 0;
  #timer: TimerHandle | undefined;

  /** `timeoutMs` 0 never fires. @throws {GodotError} `ERR_INVALID_PARAMETER` for a bad timeout. */
  constructor(clock: Clock, timeoutMs: number, onIdle: () => void, name = 'idleTimeoutMs') {
    this.#clock = clock;
    this.#timeoutMs = checkMilliseconds(name, timeoutMs);
    this.#onIdle = onIdle;
  }

  /** See the constructor; a change applies from the next {@link start}. */
  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  set timeoutMs(timeoutMs: number) {
    this.#timeoutMs = checkMilliseconds('idleTimeoutMs', timeoutMs);
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
    // Only a running timeout reads the stamp (start() sets it): no clock read per packet otherwise.
    if (this.#timer !== undefined) this.#last = this.#clock.now();
  }

  /** Stops counting: `onIdle` will not run until the next `start()`. */
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
