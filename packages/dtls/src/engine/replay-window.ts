/**
 * The anti-replay window (RFC 6347 §4.1.2.6): records older than the window or already seen are
 * discarded. A record is marked seen only after it authenticates, so forged records cannot move
 * the window.
 */
export class ReplayWindow {
  readonly #size: number;
  /** Highest sequence number accepted so far, -1 before the first. */
  #top = -1;
  /** Bit i set = sequence `top - i` was seen. Bit 0 is `top` itself. */
  #bits = 0n;

  constructor(size = 64) {
    if (!Number.isInteger(size) || size < 1 || size > 1024) throw new RangeError(`replay window size must be 1…1024, got ${size}`);
    this.#size = size;
  }

  /** Whether a record with `sequence` could be new (check before decrypting). */
  mayAccept(sequence: number): boolean {
    if (sequence > this.#top) return true;
    const age = this.#top - sequence;
    if (age >= this.#size) return false;
    return ((this.#bits >> BigInt(age)) & 1n) === 0n;
  }

  /** Records `sequence` as seen (after it authenticated). */
  accept(sequence: number): void {
    if (sequence > this.#top) {
      const shift = this.#top < 0 ? this.#size : sequence - this.#top;
      this.#bits = shift >= this.#size ? 1n : ((this.#bits << BigInt(shift)) | 1n) & this.#mask();
      this.#top = sequence;
    } else {
      this.#bits |= 1n << BigInt(this.#top - sequence);
    }
  }

  #mask(): bigint {
    return (1n << BigInt(this.#size)) - 1n;
  }
}
