/**
 * PacketPeerStream framing (`u32` little-endian length + payload) recovered from a TCP byte stream
 * in one direction, as it passes. Bytes that cannot be such frames (an absurd length: the game
 * speaks something else on this connection) are reported as raw chunks from then on; nothing is
 * ever held beyond one frame of at most `maxFrame` bytes.
 */
export interface SplitOutput {
  frame(bytes: Uint8Array): void;
  raw(bytes: Uint8Array, reason: string): void;
}

export class FrameSplitter {
  #pending: Uint8Array = new Uint8Array(0);
  #unframed: string | null = null;

  constructor(
    private readonly maxFrame: number,
    private readonly out: SplitOutput,
  ) {}

  push(chunk: Uint8Array): void {
    if (this.#unframed !== null) {
      this.out.raw(chunk, this.#unframed);
      return;
    }
    let data = this.#pending.length === 0 ? chunk : concat(this.#pending, chunk);
    for (;;) {
      if (data.length < 4) break;
      const length = new DataView(data.buffer, data.byteOffset, data.byteLength).getUint32(0, true);
      if (length > this.maxFrame) {
        this.#unframed = `not PacketPeerStream framing (a frame of ${length} bytes is above the ${this.maxFrame}-byte limit)`;
        this.out.raw(data, this.#unframed);
        data = new Uint8Array(0);
        break;
      }
      if (data.length < 4 + length) break;
      this.out.frame(data.slice(4, 4 + length));
      data = data.subarray(4 + length);
    }
    this.#pending = data.slice();
  }

  /** The stream ended: whatever is left is an incomplete frame. */
  end(): void {
    if (this.#pending.length > 0 && this.#unframed === null) this.out.raw(this.#pending, 'the connection ended inside a frame');
    this.#pending = new Uint8Array(0);
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
