/**
 * Godot's WebSocket heartbeat (`heartbeat_interval`, newer 4.x): every interval an empty Ping is
 * sent; if the previous one is still unanswered by then, the connection is dead. Godot checks
 * this in `poll()`; here a timer does, so it also runs for peers nobody polls.
 */
export class Heartbeat {
  #timer: ReturnType<typeof setInterval> | undefined;
  #waiting = false;

  /** Starts (or restarts) beating every `intervalMs`; 0 stops it. */
  start(intervalMs: number, ping: () => void, dead: () => void): void {
    this.stop();
    if (intervalMs <= 0) return;
    this.#timer = setInterval(() => {
      if (this.#waiting) {
        this.stop();
        dead();
        return;
      }
      this.#waiting = true;
      ping();
    }, intervalMs);
  }

  /** Any Pong answers the outstanding Ping. */
  pong(): void {
    this.#waiting = false;
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#waiting = false;
  }
}
