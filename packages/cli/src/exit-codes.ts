/** `pp`'s exit codes, which scripts can rely on (also in the README and every `--help`). */
export const ExitCode = {
  /** Everything worked. */
  OK: 0,
  /** Some input could not be decoded, encoded or parsed (each failure was printed; the rest was done). */
  BAD_INPUT: 1,
  /** The command line was wrong: unknown command or option, missing or malformed value. */
  USAGE: 2,
  /** A file, port or peer could not be used: cannot read or write a file, listen, or reach the target. */
  IO: 3,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const EXIT_CODES_HELP = `Exit codes:
  0  success
  1  some input could not be decoded, encoded or parsed (each failure is printed; the rest is done)
  2  usage error (unknown command or option, bad value)
  3  a file, port or peer could not be used`;

/** A command-line mistake: printed with a hint to `--help`, exit code 2. */
export class UsageError extends Error {
  /** Always `UsageError`. */
  override readonly name = 'UsageError';
}

/** A file, port or peer that could not be used: exit code 3. */
export class IOFailure extends Error {
  /** Always `IOFailure`. */
  override readonly name = 'IOFailure';
}
