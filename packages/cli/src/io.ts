/**
 * Where a command reads and writes. `bin.ts` passes the process's streams; tests pass their own,
 * so every command runs in-process in a test exactly as it runs from a shell.
 */
import type { Readable, Writable } from 'node:stream';

export interface CliIO {
  readonly stdout: Writable;
  readonly stderr: Writable;
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
