import { describe, expect, it } from 'vitest';
import { ByteQueue } from '../../src/byte-queue.js';

function queueOf(...chunks: number[][]): ByteQueue {
  const queue = new ByteQueue();
  for (const chunk of chunks) queue.push(Uint8Array.from(chunk));
  return queue;
}

describe('ByteQueue', () => {
  it('reads across chunk boundaries in order', () => {
    const queue = queueOf([1, 2, 3], [], [4], [5, 6]);
    expect(queue.length).toBe(6);
    expect(queue.read(2)).toEqual(Uint8Array.of(1, 2));
    expect(queue.read(3)).toEqual(Uint8Array.of(3, 4, 5));
    expect(queue.length).toBe(1);
    expect(queue.read(10)).toEqual(Uint8Array.of(6));
    expect(queue.length).toBe(0);
    expect(queue.read(1)).toEqual(new Uint8Array(0));
  });

  it('peekInto copies without consuming; readInto consumes', () => {
    const queue = queueOf([1, 2], [3, 4]);
    const target = new Uint8Array(3);
    expect(queue.peekInto(target)).toBe(3);
    expect(target).toEqual(Uint8Array.of(1, 2, 3));
    expect(queue.length).toBe(4);
    expect(queue.readInto(target)).toBe(3);
    expect(queue.length).toBe(1);
    expect(queue.readInto(target)).toBe(1);
    expect(target[0]).toBe(4);
  });

  it('hands a whole chunk over without copying it', () => {
    const chunk = Uint8Array.of(7, 8);
    const queue = new ByteQueue();
    queue.push(chunk);
    expect(queue.read(2)).toBe(chunk);
  });

  it('stays correct over many chunks consumed one byte at a time', () => {
    const queue = new ByteQueue();
    const expected: number[] = [];
    for (let i = 0; i < 500; i++) {
      queue.push(Uint8Array.of(i & 0xff, (i * 7) & 0xff));
      expected.push(i & 0xff, (i * 7) & 0xff);
    }
    const out: number[] = [];
    while (queue.length > 0) out.push(...queue.read(1));
    expect(out).toEqual(expected);
  });
});
