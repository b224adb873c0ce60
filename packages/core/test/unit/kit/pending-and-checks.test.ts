import { describe, expect, it } from 'vitest';
import {
  ErrorCode, GodotError, MAX_MILLISECONDS, MAX_SECONDS, PendingConnections, checkFormat, checkInt, checkMilliseconds, checkNumber, checkPort,
  checkSeconds, createMemoryPair, isPort,
  type VariantFormat,
} from '../../../src/index.js';

describe('PendingConnections', () => {
  it('queues oldest first up to max, refuses and counts beyond it without creating', () => {
    const pending = new PendingConnections<string>(2);
    pending.open();
    let made = 0;
    const make = (name: string) => () => {
      made++;
      return name;
    };
    expect(pending.offer(make('a'))).toBe('a');
    expect(pending.offer(make('b'))).toBe('b');
    expect(pending.offer(make('c'))).toBeNull();
    expect(made).toBe(2);
    expect([pending.count, pending.refused, pending.available]).toEqual([2, 1, true]);
    expect([...pending]).toEqual(['a', 'b']);
    expect(pending.take()).toBe('a');
    expect(pending.remove('b')).toBe(true);
    expect(pending.remove('b')).toBe(false);
    expect(pending.take()).toBeNull();
    pending.refuse();
    expect(pending.refused).toBe(2);
  });

  it('accept() resolves at once or when one arrives; several callers each get their own', async () => {
    const pending = new PendingConnections<number>(Infinity);
    pending.open();
    pending.offer(() => 1);
    await expect(pending.accept()).resolves.toBe(1);
    const first = pending.accept({ timeoutMs: 1000 });
    const second = pending.accept({ timeoutMs: 1000 });
    pending.offer(() => 2);
    pending.offer(() => 3);
    expect(await Promise.all([first, second])).toEqual([2, 3]);
  });

  it('accept() rejects when not open, on timeout, on abort, and when stopped; stop returns the waiting ones', async () => {
    const pending = new PendingConnections<number>(8);
    await expect(pending.accept()).rejects.toMatchObject({ code: ErrorCode.ERR_UNCONFIGURED });
    pending.open();
    await expect(pending.accept({ timeoutMs: 10 })).rejects.toMatchObject({ code: ErrorCode.ERR_TIMEOUT });
    const controller = new AbortController();
    const aborted = pending.accept({ signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    const waiting = pending.accept();
    pending.stop();
    await expect(waiting).rejects.toMatchObject({ name: 'GodotError', code: ErrorCode.ERR_UNCONFIGURED });
    pending.open();
    pending.offer(() => 5);
    expect(pending.stop()).toEqual([5]);
    expect([pending.isOpen, pending.take(), pending.offer(() => 6)]).toEqual([false, null, null]);
  });

  it('checks max: an integer ≥ 0 or Infinity; lowering it keeps who waits', () => {
    expect(() => new PendingConnections(-1)).toThrow(GodotError);
    expect(() => new PendingConnections(1.5, 'maxPending')).toThrow(/maxPending must be an integer ≥ 0/);
    const pending = new PendingConnections<number>(4);
    pending.open();
    pending.offer(() => 1);
    pending.offer(() => 2);
    pending.max = 0;
    expect(pending.count).toBe(2);
    expect(pending.offer(() => 3)).toBeNull();
  });
});

describe('option checks', () => {
  it('return the value or throw ERR_INVALID_PARAMETER naming the option', () => {
    expect(checkInt('n', 5, { min: 0, max: 10 })).toBe(5);
    for (const bad of [1.5, -1, 11, Number.NaN]) {
      expect(() => checkInt('n', bad, { min: 0, max: 10 })).toThrow(expect.objectContaining({ code: ErrorCode.ERR_INVALID_PARAMETER }));
    }
    expect(() => checkInt('count', -1, { min: 0 })).toThrow(/^count must be an integer ≥ 0, got -1/);
    expect(checkNumber('ratio', 0.5, { min: 0, max: 1 })).toBe(0.5);
    expect(() => checkNumber('ratio', Infinity)).toThrow(GodotError);
    expect(() => checkNumber('ratio', '1' as unknown as number)).toThrow(GodotError);
    expect([isPort(0), isPort(0, true), isPort(65535), isPort(65536), isPort(1.5)]).toEqual([false, true, true, false, false]);
    expect(checkPort('port', 0, true)).toBe(0);
    expect(() => checkPort('port', 0)).toThrow(/port must be a port number \(1 … 65535\)/);
    expect(checkFormat('format', 'godot3')).toBe('godot3');
    expect(() => checkFormat('format', 'godot5' as VariantFormat)).toThrow(/format must be one of 'godot4', 'godot4.3', 'godot3', got "godot5"/);
  });

  it('a bad format fails at construction and on assignment, never later in putVar', () => {
    expect(() => createMemoryPair({ format: 'Godot4' as VariantFormat })).toThrow(GodotError);
    const [a] = createMemoryPair();
    expect(() => (a.format = 'nope' as VariantFormat)).toThrow(GodotError);
    expect(a.format).toBe('godot4');
    expect(a.putVar(1)).toBe(ErrorCode.OK);
  });

  it('units: a seconds option refuses milliseconds (5000), a …Ms option refuses fractions (0.5) and timer overflow', async () => {
    expect(checkSeconds('heartbeatInterval', 0.5)).toBe(0.5);
    expect(checkSeconds('authTimeout', MAX_SECONDS)).toBe(3600);
    expect(() => checkSeconds('heartbeatInterval', 5000)).toThrow(/^heartbeatInterval \(seconds\) must be a number in 0 … 3600, got 5000/);
    expect(() => checkSeconds('heartbeatInterval', -1)).toThrow(expect.objectContaining({ code: ErrorCode.ERR_INVALID_PARAMETER }));
    expect(() => checkSeconds('handshakeTimeout', 0, { exclusiveMin: true })).toThrow(GodotError);
    expect(checkMilliseconds('connectTimeoutMs', 30_000)).toBe(30_000);
    expect(() => checkMilliseconds('connectTimeoutMs', 0.5)).toThrow(/^connectTimeoutMs \(milliseconds\) must be an integer in 0 … 2147483647, got 0.5/);
    expect(() => checkMilliseconds('timeoutMs', MAX_MILLISECONDS + 1)).toThrow(expect.objectContaining({ code: ErrorCode.ERR_INVALID_PARAMETER }));
    const [a, b] = createMemoryPair();
    await expect(a.waitForPacket({ timeoutMs: 0.5 })).rejects.toMatchObject({ code: ErrorCode.ERR_INVALID_PARAMETER });
    await expect(a.waitForPacket({ timeoutMs: 1 })).rejects.toMatchObject({ code: ErrorCode.ERR_TIMEOUT });
    b.putVar(1);
    await expect(a.waitForPacket({ timeoutMs: 1000 })).resolves.toBeUndefined();
  });
});
