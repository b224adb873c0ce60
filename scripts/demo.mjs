#!/usr/bin/env node
// `pnpm demo`: builds what the demo needs (saying so, package by package), then runs it.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { runTurbo } from './run-turbo.mjs';

const TASK = /^(@?[\w./-]+):build: cache (hit|miss)/;
const started = performance.now();
let built = 0;
let cached = 0;
process.stdout.write('Building the @pp packages the demo uses…\n');
const { code, lines } = await runTurbo(['run', 'build', '--filter=@pp/demo...', '--output-logs=hash-only'], {
  echo: false,
  onLine(line) {
    const match = TASK.exec(line);
    if (match === null) return;
    if (match[2] === 'hit') cached++;
    else {
      built++;
      process.stdout.write(`  building ${match[1]}\n`);
    }
  },
});
if (code !== 0) {
  process.stderr.write(`${lines.join('\n')}\nThe build failed (output above).\n`);
  process.exit(code);
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
process.stdout.write(built > 0 ? `Built ${built} packages in ${seconds} s${cached > 0 ? ` (${cached} up to date)` : ''}.\n\n` : `All ${cached} packages up to date.\n\n`);
const demo = spawnSync(process.execPath, ['examples/demo/dist/main.js'], { stdio: 'inherit' });
process.exit(demo.status ?? 1);
