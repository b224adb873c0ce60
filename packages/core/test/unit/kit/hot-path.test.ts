/**
 * The per-packet fast paths agree with the general ones they replace: `plainBytes` with a new
 * view, `_emitPair` with `emit`.
 */
import { describe, expect, it } from 'vitest';
import { Emitter, plainBytes, seededRandom } from '../../../src/index.js';

describe('plainBytes', () => {
  it('gives the packet a new view would, for a seeded corpus of Buffers (pooled, sliced, own)', () => {
    const next = seededRandom(1515);
    for (let i = 0; i < 300; i++) {
      const length = Math.floor(next() * 1500);
      const kind = Math.floor(next() * 3);
      const base = kind === 0 ? Buffer.allocUnsafe(length) : kind === 1 ? Buffer.allocUnsafeSlow(length + 16).subarray(7, 7 + length) : Buffer.alloc(length);
      for (let j = 0; j < length; j++) base[j] = Math.floor(next() * 256);
      const view = new Uint8Array(base.buffer, base.byteOffset, base.byteLength);
      const packet = plainBytes(base);
      expect(Object.getPrototypeOf(packet)).toBe(Uint8Array.prototype);
      expect(Buffer.isBuffer(packet)).toBe(false);
      expect([packet.buffer, packet.byteOffset, packet.byteLength]).toEqual([view.buffer, view.byteOffset, view.byteLength]);
      expect(Buffer.compare(packet, view)).toBe(0);
      // slice() copies, as for any Uint8Array (a Buffer's would share the bytes).
      if (length > 0) {
        const copy = packet.slice();
        expect(Object.getPrototypeOf(copy)).toBe(Uint8Array.prototype);
        copy[0] = ((copy[0] as number) + 1) & 0xff;
        expect(packet[0]).toBe(view[0]);
        expect(copy[0]).not.toBe(view[0]);
      }
    }
  });

  it('leaves a plain Uint8Array as it is', () => {
    const bytes = Uint8Array.of(1, 2);
    expect(plainBytes(bytes)).toBe(bytes);
    expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
  });
});

type Events = { pair: [a: number, b: string] };

class Probe extends Emitter<Events> {
  viaEmit(a: number, b: string): boolean {
    return this.emit('pair', a, b);
  }

  viaPair(a: number, b: string): boolean {
    return this._emitPair('pair', a, b);
  }
}

describe('Emitter._emitPair', () => {
  it('calls what emit calls, in the same order, with the same arguments, across seeded listener changes', () => {
    const runs: Array<Array<[string, number, number, string]>> = [];
    for (const via of ['viaEmit', 'viaPair'] as const) {
      const random = seededRandom(7);
      const probe = new Probe();
      const calls: Array<[string, number, number, string]> = [];
      const listeners = Array.from({ length: 6 }, (_, id) => (a: number, b: string): void => {
        calls.push([via, id, a, b]);
        // A listener that removes another while the event runs: the event still calls every
        // listener it started with.
        if (random() < 0.2) probe.off('pair', listeners[Math.floor(random() * 6)]);
      });
      const returned: boolean[] = [];
      for (let i = 0; i < 300; i++) {
        const listener = listeners[Math.floor(random() * 6)] as (a: number, b: string) => void;
        if (random() < 0.6) probe.on('pair', listener);
        else probe.off('pair', listener);
        returned.push(probe[via](i, `p${i}`));
      }
      runs.push(calls.map(([, id, a, b]) => ['', id, a, b]));
      runs.push(returned.map((r) => ['', r ? 1 : 0, 0, '']));
    }
    expect(runs[2]).toEqual(runs[0]);
    expect(runs[3]).toEqual(runs[1]);
    expect((runs[0] as unknown[]).length).toBeGreaterThan(100);
  });

  it('a listener that throws does not stop the next one; the error is rethrown on a fresh task', async () => {
    const probe = new Probe();
    const seen: number[] = [];
    probe.on('pair', () => {
      throw new Error('listener failed');
    });
    probe.on('pair', (a) => seen.push(a));
    const errors: unknown[] = [];
    const onError = (error: unknown): void => void errors.push(error);
    process.on('uncaughtException', onError);
    try {
      expect(probe.viaPair(5, 'x')).toBe(true);
      expect(seen).toEqual([5]);
      // A loaded machine runs the fresh task late: wait for it.
      for (const deadline = Date.now() + 5000; errors.length === 0 && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(errors).toMatchObject([{ message: 'listener failed' }]);
    } finally {
      process.off('uncaughtException', onError);
    }
    expect(new Probe().viaPair(1, '')).toBe(false);
  });
});
