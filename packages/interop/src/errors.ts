import type { GodotOutputView } from './output.js';
import type { GodotEngineName } from './run.js';

/**
 * Why a run or a wait failed:
 * - `launch`: the engine could not be started (browser, HTTP server, binary, temp folder).
 * - `timeout`: the run exceeded its `timeoutMs`.
 * - `script-error`: the engine reported a `SCRIPT ERROR` (GDScript parse error; runtime errors
 *   too on Godot 3 — the Godot 4 release web build does not report GDScript runtime errors).
 * - `crash`: the engine died (wasm trap, page crash, process killed by a signal).
 * - `exit-code`: the engine quit with a non-zero code (`pp_fail()` quits with 1).
 * - `wait-timeout`: a `waitForLine` did not see its line in time; the run goes on.
 * - `ended`: the run ended (successfully) before a `waitForLine` saw its line.
 */
export type GodotFailure =
  | 'launch' | 'timeout' | 'script-error' | 'crash' | 'exit-code' | 'wait-timeout' | 'ended';

/** A run (or a wait on a live run) that failed. The message includes the last output lines. */
export class GodotRunError extends Error {
  override readonly name = 'GodotRunError';
  readonly engine: GodotEngineName;
  readonly reason: GodotFailure;
  /** Everything the engine printed up to the failure. */
  readonly output: GodotOutputView;
  /** The engine's exit code when it quit by itself, else `null`. */
  readonly exitCode: number | null;

  constructor(
    engine: GodotEngineName,
    reason: GodotFailure,
    message: string,
    output: GodotOutputView,
    options: { exitCode?: number | null; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.engine = engine;
    this.reason = reason;
    this.output = output;
    this.exitCode = options.exitCode ?? null;
  }
}
