import type { MemoryBudget } from './memory-budget.js';
import { packetMemoryCost } from './packet-memory.js';
import { SharedRecords } from './shared-records.js';

/** The limits of a `PacketQueue`: a packet that would exceed any of them is refused (and counted as dropped). */
export interface PacketQueueLimits {
  /** Most packets held at once. */
  maxPackets: number;
  /** Most bytes held at once, counting `overheadPerPacket` for each packet. */
  maxBytes: number;
  /** Bytes charged per packet on top of its length (Godot's UDP ring charges 24). @default 0 */
  overheadPerPacket?: number;
  /** Most heap bytes held at once, each packet charged `packetMemoryCost`. @default Infinity */
  maxMemory?: number;
  /** Heap bytes shared with other queues (a server's); `null` for none. @default null */
  budget?: MemoryBudget | null;
  /**
   * Every packet has an `ArrayBuffer` of its own (Node gives each UDP datagram one): each is
   * charged that too. Otherwise packets are views of buffers they share.
   * @default false
   */
  ownBuffers?: boolean;
}

/** One packet in a `PacketQueue`. */
export interface QueuedPacket<Info> {
  /** The packet's bytes. */
  readonly data: Uint8Array;
  /** The transport's packet info (sender, channel…), as given when it was queued. */
  readonly info: Info;
}

/** Limits with their defaults filled in, frozen (see {@link settleLimits}). */
export type SettledLimits = Readonly<Required<PacketQueueLimits>>;

/** Limits shared by the queues that have equal ones (see `SharedRecords`). */
const sharedLimits = new SharedRecords<SettledLimits>(4, (a, b) =>
  a.maxPackets === b.maxPackets && a.maxBytes === b.maxBytes && a.overheadPerPacket === b.overheadPerPacket
  && a.maxMemory === b.maxMemory && a.budget === b.budget && a.ownBuffers === b.ownBuffers);

/** `limits` with their defaults, as a shared frozen object. */
export function settleLimits(limits: PacketQueueLimits): SettledLimits {
  return sharedLimits.share({ overheadPerPacket: 0, maxMemory: Infinity, budget: null, ownBuffers: false, ...limits });
}

/**
 * A bounded FIFO of received packets. Full means full: a packet that does not fit is refused
 * (and counted), never buffered past the limits. Two kinds of limit apply at once: Godot's, in
 * packets and wire bytes (so a queue holds what Godot's ring buffer would), and memory, each
 * packet charged what it really costs in the heap ({@link packetMemoryCost}) against the queue's
 * own `maxMemory` and a `budget` shared with other queues.
 */
export class PacketQueue<Info> {
  #items: Array<QueuedPacket<Info>> = [];
  #head = 0;
  #bytes = 0;
  #memory = 0;
  #dropped = 0;
  #limits: SettledLimits;

  constructor(limits: PacketQueueLimits) {
    this.#limits = settleLimits(limits);
  }

  /**
   * The limits. Setting them keeps the packets already held (even past new, lower limits: they
   * were accepted) and moves the memory they hold from the old budget to the new one. Read,
   * they are a frozen object that other queues may share.
   */
  get limits(): SettledLimits {
    return this.#limits;
  }

  set limits(limits: PacketQueueLimits) {
    const next = settleLimits(limits);
    const previous = this.#limits;
    // Wire bytes are counted with the overhead of their time: recount them with the new one.
    this.#bytes += this.count * (next.overheadPerPacket - previous.overheadPerPacket);
    this.#limits = next;
    if (previous.budget !== next.budget) {
      previous.budget?.release(this.#memory);
      next.budget?.charge(this.#memory);
    }
  }

  /** Packets held. */
  get count(): number {
    return this.#items.length - this.#head;
  }

  /** Bytes held, including the per-packet overhead. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Heap bytes held, as charged (see {@link packetMemoryCost}). */
  get memory(): number {
    return this.#memory;
  }

  /** Packets refused because the queue was full, since creation. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Whether a packet of `length` bytes costing `memory` heap bytes would fit now. */
  fits(length: number, memory = 0): boolean {
    const { maxPackets, maxBytes, overheadPerPacket, maxMemory, budget } = this.#limits;
    return this.count < maxPackets
      && this.#bytes + length + overheadPerPacket <= maxBytes
      && this.#memory + memory <= maxMemory
      && (budget === null || budget.fits(memory));
  }

  /** What `data` is charged here (see `packetMemoryCost` and {@link PacketQueueLimits.ownBuffers}). */
  costOf(data: Uint8Array): number {
    return packetMemoryCost(data, this.#limits.ownBuffers);
  }

  /** Whether `data` would fit now. */
  fitsPacket(data: Uint8Array): boolean {
    return this.fits(data.length, this.costOf(data));
  }

  /** Appends a packet (costing `cost`, if already worked out); returns false (and counts a drop) when it does not fit. */
  push(data: Uint8Array, info: Info, cost = this.costOf(data)): boolean {
    if (!this.fits(data.length, cost)) {
      this.#dropped++;
      return false;
    }
    this.#items.push({ data, info });
    this.#bytes += data.length + this.#limits.overheadPerPacket;
    this.#charge(cost);
    return true;
  }

  /** The oldest packet without taking it; `undefined` when empty. */
  peek(): QueuedPacket<Info> | undefined {
    return this.#items[this.#head];
  }

  /** Takes the oldest packet and frees its share of the limits; `undefined` when empty. */
  shift(): QueuedPacket<Info> | undefined {
    const item = this.#items[this.#head];
    if (item === undefined) return undefined;
    this.#items[this.#head] = undefined as unknown as QueuedPacket<Info>;
    this.#head++;
    this.#bytes -= item.data.length + this.#limits.overheadPerPacket;
    if (this.#head === this.#items.length) {
      this.#items.length = 0; // keeps the array: a reader that keeps up empties it once per packet
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    this.#release(this.costOf(item.data));
    return item;
  }

  /** Drops every packet (not counted as refused). */
  clear(): void {
    this.#items = [];
    this.#head = 0;
    this.#bytes = 0;
    this.#release(this.#memory);
  }

  #charge(cost: number): void {
    this.#memory += cost;
    this.#limits.budget?.charge(cost);
  }

  #release(cost: number): void {
    if (cost === 0) return;
    this.#memory -= cost;
    this.#limits.budget?.release(cost);
  }
}
