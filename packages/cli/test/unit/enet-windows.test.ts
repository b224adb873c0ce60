/** The observer's sequence memory: repeats, late arrivals and the 16-bit wrap, in fixed space. */
import { describe, expect, it } from 'vitest';
import { RecentKeys, ReliableWindow, UnreliableOrder, sequenceDelta } from '../../src/enet/windows.js';

describe('ReliableWindow', () => {
  it('tells new numbers, repeats and late ones apart', () => {
    const w = new ReliableWindow();
    expect(w.see(1)).toEqual({ repeat: false, late: false });
    expect(w.see(3)).toEqual({ repeat: false, late: false });
    expect(w.see(3)).toEqual({ repeat: true, late: false });
    expect(w.see(2)).toEqual({ repeat: false, late: true });
    expect(w.see(2)).toEqual({ repeat: true, late: false });
    expect(w.see(1)).toEqual({ repeat: true, late: false });
  });

  it('follows the sequence through several wraps of 16 bits, one by one and in jumps', () => {
    const w = new ReliableWindow();
    const wrong: number[] = [];
    for (let n = 1; n < 3 * 65536; n++) {
      const seq = n & 0xffff;
      if (w.see(seq).repeat) wrong.push(n);
      if (n % 7 === 0 && !w.see(seq).repeat) wrong.push(-n);
    }
    expect(wrong).toEqual([]);
    const jumps = new ReliableWindow();
    let seq = 0;
    for (let i = 0; i < 200; i++) {
      seq = (seq + 30_000) & 0xffff;
      expect(jumps.see(seq)).toEqual({ repeat: false, late: false });
      expect(jumps.see(seq).repeat).toBe(true);
    }
  });
});

describe('UnreliableOrder', () => {
  it('marks repeats, and packets older than one already passed as stale', () => {
    const o = new UnreliableOrder();
    expect(o.see(1, 1)).toEqual({ repeat: false, stale: false });
    expect(o.see(1, 3)).toEqual({ repeat: false, stale: false });
    expect(o.see(1, 2)).toEqual({ repeat: false, stale: true });
    expect(o.see(1, 3)).toEqual({ repeat: true, stale: false });
    expect(o.see(2, 1)).toEqual({ repeat: false, stale: false });
    expect(o.see(1, 9)).toEqual({ repeat: false, stale: true });
  });
});

describe('RecentKeys and sequenceDelta', () => {
  it('keeps the last `capacity` keys', () => {
    const r = new RecentKeys(3);
    expect([1, 2, 3].map((k) => r.seen(k))).toEqual([false, false, false]);
    expect(r.seen(1)).toBe(true);
    expect(r.seen(4)).toBe(false);
    expect(r.seen(1)).toBe(false);
  });

  it('measures 16-bit distances as ENet does', () => {
    expect(sequenceDelta(5, 3)).toBe(2);
    expect(sequenceDelta(1, 65535)).toBe(2);
    expect(sequenceDelta(65535, 1)).toBe(-2);
    expect(sequenceDelta(0x8000, 0)).toBe(-0x8000);
  });
});
