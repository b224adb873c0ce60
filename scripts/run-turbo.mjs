// Runs turbo with its output streamed to ours, line by line, and hands every line (ANSI colours
// stripped) to `onLine` as well: the quick-start scripts read progress and totals from it.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/**
 * @param {string[]} args turbo's arguments
 * @param {{ echo: boolean, onLine?: (line: string) => void }} options `echo` prints turbo's output
 * @returns {Promise<{ code: number, lines: string[] }>}
 */
export function runTurbo(args, { echo, onLine }) {
  const child = spawn('turbo', args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', FORCE_COLOR: process.stdout.isTTY ? '1' : '0' },
  });
  const lines = [];
  const read = (stream, sink) => {
    createInterface({ input: stream }).on('line', (line) => {
      if (echo) sink.write(`${line}\n`);
      const plain = line.replace(ANSI, '');
      lines.push(plain);
      onLine?.(plain);
    });
  };
  read(child.stdout, process.stdout);
  read(child.stderr, process.stderr);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, lines }));
  });
}
