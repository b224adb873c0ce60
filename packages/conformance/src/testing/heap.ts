/**
 * Heap figures for memory tests: what a test holds, measured after full garbage collections
 * (JS heap plus the `ArrayBuffer`s outside it), so that a bound on memory can be asserted.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

function collected(): number {
  if (collect === undefined) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  for (let i = 0; i < 4; i++) collect();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

/**
 * Bytes in use after collecting garbage (`heapUsed + arrayBuffers`), once two readings a few
 * event-loop turns apart agree within 1 %: closed sockets free their buffers asynchronously.
 */
export async function settledHeap(): Promise<number> {
  let last = collected();
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const now = collected();
    if (Math.abs(now - last) <= last * 0.01) return now;
    last = now;
  }
  return last;
}

/**
 * Resolves once `read()` gives the same value twice in a row, `intervalMs` apart (traffic that
 * back-pressure has stopped), or fails after `timeoutMs`.
 */
export async function whenSteady(read: () => number, what: string, timeoutMs = 20_000, intervalMs = 200): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = Number.NaN;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
    const now = read();
    if (now === last) return now;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} to settle (last ${now})`);
    last = now;
  }
}
