/**
 * Decoding costs time and memory linear in the input, whatever its shape (issue 9 §2): valid
 * Variants built to make key identity expensive (containers as Dictionary keys inside containers
 * as keys, deep nesting on both sides, many large or equal container keys) decode within a budget
 * per byte. The budgets are loose (a loaded machine must pass); a quadratic decoder misses them by
 * orders of magnitude (issue 9's 65 KB case took 6–8 s and 300+ MiB).
 */
import fc from 'fast-check';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { bytesToVar, type Dictionary } from '../../src/index.js';
import { HOSTILE_SHAPES, manyContainerKeys, nestedDictionaryKeys, repeatedContainerKeys } from '../support/hostile.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Time: 50 ms fixed plus 5 µs per input byte (a linear decoder needs well under 0.1 µs). */
const timeBudgetMs = (bytes: number): number => 50 + bytes * 0.005;
/** Heap still held with the decoded value alive: 2 MiB plus 64 bytes per input byte. */
const retainedBudget = (bytes: number): number => (2 << 20) + bytes * 64;
/** Heap grown by the decode, garbage included: 8 MiB plus 256 bytes per input byte. */
const grownBudget = (bytes: number): number => (8 << 20) + bytes * 256;

interface Cost {
  ms: number;
  grown: number;
  retained: number;
  value: unknown;
}

/**
 * Heap figures of one decode, and the best time of up to three (the machine is shared: a slow
 * run is retried, but a run ten times over budget ends the attempt at once).
 */
function decodeCost(bytes: Uint8Array, budgetMs: number): Cost {
  gc();
  const before = process.memoryUsage().heapUsed;
  let started = performance.now();
  const value = bytesToVar(bytes);
  let ms = performance.now() - started;
  const grown = process.memoryUsage().heapUsed - before;
  gc();
  const retained = process.memoryUsage().heapUsed - before;
  for (let retry = 0; retry < 2 && ms >= budgetMs && ms < 10 * budgetMs; retry++) {
    started = performance.now();
    bytesToVar(bytes);
    ms = Math.min(ms, performance.now() - started);
  }
  return { ms, grown, retained, value };
}

function expectLinear(bytes: Uint8Array): Cost {
  const n = bytes.length;
  const cost = decodeCost(bytes, timeBudgetMs(n));
  expect(cost.ms, `${n} bytes decoded in ${cost.ms.toFixed(1)} ms`).toBeLessThan(timeBudgetMs(n));
  expect(cost.grown, `${n} bytes grew the heap by ${cost.grown} bytes`).toBeLessThan(grownBudget(n));
  expect(cost.retained, `${n} bytes retained ${cost.retained} bytes`).toBeLessThan(retainedBudget(n));
  return cost;
}

describe('decoding is linear in the input, whatever its shape', () => {
  it("issue 9's case: 1023 nested Dictionary keys around a 53 KB PackedByteArray (65 KB)", () => {
    const bytes = nestedDictionaryKeys(1023, 53 * 1024);
    expect(bytes.length).toBeGreaterThan(64 * 1024);
    let d = expectLinear(bytes).value as Dictionary;
    for (let i = 1; i < 1023; i++) d = [...d.keys()][0] as Dictionary;
    expect([...d.keys()][0]).toHaveLength(53 * 1024);
  });

  it.each([
    ['nestedKeysWithValues', () => HOSTILE_SHAPES.nestedKeysWithValues(1020, 48)],
    ['alternatingKeys', () => HOSTILE_SHAPES.alternatingKeys(1022, 32 * 1024)],
    ['nestedBothSides', () => HOSTILE_SHAPES.nestedBothSides(90, 4096)],
    ['manyContainerKeys', () => manyContainerKeys(4000, 64)],
    ['repeatedContainerKeys', () => repeatedContainerKeys(2000, 64)],
    ['gridKeys', () => HOSTILE_SHAPES.gridKeys(100)],
    ['deepValues', () => HOSTILE_SHAPES.deepValues(1024)],
  ])('%s', (_name, build) => {
    expectLinear(build());
  });

  it('distinct keys stay distinct and repeated keys collapse (first position, last value)', () => {
    const many = bytesToVar(manyContainerKeys(4000, 64)) as Dictionary;
    expect(many.size).toBe(4000);
    const repeated = bytesToVar(repeatedContainerKeys(2000, 64)) as Dictionary;
    expect(repeated.size).toBe(1);
    expect([...repeated.values()]).toEqual([1999]);
    const grid = bytesToVar(HOSTILE_SHAPES.gridKeys(100)) as Dictionary;
    expect(grid.size).toBe(10_000);
  });

  it('random hostile shapes and sizes stay within the per-byte budget (seeded)', () => {
    const shape = fc.oneof(
      fc.record({ depth: fc.integer({ min: 1, max: 1023 }), inner: fc.integer({ min: 0, max: 48 * 1024 }) }).map((p) => nestedDictionaryKeys(p.depth, p.inner)),
      fc.record({ depth: fc.integer({ min: 1, max: 1020 }), leaf: fc.integer({ min: 0, max: 64 }) }).map((p) => HOSTILE_SHAPES.nestedKeysWithValues(p.depth, p.leaf)),
      fc.record({ depth: fc.integer({ min: 2, max: 1022 }), inner: fc.integer({ min: 0, max: 32 * 1024 }) }).map((p) => HOSTILE_SHAPES.alternatingKeys(p.depth, p.inner)),
      fc.record({ depth: fc.integer({ min: 1, max: 100 }), leaf: fc.integer({ min: 0, max: 8192 }) }).map((p) => HOSTILE_SHAPES.nestedBothSides(p.depth, p.leaf)),
      fc.record({ count: fc.integer({ min: 1, max: 4000 }), size: fc.integer({ min: 4, max: 256 }) }).map((p) => manyContainerKeys(p.count, p.size)),
      fc.record({ count: fc.integer({ min: 1, max: 3000 }), size: fc.integer({ min: 0, max: 256 }) }).map((p) => repeatedContainerKeys(p.count, p.size)),
    );
    fc.assert(
      fc.property(shape, (bytes) => {
        expectLinear(bytes);
      }),
      // The counterexample is kilobytes of bytes: report only the failure, unshrunk.
      { numRuns: 40, seed: 9, endOnFailure: true, reporter: (details) => {
        if (details.failed) throw new Error(`run ${details.numRuns}: ${String(details.errorInstance)}`);
      } },
    );
  });
});
