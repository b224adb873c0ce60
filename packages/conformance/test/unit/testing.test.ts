/** The shared test kit proves itself: waits fail with their reason, the scope closes in reverse order. */
import { Emitter } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { ManualClock, createLossyPair, nextEvent, pattern, until, useScope, withTimeout } from '../../src/testing/index.js';

const closed: string[] = [];
const scope = useScope();

describe('@pp/conformance/testing', () => {
  it('until resolves once the condition holds and fails with what it waited for', async () => {
    let ready = false;
    setTimeout(() => (ready = true), 10);
    await until(() => ready, 'ready');
    await expect(until(() => false, 'the impossible', 20)).rejects.toThrow('timed out after 20 ms waiting for the impossible');
    await expect(until(() => false, 'the peer', 20, () => 'what it printed')).rejects.toThrow('timed out after 20 ms waiting for the peer\nwhat it printed');
  });

  it('withTimeout passes the value through or fails; nextEvent resolves with the first argument', async () => {
    await expect(withTimeout(Promise.resolve(7), 100)).resolves.toBe(7);
    await expect(withTimeout(new Promise(() => undefined), 10, 'never')).rejects.toThrow('waiting for never');
    const emitter = new (class extends Emitter<{ ping: [number] }> {
      fire(value: number): void {
        this.emit('ping', value);
      }
    })();
    const next = nextEvent<number>(emitter, 'ping', 1000);
    emitter.fire(3);
    await expect(next).resolves.toBe(3);
    await expect(nextEvent(emitter, 'ping', 10)).rejects.toThrow('"ping"');
  });

  it('pattern depends on length and seed only', () => {
    expect(pattern(4, 1)).toEqual(Uint8Array.of(7, 38, 69, 100));
    expect(pattern(300, 2)).toEqual(pattern(300, 2));
    expect(pattern(10, 2)).not.toEqual(pattern(10, 3));
    expect(pattern(3)).toEqual(Uint8Array.of(0, 31, 62));
  });

  it('the scope closes what a test registered, last first', () => {
    scope.add('first', (name) => closed.push(name));
    scope.defer(() => closed.push('second'));
    expect(closed).toEqual([]);
  });

  it('… after that test', () => {
    expect(closed).toEqual(['second', 'first']);
  });

  it('re-exports the deterministic clock and network', () => {
    const clock = new ManualClock();
    const [a, b] = createLossyPair({ clock, delayMs: 5 });
    let got = 0;
    b.onDatagram = () => got++;
    a.send(Uint8Array.of(1), b.localAddress());
    clock.advance(4);
    expect(got).toBe(0);
    clock.advance(1);
    expect(got).toBe(1);
  });
});
