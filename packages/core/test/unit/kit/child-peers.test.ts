/**
 * The kit's protected API, used as a transport would: back-pressure on received packets
 * (`_receive`), a multiplayer peer fed by child connections (`_attachChild`), and the error
 * surface (`_emitError`, `lastError`, `lastVarError`).
 */
import { describe, expect, it } from 'vitest';
import {
  ErrorCode, GodotError, TransferMode, VariantError,
  type MultiplayerPacketInfo, type PacketPeer,
} from '../../../src/index.js';
import { PushPeer, TestServer } from '../../support/test-peers.js';

interface ChildInfo {
  readonly channel: number;
}

/** A push transport: what the "network" delivers goes to `_receive`; it records pauses. */
class Child extends PushPeer<ChildInfo> {
  constructor(maxPackets = 2) {
    super({}, { maxPackets, maxBytes: 1 << 20 });
  }

  arrive(byte: number, channel = 0): void {
    this._receive(Uint8Array.of(byte), { channel });
  }

  fail(message: string): void {
    this._emitError(new GodotError(ErrorCode.ERR_CONNECTION_ERROR, message));
  }

  reopen(): void {
    this._opened();
  }
}

const CHANNEL_INFO = [0, 1, 2].map((channel) => Object.freeze({ peer: 7, channel, mode: TransferMode.UNRELIABLE }));

class Parent extends TestServer {
  handshakes: number[] = [];

  constructor(maxPackets = 2) {
    super({ maxPackets, maxBytes: 1 << 20 });
  }

  attach(child: Child, id: number, withChannels = false): void {
    this._attachChild(child, id, {
      intercept: (data) => {
        if (data[0] !== 0xff) return false;
        this.handshakes.push(id);
        return true;
      },
      ...(withChannels ? { describe: (info: ChildInfo): MultiplayerPacketInfo => CHANNEL_INFO[info.channel] as MultiplayerPacketInfo } : {}),
    });
  }

  detach(child: Child): void {
    this._detachChild(child);
  }

  discard(): void {
    this._discardReceived();
  }

  /** What a transport sees of the next packet without taking it. */
  peek(): MultiplayerPacketInfo | undefined {
    return this._peekReceived()?.info;
  }

  taken: Array<[number, number]> = [];

  protected override _packetTaken(data: Uint8Array, info: MultiplayerPacketInfo): void {
    super._packetTaken(data, info);
    this.taken.push([info.peer, data[0] as number]);
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const take = (peer: PacketPeer<any, any>): number[] => {
  const out: number[] = [];
  while (peer.getAvailablePacketCount() > 0) out.push(peer.getPacket()[0] as number);
  return out;
};

describe('back-pressure (_receive)', () => {
  it('queues while there is room, then holds and pauses; taking packets moves them on and resumes', () => {
    const peer = new Child(2);
    for (let i = 1; i <= 5; i++) peer.arrive(i);
    expect(peer.getAvailablePacketCount()).toBe(2);
    expect(peer.reading).toBe(false);
    expect(peer.droppedPackets).toBe(0);
    expect(peer.getPacket()).toEqual(Uint8Array.of(1));
    expect(peer.getAvailablePacketCount()).toBe(2);
    expect(peer.reading).toBe(false);
    expect(take(peer)).toEqual([2, 3, 4, 5]);
    expect(peer.reading).toBe(true);
  });

  it('a transport that cannot pause gets packets queued or dropped and counted', () => {
    const peer = new Child(2);
    peer.canPause = false;
    for (let i = 1; i <= 5; i++) peer.arrive(i);
    expect(take(peer)).toEqual([1, 2]);
    expect(peer.droppedPackets).toBe(3);
    expect(peer.reading).toBe(true);
  });
});

describe('child peers feeding a MultiplayerPeer', () => {
  it('children’s packets go to the parent, attributed to their id, not to their own queue', () => {
    const parent = new Parent(16);
    const [a, b] = [new Child(), new Child()];
    parent.attach(a, 5);
    parent.attach(b, 6);
    a.arrive(1);
    b.arrive(2);
    a.arrive(3);
    expect(a.getAvailablePacketCount()).toBe(0);
    const seen: Array<[number, number, number, number]> = [];
    while (parent.getAvailablePacketCount() > 0) {
      const info: [number, number, number] = [parent.getPacketPeer(), parent.getPacketChannel(), parent.getPacketMode()];
      seen.push([...info, parent.getPacket()[0] as number]);
    }
    expect(seen).toEqual([[5, 0, TransferMode.RELIABLE, 1], [6, 0, TransferMode.RELIABLE, 2], [5, 0, TransferMode.RELIABLE, 3]]);
  });

  it('describe gives each packet its channel and mode; intercept consumes handshake messages', () => {
    const parent = new Parent(16);
    const child = new Child();
    parent.attach(child, 7, true);
    child.arrive(0xff);
    child.arrive(10, 2);
    expect(parent.handshakes).toEqual([7]);
    expect([parent.getPacketPeer(), parent.getPacketChannel(), parent.getPacketMode()]).toEqual([7, 2, TransferMode.UNRELIABLE]);
    expect(take(parent)).toEqual([10]);
  });

  it('a full parent pauses the children that feed it; taking a packet resumes them in order', () => {
    const parent = new Parent(2);
    const [a, b] = [new Child(), new Child()];
    parent.attach(a, 5);
    parent.attach(b, 6);
    a.arrive(1);
    a.arrive(2);
    a.arrive(3);
    b.arrive(4);
    expect([a.reading, b.reading]).toEqual([false, false]);
    expect(parent.droppedPackets).toBe(0);
    expect(take(parent)).toEqual([1, 2, 3, 4]);
    expect([a.reading, b.reading]).toEqual([true, true]);
  });

  it('packet listeners on the parent take children’s packets directly', () => {
    const parent = new Parent(1);
    const child = new Child();
    parent.attach(child, 9);
    const got: Array<[number, number]> = [];
    parent.on('packet', (data, info) => got.push([info.peer, data[0] as number]));
    for (let i = 0; i < 5; i++) child.arrive(i);
    expect(got).toEqual([[9, 0], [9, 1], [9, 2], [9, 3], [9, 4]]);
    expect(child.reading).toBe(true);
  });

  it('a child that cannot pause has its packets queued or dropped at the parent', () => {
    const parent = new Parent(1);
    const child = new Child();
    child.canPause = false;
    parent.attach(child, 3);
    child.arrive(1);
    child.arrive(2);
    expect(take(parent)).toEqual([1]);
    expect(parent.droppedPackets).toBe(1);
  });

  it('discarding at the parent drops the queue and lets paused children go on', () => {
    const parent = new Parent(1);
    const child = new Child(8);
    parent.attach(child, 4);
    child.arrive(1);
    child.arrive(2);
    expect(child.reading).toBe(false);
    parent.discard();
    expect(child.reading).toBe(true);
    expect(take(parent)).toEqual([2]);
    expect(parent.droppedPackets).toBe(0);
  });

  it('a transport peeks at the next packet’s info, and hears of each packet taken with its info', () => {
    const parent = new Parent(4);
    const child = new Child();
    parent.attach(child, 7, true);
    expect(parent.peek()).toBeUndefined();
    child.arrive(10, 2);
    child.arrive(11, 1);
    expect(parent.peek()).toBe(CHANNEL_INFO[2]);
    expect(take(parent)).toEqual([10, 11]);
    expect(parent.taken).toEqual([[7, 10], [7, 11]]);
  });

  it('detaching gives a child its packets back, the held ones included', () => {
    const parent = new Parent(1);
    const child = new Child(8);
    parent.attach(child, 3);
    child.arrive(1);
    child.arrive(2);
    expect(child.reading).toBe(false);
    parent.detach(child);
    expect(child.reading).toBe(true);
    child.arrive(3);
    expect(take(child)).toEqual([2, 3]);
    expect(take(parent)).toEqual([1]);
  });
});

describe('error surface', () => {
  it('_emitError keeps lastError and emits error once; a new connection clears it', () => {
    const peer = new Child();
    const errors: GodotError[] = [];
    peer.on('error', (error) => errors.push(error));
    expect(peer.lastError).toBeNull();
    peer.fail('broken');
    expect(errors).toHaveLength(1);
    expect(peer.lastError).toBe(errors[0]);
    expect(peer.lastError?.code).toBe(ErrorCode.ERR_CONNECTION_ERROR);
    peer.reopen();
    expect(peer.lastError).toBeNull();
  });

  it('lastVarError is a GodotError: the packet error when none could be read, the VariantError of bad bytes', () => {
    const peer = new Child(4);
    expect(peer.getVar()).toBeNull();
    expect(peer.lastVarError).toBeInstanceOf(GodotError);
    expect(peer.lastVarError?.code).toBe(ErrorCode.ERR_UNAVAILABLE);
    peer.arrive(0xee);
    expect(peer.getVar()).toBeNull();
    expect(peer.lastVarError).toBeInstanceOf(VariantError);
    expect(peer.lastVarError?.code).toBe(ErrorCode.ERR_INVALID_DATA);
  });
});
