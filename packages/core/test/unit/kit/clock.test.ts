import { afterEach, describe, expect, it, vi } from 'vitest';
import { ManualClock, systemClock } from '../../../src/index.js';

describe('ManualClock', () => {
  it('starts where told and moves only when advanced', () => {
    const clock = new ManualClock(1000);
    expect(clock.now()).toBe(1000);
    clock.advance(250);
    expect(clock.now()).toBe(1250);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });

  it('fires due timers earliest first, ties in scheduling order, with now() at each due time', () => {
    const clock = new ManualClock();
    const seen: string[] = [];
    const note = (name: string) => () => seen.push(`${name}@${clock.now()}`);
    clock.schedule(30, note('c'));
    clock.schedule(10, note('a'));
    clock.schedule(10, note('b'));
    clock.schedule(31, note('late'));
    expect(clock.pending).toBe(4);
    expect(clock.advance(30)).toBe(3);
    expect(seen).toEqual(['a@10', 'b@10', 'c@30']);
    expect(clock.now()).toBe(30);
    expect(clock.pending).toBe(1);
    expect(clock.nextDue()).toBe(31);
  });

  it('fires timers scheduled by callbacks when they fall inside the window, not after it', () => {
    const clock = new ManualClock();
    const seen: number[] = [];
    clock.schedule(5, () => {
      seen.push(clock.now());
      clock.schedule(5, () => seen.push(clock.now()));
      clock.schedule(50, () => seen.push(clock.now()));
    });
    clock.advance(20);
    expect(seen).toEqual([5, 10]);
    clock.advance(100);
    expect(seen).toEqual([5, 10, 55]);
  });

  it('cancel prevents firing; cancelling twice, undefined or a fired timer is harmless', () => {
    const clock = new ManualClock();
    const fired = vi.fn();
    const timer = clock.schedule(10, fired);
    const other = clock.schedule(5, () => undefined);
    clock.cancel(timer);
    clock.cancel(timer);
    clock.cancel(undefined);
    clock.advance(10);
    clock.cancel(other);
    expect(fired).not.toHaveBeenCalled();
    expect(clock.pending).toBe(0);
    expect(clock.nextDue()).toBeUndefined();
  });

  it('runNext jumps to the next due time; runAll stops at its limit for a timer that always reschedules', () => {
    const clock = new ManualClock();
    const seen: number[] = [];
    clock.schedule(500, () => seen.push(clock.now()));
    clock.schedule(1500, () => seen.push(clock.now()));
    expect(clock.runNext()).toBe(true);
    expect(seen).toEqual([500]);
    expect(clock.runNext()).toBe(true);
    expect(clock.runNext()).toBe(false);
    expect(seen).toEqual([500, 1500]);
    const again = (): void => void clock.schedule(1, again);
    again();
    expect(clock.runAll(10)).toBe(10);
  });

  it('replays the same doubling schedule deterministically (a retransmission timer)', () => {
    const run = (): number[] => {
      const clock = new ManualClock();
      const sends: number[] = [];
      let timeout = 500;
      const send = (): void => {
        sends.push(clock.now());
        if (sends.length < 6) clock.schedule((timeout *= 2) / 2, send);
      };
      send();
      clock.runAll();
      return sends;
    };
    expect(run()).toEqual([0, 500, 1500, 3500, 7500, 15500]);
    expect(run()).toEqual(run());
  });

  it('negative and non-finite delays fire at the next advance', () => {
    const clock = new ManualClock();
    const fired = vi.fn();
    clock.schedule(-5, fired);
    clock.schedule(Number.NaN, fired);
    clock.advance(0);
    expect(fired).toHaveBeenCalledTimes(2);
  });
});

describe('systemClock', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires after the delay, can be cancelled, and does not keep the process alive', async () => {
    const start = systemClock.now();
    const fired = await new Promise<number>((resolve) => systemClock.schedule(20, () => resolve(systemClock.now())));
    expect(fired - start).toBeGreaterThanOrEqual(15);
    const cancelled = vi.fn();
    const timer = systemClock.schedule(1, cancelled);
    systemClock.cancel(timer);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(cancelled).not.toHaveBeenCalled();
    const unref = systemClock.schedule(10_000, () => undefined) as unknown as { hasRef(): boolean };
    expect(unref.hasRef()).toBe(false);
    systemClock.cancel(unref as never);
  });

  it('uses the timers of the moment, so fake timers drive it', () => {
    vi.useFakeTimers();
    const fired = vi.fn();
    const before = systemClock.now();
    systemClock.schedule(1000, fired);
    vi.advanceTimersByTime(999);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledOnce();
    expect(systemClock.now() - before).toBe(1000);
  });
});
