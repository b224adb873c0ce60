/**
 * What a queue charges a packet is not less than what the packet really holds: 50,000 packets
 * of each kind in a queue, the heap measured after garbage collection.
 */
import { EMPTY_PACKET, PacketQueue, packetMemoryCost } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { settledHeap } from '../../src/testing/index.js';

const COUNT = 50_000;
const slab = new Uint8Array(COUNT * 112);

describe('packetMemoryCost is honest', () => {
  it.each<[string, (i: number) => Uint8Array, boolean]>([
    ['the empty packet', () => EMPTY_PACKET, false],
    ['a one-byte view of a shared buffer', (i) => slab.subarray(i * 8, i * 8 + 1), false],
    ['a 100-byte view of a shared buffer', (i) => slab.subarray(i * 112, i * 112 + 100), false],
    ['a one-byte array of its own, in a queue of such (UDP\'s)', () => new Uint8Array(1), true],
  ])('%s', async (_, make, ownBuffers) => {
    const queue = new PacketQueue<undefined>({ maxPackets: Infinity, maxBytes: Infinity, ownBuffers });
    const before = await settledHeap();
    for (let i = 0; i < COUNT; i++) queue.push(make(i), undefined);
    const held = (await settledHeap()) - before;
    const charged = queue.memory;
    expect(charged).toBe(COUNT * packetMemoryCost(make(0), ownBuffers));
    // The shared buffer's bytes are counted although it exists anyway: hence "at least".
    expect(held, `${(held / COUNT).toFixed(1)} bytes held per packet, ${(charged / COUNT).toFixed(1)} charged`).toBeLessThanOrEqual(charged);
    // … and not far more either: the figures were measured, not guessed.
    expect(held).toBeGreaterThan(charged * 0.4);
    queue.clear();
  });
});
