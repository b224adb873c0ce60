/**
 * The kit's memory accounting: what a packet is charged, queues bounded in heap bytes as well as
 * Godot's wire bytes, a budget shared by many queues (and the order it wakes them in), the
 * compact store of packets that arrived after reading paused, and back-pressure through it.
 */
import { describe, expect, it } from 'vitest';
import {
  ARRAY_BUFFER_BYTES, ARRAY_VIEW_BYTES, EMPTY_PACKET, ErrorCode, GodotError, MemoryBudget, PacketPeer, PacketQueue,
  PacketSpool, QUEUE_ENTRY_BYTES, ReadSwitch, packetMemoryCost, packetMemoryEstimate, type PacketPeerOptions,
} from '../../../src/index.js';

const view = (length: number): Uint8Array => new Uint8Array(new ArrayBuffer(length + 8), 4, length);

describe('packetMemoryCost', () => {
  it('charges the entry, the array object, its own buffer if it has one, and the bytes', () => {
    expect(packetMemoryCost(EMPTY_PACKET)).toBe(QUEUE_ENTRY_BYTES);
    expect(packetMemoryCost(EMPTY_PACKET, true)).toBe(QUEUE_ENTRY_BYTES);
    expect(packetMemoryCost(view(10))).toBe(QUEUE_ENTRY_BYTES + ARRAY_VIEW_BYTES + 10);
    expect(packetMemoryCost(new Uint8Array(10), true)).toBe(QUEUE_ENTRY_BYTES + ARRAY_VIEW_BYTES + ARRAY_BUFFER_BYTES + 10);
    expect(packetMemoryCost(new Uint8Array(0), true)).toBe(QUEUE_ENTRY_BYTES + ARRAY_VIEW_BYTES + ARRAY_BUFFER_BYTES);
    // A queue knows which kind its transport gives it.
    const own = new PacketQueue<number>({ maxPackets: 10, maxBytes: Infinity, ownBuffers: true });
    own.push(new Uint8Array(10), 1);
    expect(own.memory).toBe(packetMemoryCost(new Uint8Array(10), true));
    // (Peers keep empty packets as EMPTY_PACKET.)
    expect(packetMemoryEstimate(0)).toBe(packetMemoryCost(EMPTY_PACKET));
    for (const length of [1, 100]) {
      expect(packetMemoryEstimate(length)).toBeGreaterThanOrEqual(packetMemoryCost(new Uint8Array(length), true));
      expect(packetMemoryEstimate(length)).toBeGreaterThanOrEqual(packetMemoryCost(view(length)));
    }
  });

  it('the empty packet is shared and cannot be written', () => {
    expect(EMPTY_PACKET).toHaveLength(0);
    expect(Object.isFrozen(EMPTY_PACKET)).toBe(true);
  });
});

describe('PacketQueue memory limits', () => {
  it('refuses a packet over maxMemory, whatever Godot\'s limits allow, and gives the memory back', () => {
    const cost = packetMemoryCost(view(1));
    const queue = new PacketQueue<number>({ maxPackets: Infinity, maxBytes: Infinity, maxMemory: 3 * cost });
    for (let i = 0; i < 3; i++) expect(queue.push(view(1), i)).toBe(true);
    expect(queue.push(view(1), 3)).toBe(false);
    expect(queue.memory).toBe(3 * cost);
    expect(queue.dropped).toBe(1);
    queue.shift();
    expect(queue.memory).toBe(2 * cost);
    expect(queue.push(EMPTY_PACKET, 4)).toBe(true);
    queue.clear();
    expect(queue.memory).toBe(0);
  });

  it('charges a shared budget, which refuses for every queue once spent', () => {
    const cost = packetMemoryCost(view(1));
    const budget = new MemoryBudget(2 * cost);
    const a = new PacketQueue<number>({ maxPackets: 10, maxBytes: Infinity, budget });
    const b = new PacketQueue<number>({ maxPackets: 10, maxBytes: Infinity, budget });
    expect(a.push(view(1), 1)).toBe(true);
    expect(b.push(view(1), 2)).toBe(true);
    expect(a.push(view(1), 3)).toBe(false);
    expect(b.fitsPacket(view(1))).toBe(false);
    expect(budget.used).toBe(2 * cost);
    expect(budget.peak).toBe(2 * cost);
    b.shift();
    expect(budget.used).toBe(cost);
    // Moving a queue to another budget moves its memory.
    const other = new MemoryBudget(Infinity);
    a.limits = { ...a.limits, budget: other };
    expect([budget.used, other.used]).toEqual([0, cost]);
  });

  it('recounts wire bytes when the per-packet overhead changes', () => {
    const queue = new PacketQueue<number>({ maxPackets: 10, maxBytes: 100 });
    queue.push(view(10), 1);
    queue.limits = { maxPackets: 10, maxBytes: 100, overheadPerPacket: 24 };
    expect(queue.bytes).toBe(34);
    queue.shift();
    expect(queue.bytes).toBe(0);
  });
});

describe('MemoryBudget', () => {
  it('checks its limit', () => {
    expect(() => new MemoryBudget(-1)).toThrow(GodotError);
    expect(() => new MemoryBudget(Number.NaN)).toThrow(GodotError);
    expect(new MemoryBudget().limit).toBe(64 * 1024 * 1024);
    expect(new MemoryBudget(Infinity).fits(2 ** 40)).toBe(true);
  });

  it('wakes waiters in order; one that found too little keeps its place, nobody overtakes it', () => {
    const budget = new MemoryBudget(100);
    budget.charge(100);
    const log: string[] = [];
    const waiter = (name: string, need: number): (() => void) => {
      const resume = (): void => {
        if (budget.fits(need)) {
          budget.charge(need);
          log.push(name);
        } else {
          budget.waitForRoom(resume);
        }
      };
      return resume;
    };
    const big = waiter('big', 50);
    const small = waiter('small', 10);
    budget.waitForRoom(big);
    budget.waitForRoom(small);
    expect(budget.waiting).toBe(2);
    // Someone new does not overtake the waiting ones, even when there is room for it.
    budget.release(20);
    expect(budget.fits(10)).toBe(false);
    expect(log).toEqual([]);
    budget.release(30);
    expect(log).toEqual(['big']);
    budget.release(10);
    expect(log).toEqual(['big', 'small']);
    expect(budget.waiting).toBe(0);
    budget.stopWaiting(big);
  });

  it('a waiter that took room and still waits goes to the back: queues take turns', () => {
    const budget = new MemoryBudget(10);
    budget.charge(10);
    const log: string[] = [];
    const hungry = (name: string): (() => void) => {
      const resume = (): void => {
        while (budget.fits(5)) {
          budget.charge(5);
          log.push(name);
        }
        budget.waitForRoom(resume);
      };
      return resume;
    };
    const a = hungry('a');
    const b = hungry('b');
    budget.waitForRoom(a);
    budget.waitForRoom(b);
    for (let i = 0; i < 4; i++) budget.release(5);
    expect(log).toEqual(['a', 'b', 'a', 'b']);
    budget.stopWaiting(a);
    budget.stopWaiting(b);
    expect(budget.waiting).toBe(0);
  });
});

describe('PacketSpool', () => {
  it('keeps packets compactly and in order, with their infos, copying them', () => {
    const spool = new PacketSpool<string>();
    const source = Uint8Array.of(1, 2, 3);
    spool.push(source, 'a');
    spool.push(EMPTY_PACKET, 'a');
    spool.push(Uint8Array.of(9), 'b');
    source[0] = 99;
    expect([spool.count, spool.bytes]).toEqual([3, 4]);
    expect(spool.shift()).toEqual({ data: Uint8Array.of(1, 2, 3), info: 'a' });
    expect(spool.peek()?.data).toBe(EMPTY_PACKET);
    expect(spool.shift()?.info).toBe('a');
    expect(spool.shift()).toEqual({ data: Uint8Array.of(9), info: 'b' });
    expect(spool.shift()).toBeUndefined();
  });

  it('grows for many packets and big ones; views handed out stay valid', () => {
    const spool = new PacketSpool<number>();
    for (let i = 0; i < 10_000; i++) spool.push(Uint8Array.of(i & 0xff, i >> 8), i);
    spool.push(new Uint8Array(100_000).fill(5), -1);
    const first = spool.shift();
    for (let i = 0; i < 5; i++) spool.push(Uint8Array.of(7), 7);
    expect(first?.data).toEqual(Uint8Array.of(0, 0));
    for (let i = 1; i < 10_000; i++) {
      const item = spool.shift();
      expect(item?.info).toBe(i);
      expect(item?.data).toEqual(Uint8Array.of(i & 0xff, i >> 8));
    }
    expect(spool.shift()?.data.length).toBe(100_000);
    expect(spool.count).toBe(5);
  });
});

describe('ReadSwitch', () => {
  it('calls each hook once per change, and not at all on reset', () => {
    const calls: string[] = [];
    const reading = new ReadSwitch({ pause: () => calls.push('pause'), resume: () => calls.push('resume') });
    reading.resume();
    reading.pause();
    reading.pause();
    expect(reading.paused).toBe(true);
    reading.resume();
    reading.resume();
    reading.pause();
    reading.reset();
    reading.resume();
    expect(calls).toEqual(['pause', 'resume', 'pause']);
  });
});

/** A push transport with a shared budget: what the "network" delivers goes to `_receive`. */
class Pushed extends PacketPeer {
  pauses = 0;
  resumes = 0;

  constructor(options: PacketPeerOptions) {
    super(options, { maxPackets: Infinity, maxBytes: Infinity });
  }

  arrive(data: Uint8Array): void {
    this._receive(data, undefined);
  }

  end(): void {
    this._ended();
  }

  protected override get _canPauseReading(): boolean {
    return true;
  }

  protected override _pauseReading(): void {
    this.pauses++;
  }

  protected override _resumeReading(): void {
    this.resumes++;
  }

  protected _putPacket(): ErrorCode {
    return ErrorCode.OK;
  }

  protected _getMaxPacketSize(): number {
    return 1000;
  }

  protected _close(): void {}
}

describe('back-pressure on memory', () => {
  it('maxQueuedMemory: a full queue pauses reading, keeps what arrives, and resumes when read', () => {
    const cost = packetMemoryCost(view(1));
    const peer = new Pushed({ maxQueuedMemory: 2 * cost });
    expect(peer.maxQueuedMemory).toBe(2 * cost);
    for (let i = 0; i < 5; i++) peer.arrive(view(1).fill(i));
    expect([peer.getAvailablePacketCount(), peer.pauses]).toEqual([2, 1]);
    const seen: number[] = [];
    while (peer.getAvailablePacketCount() > 0) seen.push(peer.getPacket()[0] as number);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
    expect(peer.resumes).toBe(1);
    expect(peer.droppedPackets).toBe(0);
    expect(() => new Pushed({ maxQueuedMemory: -1 })).toThrow(GodotError);
  });

  it('a shared budget: a peer waits for another to be read, and a closed peer stops counting', () => {
    const cost = packetMemoryCost(view(1));
    const budget = new MemoryBudget(2 * cost);
    const a = new Pushed({ memoryBudget: budget });
    const b = new Pushed({ memoryBudget: budget });
    expect(a.memoryBudget).toBe(budget);
    a.arrive(view(1).fill(1));
    a.arrive(view(1).fill(2));
    b.arrive(view(1).fill(3));
    expect([a.getAvailablePacketCount(), b.getAvailablePacketCount(), b.pauses]).toEqual([2, 0, 1]);
    expect(a.getPacket()[0]).toBe(1);
    // The room went to b's waiting packet; the budget is full again, so b still does not read.
    expect([b.getAvailablePacketCount(), b.resumes]).toEqual([1, 0]);
    expect(a.queuedMemory + b.queuedMemory).toBe(budget.used);
    expect(b.getPacket()[0]).toBe(3);
    expect(b.resumes).toBe(1);
    a.end();
    expect(budget.used).toBe(0);
    expect(a.getPacket()[0]).toBe(2);
    expect(budget.used).toBe(0);
  });

  it('empty packets become the one shared empty array', () => {
    const peer = new Pushed({});
    peer.arrive(new Uint8Array(0));
    expect(peer.queuedMemory).toBe(QUEUE_ENTRY_BYTES);
    expect(peer.getPacket()).toBe(EMPTY_PACKET);
  });
});
