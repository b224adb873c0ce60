/** Waits with deadlines: every await in a test has one, and says what it waited for when it fails. */

/**
 * Re-checks `condition` every 2 ms until it holds (for state that has no event, or poll-style
 * APIs: poll inside `condition`), or fails with `what` after `timeoutMs`. `detail`, when given,
 * is called on failure and its text follows the message (what the real peers printed, say).
 */
export async function until(condition: () => boolean, what = 'the condition', timeoutMs = 5000, detail?: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      const message = `timed out after ${timeoutMs} ms waiting for ${what}`;
      throw new Error(detail === undefined ? message : `${message}\n${detail()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Waits for `promise`, failing with `what` after `timeoutMs`. */
export function withTimeout<T>(promise: Promise<T>, timeoutMs: number, what = 'a promise'): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)), timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** Anything with a Node- or @pp-style `once`. */
export interface Once {
  once(event: never, listener: never): unknown;
}

/** Resolves with the first argument of the next `event` of `emitter`, or fails after `timeoutMs`. */
export function nextEvent<T = unknown>(emitter: Once, event: string, timeoutMs = 5000): Promise<T> {
  const once = emitter.once as unknown as (this: Once, event: string, listener: (value: T) => void) => unknown;
  return withTimeout(new Promise<T>((resolve) => once.call(emitter, event, resolve)), timeoutMs, `"${event}"`);
}

/** A payload of `length` bytes whose content depends on `seed` (byte i is `(31 i + 7 seed) mod 256`). */
export function pattern(length: number, seed = 0): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed * 7) & 0xff;
  return out;
}
