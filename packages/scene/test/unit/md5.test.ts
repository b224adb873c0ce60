import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { md5Hex } from '../../src/protocol/md5.js';
import { EMPTY_MD5, MAIN_MD5 } from '../vectors/godot46.js';

describe('md5Hex', () => {
  it('gives what Godot 4.6 sent for RPC lists', () => {
    expect(md5Hex('')).toBe(EMPTY_MD5);
    expect(md5Hex('dynhelloreportwelcome')).toBe(MAIN_MD5);
  });

  it('matches node:crypto for any input, across block boundaries', () => {
    for (const length of [55, 56, 63, 64, 65, 119, 120, 1000]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 31) & 255);
      expect(md5Hex(bytes)).toBe(createHash('md5').update(bytes).digest('hex'));
    }
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => md5Hex(text) === createHash('md5').update(text, 'utf8').digest('hex')));
  });
});
