/**
 * A small side-by-side benchmark runner: each case runs for a fixed time in several rounds and
 * the median round is reported, so that a GC pause in one round does not decide the result.
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

function round(run: () => unknown, ms: number): number {
  let ops = 0;
  const end = performance.now() + ms;
  let now = performance.now();
  const start = now;
  while (now < end) {
    for (let i = 0; i < 64; i++) sink = run();
    ops += 64;
    now = performance.now();
  }
  return (ops * 1000) / (now - start);
}

/** Runs each case `rounds` times for `roundMs`, after a warm-up, and returns the medians. */
export function measure(cases: Case[], { rounds = 5, roundMs = 300 } = {}): Result[] {
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
