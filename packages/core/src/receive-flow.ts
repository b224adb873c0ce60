/**
 * Flow control of one peer's received packets: where a packet goes (the queue, or a multiplayer
 * peer's route), what happens when it has no room (reading pauses and it waits compactly in a
 * `PacketSpool`, or it is dropped), who is told when room is made (the peer's own reads, the
 * memory budget's wake-ups) and when reading resumes (`ReadSwitch`). `PacketPeer` owns one and
 * exposes it to transports through its protected methods.
 */
import { QUEUE_ENTRY_BYTES, packetMemoryEstimate } from './packet-memory.js';
import type { PacketQueue } from './packet-queue.js';
import { PacketSpool } from './packet-spool.js';
import { ReadSwitch } from './read-switch.js';

/**
 * Where a child connection's received packets go instead of its own queue (see
 * `MultiplayerPeer._attachChild`, whose routes are `ChildRoute`s).
 */
export interface PacketRoute<Info> {
  /**
   * Takes one packet. Returns false when there is no room: the child keeps the packet, pauses
   * reading if it can, and offers it again once resumed. With `force` (a child that cannot
   * pause) the route must take the packet, or drop and count it, and return true.
   */
  offer(data: Uint8Array, info: Info, force: boolean): boolean;
}

/** What the flow needs from its peer and transport. */
export interface FlowHooks<Info> {
  /** The peer's queue, made on first call (a routed child never needs one). */
  queue(): PacketQueue<Info>;
  /** Hands a packet straight to the peer's consumers (iterators, listeners) if it can; whether it did. */
  handOver(data: Uint8Array, info: Info): boolean;
  /** Queues a packet costing `cost`; false (and counted as dropped) when it does not fit. */
  enqueue(data: Uint8Array, info: Info, cost: number): boolean;
  /** Whether the transport can stop reading now. */
  canPause(): boolean;
  pause(): void;
  resume(): void;
}

export class ReceiveFlow<Info> {
  /** Set while a multiplayer peer takes the packets. */
  route: PacketRoute<Info> | null = null;
  readonly #hooks: FlowHooks<Info>;
  readonly #reading: ReadSwitch;
  /** Received packets waiting for room, oldest first; made on first use. */
  #held: PacketSpool<Info> | null = null;
  #flushing = false;
  #waitingForBudget = false;

  constructor(hooks: FlowHooks<Info>) {
    this.#hooks = hooks;
    this.#reading = new ReadSwitch(hooks);
  }

  /** Whether reading is paused for lack of room. */
  get paused(): boolean {
    return this.#reading.paused;
  }

  /** Push-style: the packet goes on if it has room, else waits (reading paused) or is dropped. */
  receive(data: Uint8Array, info: Info): void {
    if (this.#held === null && this.#offer(data, info, false)) return;
    if (!this.#hooks.canPause()) {
      this.#offer(data, info, true);
      return;
    }
    (this.#held ??= new PacketSpool<Info>()).push(data, info);
    this.#reading.pause();
  }

  /** Pull-style: whether a packet of `length` bytes has room now; if not, reading pauses until it has. */
  roomFor(length: number): boolean {
    if (this.route !== null) return true;
    const cost = packetMemoryEstimate(length);
    if (this.#held === null && this.#hooks.queue().fits(length, cost)) return true;
    this.#noRoom(cost);
    this.#reading.pause();
    return false;
  }

  /** Room may have been made: waiting packets move on while it lasts, then reading resumes. */
  flush(): void {
    if (this.#flushing) return;
    this.#flushing = true;
    try {
      const held = this.#held;
      if (held !== null) {
        for (let item = held.peek(); item !== undefined; item = held.peek()) {
          if (!this.#offer(item.data, item.info, false)) return;
          held.drop();
        }
        this.#held = null;
      }
      if (!this.#reading.paused) return;
      if (this.route !== null || this.#hooks.queue().fits(0, QUEUE_ENTRY_BYTES)) this.#reading.resume();
      else this.#noRoom(QUEUE_ENTRY_BYTES);
    } finally {
      this.#flushing = false;
    }
  }

  /** A packet left the queue. */
  taken(): void {
    if (this.#held !== null || this.#reading.paused) this.flush();
  }

  /** A new connection: waiting packets are dropped and reading counts as resumed (no hook called). */
  reset(): void {
    this.#held = null;
    this.#reading.reset();
    this.stopWaitingForBudget();
  }

  /** Drops the packets waiting for room (the peer has emptied its queue); reading resumes if there is room. */
  discard(): void {
    this.#held = null;
    this.flush();
  }

  /** Stops waiting for the budget (the queue is about to charge another one, or none). */
  stopWaitingForBudget(): void {
    if (!this.#waitingForBudget) return;
    this.#waitingForBudget = false;
    this.#hooks.queue().limits.budget?.stopWaiting(this.#onBudgetRoom);
  }

  /**
   * Whether the budget is why `data` does not fit; if so `resume` is called once it has room.
   * For routes into this queue.
   */
  waitForBudget(data: Uint8Array, resume: () => void): boolean {
    const queue = this.#hooks.queue();
    const budget = queue.limits.budget;
    if (budget === null || budget.fits(queue.costOf(data))) return false;
    budget.waitForRoom(resume);
    return true;
  }

  /** Offers a packet to the route or the queue; false when there is no room (unless `force`). */
  #offer(data: Uint8Array, info: Info, force: boolean): boolean {
    const route = this.route;
    if (route !== null) return route.offer(data, info, force);
    if (this.#hooks.handOver(data, info)) return true;
    const queue = this.#hooks.queue();
    const cost = queue.costOf(data);
    if (!force && !queue.fits(data.length, cost)) {
      this.#noRoom(cost);
      return false;
    }
    this.#hooks.enqueue(data, info, cost);
    return true;
  }

  /** There is no room for a packet costing `cost`: if the budget is why, wait for it. */
  #noRoom(cost: number): void {
    const budget = this.#hooks.queue().limits.budget;
    if (budget === null || this.#waitingForBudget || budget.fits(cost)) return;
    this.#waitingForBudget = true;
    budget.waitForRoom(this.#onBudgetRoom);
  }

  readonly #onBudgetRoom = (): void => {
    this.#waitingForBudget = false;
    this.flush();
  };
}
