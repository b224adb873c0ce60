/** A transport's two calls for back-pressure, driven by a `ReadSwitch`. */
export interface ReadingHooks {
  /** Stop reading from the network (e.g. `socket.pause()`). */
  pause(): void;
  /** Read from the network again (e.g. `socket.resume()`). */
  resume(): void;
}

/**
 * Whether a transport reads from the network: the one place where back-pressure's "stop
 * reading" and "read again" become calls of the transport's pause and resume hooks, exactly one
 * per change, whoever asks and however often. `PacketPeer` and `StreamPeer` both drive one.
 */
/** The transport's side of a {@link ReadSwitch}. */
export class ReadSwitch {
  #paused = false;
  readonly #hooks: ReadingHooks;

  constructor(hooks: ReadingHooks) {
    this.#hooks = hooks;
  }

  /** Whether reading is paused. */
  get paused(): boolean {
    return this.#paused;
  }

  /** Stops reading (calls the pause hook unless already paused). */
  pause(): void {
    if (this.#paused) return;
    this.#paused = true;
    this.#hooks.pause();
  }

  /** Reads again (calls the resume hook if paused). */
  resume(): void {
    if (!this.#paused) return;
    this.#paused = false;
    this.#hooks.resume();
  }

  /** A new connection starts reading: no hook is called. */
  reset(): void {
    this.#paused = false;
  }
}
