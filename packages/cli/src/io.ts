/**
 * Where a command reads and writes. `bin.ts` passes the process's streams; tests pass their own,
 * so every command runs in-process in a test exactly as it runs from a shell.
 */
import type { Readable, Writable } from 'node:stream';

/** The streams and terminal facts a command runs with (see the module comment). */
export interface CliIO {
  /** Where results go (`pp decode` output, `--json` lines, the proxy log). */
  readonly stdout: Writable;
  /** Where diagnostics, progress and usage errors go. */
  readonly stderr: Writable;
  /** Where input is read when no file or argument gives it. */
  readonly stdin: Readable;
  /** Whether stdin is a terminal (then nothing is read from it unless asked). */
  readonly stdinIsTTY: boolean;
  /** Whether stderr is a terminal (progress lines are only drawn there). */
  readonly stderrIsTTY: boolean;
  /** Resolves when the user asks to stop (Ctrl-C); the proxy then prints its summary. */
  readonly interrupted: Promise<void>;
}

export function write(stream: Writable, text: string): void {
  stream.write(text.endsWith('\n') ? text : `${text}\n`);
}
