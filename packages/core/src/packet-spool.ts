import { EMPTY_PACKET } from './packet-memory.js';

const INITIAL_BYTES = 1024;
const INITIAL_PACKETS = 64;

/**
 * Packets that arrived after reading was paused, kept compactly until there is room for them.
 *
 * A transport cannot always stop at once: `ws` parses the whole chunk one socket read brought
 * in (up to 64 KiB: eleven thousand empty messages) even after it was told to pause. Kept as
 * objects those would cost some 150 heap bytes each; here their bytes are copied into one
 * growing buffer and their lengths into another, so what waits costs about its wire size (one
 * byte of payload costs five), and a paused connection holds at most one read's worth of bytes.
 * Packet infos are stored once per run of equal infos (transports share frozen info objects).
 */
export class PacketSpool<Info> {
  #bytes = new Uint8Array(INITIAL_BYTES);
  #lengths = new Int32Array(INITIAL_PACKETS);
  /** Infos as runs: `#infos[i]` describes the next `#runs[i]` packets. */
  #infos: Info[] = [];
  #runs: number[] = [];
  #run = 0;
  #write = 0;
  #read = 0;
  #count = 0;
  #taken = 0;

  /** Packets waiting. */
  get count(): number {
    return this.#count - this.#taken;
  }

  /** Bytes of payload waiting. */
  get bytes(): number {
    return this.#write - this.#read;
  }

  /** Appends a copy of `data` (the caller keeps `data`). */
  push(data: Uint8Array, info: Info): void {
    if (this.#count === this.#lengths.length) this.#lengths = grown(this.#lengths, this.#count + 1);
    if (this.#write + data.length > this.#bytes.length) this.#bytes = grown(this.#bytes, this.#write + data.length);
    this.#bytes.set(data, this.#write);
    this.#write += data.length;
    this.#lengths[this.#count++] = data.length;
    const last = this.#infos.length - 1;
    if (last >= 0 && this.#infos[last] === info) {
      this.#runs[last] = (this.#runs[last] as number) + 1;
    } else {
      this.#infos.push(info);
      this.#runs.push(1);
    }
  }

  /**
   * The oldest packet, not taken yet: a view of this spool's memory, never written again (the
   * spool starts a new buffer when it empties), or `EMPTY_PACKET`.
   */
  peek():
    | {
        /** The packet's bytes (a view, see above). */
        data: Uint8Array;
        /** The packet info given when it was added. */
        info: Info;
      }
    | undefined {
    if (this.count === 0) return undefined;
    const length = this.#lengths[this.#taken] as number;
    const data = length === 0 ? EMPTY_PACKET : this.#bytes.subarray(this.#read, this.#read + length);
    return { data, info: this.#infos[this.#run] as Info };
  }

  /** Drops the oldest packet (after {@link peek}). */
  drop(): void {
    if (this.count === 0) return;
    this.#read += this.#lengths[this.#taken++] as number;
    const runs = this.#runs;
    runs[this.#run] = (runs[this.#run] as number) - 1;
    if (runs[this.#run] === 0) this.#run++;
    if (this.count === 0) this.clear();
  }

  /** Takes the oldest packet ({@link peek}, then {@link drop}). */
  shift():
    | {
        /** The packet's bytes (a view, as from {@link peek}). */
        data: Uint8Array;
        /** The packet info given when it was added. */
        info: Info;
      }
    | undefined {
    const item = this.peek();
    this.drop();
    return item;
  }

  /** Drops everything; the next packets go to fresh memory (views handed out stay valid). */
  clear(): void {
    this.#bytes = new Uint8Array(INITIAL_BYTES);
    this.#lengths = new Int32Array(INITIAL_PACKETS);
    this.#infos = [];
    this.#runs = [];
    this.#run = 0;
    this.#write = this.#read = this.#count = this.#taken = 0;
  }
}

function grown<T extends Uint8Array | Int32Array>(array: T, needed: number): T {
  let size = array.length * 2;
  while (size < needed) size *= 2;
  const next = new (array.constructor as new (length: number) => T)(size);
  next.set(array);
  return next;
}
