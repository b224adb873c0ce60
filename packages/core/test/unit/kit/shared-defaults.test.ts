/**
 * Peers with default settings share their codec and their queue limits (a server holds one peer
 * per connection). A setting changed on one peer must never reach another.
 */
import { describe, expect, it } from 'vitest';
import { ErrorCode, PacketQueue, createMemoryPair, varToBytes } from '../../../src/index.js';

describe('settings shared by default peers', () => {
  it('a codec setting changed on one peer leaves every other peer on the defaults', async () => {
    const [a, b] = createMemoryPair();
    const [c, d] = createMemoryPair();
    expect(() => (a.format = 'bogus' as never)).toThrow(expect.objectContaining({ code: ErrorCode.ERR_INVALID_PARAMETER }));
    expect(a.format).toBe('godot4');
    a.format = 'godot3';
    a.encodeOptions = { maxDepth: 3 };
    b.decodeOptions = { alwaysBigInt: true };
    for (const peer of [c, d]) {
      expect(peer.format).toBe('godot4');
      expect(peer.encodeOptions).toEqual({});
      expect(peer.decodeOptions).toEqual({});
    }
    expect(c.putVar(1.5)).toBe(ErrorCode.OK);
    await d.waitForPacket({ timeoutMs: 1000 });
    expect([...d.getPacket()]).toEqual([...varToBytes(1.5)]);
    expect(d.getVar()).toBeNull();
    c.putVar(7);
    await d.waitForPacket({ timeoutMs: 1000 });
    expect(d.getVar()).toBe(7);
    a.putVar(7);
    await b.waitForPacket({ timeoutMs: 1000 });
    expect(b.getVar()).toBe(7n);
    a.close();
    c.close();
  });

  it('queues with equal limits share one frozen object; a change on one queue leaves the others', () => {
    const queues = Array.from({ length: 6 }, () => new PacketQueue<number>({ maxPackets: 2, maxBytes: 100 }));
    const [first, second] = queues as [PacketQueue<number>, PacketQueue<number>];
    expect(Object.isFrozen(first.limits)).toBe(true);
    for (const queue of queues) expect(queue.limits).toBe(first.limits);
    first.limits = { ...first.limits, maxPackets: 1 };
    expect(first.limits.maxPackets).toBe(1);
    expect(second.limits.maxPackets).toBe(2);
    expect(first.push(Uint8Array.of(1), 0)).toBe(true);
    expect(first.push(Uint8Array.of(2), 0)).toBe(false);
    expect(second.push(Uint8Array.of(1), 0)).toBe(true);
    expect(second.push(Uint8Array.of(2), 0)).toBe(true);
    // Many other limits in between: the ones still in use keep working whatever is shared.
    for (let i = 3; i < 20; i++) new PacketQueue<number>({ maxPackets: i, maxBytes: 100 });
    const later = new PacketQueue<number>({ maxPackets: 2, maxBytes: 100 });
    expect(later.limits).toEqual(second.limits);
    expect(later.limits.overheadPerPacket).toBe(0);
    expect(later.limits.maxMemory).toBe(Infinity);
    expect(later.limits.budget).toBeNull();
  });
});
