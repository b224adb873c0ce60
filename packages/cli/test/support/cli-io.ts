/** An in-memory `CliIO` for running commands in-process, as a shell would. */
import { PassThrough, Readable } from 'node:stream';
import type { CliIO } from '../../src/index.js';

export interface TestIO extends CliIO {
  out(): string;
  err(): string;
  outBytes(): Buffer;
  /** Ends the command's wait for Ctrl-C. */
  interrupt(): void;
}

export function testIO(stdin: string | Uint8Array = '', options: { stdinIsTTY?: boolean; stderrIsTTY?: boolean } = {}): TestIO {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const outChunks: Buffer[] = [];
  const errChunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => outChunks.push(c));
  stderr.on('data', (c: Buffer) => errChunks.push(c));
  let interrupt!: () => void;
  const interrupted = new Promise<void>((resolve) => (interrupt = resolve));
  return {
    stdout,
    stderr,
    stdin: Readable.from(typeof stdin === 'string' ? [Buffer.from(stdin)] : [Buffer.from(stdin)]),
    stdinIsTTY: options.stdinIsTTY ?? false,
    stderrIsTTY: options.stderrIsTTY ?? false,
    interrupted,
    interrupt,
    out: () => Buffer.concat(outChunks).toString('utf8'),
    err: () => Buffer.concat(errChunks).toString('utf8'),
    outBytes: () => Buffer.concat(outChunks),
  };
}
