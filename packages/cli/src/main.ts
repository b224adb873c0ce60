/** `pp`: dispatch to a command, map failures to exit codes. */
import { decodeCommand } from './commands/decode.js';
import { encodeCommand } from './commands/encode.js';
import { proxyCommand } from './commands/proxy.js';
import { replayCommand } from './commands/replay.js';
import { EXIT_CODES_HELP, ExitCode, IOFailure, UsageError } from './exit-codes.js';
import { type CliIO, write } from './io.js';

/** The version `pp --version` prints (`@pp/cli`'s). */
export const VERSION = '0.1.0';

/** The text of `pp --help`: the commands and the exit codes. */
export const MAIN_HELP = `pp — Godot networking from the command line (@pp/cli ${VERSION})

Usage: pp <command> [options]

Commands:
  decode    Variant bytes (hex, base64, file, stdin, PacketPeerStream frames) → Godot's text form
  encode    Godot's text form (or JSON.from_native JSON) → Variant bytes
  proxy     transparent proxy between a Godot game and its server, showing every packet
            decoded, live (tcp, udp, ws, enet; --ui for a web inspector; --record to save)
  replay    print a session saved with pp proxy --record

Run pp <command> --help for each command's options.

${EXIT_CODES_HELP}`;

const COMMANDS: Record<string, (args: readonly string[], io: CliIO) => Promise<ExitCode>> = {
  decode: decodeCommand,
  encode: encodeCommand,
  proxy: proxyCommand,
  replay: replayCommand,
};

/**
 * Runs `pp` with `args` (without `node` and the script): the command's exit code. A `UsageError` is printed
 * with a `--help` hint (exit 2), an `IOFailure` is printed (exit 3); other errors propagate. No command
 * prints the help to stderr with exit 2.
 */
export async function main(args: readonly string[], io: CliIO): Promise<ExitCode> {
  const [command, ...rest] = args;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    write(command === undefined ? io.stderr : io.stdout, MAIN_HELP);
    return command === undefined ? ExitCode.USAGE : ExitCode.OK;
  }
  if (command === '--version' || command === '-v') {
    write(io.stdout, VERSION);
    return ExitCode.OK;
  }
  const run = COMMANDS[command];
  try {
    if (!run) throw new UsageError(`unknown command '${command}'`);
    return await run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      write(io.stderr, `pp: ${error.message}\nRun pp ${run ? `${command} ` : ''}--help for usage.`);
      return ExitCode.USAGE;
    }
    if (error instanceof IOFailure) {
      write(io.stderr, `pp: ${error.message}`);
      return ExitCode.IO;
    }
    throw error;
  }
}
