/**
 * C libenet 1.3.17 (Debian's `libenet-dev`) as a real peer: compiles the scriptable peer of
 * `cenet-peer-source.ts` with `cc … -lenet` into a temporary folder (cached by source hash) and
 * runs it as a child process driven by lines on stdin/stdout.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PeerAvailability } from './availability.js';
import { CENET_PEER_SOURCE } from './cenet-peer-source.js';
import { onProcessExit } from './cleanup.js';

const HEADER = '/usr/include/enet/enet.h';
let availability: PeerAvailability | undefined;
let compiled: string | undefined;
const live = new Set<CENetPeer>();

/** Whether a C compiler and libenet's header are installed. Cached. */
export function cenetAvailability(): PeerAvailability {
  availability ??= (() => {
    const cc = spawnSync('cc', ['--version'], { encoding: 'utf8', timeout: 10_000 });
    const missing: string[] = [];
    if (cc.status !== 0) missing.push('a C compiler (apt-get install -y gcc)');
    if (!existsSync(HEADER)) missing.push('libenet (apt-get install -y libenet-dev)');
    return {
      available: missing.length === 0,
      found: missing.length === 0 ? `cc, ${HEADER}` : '',
      missing: missing.length === 0 ? undefined : `C ENet peer unavailable: missing ${missing.join('; ')}`,
    };
  })();
  return availability;
}

/** Compiles the C peer (once per source version) and returns the executable's path. */
export function compileCENetPeer(source: string = CENET_PEER_SOURCE): string {
  if (source === CENET_PEER_SOURCE && compiled !== undefined) return compiled;
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), 'pp-cenet', hash);
  const binary = join(dir, 'peer');
  if (!existsSync(binary)) {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'peer.c');
    writeFileSync(file, source);
    const partial = `${binary}.${process.pid}`;
    const result = spawnSync('cc', ['-O2', '-o', partial, file, '-lenet'], { encoding: 'utf8', timeout: 60_000 });
    if (result.status !== 0) throw new Error(`compiling the C ENet peer failed: ${result.stderr || result.error?.message}`);
    renameSync(partial, binary);
  }
  if (source === CENET_PEER_SOURCE) compiled = binary;
  return binary;
}

/** One line the C peer printed, split into words. */
export interface CENetLine {
  readonly text: string;
  readonly words: readonly string[];
}

/** A running C ENet peer. */
export class CENetPeer {
  readonly lines: CENetLine[] = [];
  readonly stderr: string[] = [];
  #child: ChildProcessWithoutNullStreams;
  #buffer = '';
  #waiters: Array<{ match: (line: CENetLine) => boolean; resolve: (line: CENetLine) => void }> = [];
  #consumed = 0;
  #exited = false;
  #removeHook: () => void;

  constructor(binary: string, args: readonly string[]) {
    this.#child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.#removeHook = onProcessExit(() => this.#child.kill('SIGKILL'));
    this.#child.stdout.setEncoding('utf8');
    this.#child.stdout.on('data', (chunk: string) => this.#onData(chunk));
    this.#child.stderr.setEncoding('utf8');
    this.#child.stderr.on('data', (chunk: string) => this.stderr.push(chunk));
    this.#child.on('exit', () => {
      this.#exited = true;
      live.delete(this);
      this.#removeHook();
    });
    this.#child.stdin.on('error', () => {});
    live.add(this);
  }

  #onData(chunk: string): void {
    this.#buffer += chunk;
    for (let nl = this.#buffer.indexOf('\n'); nl !== -1; nl = this.#buffer.indexOf('\n')) {
      const text = this.#buffer.slice(0, nl);
      this.#buffer = this.#buffer.slice(nl + 1);
      const line = { text, words: text.split(' ') };
      this.lines.push(line);
      for (const waiter of [...this.#waiters]) {
        if (waiter.match(line)) {
          this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
          waiter.resolve(line);
        }
      }
    }
  }

  /** Sends one command line. */
  command(line: string): void {
    if (!this.#exited) this.#child.stdin.write(`${line}\n`);
  }

  /**
   * Resolves with the first line (not yet taken by an earlier `next`) starting with `prefix`;
   * rejects after `timeoutMs`.
   */
  next(prefix: string, timeoutMs = 10_000): Promise<CENetLine> {
    const match = (line: CENetLine): boolean => line.text.startsWith(prefix);
    for (let i = this.#consumed; i < this.lines.length; i++) {
      const line = this.lines[i] as CENetLine;
      if (match(line)) {
        this.#consumed = i + 1;
        return Promise.resolve(line);
      }
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(new Error(`C ENet peer: no "${prefix}" line within ${timeoutMs} ms (output: ${this.lines.slice(-10).map((l) => l.text).join(' | ')} ${this.stderr.join('')})`));
      }, timeoutMs);
      const waiter = {
        match,
        resolve: (line: CENetLine) => {
          clearTimeout(timer);
          this.#consumed = this.lines.indexOf(line) + 1;
          resolve(line);
        },
      };
      this.#waiters.push(waiter);
    });
  }

  /** Drops the lines kept so far (a long run's output would otherwise stay in memory). */
  forgetLines(): void {
    this.lines.length = 0;
    this.#consumed = 0;
  }

  /** Every line so far that starts with `prefix`. */
  all(prefix: string): CENetLine[] {
    return this.lines.filter((line) => line.text.startsWith(prefix));
  }

  /** Waits until `count` lines start with `prefix`. */
  async count(prefix: string, count: number, timeoutMs = 10_000): Promise<CENetLine[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.all(prefix).length < count) {
      if (Date.now() > deadline) throw new Error(`C ENet peer: ${this.all(prefix).length} of ${count} "${prefix}" lines within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return this.all(prefix).slice(0, count);
  }

  /** Asks the peer to quit and waits for it (kills it after `timeoutMs`). */
  async stop(timeoutMs = 2000): Promise<void> {
    if (this.#exited) return;
    const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
    this.command('quit');
    const timer = setTimeout(() => this.#child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * Compiles (if needed) and starts a C ENet peer; resolves once it printed `READY <port>`. Another
 * `source` that speaks the same line protocol runs the same way (`CUDP_PEER_SOURCE`).
 */
export async function startCENetPeer(args: readonly string[], source: string = CENET_PEER_SOURCE): Promise<{ peer: CENetPeer; port: number }> {
  const peer = new CENetPeer(compileCENetPeer(source), args);
  const ready = await peer.next('READY', 10_000);
  return { peer, port: Number(ready.words[1]) };
}

/** Stops every C ENet peer still running. */
export async function shutdownCENet(): Promise<void> {
  await Promise.all([...live].map((peer) => peer.stop()));
}

/** `pattern(length, seed)` of the C peer, byte for byte. */
export function cenetPattern(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = Math.imul(seed, 2654435761) >>> 0;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** The FNV-1a 32-bit hash the C peer prints for each received packet, as 8 hex digits. */
export function fnv1a(data: Uint8Array): string {
  let h = 2166136261;
  for (let i = 0; i < data.length; i++) h = Math.imul(h ^ (data[i] as number), 16777619) >>> 0;
  return h.toString(16).padStart(8, '0');
}
