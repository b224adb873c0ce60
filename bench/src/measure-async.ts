/**
 * `measure()` for traffic that flows on the event loop (real sockets): each case moves data for a
 * fixed time in several rounds, the cases' rounds interleaved so that they share the machine's
 * ups and downs, and the median round is reported in the same `Result` shape as `measure()`.
 * Each round is timed twice: on the wall clock (what an application sees) and in this process's
 * CPU time (both ends run here, so that is the work per operation, less disturbed by the other
 * processes on a shared machine).
 */
import { resultOf, type Result } from './measure.js';

/** A running case: moves traffic when asked, counting completed operations. */
export interface Flow {
  /** Moves traffic for `ms` milliseconds; resolves with the operations completed meanwhile. */
  run(ms: number): Promise<number>;
  /** Releases the sockets. */
  close(): Promise<void> | void;
}

export interface FlowCase {
  name: string;
  /** Opens the sockets of the case. */
  open(): Promise<Flow>;
  /** Bytes one operation carries, for MB/s. */
  bytes?: number;
  note?: string;
}

/**
 * Runs each case `rounds` times for `roundMs` and returns the medians. Every round opens fresh
 * sockets and warms them up first, so that no case runs with another's connections, buffers or
 * garbage still around.
 */
export async function measureFlows(cases: FlowCase[], { rounds = 9, roundMs = 600, warmupMs = 200 } = {}): Promise<Result[]> {
  const samples = new Map<FlowCase, number[]>(cases.map((c) => [c, []]));
  const cpuSamples = new Map<FlowCase, number[]>(cases.map((c) => [c, []]));
  for (let r = 0; r < rounds; r++) {
    // Each round starts with another case, so that none always runs first (on a fresh JIT state
    // or after another's garbage).
    for (let k = 0; k < cases.length; k++) {
      const c = cases[(r + k) % cases.length] as FlowCase;
      const flow = await c.open();
      try {
        await flow.run(warmupMs);
        const start = performance.now();
        const cpu = process.cpuUsage();
        const ops = await flow.run(roundMs);
        const { user, system } = process.cpuUsage(cpu);
        samples.get(c)?.push((ops * 1000) / (performance.now() - start));
        cpuSamples.get(c)?.push((ops * 1e6) / Math.max(1, user + system));
      } finally {
        await flow.close();
      }
    }
  }
  return cases.map((c) => resultOf(c, samples.get(c) ?? [], cpuSamples.get(c)));
}

/**
 * A flow that keeps `window` operations in flight: `send()` starts one, and the receiver calls
 * `done()` for each that completes, which starts the next while the round lasts.
 */
export function windowedFlow(window: number, send: () => void): { flow: Pick<Flow, 'run'>; done: () => void } {
  let completed = 0;
  let inFlight = 0;
  let running = false;
  let finish: (() => void) | undefined;
  const done = (): void => {
    inFlight = Math.max(0, inFlight - 1);
    if (!running) {
      if (inFlight === 0) finish?.();
      return;
    }
    completed++;
    inFlight++;
    send();
  };
  const run = (ms: number): Promise<number> => {
    completed = 0;
    running = true;
    return new Promise<number>((resolve) => {
      setTimeout(() => {
        running = false;
        const count = completed;
        if (inFlight === 0) {
          resolve(count);
          return;
        }
        // Let what is still in flight land before the next round starts (a lost datagram
        // would never land: give up on it after a second).
        const giveUp = setTimeout(() => {
          inFlight = 0;
          finish?.();
        }, 1000);
        finish = () => {
          clearTimeout(giveUp);
          finish = undefined;
          resolve(count);
        };
      }, ms);
      while (inFlight < window) {
        inFlight++;
        send();
      }
    });
  };
  return { flow: { run }, done };
}
