/**
 * A bounded FIFO of received packets. Full means full: a packet that does not fit is refused
 * (and counted), never buffered past the limits.
 */
export interface PacketQueueLimits {
  /** Most packets held at once. */
  maxPackets: number;
  /** Most bytes held at once, counting `overheadPerPacket` for each packet. */
  maxBytes: number;
  /** Bytes charged per packet on top of its length (Godot's UDP ring charges 24). */
  overheadPerPacket?: number;
}

export interface QueuedPacket<Info> {
  readonly data: Uint8Array;
  readonly info: Info;
}

export class PacketQueue<Info> {
  #items: Array<QueuedPacket<Info>> = [];
  #head = 0;
  #bytes = 0;
  #dropped = 0;
  limits: Required<PacketQueueLimits>;

  constructor(limits: PacketQueueLimits) {
    this.limits = { overheadPerPacket: 0, ...limits };
  }

  get count(): number {
    return this.#items.length - this.#head;
  }

  /** Bytes held, including the per-packet overhead. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Packets refused because the queue was full, since creation. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Whether a packet of `length` bytes would fit now. */
  fits(length: number): boolean {
    const { maxPackets, maxBytes, overheadPerPacket } = this.limits;
    return this.count < maxPackets && this.#bytes + length + overheadPerPacket <= maxBytes;
  }

  /** Appends a packet; returns false (and counts a drop) when it does not fit. */
  push(data: Uint8Array, info: Info): boolean {
    if (!this.fits(data.length)) {
      this.#dropped++;
      return false;
    }
    this.#items.push({ data, info });
    this.#bytes += data.length + this.limits.overheadPerPacket;
    return true;
  }

  peek(): QueuedPacket<Info> | undefined {
    return this.#items[this.#head];
  }

  shift(): QueuedPacket<Info> | undefined {
    const item = this.#items[this.#head];
    if (item === undefined) return undefined;
    this.#items[this.#head] = undefined as unknown as QueuedPacket<Info>;
    this.#head++;
    this.#bytes -= item.data.length + this.limits.overheadPerPacket;
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }

  clear(): void {
    this.#items = [];
    this.#head = 0;
    this.#bytes = 0;
  }
}
