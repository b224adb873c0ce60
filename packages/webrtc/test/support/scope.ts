/**
 * Test bookkeeping: everything a test opens is registered here and closed in `afterEach`, and
 * every file ends with no socket handle left open.
 */
import { afterAll, afterEach, expect } from 'vitest';

type Closer = () => unknown;

/** Waits for `promise`, failing with `what` after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Anything with a Node- or @pp-style `once`. */
interface Once {
  once(event: never, listener: never): unknown;
}

/** Resolves on the next `event` of `emitter` (with its first argument), or fails after `ms`. */
export function nextEvent<T = unknown>(emitter: Once, event: string, ms = 5000): Promise<T> {
  const once = emitter.once as unknown as (this: Once, event: string, listener: (value: T) => void) => unknown;
  return withTimeout(new Promise<T>((resolve) => once.call(emitter, event, resolve)), ms, `"${event}"`);
}

/** Re-checks `condition` every few milliseconds until it holds (for poll-style state). */
export async function until(condition: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/**
 * Registers the `afterEach` that closes what `add` collected, and an `afterAll` that checks no
 * TCP socket or server of this file is still open. Call once per file, at the top level.
 */
export function useScope(): { add<T>(value: T, close: (value: T) => unknown): T } {
  let closers: Closer[] = [];
  afterEach(async () => {
    const pending = closers.reverse();
    closers = [];
    for (const close of pending) await close();
  });
  afterAll(async () => {
    // Closed sockets release their handles on the next turns of the event loop.
    const open = (): string[] => process.getActiveResourcesInfo().filter((type) => type.startsWith('TCP'));
    for (let i = 0; i < 50 && open().length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(open(), 'TCP handles left open').toEqual([]);
  });
  return {
    add<T>(value: T, close: (value: T) => unknown): T {
      closers.push(() => close(value));
      return value;
    },
  };
}
