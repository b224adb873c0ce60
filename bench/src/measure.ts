/**
 * A small side-by-side benchmark runner: each case runs for a fixed time in several rounds and
 * the median round is reported, so that a GC pause in one round does not decide the result.
 * Rounds are timed in this process's CPU time (all its threads, GC included), not wall time: the
 * machine is shared, and wall time would count the time other processes hold the cores.
 */
export interface Case {
  name: string;
  /** One operation. Its return value is kept to stop the engine from optimising the work away. */
  run: () => unknown;
  /** Bytes one operation processes, for MB/s. */
  bytes?: number;
  /** A note printed after the numbers (e.g. "reduced payload"). */
  note?: string;
}

export interface Result {
  name: string;
  opsPerSec: number;
  mbPerSec: number | undefined;
  note: string | undefined;
}

let sink: unknown;

/** CPU time used by this process so far, in milliseconds. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function round(run: () => unknown, ms: number): number {
  let ops = 0;
  const start = cpuMs();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 16; i++) sink = run();
    ops += 16;
    now = cpuMs();
  }
  return (ops * 1000) / (now - start);
}

/** Runs each case `rounds` times for `roundMs` of CPU time, after a warm-up, and returns the medians. */
export function measure(cases: Case[], { rounds = 9, roundMs = 200 } = {}): Result[] {
  for (const c of cases) round(c.run, 200);
  const samples = new Map<Case, number[]>(cases.map((c) => [c, []]));
  // Interleave the cases round by round so that they share the machine's ups and downs.
  for (let r = 0; r < rounds; r++) for (const c of cases) samples.get(c)?.push(round(c.run, roundMs));
  void sink;
  return cases.map((c) => {
    const sorted = [...(samples.get(c) ?? [])].sort((a, b) => a - b);
    const opsPerSec = sorted[Math.floor(sorted.length / 2)] ?? 0;
    return {
      name: c.name,
      opsPerSec,
      mbPerSec: c.bytes === undefined ? undefined : (opsPerSec * c.bytes) / 1e6,
      note: c.note,
    };
  });
}

export function printTable(title: string, results: Result[]): void {
  console.log(`\n${title}`);
  const width = Math.max(...results.map((r) => r.name.length));
  for (const r of results) {
    const ops = Math.round(r.opsPerSec).toLocaleString('en-US').padStart(12);
    const mb = r.mbPerSec === undefined ? '' : `${r.mbPerSec.toFixed(1).padStart(9)} MB/s`;
    console.log(`  ${r.name.padEnd(width)}  ${ops} ops/s ${mb}${r.note ? `   (${r.note})` : ''}`);
  }
}
