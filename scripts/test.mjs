#!/usr/bin/env node
// `pnpm test`: every package's tests through turbo, then one total line for the whole repository.
import { runTurbo } from './run-turbo.mjs';

// vitest's summary line, e.g. "Tests  186 passed | 1 skipped (187)" or "Tests  2 failed | 9 passed (11)".
const SUMMARY = /^(?:\S+:test:\s+)?\s*Tests\s+(.+)\((\d+)\)\s*$/;
const totals = { passed: 0, failed: 0, skipped: 0, todo: 0 };
let packages = 0;

// Three packages at a time: each vitest already uses every core, and many timing-bound tests
// (handshakes, floods, fuzz budgets) misbehave when a 2-core machine runs a dozen at once.
const { code } = await runTurbo(['run', 'test', '--concurrency=3', ...process.argv.slice(2)], {
  echo: true,
  onLine(line) {
    const match = SUMMARY.exec(line);
    if (match === null) return;
    packages++;
    for (const part of (match[1] ?? '').split('|')) {
      const [count, kind] = part.trim().split(/\s+/);
      if (kind !== undefined && kind in totals) totals[kind] += Number(count);
    }
  },
});

const parts = [`${totals.passed} passed`, `${totals.failed} failed`, `${totals.skipped} skipped`];
if (totals.todo > 0) parts.push(`${totals.todo} todo`);
const verdict = code === 0 ? '' : ' — FAILED (see above)';
console.log(`\npnpm test: ${parts.join(', ')} in ${packages} packages${verdict}`);
process.exit(code);
