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
  /** The median round. */
  opsPerSec: number;
  mbPerSec: number | undefined;
  note: string | undefined;
  /** Every round's ops/s, in the order the rounds ran (interleaved with the other cases'). */
  samples: number[];
  /** Flows only: every round's operations per second of this process's CPU time (both ends run here). */
  cpuSamples?: number[];
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
  // Interleave the cases round by round so that they share the machine's ups and downs, and
  // rotate which one goes first: a case that follows an allocating one pays for its garbage
  // (1 MiB per operation for the bulk shapes), and a fixed order would always bill the same case.
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < cases.length; i++) {
      const c = cases[(r + i) % cases.length] as Case;
      samples.get(c)?.push(round(c.run, roundMs));
    }
  }
  void sink;
  return cases.map((c) => resultOf(c, samples.get(c) ?? []));
}

/** The median of `values` (the upper one of an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** A case's figures from its rounds' ops/s. */
export function resultOf(c: { name: string; bytes?: number; note?: string }, samples: number[], cpuSamples?: number[]): Result {
  const opsPerSec = median(samples);
  return {
    name: c.name,
    opsPerSec,
    mbPerSec: c.bytes === undefined ? undefined : (opsPerSec * c.bytes) / 1e6,
    note: c.note,
    samples,
    ...(cpuSamples === undefined ? {} : { cpuSamples }),
  };
}

/**
 * `a` over `b` round by round (the rounds ran side by side, so each pair shared the machine's
 * load): the median ratio and its range, e.g. `0.97x [0.91-1.04]`. `cpu` compares the CPU-time
 * rates of flows.
 */
export function ratio(a: Result | undefined, b: Result | undefined, cpu = false): string {
  const as = (cpu ? a?.cpuSamples : a?.samples) ?? [];
  const bs = (cpu ? b?.cpuSamples : b?.samples) ?? [];
  const pairs = as.map((value, i) => value / (bs[i] ?? NaN)).filter(Number.isFinite);
  if (pairs.length === 0) return 'n/a';
  return `${median(pairs).toFixed(2)}x [${Math.min(...pairs).toFixed(2)}-${Math.max(...pairs).toFixed(2)}]`;
}

/** The line a flow table ends with for each @pp case: its wall-clock and CPU-time ratios to `base`. */
export function printFlowRatios(base: Result | undefined, cases: ReadonlyArray<Result | undefined>): void {
  for (const c of cases) {
    if (c === undefined || base === undefined) continue;
    console.log(`  => ${c.name} / ${base.name}: ${ratio(c, base)} wall, ${ratio(c, base, true)} CPU`);
  }
}

const compact = (n: number): string => Math.round(n).toLocaleString('en-US');

export function printTable(title: string, results: Result[]): void {
  console.log(`\n${title}`);
  const width = Math.max(...results.map((r) => r.name.length));
  for (const r of results) {
    const ops = compact(r.opsPerSec).padStart(12);
    const range = `[${compact(Math.min(...r.samples))}-${compact(Math.max(...r.samples))}]`.padEnd(24);
    const mb = r.mbPerSec === undefined ? '' : `${r.mbPerSec.toFixed(1).padStart(9)} MB/s`;
    const cpu = r.cpuSamples === undefined ? '' : `  ${compact(median(r.cpuSamples)).padStart(10)} ops/CPU-s`;
    console.log(`  ${r.name.padEnd(width)}  ${ops} ops/s ${range}${mb}${cpu}${r.note ? `   (${r.note})` : ''}`);
  }
}
