/**
 * Test bookkeeping: everything a test opens is registered with the scope and closed in
 * `afterEach` (last opened, first closed), and the file fails in `afterAll` if a socket handle of
 * it is still open.
 */
import { afterAll, afterEach, expect } from 'vitest';

export interface ScopeOptions {
  /**
   * Kinds of handle (prefixes of `process.getActiveResourcesInfo()` names) that must all be gone
   * when the file ends.
   * @default ['TCP', 'UDP']
   */
  handles?: readonly string[];
}

export interface Scope {
  /** Registers `value` to be closed with `close` after the test; returns `value`. */
  add<T>(value: T, close: (value: T) => unknown): T;
  /** Registers a cleanup to run after the test. */
  defer(cleanup: () => unknown): void;
}

/** Registers the hooks; call once per test file, at the top level. */
export function useScope(options: ScopeOptions = {}): Scope {
  const kinds = options.handles ?? ['TCP', 'UDP'];
  let cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    const pending = cleanups.reverse();
    cleanups = [];
    for (const cleanup of pending) await cleanup();
  });
  afterAll(async () => {
    // Closed sockets release their handles on the next turns of the event loop.
    const open = (): string[] => process.getActiveResourcesInfo().filter((type) => kinds.some((kind) => type.startsWith(kind)));
    for (let i = 0; i < 50 && open().length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(open(), 'socket handles left open').toEqual([]);
  });
  return {
    add<T>(value: T, close: (value: T) => unknown): T {
      cleanups.push(() => close(value));
      return value;
    },
    defer(cleanup: () => unknown): void {
      cleanups.push(cleanup);
    },
  };
}
