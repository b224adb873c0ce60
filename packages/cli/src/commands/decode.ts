/** `pp decode`: encoded Variants (hex, base64, raw bytes, length-prefixed frames) → Godot's text. */
import { readFile } from 'node:fs/promises';
import { jsonFromNative, type TextFormat, type VariantLike } from '@pp/core';
import { parse, parseCount, parseFormat } from '../args.js';
import { EXIT_CODES_HELP, ExitCode, IOFailure, UsageError } from '../exit-codes.js';
import { bytesFromText, readAll, readLines, splitFrames, type InputEncoding } from '../input.js';
import { type CliIO, write } from '../io.js';
import { decodeBytes, type DecodeFailure } from '../values.js';

export const DECODE_HELP = `Usage: pp decode [VALUE...] [options]

Decodes Godot Variants (var_to_bytes / put_var bytes) and prints each in Godot's text form
(var_to_str). Values come from the arguments, from --file, or from stdin (one value per line).

Options:
  --input auto|hex|base64|raw  how values are written (default: auto — hex if it is only hex
                              digits, base64 otherwise; raw for --file)
  --file FILE                 read FILE (raw bytes unless --input says otherwise)
  --stream                    the bytes are PacketPeerStream / StreamPeer.put_var frames
                              (u32 little-endian length, then the value)
  --max-frame N               largest --stream frame accepted (default 16777216)
  --format godot4|godot3      the peer's Variant format and text form (default godot4)
  --json                      one JSON object per value: index, type, text, size, json
                              (Godot's JSON.from_native form), or error
  -h, --help                  this help

Bad input prints the decoder's error (Godot's code and the byte offset) and goes on with the
next value. Examples:
  pp decode 1c00000002000000020000000100000004000000010000007800000000
  printf 'AgAAACoAAAA=\\n' | pp decode --json
  pp decode --file capture.bin --stream --format godot3

${EXIT_CODES_HELP}`;

interface DecodeValues {
  input?: string;
  file?: string;
  stream?: boolean;
  'max-frame'?: string;
  format?: string;
  json?: boolean;
  help?: boolean;
}

const OPTIONS = {
  input: { type: 'string' },
  file: { type: 'string' },
  stream: { type: 'boolean' },
  'max-frame': { type: 'string' },
  format: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

class Printer {
  index = 0;
  failures = 0;

  constructor(
    private readonly io: CliIO,
    private readonly format: TextFormat,
    private readonly json: boolean,
  ) {}

  value(bytes: Uint8Array, where: string): void {
    const index = this.index++;
    const decoded = decodeBytes(bytes, this.format);
    if (!decoded.ok) return this.fail(index, where, decoded.error);
    const trailing = bytes.length - decoded.length;
    if (this.json) {
      let json: unknown = null;
      try {
        json = jsonFromNative(decoded.value as VariantLike, true);
      } catch {
        // Values JSON cannot hold (a typed container of scripts…) keep their text only.
      }
      const record: Record<string, unknown> = { index, type: decoded.type, text: decoded.text, size: decoded.length, json };
      if (trailing > 0) record.trailing = trailing;
      write(this.io.stdout, JSON.stringify(record));
      return;
    }
    write(this.io.stdout, decoded.text);
    if (trailing > 0) write(this.io.stderr, `note: value ${index}${where}: ${trailing} trailing bytes after the value (Godot ignores them)`);
  }

  fail(index: number, where: string, error: DecodeFailure): void {
    this.failures++;
    if (this.json) {
      write(this.io.stdout, JSON.stringify({ index, error }));
      return;
    }
    const at = error.offset === null ? '' : ` at byte ${error.offset}`;
    write(this.io.stderr, `error: value ${index}${where}: ${error.name} (${error.code})${at}: ${error.message}`);
  }

  bad(where: string, message: string): void {
    this.fail(this.index++, where, { code: 30, name: 'ERR_INVALID_DATA', offset: null, message });
  }
}

function parseInput(value: string | undefined, fallback: InputEncoding): InputEncoding {
  const input = value ?? fallback;
  if (input !== 'auto' && input !== 'hex' && input !== 'base64' && input !== 'raw') throw new UsageError(`--input must be auto, hex, base64 or raw, not '${input}'`);
  return input;
}

export async function decodeCommand(args: readonly string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parse<DecodeValues>(args, OPTIONS);
  if (values.help) {
    write(io.stdout, DECODE_HELP);
    return ExitCode.OK;
  }
  const format = parseFormat(values.format);
  const maxFrame = parseCount(values['max-frame'], '--max-frame', 16 * 1024 * 1024);
  const printer = new Printer(io, format, values.json ?? false);

  const binary = (data: Uint8Array, where: string): void => {
    if (values.stream) {
      const { frames, rest } = splitFrames(data, maxFrame);
      for (const frame of frames) printer.value(frame.bytes, `${where} (frame at byte ${frame.offset})`);
      if (rest) printer.bad(`${where} (at byte ${rest.offset})`, rest.reason);
      return;
    }
    printer.value(data, where);
  };
  const text = (line: string, where: string, encoding: InputEncoding): void => {
    if (line.trim() === '') return;
    let data: Uint8Array;
    try {
      data = bytesFromText(line, encoding === 'raw' ? 'auto' : encoding);
    } catch (error) {
      printer.bad(where, (error as Error).message);
      return;
    }
    binary(data, where);
  };
  /** Raw bytes: values back to back (or frames with --stream). */
  const raw = (data: Uint8Array, where: string): void => {
    if (values.stream) return binary(data, where);
    let at = 0;
    while (at < data.length) {
      const before = printer.failures;
      const decoded = decodeBytes(data.subarray(at), format);
      printer.value(data.subarray(at, decoded.ok ? at + decoded.length : data.length), `${where} (at byte ${at})`);
      // After a bad value the rest cannot be told apart: stop there.
      if (!decoded.ok || printer.failures > before) break;
      at += decoded.length;
    }
  };

  if (positionals.length > 0) {
    const encoding = parseInput(values.input, 'auto');
    positionals.forEach((p, i) => text(p, positionals.length > 1 ? ` (argument ${i + 1})` : '', encoding));
  } else if (values.file !== undefined) {
    const encoding = parseInput(values.input, 'raw');
    let data: Uint8Array;
    try {
      data = await readFile(values.file);
    } catch (error) {
      throw new IOFailure(`cannot read ${values.file}: ${(error as Error).message}`);
    }
    if (encoding === 'raw') raw(data, '');
    else new TextDecoder().decode(data).split('\n').forEach((line, i) => text(line, ` (line ${i + 1})`, encoding));
  } else {
    const encoding = parseInput(values.input, 'auto');
    if (encoding === 'raw') {
      raw(await readAll(io.stdin), '');
    } else {
      let n = 0;
      for await (const line of readLines(io.stdin)) text(line, ` (line ${++n})`, encoding);
    }
  }
  return printer.failures > 0 ? ExitCode.BAD_INPUT : ExitCode.OK;
}
