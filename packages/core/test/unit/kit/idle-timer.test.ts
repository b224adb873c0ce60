/** IdleTimer: the optional idle timeout of the transports, on a ManualClock. */
import { describe, expect, it } from 'vitest';
import { ErrorCode, IdleTimer, ManualClock, checkMilliseconds } from '../../../src/index.js';

describe('IdleTimer', () => {
  it('fires once nothing was touched for the timeout, counting from the last touch', () => {
    const clock = new ManualClock();
    let idle = 0;
    const timer = new IdleTimer(clock, 1000, () => idle++);
    timer.start();
    clock.advance(600);
    timer.touch();
    clock.advance(600);
    expect(idle).toBe(0);
    clock.advance(399);
    expect(idle).toBe(0);
    clock.advance(1);
    expect([idle, timer.running]).toEqual([1, false]);
    clock.advance(10_000);
    expect(idle).toBe(1);
  });

  it('a touch while stopped changes nothing: start() counts from its own time', () => {
    const clock = new ManualClock();
    let idle = 0;
    const timer = new IdleTimer(clock, 1000, () => idle++);
    clock.advance(500);
    timer.touch();
    clock.advance(700);
    timer.start();
    clock.advance(999);
    expect(idle).toBe(0);
    clock.advance(1);
    expect(idle).toBe(1);
  });

  it('0 is off (the default of every transport, as Godot), and stop() cancels', () => {
    const clock = new ManualClock();
    let idle = 0;
    const off = new IdleTimer(clock, 0, () => idle++);
    off.start();
    expect([off.running, clock.pending]).toEqual([false, 0]);
    const on = new IdleTimer(clock, 50, () => idle++);
    on.start();
    on.stop();
    clock.advance(1000);
    expect([idle, clock.pending]).toEqual([0, 0]);
  });

  it.each([-1, Number.NaN, Infinity, 2 ** 31])('refuses %s with ERR_INVALID_PARAMETER', (value) => {
    expect(() => checkMilliseconds('idleTimeoutMs', value)).toThrow(expect.objectContaining({ code: ErrorCode.ERR_INVALID_PARAMETER }));
    expect(() => new IdleTimer(new ManualClock(), value, () => undefined)).toThrow(/idleTimeoutMs/);
  });
});
