import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RangeCoder } from '../../src/protocol/range-coder.js';
import { expectBytes, pattern } from '../support/bytes.js';
import { rng } from '../support/sim.js';

/** The inputs of `test/fixtures/range-coder-vectors.txt` (made by C libenet 1.3.17's coder). */
export function vectorInput(length: number, seed: number, mode: number): Uint8Array {
  const input = pattern(length, seed);
  const text = 'hello enet world ';
  for (let i = 0; i < length; i++) {
    if (mode === 1) input[i] = text.charCodeAt(i % 17);
    if (mode === 2) input[i] = input[i]! & 3;
    if (mode === 3) input[i] = Math.floor(i / 7) & 0xff;
  }
  return input;
}

const vectors = readFileSync(new URL('../fixtures/range-coder-vectors.txt', import.meta.url), 'utf8')
  .trim().split('\n').map((line) => {
    const [length, seed, mode, hex] = line.split(' ');
    return { length: Number(length), seed: Number(seed), mode: Number(mode), output: Buffer.from(hex!, 'hex') };
  });

describe('range coder (compress.c)', () => {
  for (const v of vectors) {
    it(`matches C libenet byte for byte: ${v.length} bytes, mode ${v.mode}`, () => {
      const coder = new RangeCoder();
      const input = vectorInput(v.length, v.seed, v.mode);
      expectBytes(coder.compress(input, 8192), v.output);
      expectBytes(coder.decompress(v.output, 4096), input);
    });
  }

  it('round-trips random and structured datagrams, one coder reused', () => {
    const coder = new RangeCoder();
    const random = rng(5);
    for (let i = 0; i < 300; i++) {
      const length = 1 + Math.floor(random() * 1400);
      const input = new Uint8Array(length);
      const alphabet = 1 + Math.floor(random() * 255);
      for (let j = 0; j < length; j++) input[j] = Math.floor(random() * alphabet);
      const compressed = coder.compress(input, 8192);
      expect(compressed).not.toBeNull();
      expectBytes(coder.decompress(compressed!, 4096), input);
    }
  });

  it('fails cleanly when the output would exceed the limit', () => {
    const coder = new RangeCoder();
    const input = pattern(1000, 1);
    expect(coder.compress(input, 100)).toBeNull();
    const compressed = new RangeCoder().compress(vectorInput(2000, 6, 3), 8192)!;
    expect(coder.decompress(compressed, 100)).toBeNull();
  });

  it('never throws or hangs on garbage, and stays usable', () => {
    const coder = new RangeCoder();
    const random = rng(11);
    for (let i = 0; i < 2000; i++) {
      const input = new Uint8Array(1 + Math.floor(random() * 600));
      for (let j = 0; j < input.length; j++) input[j] = Math.floor(random() * 256);
      const out = coder.decompress(input, 4092);
      if (out !== null) expect(out.length).toBeLessThanOrEqual(4092);
    }
    const input = vectorInput(300, 4, 2);
    expectBytes(coder.decompress(coder.compress(input, 8192)!, 4096), input);
  });
});
