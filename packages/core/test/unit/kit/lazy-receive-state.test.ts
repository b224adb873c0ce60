/**
 * A peer makes its receive queue with the first packet it queues, and a child connection's
 * route is one object holding its share (a server holds one peer per connection, most of them
 * idle or routed). A peer whose queue is made late must behave exactly as one whose queue was
 * made early: counts, limits set before, the budget, iteration and events.
 */
import { describe, expect, it } from 'vitest';
import {
  ErrorCode, MemoryBudget, packetMemoryCost,
  type ReceiveLimits,
} from '../../../src/index.js';
import { PushPeer, TestServer } from '../../support/test-peers.js';

/** A push transport that cannot pause unless told to. */
class Peer extends PushPeer<number> {
  override canPause = false;

  constructor(options: { maxQueuedMemory?: number } = {}) {
    super(options, { maxPackets: 8, maxBytes: 1 << 20 });
  }

  arrive(...bytes: number[]): void {
    for (const byte of bytes) this._receive(Uint8Array.of(byte), byte);
  }

  deliver(byte: number): boolean {
    return this._deliver(Uint8Array.of(byte), byte);
  }

  setLimits(limits: Partial<ReceiveLimits>): void {
    this._setReceiveLimits(limits);
  }

  setBudget(budget: MemoryBudget | null): void {
    this._setMemoryBudget(budget);
  }

  discard(): void {
    this._discardReceived();
  }

  reopen(): void {
    this._opened();
  }
}

const ONE_BYTE = packetMemoryCost(Uint8Array.of(0));

/** What a reader can see of a peer and its budget. */
function state(peer: Peer, budget: MemoryBudget): unknown {
  return {
    count: peer.getAvailablePacketCount(), dropped: peer.droppedPackets, memory: peer.queuedMemory,
    budget: budget.used, max: peer.maxQueuedMemory, reading: peer.reading,
  };
}

/** One scripted life of a peer; returns what was seen after each step. */
async function script(peer: Peer): Promise<unknown[]> {
  const budget = new MemoryBudget(ONE_BYTE * 5);
  const seen: unknown[] = [];
  const step = (label: string): void => void seen.push([label, state(peer, budget)]);
  peer.setLimits({ maxPackets: 3, maxMemory: ONE_BYTE * 4 });
  peer.setBudget(budget);
  step('limits and budget set');
  peer.arrive(1, 2, 3, 4);
  step('a full queue drops');
  const first = peer.getPacket();
  seen.push(['taken', [...first], peer.getPacketError()]);
  peer.close();
  step('closed: the budget is released, the packets stay');
  peer.reopen();
  step('reopened: charged again');
  const iterated: number[] = [];
  for await (const packet of peer.packets()) {
    iterated.push(packet[0] as number);
    if (iterated.length === 2) break;
  }
  seen.push(['iterated', iterated]);
  const heard: number[] = [];
  const listener = (packet: Uint8Array): void => void heard.push(packet[0] as number);
  peer.on('packet', listener);
  peer.arrive(5);
  seen.push(['listener', heard]);
  peer.off('packet', listener);
  peer.canPause = true;
  peer.arrive(6, 7, 8, 9);
  step('paused with packets held');
  peer.discard();
  step('discarded: reading resumes');
  peer.arrive(10);
  step('one more');
  peer.setBudget(null);
  step('no budget');
  seen.push(['get', [...peer.getPacket()], peer.getPacketError(), [...peer.getPacket()], peer.getPacketError()]);
  return seen;
}

describe('receive state made on first use', () => {
  it('a fresh peer reads as an empty queue with its limits', () => {
    const peer = new Peer({ maxQueuedMemory: 1000 });
    expect([peer.getAvailablePacketCount(), peer.droppedPackets, peer.queuedMemory, peer.maxQueuedMemory]).toEqual([0, 0, 0, 1000]);
    expect(peer.getPacket()).toHaveLength(0);
    expect(peer.getPacketError()).toBe(ErrorCode.ERR_UNAVAILABLE);
    expect(peer.getVar()).toBeNull();
    expect(peer.lastVarError?.code).toBe(ErrorCode.ERR_UNAVAILABLE);
  });

  it('a peer whose queue is made late behaves as one whose queue was made early', async () => {
    const early = new Peer();
    early.arrive(0);
    expect(early.getPacket()).toHaveLength(1);
    const late = new Peer();
    const seen = await script(late);
    expect(seen).toEqual(await script(early));
    // The script does what it says (so that a wrong lazy queue shows as a difference above).
    expect(seen[1]).toEqual(['a full queue drops', { count: 3, dropped: 1, memory: ONE_BYTE * 3, budget: ONE_BYTE * 3, max: ONE_BYTE * 4, reading: true }]);
    expect(seen[3]).toEqual(['closed: the budget is released, the packets stay', expect.objectContaining({ count: 2, budget: 0 })]);
    expect(seen[4]).toEqual(['reopened: charged again', expect.objectContaining({ count: 2, budget: ONE_BYTE * 2 })]);
    expect(seen[5]).toEqual(['iterated', [2, 3]]);
    expect(seen[6]).toEqual(['listener', [5]]);
    expect(seen[7]).toEqual(['paused with packets held', expect.objectContaining({ count: 3, reading: false })]);
    expect(seen[8]).toEqual(['discarded: reading resumes', expect.objectContaining({ count: 0, budget: 0, reading: true })]);
  });

  it('limits set before the first packet apply to _deliver too', () => {
    const peer = new Peer();
    peer.setLimits({ maxPackets: 1 });
    expect(peer.deliver(1)).toBe(true);
    expect(peer.deliver(2)).toBe(false);
    expect([peer.getAvailablePacketCount(), peer.droppedPackets]).toEqual([1, 1]);
  });
});

class Parent extends TestServer {
  constructor() {
    super({ maxPackets: 100, maxBytes: 1 << 20 });
  }

  attach(child: Peer, id: number): void {
    this._attachChild(child, id);
  }

  detach(child: Peer): void {
    this._detachChild(child);
  }

  forget(id: number): void {
    this._forgetShare(id);
  }
}

describe('a child’s route and share', () => {
  it('holds a child to its own maxQueuedMemory in the parent’s queue, each child to its own', () => {
    const parent = new Parent();
    const small = new Peer({ maxQueuedMemory: ONE_BYTE * 2 });
    const large = new Peer({ maxQueuedMemory: ONE_BYTE * 3 });
    small.canPause = large.canPause = true;
    parent.attach(small, 5);
    parent.attach(large, 6);
    small.arrive(1, 2, 3);
    large.arrive(4, 5, 6, 7);
    expect([small.reading, large.reading]).toEqual([false, false]);
    expect(parent.getAvailablePacketCount()).toBe(5);
    expect(small.getAvailablePacketCount()).toBe(0);
    // Taking one of the small child's packets makes room in its share: its held packet moves on.
    expect([parent.getPacketPeer(), [...parent.getPacket()]]).toEqual([5, [1]]);
    expect(small.reading).toBe(true);
    expect(parent.getAvailablePacketCount()).toBe(5);
    const order: number[] = [];
    while (parent.getAvailablePacketCount() > 0) {
      order.push(parent.getPacketPeer());
      parent.getPacket();
    }
    expect(order).toEqual([5, 6, 6, 6, 5, 6]);
    expect(large.reading).toBe(true);
  });

  it('a forgotten share stops counting; a detached child that never received queues its own packets', () => {
    const parent = new Parent();
    const child = new Peer({ maxQueuedMemory: ONE_BYTE });
    child.canPause = true;
    child.setLimits({ maxPackets: 2 });
    parent.attach(child, 9);
    parent.forget(9);
    child.arrive(1, 2, 3);
    // Not charged to a share any more: its limit no longer holds it back.
    expect([parent.getAvailablePacketCount(), child.reading]).toEqual([3, true]);
    const other = new Peer();
    other.setLimits({ maxPackets: 2 });
    parent.attach(other, 10);
    parent.detach(other);
    other.arrive(4, 5, 6);
    expect([other.getAvailablePacketCount(), other.droppedPackets, parent.getAvailablePacketCount()]).toEqual([2, 1, 3]);
  });
});
