/** An emitter's events: each event name maps to the tuple of arguments its listeners receive. */
export type EventMap = Record<string, unknown[]>;
/** A listener for an event whose arguments are `Args`. */
export type Listener<Args extends unknown[]> = (...args: Args) => void;

/** A listener's error, rethrown on a fresh task (as `EventTarget` reports it). */
function reportLater(error: unknown): void {
  setTimeout(() => {
    throw error;
  }, 0);
}

/**
 * `listener`, removed from `emitter` before its first call. (A function, not a private method:
 * one of those would cost every emitter a field.)
 */
function onceWrapper<Events extends EventMap, E extends keyof Events>(emitter: Emitter<Events>, event: E, listener: Listener<Events[E]>): Listener<Events[E]> {
  const wrapper = (...args: Events[E]): void => {
    emitter.off(event, wrapper);
    listener(...args);
  };
  return wrapper;
}

/**
 * A small typed event emitter that runs in browsers and Node alike. A listener that throws does
 * not break the emitter or the code that emitted: the error is rethrown on a fresh task, the way
 * `EventTarget` reports listener errors.
 */
export class Emitter<Events extends EventMap> {
  // Created with the first listener: peers are many (one per connection) and most have few.
  // The lists are never changed in place (adding or removing makes a new one), so that `emit`
  // can walk one without copying it (it runs once per packet) and still call exactly the
  // listeners attached when it started.
  #listeners: Map<keyof Events, ReadonlyArray<Listener<never>>> | null = null;

  /** Adds a listener. */
  on<E extends keyof Events>(event: E, listener: Listener<Events[E]>): this {
    this.#listeners ??= new Map();
    const list = this.#listeners.get(event);
    this.#listeners.set(event, list ? [...list, listener as Listener<never>] : [listener as Listener<never>]);
    this._listenersChanged(event);
    return this;
  }

  /** Adds a listener that is removed after its first call. */
  once<E extends keyof Events>(event: E, listener: Listener<Events[E]>): this {
    return this.on(event, onceWrapper(this, event, listener));
  }

  /** Removes a listener added with `on` (or all listeners of `event` when none is given). */
  off<E extends keyof Events>(event: E, listener?: Listener<Events[E]>): this {
    const list = this.#listeners?.get(event);
    if (!list) return this;
    if (listener === undefined) {
      this.#listeners?.delete(event);
    } else {
      const at = list.indexOf(listener as Listener<never>);
      if (at !== -1) {
        if (list.length === 1) this.#listeners?.delete(event);
        else this.#listeners?.set(event, [...list.slice(0, at), ...list.slice(at + 1)]);
      }
    }
    // An emitter without listeners holds no map (a server holds thousands of idle peers).
    if (this.#listeners?.size === 0) this.#listeners = null;
    this._listenersChanged(event);
    return this;
  }

  /** Number of listeners for `event`. */
  listenerCount(event: keyof Events): number {
    return this.#listeners?.get(event)?.length ?? 0;
  }

  /** Calls every listener of `event`; returns whether there was any. */
  protected emit<E extends keyof Events>(event: E, ...args: Events[E]): boolean {
    const list = this.#listeners?.get(event);
    if (!list) return false;
    for (const listener of list) {
      try {
        (listener as Listener<Events[E]>)(...args);
      } catch (error) {
        reportLater(error);
      }
    }
    return true;
  }

  /**
   * `emit` for an event of two arguments, without the arguments array and spread call `emit`
   * makes: for events that fire once per packet.
   */
  protected _emitPair<E extends keyof Events>(event: E, first: Events[E][0], second: Events[E][1]): boolean {
    const list = this.#listeners?.get(event);
    if (!list) return false;
    for (let i = 0; i < list.length; i++) {
      try {
        (list[i] as unknown as (a: Events[E][0], b: Events[E][1]) => void)(first, second);
      } catch (error) {
        reportLater(error);
      }
    }
    return true;
  }

  /** Called after listeners of `event` were added or removed. */
  protected _listenersChanged(_event: keyof Events): void {}

  /**
   * Adds a listener that runs once, before every listener `event` has now (for the owner of an
   * emitter, which must hear of an event first, and only when it comes).
   */
  protected _prependOnce<E extends keyof Events>(event: E, listener: Listener<Events[E]>): void {
    const wrapper = onceWrapper(this, event, listener) as Listener<never>;
    this.#listeners ??= new Map();
    const list = this.#listeners.get(event);
    this.#listeners.set(event, list ? [wrapper, ...list] : [wrapper]);
    this._listenersChanged(event);
  }
}
