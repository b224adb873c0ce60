import { seededRandom } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { SendBuffer } from '../../src/send-buffer.js';

describe('SendBuffer', () => {
  it('copies a payload the caller keeps: changing it afterwards does not change what is sent', () => {
    const buffers = new SendBuffer();
    const data = Uint8Array.of(1, 2, 3);
    for (const canReuse of [true, false]) {
      const payload = buffers.prepare(data, false, canReuse);
      data[0] = 99;
      expect([...payload]).toEqual([1, 2, 3]);
      buffers.sent(false);
      data[0] = 1;
    }
  });

  it('sends an owned payload as it is, without copying', () => {
    const data = Uint8Array.of(4, 5, 6);
    const payload = new SendBuffer().prepare(data, true, true);
    expect(payload.buffer).toBe(data.buffer);
    expect([...payload]).toEqual([4, 5, 6]);
  });

  it('reuses the scratch after a send that left at once, never after one that was queued', () => {
    const buffers = new SendBuffer();
    const first = buffers.prepare(Uint8Array.of(1), false, true);
    buffers.sent(false);
    const second = buffers.prepare(Uint8Array.of(2), false, true);
    expect(second.buffer).toBe(first.buffer);
    buffers.sent(true); // queued: Node still holds `second`
    const third = buffers.prepare(Uint8Array.of(3), false, true);
    expect(third.buffer).not.toBe(second.buffer);
    expect([...second]).toEqual([2]);
  });

  it('sends exactly each payload of a seeded run of lengths (repeated lengths reuse their view), queued or not', () => {
    const next = seededRandom(15);
    const buffers = new SendBuffer();
    const held: Array<[Uint8Array, number[]]> = [];
    for (let i = 0; i < 2000; i++) {
      // Mostly a few lengths over and over (the reused view), sometimes any length up to the scratch.
      const length = next() < 0.8 ? [1, 64, 1200][Math.floor(next() * 3)] as number : 1 + Math.floor(next() * 65535);
      const data = Uint8Array.from({ length }, () => Math.floor(next() * 256));
      const canReuse = next() < 0.9;
      const payload = buffers.prepare(data, false, canReuse);
      expect(payload.length).toBe(length);
      expect(Buffer.compare(payload, data)).toBe(0);
      const queued = next() < 0.05;
      buffers.sent(queued);
      // A queued datagram's bytes belong to Node until it is sent: nothing later may change them.
      if (queued) held.push([payload, [...data]]);
    }
    for (const [payload, bytes] of held) expect([...payload]).toEqual(bytes);
  });

  it('does not lend the scratch when the socket cannot send at once', () => {
    const buffers = new SendBuffer();
    const scratch = buffers.prepare(Uint8Array.of(1), false, true);
    buffers.sent(false);
    const copy = buffers.prepare(Uint8Array.of(2), false, false);
    expect(copy.buffer).not.toBe(scratch.buffer);
  });
});
