/**
 * The bytes a datagram is sent from. Node may hold on to a send buffer until the OS takes it, so
 * a payload the caller keeps (`putPacket`'s argument) is copied first; one the caller gives up
 * (`putVar`'s fresh encoding) is sent as it is.
 *
 * The copy usually goes through one reused scratch buffer: on a bound socket libuv hands the
 * datagram to the kernel before `send` returns, and then nothing refers to the scratch any more.
 * When the datagram was queued instead, the scratch is left to that send and a new one is made.
 */

/** Largest UDP payload (IPv6 jumbograms aside): the scratch fits any datagram. */
const SCRATCH_SIZE = 65536;

export class SendBuffer {
  #scratch: Buffer | null = null;
  /** The last view of the scratch handed out: the next datagram of the same length reuses it. */
  #view: Buffer | null = null;
  #lent = false;

  /**
   * The buffer to send `data` from. `canReuse` says whether a send from this socket may finish
   * before `send` returns (a bound socket); only then may the scratch serve.
   */
  prepare(data: Uint8Array, owned: boolean, canReuse: boolean): Uint8Array {
    this.#lent = false;
    // node:dgram sends any Uint8Array as it is: no Buffer object around the caller's bytes.
    if (owned) return data;
    let payload: Buffer;
    if (canReuse) {
      const view = this.#view;
      if (view !== null && view.length === data.length) {
        payload = view;
      } else {
        this.#scratch ??= Buffer.allocUnsafeSlow(SCRATCH_SIZE);
        payload = this.#view = this.#scratch.subarray(0, data.length);
      }
      this.#lent = true;
    } else {
      payload = Buffer.allocUnsafe(data.length);
    }
    payload.set(data);
    return payload;
  }

  /** Whether the last `prepare` lent the scratch (only then does `sent` need to know if the send was queued). */
  get lent(): boolean {
    return this.#lent;
  }

  /** After the send: if the datagram was `queued`, the scratch it used belongs to that send. */
  sent(queued: boolean): void {
    if (this.#lent && queued) {
      this.#scratch = null;
      this.#view = null;
    }
    this.#lent = false;
  }
}
