/**
 * Memory per idle WebSocket connection: 10,000 raw `ws` clients (in a child process, so that
 * each process stays under the file-descriptor limit) connected to a bare `ws` server and to a
 * `WebSocketMultiplayerPeer` server. Each measurement runs in a fresh server process
 * (`websocket-idle-server.ts`), the two alternating round by round, so that neither inherits
 * the other's heap or the pages it freed.
 */
import { execFileSync, fork } from 'node:child_process';
import { median } from './measure.js';
import type { IdleFigures, IdleServerKind } from './websocket-idle-server.js';

const ROUNDS = 3;

/** The file-descriptor limit of this process (a shell child inherits it). */
function fileLimit(): number {
  try {
    return Number(execFileSync('/bin/sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim()) || 1024;
  } catch {
    return 1024;
  }
}

function measureIn(kind: IdleServerKind, count: number): Promise<IdleFigures> {
  const child = fork(new URL('./websocket-idle-server.js', import.meta.url), [kind, String(count)], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(JSON.parse(String(message)) as IdleFigures));
    child.once('exit', (code) => reject(new Error(`the ${kind} server process exited with ${code}`)));
  });
}

const kib = (bytes: number): string => (bytes / 1024).toFixed(2);
const range = (values: number[]): string => `${kib(median(values)).padStart(6)} KiB [${kib(Math.min(...values))}-${kib(Math.max(...values))}]`;

export async function websocketIdleBench(): Promise<void> {
  const limit = fileLimit();
  // Each side holds one descriptor per connection, plus a few of its own.
  const count = Math.min(10_000, limit - 200);
  console.log(`\nMemory per idle WebSocket connection, ${count} clients on loopback, ${ROUNDS} rounds, a fresh server process each ` +
    `(ulimit -n: ${limit}; clients in a child process)`);
  if (count < 10_000) console.log(`  (fewer than 10,000: raise the descriptor limit above ${10_200} to run them all)`);
  const names: Record<IdleServerKind, string> = { raw: 'raw ws WebSocketServer', pp: '@pp/websocket WebSocketMultiplayerPeer' };
  const figures: Record<IdleServerKind, IdleFigures[]> = { raw: [], pp: [] };
  for (let r = 0; r < ROUNDS; r++) {
    for (const kind of r % 2 === 0 ? (['raw', 'pp'] as const) : (['pp', 'raw'] as const)) figures[kind].push(await measureIn(kind, count));
  }
  for (const kind of ['raw', 'pp'] as const) {
    const rows = figures[kind];
    console.log(`  ${names[kind].padEnd(42)} ${range(rows.map((f) => f.heap))} JS heap + buffers, ${range(rows.map((f) => f.rss))} RSS`);
  }
  const ratio = (of: (f: IdleFigures) => number): string => {
    const ratios = figures.pp.map((f, i) => of(f) / of(figures.raw[i] ?? { heap: NaN, rss: NaN, rssMarginal: NaN }));
    return `${median(ratios).toFixed(2)}x [${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}]`;
  };
  console.log(`  => RSS per connection, @pp / raw ws: ${ratio((f) => f.rss)}`);
  for (const kind of ['raw', 'pp'] as const) {
    console.log(`  ${names[kind].padEnd(42)} ${range(figures[kind].map((f) => f.rssMarginal))} RSS, second ${count - Math.floor(count / 2)} connections alone`);
  }
  // What one more connection costs; the total above also holds what each process spends once
  // (compiled code, heap and allocator growth), which is larger for the larger code.
  console.log(`  => RSS per further connection, @pp / raw ws: ${ratio((f) => f.rssMarginal)}`);
}
