/**
 * Runs the real `pp` binary (dist/bin.js) as a child process, as a developer would, and follows
 * its JSON lines. Stopping sends SIGINT (Ctrl-C), which makes pp print its summary and exit.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../dist/bin.js', import.meta.url));

export interface PpProcess {
  readonly child: ChildProcess;
  /** Every JSON line printed so far. */
  readonly events: Array<Record<string, unknown>>;
  /** The `listening` line: where the proxy (and the page) are. */
  readonly ready: Promise<{ listen: string; port: number; ui: string | null }>;
  stderr(): string;
  /** Ctrl-C, then the exit code and everything printed on stderr. */
  stop(timeoutMs?: number): Promise<{ code: number | null; stderr: string }>;
  waitFor(predicate: (events: Array<Record<string, unknown>>) => boolean, timeoutMs?: number, what?: string): Promise<void>;
}

export function spawnPp(args: readonly string[]): PpProcess {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const events: Array<Record<string, unknown>> = [];
  let pending = '';
  let err = '';
  let resolveReady!: (v: { listen: string; port: number; ui: string | null }) => void;
  let rejectReady!: (e: Error) => void;
  const ready = new Promise<{ listen: string; port: number; ui: string | null }>((resolve, reject) => {
    resolveReady = resolve;
    rejectReady = reject;
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    let newline: number;
    while ((newline = pending.indexOf('\n')) !== -1) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      const event = JSON.parse(line) as Record<string, unknown>;
      events.push(event);
      if (event.kind === 'listening') {
        const listen = String(event.listen);
        resolveReady({ listen, port: Number(listen.slice(listen.lastIndexOf(':') + 1)), ui: (event.ui as string | null) ?? null });
      }
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  void exited.then((code) => rejectReady(new Error(`pp exited (${code}) before listening: ${err}`)));
  return {
    child,
    events,
    ready,
    stderr: () => err,
    stop: async (timeoutMs = 10_000) => {
      if (child.exitCode === null) child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return { code, stderr: err };
    },
    waitFor: async (predicate, timeoutMs = 10_000, what = 'pp output') => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(events)) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last lines: ${JSON.stringify(events.slice(-3))}; stderr: ${err}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
  };
}

export const packetsOf = (events: Array<Record<string, unknown>>, direction: 'c2s' | 's2c'): Array<Record<string, unknown>> =>
  events.filter((e) => e.kind === 'packet' && e.direction === direction);
