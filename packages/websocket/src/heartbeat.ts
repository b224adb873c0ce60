/**
 * Godot's WebSocket heartbeat (`heartbeat_interval`, newer 4.x): every interval an empty Ping is
 * sent; if the previous one is still unanswered by then, the connection is dead. Godot checks
 * this in `poll()`; here a timer on the peer's clock does, so it also runs for peers nobody polls.
 */
import type { Clock, TimerHandle } from '@pp/core';

export class Heartbeat {
  readonly #clock: Clock;
  #timer: TimerHandle | undefined;
  #waiting = false;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Starts (or restarts) beating every `intervalMs`; 0 stops it. */
  start(intervalMs: number, ping: () => void, dead: () => void): void {
    this.stop();
    if (intervalMs <= 0) return;
    const beat = (): void => {
      if (this.#waiting) {
        this.stop();
        dead();
        return;
      }
      this.#waiting = true;
      this.#timer = this.#clock.schedule(intervalMs, beat);
      ping();
    };
    this.#timer = this.#clock.schedule(intervalMs, beat);
  }

  /** Any Pong answers the outstanding Ping. */
  pong(): void {
    this.#waiting = false;
  }

  stop(): void {
    this.#clock.cancel(this.#timer);
    this.#timer = undefined;
    this.#waiting = false;
  }
}
