import { GodotRunError, type GodotFailure } from './errors.js';
import type { GodotLogEntry } from './godot-log.js';
import { GodotOutput, type GodotOutputLine, type GodotOutputView, type GodotStream } from './output.js';
import { DONE_TAG, FAIL_TAG, decodeBase64Text } from './protocol.js';
import { CompletedRun, ENGINE_LABEL, type GodotEngineName, type GodotRun, type GodotRunEnd } from './run.js';

/** Default whole-run deadline of a run. */
export const DEFAULT_RUN_TIMEOUT_MS = 20_000;
/** Default deadline of one {@link GodotHandle.waitForLine}. */
export const DEFAULT_WAIT_TIMEOUT_MS = 10_000;
/** Default time an engine gets to quit by itself after printing `PP|done|`. */
export const DEFAULT_DONE_GRACE_MS = 1_000;
/** How long after a `SCRIPT ERROR` header the harness keeps collecting lines before failing. */
const SCRIPT_ERROR_COLLECT_MS = 50;
/** Lines of a crash's stack trace kept in the failure message. */
const CRASH_STACK_LINES = 6;

/**
 * What a {@link GodotHandle.waitForLine} waits for:
 * - a string: a protocol line with that tag (`'ready'` matches `PP|ready|…`);
 * - a RegExp: tested against the whole line text;
 * - a function: any predicate on the line.
 */
export type LineMatcher = string | RegExp | ((line: GodotOutputLine) => boolean);

/** Options shared by both engines' `run…` and `start…` functions. */
export interface GodotScriptOptions {
  /**
   * The test's GDScript source. Godot 4: `extends Node`, the main scene's only node; work in
   * `_ready()` / `_process(delta)`. Godot 3: `extends SceneTree`, the `-s` main loop; work in
   * `_init()` / `_idle(delta)`. End with `pp_done()` (or print `PP|done|` and quit).
   */
  readonly script: string;
  /**
   * Extra files under `res://`, keyed by their path relative to it (`'cases.bin'`,
   * `'data/a.txt'`); strings are written as UTF-8. Read them with `FileAccess.open(…)` (Godot 4)
   * or `File.new().open(…)` (Godot 3), or the `pp_read_bytes(path)` helper.
   * @default {}
   */
  readonly files?: Readonly<Record<string, Uint8Array | string>>;
  /**
   * Append the `pp_*` GDScript helpers ({@link GODOT4_HELPERS} / {@link GODOT3_HELPERS}) to
   * the script.
   * @default true
   */
  readonly helpers?: boolean;
  /**
   * Extra `project.godot` text appended after the harness's own settings (for example
   * `[network]\nlimits/…=…`).
   * @default ''
   */
  readonly projectSettings?: string;
  /**
   * Deadline for the whole run, launch included; the engine is stopped and the run rejected
   * with reason `timeout` when it passes. `Infinity` disables it.
   * @default 20000
   */
  readonly timeoutMs?: number;
  /** Reject the run as soon as the engine reports a `SCRIPT ERROR`. @default true */
  readonly failOnScriptError?: boolean;
  /**
   * After `PP|done|`, how long the engine may take to quit by itself (so its exit code is
   * known) before the harness stops it.
   * @default 1000
   */
  readonly doneGraceMs?: number;
}

/** A running engine. Obtained from `startGodot4` / `startGodot3`. Iterating it yields every line from the first. */
export interface GodotHandle extends AsyncIterable<GodotOutputLine> {
  readonly engine: GodotEngineName;
  /** The output so far; it keeps growing while the engine runs. */
  readonly output: GodotOutputView;
  /** Whether the run has not ended yet. */
  readonly running: boolean;
  /**
   * Settles when the run ends: resolves when the script quits with code 0, prints `PP|done|`,
   * or is stopped; rejects with a {@link GodotRunError} on timeout, script error, crash or a
   * non-zero exit code. Never an unhandled rejection if left unobserved.
   */
  readonly finished: Promise<GodotRun>;
  /**
   * Waits for the next line matching `match`. The search starts after the last line a previous
   * `waitForLine` returned, so lines printed before the call are not missed and repeated tags
   * are consumed in order.
   *
   * @param timeoutMs Deadline for this wait. @default 10000
   * @throws {GodotRunError} `wait-timeout` when the deadline passes (the run goes on), `ended`
   *   when the run ended successfully without such a line, or the run's own failure.
   */
  waitForLine(match: LineMatcher, timeoutMs?: number): Promise<GodotOutputLine>;
  /** {@link waitForLine} for a tag; resolves with the line's payload. */
  waitForTag(tag: string, timeoutMs?: number): Promise<string>;
  /**
   * Stops the engine if it still runs (the run then ends as `stopped`) and releases everything
   * it held. Never rejects; the result is in {@link finished}.
   */
  stop(): Promise<void>;
}

/** The harness side of an engine: what a session needs to stop it. */
export interface EngineDriver {
  /** Stops the engine (if it still runs) and releases its resources. Must not reject. */
  dispose(): Promise<void>;
}

type Outcome =
  | { readonly ok: true; readonly end: GodotRunEnd; readonly exitCode: number | null }
  | { readonly ok: false; readonly error: GodotRunError };

interface Waiter {
  readonly predicate: (line: GodotOutputLine) => boolean;
  readonly resolve: (line: GodotOutputLine) => void;
  readonly reject: (error: GodotRunError) => void;
  readonly timer: ReturnType<typeof setTimeout> | undefined;
}

function toPredicate(match: LineMatcher): (line: GodotOutputLine) => boolean {
  if (typeof match === 'string') return (line) => line.tag === match;
  if (match instanceof RegExp) return (line) => match.test(line.text);
  return match;
}

function describeMatcher(match: LineMatcher): string {
  if (typeof match === 'string') return `PP|${match}|`;
  if (match instanceof RegExp) return String(match);
  return 'a line matching the predicate';
}

/**
 * One run of one engine: records output, enforces the deadline, recognises the end of the run
 * and its failures, and serves waits. Engine modules feed it lines and exit/crash events.
 */
export class GodotSession implements GodotHandle {
  readonly engine: GodotEngineName;
  readonly finished: Promise<GodotRun>;
  readonly #output: GodotOutput;
  readonly #startedAt = performance.now();
  readonly #failOnScriptError: boolean;
  readonly #doneGraceMs: number;
  readonly #timers = new Set<ReturnType<typeof setTimeout>>();
  readonly #waiters = new Set<Waiter>();
  readonly #wakeups = new Set<() => void>();
  #resolve!: (run: GodotRun) => void;
  #reject!: (error: GodotRunError) => void;
  #driver: EngineDriver | undefined;
  #outcome: Outcome | undefined;
  #done: Promise<void> | undefined;
  #cursor = 0;
  #doneSeen = false;
  #scriptError: GodotLogEntry | undefined;
  #sharedStartupMs = 0;
  #bootMs: number | undefined;

  constructor(engine: GodotEngineName, options: Pick<GodotScriptOptions, 'timeoutMs' | 'failOnScriptError' | 'doneGraceMs'>) {
    this.engine = engine;
    this.#output = new GodotOutput(this.#startedAt);
    this.#failOnScriptError = options.failOnScriptError ?? true;
    this.#doneGraceMs = options.doneGraceMs ?? DEFAULT_DONE_GRACE_MS;
    this.finished = new Promise<GodotRun>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    this.finished.catch(() => undefined);
    const timeoutMs = options.timeoutMs ?? DEFAULT_RUN_TIMEOUT_MS;
    if (Number.isFinite(timeoutMs)) {
      this.#after(timeoutMs, () => this.fail('timeout', `no end of run within ${timeoutMs} ms`));
    }
  }

  get output(): GodotOutputView {
    return this.#output;
  }

  get running(): boolean {
    return this.#outcome === undefined;
  }

  /** Milliseconds since the run was requested. */
  elapsedMs(): number {
    return Math.round(performance.now() - this.#startedAt);
  }

  /** Records how long this run waited for shared infrastructure. */
  setSharedStartupMs(ms: number): void {
    this.#sharedStartupMs = Math.round(ms);
  }

  /** Hands the session its engine; disposes it at once if the run already ended. */
  attach(driver: EngineDriver): void {
    this.#driver = driver;
    if (this.#outcome !== undefined) void driver.dispose();
  }

  /** Feeds one line the engine printed. */
  line(stream: GodotStream, text: string): void {
    if (this.#outcome !== undefined) return;
    const { line, entry } = this.#output.push(stream, text);
    this.#bootMs ??= line.atMs;
    const index = this.#output.lines.length - 1;
    for (const waiter of [...this.#waiters]) {
      if (index >= this.#cursor && waiter.predicate(line)) {
        this.#cursor = index + 1;
        this.#removeWaiter(waiter);
        waiter.resolve(line);
      }
    }
    this.#wake();
    if (entry?.severity === 'script-error' && !entry.harmless && this.#failOnScriptError && this.#scriptError === undefined) {
      this.#scriptError = entry;
      this.#after(SCRIPT_ERROR_COLLECT_MS, () => this.#failScriptError());
    }
    if (line.tag === DONE_TAG && !this.#doneSeen) {
      this.#doneSeen = true;
      this.#after(this.#doneGraceMs, () => void this.#settle({ ok: true, end: 'done', exitCode: null }));
    }
  }

  /** Reports that the engine exited by itself (`null` code: killed by a signal). */
  exit(code: number | null, signal?: string): void {
    if (this.#outcome !== undefined) return;
    if (this.#scriptError !== undefined) {
      // Godot 3 exits with 0 right after a parse error in the main script.
      this.#failScriptError(code);
    } else if (code === 0) {
      void this.#settle({ ok: true, end: this.#doneSeen ? 'done' : 'quit', exitCode: 0 });
    } else if (code === null) {
      this.fail('crash', `the engine was killed${signal === undefined ? '' : ` by ${signal}`}`);
    } else {
      this.fail('exit-code', `the engine quit with exit code ${code}`, code);
    }
  }

  /** Reports that the engine died (a long stack trace is cut to its first lines). */
  crash(message: string): void {
    const lines = message.split('\n');
    const short = lines.length > CRASH_STACK_LINES
      ? [...lines.slice(0, CRASH_STACK_LINES), `    … ${lines.length - CRASH_STACK_LINES} more`].join('\n')
      : message;
    this.fail('crash', `the engine crashed: ${short}`);
  }

  /** Ends the run as failed (the first failure wins). */
  fail(reason: GodotFailure, headline: string, exitCode: number | null = null, cause?: unknown): void {
    if (this.#outcome !== undefined) return;
    const error = new GodotRunError(this.engine, reason, this.#message(headline), this.#output, {
      exitCode,
      cause,
    });
    void this.#settle({ ok: false, error });
  }

  async stop(): Promise<void> {
    await this.#settle({ ok: true, end: 'stopped', exitCode: null });
  }

  waitForLine(match: LineMatcher, timeoutMs = DEFAULT_WAIT_TIMEOUT_MS): Promise<GodotOutputLine> {
    const predicate = toPredicate(match);
    const lines = this.#output.lines;
    for (let i = this.#cursor; i < lines.length; i++) {
      const line = lines[i];
      if (line !== undefined && predicate(line)) {
        this.#cursor = i + 1;
        return Promise.resolve(line);
      }
    }
    if (this.#outcome !== undefined) return Promise.reject(this.#endedError(match));
    return new Promise<GodotOutputLine>((resolve, reject) => {
      const timer = Number.isFinite(timeoutMs)
        ? setTimeout(() => {
          this.#removeWaiter(waiter);
          reject(new GodotRunError(this.engine, 'wait-timeout', this.#message(
            `no ${describeMatcher(match)} line within ${timeoutMs} ms`), this.#output));
        }, timeoutMs)
        : undefined;
      const waiter: Waiter = {
        predicate,
        resolve,
        reject: (error) => reject(error.reason === 'ended' ? this.#endedError(match) : error),
        timer,
      };
      this.#waiters.add(waiter);
    });
  }

  async waitForTag(tag: string, timeoutMs?: number): Promise<string> {
    const line = await this.waitForLine(tag, timeoutMs);
    return line.payload ?? '';
  }

  async *[Symbol.asyncIterator](): AsyncIterator<GodotOutputLine> {
    let index = 0;
    while (true) {
      const lines = this.#output.lines;
      while (index < lines.length) {
        const line = lines[index++];
        if (line !== undefined) yield line;
      }
      const outcome = this.#outcome;
      if (outcome !== undefined) {
        if (!outcome.ok) throw outcome.error;
        return;
      }
      await new Promise<void>((resolve) => this.#wakeups.add(resolve));
    }
  }

  #settle(outcome: Outcome): Promise<void> {
    if (this.#done !== undefined) return this.#done;
    this.#outcome = outcome;
    for (const timer of this.#timers) clearTimeout(timer);
    this.#timers.clear();
    const error = outcome.ok
      ? new GodotRunError(this.engine, 'ended', 'the run ended', this.#output, { exitCode: outcome.exitCode })
      : outcome.error;
    for (const waiter of [...this.#waiters]) {
      this.#removeWaiter(waiter);
      waiter.reject(error);
    }
    this.#wake();
    this.#done = (async () => {
      await this.#driver?.dispose().catch(() => undefined);
      if (outcome.ok) {
        this.#resolve(new CompletedRun(this.engine, this.#output, outcome.end, outcome.exitCode, {
          sharedStartupMs: this.#sharedStartupMs,
          bootMs: this.#bootMs,
          totalMs: this.elapsedMs(),
        }));
      } else {
        this.#reject(outcome.error);
      }
    })();
    return this.#done;
  }

  #failScriptError(exitCode: number | null = null): void {
    this.fail('script-error', `script error: ${this.#scriptError?.message ?? ''}`, exitCode);
  }

  #endedError(match: LineMatcher): GodotRunError {
    const outcome = this.#outcome;
    if (outcome !== undefined && !outcome.ok) return outcome.error;
    return new GodotRunError(this.engine, 'ended', this.#message(
      `the run ended before a ${describeMatcher(match)} line`), this.#output);
  }

  #message(headline: string): string {
    const parts = [`${ENGINE_LABEL[this.engine]}: ${headline}`];
    const reported = this.#output.tagged(FAIL_TAG).map((payload) => {
      try {
        return decodeBase64Text(payload);
      } catch {
        return payload;
      }
    });
    if (reported.length > 0) parts.push(`the script reported: ${reported.join('; ')}`);
    const errors = this.#output.describeErrors();
    if (errors !== '') parts.push(`engine errors:\n${errors}`);
    const lines = this.#output.lines.length;
    parts.push(lines === 0 ? '(the engine printed nothing)' : `last output lines (${lines} in all):\n${this.#output.tail(20)}`);
    return parts.join('\n');
  }

  #after(ms: number, fn: () => void): void {
    const timer = setTimeout(() => {
      this.#timers.delete(timer);
      fn();
    }, ms);
    this.#timers.add(timer);
  }

  #removeWaiter(waiter: Waiter): void {
    this.#waiters.delete(waiter);
    if (waiter.timer !== undefined) clearTimeout(waiter.timer);
  }

  #wake(): void {
    const wakeups = [...this.#wakeups];
    this.#wakeups.clear();
    for (const wake of wakeups) wake();
  }
}
