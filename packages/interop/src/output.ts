import { GodotLogParser, formatLogEntry, type GodotLogEntry } from './godot-log.js';
import { decodeBase64, decodeBase64Text, parseTaggedLine } from './protocol.js';

/** Where a line came from: Godot's standard output (`print`) or error output (`printerr`, errors). */
export type GodotStream = 'stdout' | 'stderr';

/** One line the engine printed. */
export interface GodotOutputLine {
  readonly stream: GodotStream;
  /** The line without its line break. */
  readonly text: string;
  /** Milliseconds since the run was requested. */
  readonly atMs: number;
  /** The tag, when the line is a `PP|<tag>|<payload>` line. */
  readonly tag: string | undefined;
  /** The payload, when the line is a `PP|<tag>|<payload>` line. */
  readonly payload: string | undefined;
}

/** Read access to everything an engine printed, live while it runs and complete once it ended. */
export interface GodotOutputView {
  /** Every line, both streams, in arrival order. */
  readonly lines: readonly GodotOutputLine[];
  /** Every error and warning report, including {@link GodotLogEntry.harmless} ones. */
  readonly log: readonly GodotLogEntry[];
  /** Error reports (`ERROR`, `SCRIPT ERROR`, `SHADER ERROR`, `push_error`) that are not harmless. */
  readonly errors: readonly GodotLogEntry[];
  /** Warning reports (`WARNING`, `push_warning`). */
  readonly warnings: readonly GodotLogEntry[];
  /** Payloads of the `PP|<tag>|…` lines with this tag, in order. */
  tagged(tag: string): string[];
  /** {@link tagged} payloads decoded from base64 (`Marshalls.raw_to_base64`). */
  taggedBytes(tag: string): Uint8Array[];
  /** {@link tagged} payloads decoded from base64 UTF-8 (`Marshalls.utf8_to_base64`). */
  taggedText(tag: string): string[];
  /**
   * The payload of the only line with this tag.
   *
   * @throws {Error} When there is no such line or more than one.
   */
  payload(tag: string): string;
  /** The last `count` lines as text, one per line, prefixed `!` for standard error. */
  tail(count?: number): string;
}

/** Accumulates an engine's output. Used by the harness; tests read it through {@link GodotOutputView}. */
export class GodotOutput implements GodotOutputView {
  readonly #lines: GodotOutputLine[] = [];
  readonly #parser = new GodotLogParser();
  readonly #startedAt: number;

  /** @param startedAt `performance.now()` at the start of the run, the zero of {@link GodotOutputLine.atMs}. */
  constructor(startedAt: number) {
    this.#startedAt = startedAt;
  }

  /** Appends one line; returns it with its parsed tag and the log entry it started, if any. */
  push(stream: GodotStream, text: string): { line: GodotOutputLine; entry: GodotLogEntry | undefined } {
    const clean = text.endsWith('\r') ? text.slice(0, -1) : text;
    const tagged = parseTaggedLine(clean);
    const line: GodotOutputLine = {
      stream,
      text: clean,
      atMs: Math.round(performance.now() - this.#startedAt),
      tag: tagged?.tag,
      payload: tagged?.payload,
    };
    this.#lines.push(line);
    return { line, entry: this.#parser.push(clean) };
  }

  get lines(): readonly GodotOutputLine[] {
    return this.#lines;
  }

  get log(): readonly GodotLogEntry[] {
    return this.#parser.entries;
  }

  get errors(): readonly GodotLogEntry[] {
    return this.log.filter((entry) => entry.severity !== 'warning' && !entry.harmless);
  }

  get warnings(): readonly GodotLogEntry[] {
    return this.log.filter((entry) => entry.severity === 'warning');
  }

  tagged(tag: string): string[] {
    const out: string[] = [];
    for (const line of this.#lines) if (line.tag === tag && line.payload !== undefined) out.push(line.payload);
    return out;
  }

  taggedBytes(tag: string): Uint8Array[] {
    return this.tagged(tag).map(decodeBase64);
  }

  taggedText(tag: string): string[] {
    return this.tagged(tag).map(decodeBase64Text);
  }

  payload(tag: string): string {
    const all = this.tagged(tag);
    if (all.length !== 1 || all[0] === undefined) {
      throw new Error(`expected exactly one PP|${tag}| line, found ${all.length}\n${this.tail()}`);
    }
    return all[0];
  }

  tail(count = 20): string {
    return this.#lines
      .slice(-count)
      .map((line) => (line.stream === 'stderr' ? `! ${line.text}` : `  ${line.text}`))
      .join('\n');
  }

  /** One line per non-harmless error report, for failure messages. */
  describeErrors(): string {
    return this.errors.map(formatLogEntry).join('\n');
  }
}
