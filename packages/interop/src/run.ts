import type { GodotLogEntry } from './godot-log.js';
import type { GodotOutput, GodotOutputLine, GodotOutputView } from './output.js';

/** Which real peer ran: Godot 4.6 (official web build in Chromium) or Godot 3.2.3 (headless). */
export type GodotEngineName = 'godot4' | 'godot3';

/** Human-readable engine names for messages. */
export const ENGINE_LABEL: Readonly<Record<GodotEngineName, string>> = {
  godot4: 'Godot 4.6 (web build in Chromium)',
  godot3: 'Godot 3.2.3 (godot3-server)',
};

/**
 * How a successful run ended:
 * - `quit`: the script called `quit()` without printing `PP|done|`.
 * - `done`: the script printed `PP|done|` (and quit, or was stopped after the grace period).
 * - `stopped`: the test called `stop()`.
 */
export type GodotRunEnd = 'quit' | 'done' | 'stopped';

/** Where the time went, in milliseconds. */
export interface GodotRunTimings {
  /**
   * Time this run waited for shared infrastructure to start (Godot 4: Chromium and the HTTP
   * server, once per process); 0 when it was already running, and always 0 for Godot 3.
   */
  readonly sharedStartupMs: number;
  /**
   * From the request until the engine printed its first line (its version banner): page load,
   * wasm fetch and compile for Godot 4, process start for Godot 3. `undefined` if it never did.
   */
  readonly bootMs: number | undefined;
  /** From the request until the run ended and its engine was cleaned up. */
  readonly totalMs: number;
}

/** A finished run: its whole output plus how it ended. */
export interface GodotRun extends GodotOutputView {
  readonly engine: GodotEngineName;
  readonly end: GodotRunEnd;
  /** The engine's exit code, or `null` when the harness stopped it. */
  readonly exitCode: number | null;
  readonly timings: GodotRunTimings;
}

/** The {@link GodotRun} the harness hands out; delegates to the run's output. */
export class CompletedRun implements GodotRun {
  readonly engine: GodotEngineName;
  readonly end: GodotRunEnd;
  readonly exitCode: number | null;
  readonly timings: GodotRunTimings;
  readonly #output: GodotOutput;

  constructor(
    engine: GodotEngineName,
    output: GodotOutput,
    end: GodotRunEnd,
    exitCode: number | null,
    timings: GodotRunTimings,
  ) {
    this.engine = engine;
    this.#output = output;
    this.end = end;
    this.exitCode = exitCode;
    this.timings = timings;
  }

  get lines(): readonly GodotOutputLine[] {
    return this.#output.lines;
  }

  get log(): readonly GodotLogEntry[] {
    return this.#output.log;
  }

  get errors(): readonly GodotLogEntry[] {
    return this.#output.errors;
  }

  get warnings(): readonly GodotLogEntry[] {
    return this.#output.warnings;
  }

  tagged(tag: string): string[] {
    return this.#output.tagged(tag);
  }

  taggedBytes(tag: string): Uint8Array[] {
    return this.#output.taggedBytes(tag);
  }

  taggedText(tag: string): string[] {
    return this.#output.taggedText(tag);
  }

  payload(tag: string): string {
    return this.#output.payload(tag);
  }

  tail(count?: number): string {
    return this.#output.tail(count);
  }
}
