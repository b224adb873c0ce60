/**
 * Outgoing flights (RFC 6347 §4.2.4): the messages of one flight, kept so the whole flight can
 * be sent again, and the retransmission timer (initial timeout, doubling, failure once the
 * longest wait expired — mbedTLS' schedule).
 */

/** One entry of a flight: a whole handshake message (header + body) or a ChangeCipherSpec. */
export type FlightEntry =
  | { readonly kind: 'handshake'; readonly epoch: number; readonly message: Uint8Array }
  | { readonly kind: 'change-cipher-spec'; readonly epoch: number };

export class RetransmitTimer {
  readonly #min: number;
  readonly #max: number;
  #interval: number;
  #deadline: number | undefined;

  constructor(min: number, max: number) {
    this.#min = min;
    this.#max = max;
    this.#interval = min;
  }

  /** A new flight went out: wait the initial timeout. */
  start(now: number): void {
    this.#interval = this.#min;
    this.#deadline = now + this.#interval;
  }

  stop(): void {
    this.#deadline = undefined;
  }

  get deadline(): number | undefined {
    return this.#deadline;
  }

  /** The timer expired: `retransmit` (the timer now waits twice as long) or `give-up`. */
  expire(now: number): 'retransmit' | 'give-up' {
    if (this.#interval >= this.#max) {
      this.#deadline = undefined;
      return 'give-up';
    }
    this.#interval = Math.min(this.#interval * 2, this.#max);
    this.#deadline = now + this.#interval;
    return 'retransmit';
  }
}
