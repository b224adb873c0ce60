/** `pp encode`: Godot's text form (or JSON.from_native JSON) → Variant bytes. */
import {
  VariantError, VariantParseError, errorName, jsonToNative, strToVar, varToBytes,
  type JsonValue, type TextFormat, type Variant, type VariantLike,
} from '@pp/core';
import { parse, parseFormat } from '../args.js';
import { EXIT_CODES_HELP, ExitCode, UsageError } from '../exit-codes.js';
import { readAll } from '../input.js';
import { type CliIO, write } from '../io.js';
import { toHex } from '../values.js';

export const ENCODE_HELP = `Usage: pp encode [TEXT...] [options]

Encodes values written in Godot's text form (what var_to_str prints, e.g. 'Vector2(1, 2)' or
'{"hp": 100}') into Godot's binary Variant format (var_to_bytes). Values come from the
arguments (one value each) or from stdin (all of it one value, or one per line with --lines).

Options:
  --json                     the input is JSON in Godot's JSON.from_native form
                             ('"i:5"', '{"type": "Vector2", "args": [1, 2]}')
  --output hex|base64|raw    how to print the bytes (default hex, one value per line; raw writes
                             the bytes themselves)
  --stream                   prefix each value with its u32 length (PacketPeerStream framing)
  --format godot4|godot3     the peer's Variant format and text form (default godot4)
  --full-objects             encode Object(...) as full objects (var_to_bytes_with_objects)
  --lines                    read one value per stdin line
  -h, --help                 this help

Examples:
  pp encode 'Vector2(1, 2)'
  pp encode --output base64 '{"hp": 100, "name": "p1"}'
  echo '{"type": "Color", "args": [1, 0, 0, 1]}' | pp encode --json

${EXIT_CODES_HELP}`;

interface EncodeValues {
  json?: boolean;
  output?: string;
  stream?: boolean;
  format?: string;
  'full-objects'?: boolean;
  lines?: boolean;
  help?: boolean;
}

const OPTIONS = {
  json: { type: 'boolean' },
  output: { type: 'string' },
  stream: { type: 'boolean' },
  format: { type: 'string' },
  'full-objects': { type: 'boolean' },
  lines: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseValue(text: string, json: boolean, format: TextFormat): Variant {
  if (json) {
    let parsed: JsonValue;
    try {
      parsed = JSON.parse(text) as JsonValue;
    } catch (error) {
      throw new Error(`not JSON: ${(error as Error).message}`);
    }
    return jsonToNative(parsed, true);
  }
  return strToVar(text, { format, allowObjects: true, strict: true });
}

function describeError(error: unknown): string {
  if (error instanceof VariantParseError) return `${errorName(error.code)} (${error.code}) at line ${error.line}, column ${error.column}: ${error.reason}`;
  if (error instanceof VariantError) return `${errorName(error.code)} (${error.code}): ${error.message}`;
  return (error as Error).message;
}

export async function encodeCommand(args: readonly string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parse<EncodeValues>(args, OPTIONS);
  if (values.help) {
    write(io.stdout, ENCODE_HELP);
    return ExitCode.OK;
  }
  const format = parseFormat(values.format);
  const output = values.output ?? 'hex';
  if (output !== 'hex' && output !== 'base64' && output !== 'raw') throw new UsageError(`--output must be hex, base64 or raw, not '${output}'`);
  let texts: string[];
  if (positionals.length > 0) {
    texts = positionals;
  } else {
    const all = Buffer.from(await readAll(io.stdin)).toString('utf8');
    texts = values.lines ? all.split('\n').filter((line) => line.trim() !== '') : [all];
  }
  let failures = 0;
  texts.forEach((text, index) => {
    let bytes: Uint8Array;
    try {
      bytes = varToBytes(parseValue(text, values.json ?? false, format) as VariantLike, { format, fullObjects: values['full-objects'] ?? false });
    } catch (error) {
      failures++;
      write(io.stderr, `error: value ${index}: ${describeError(error)}`);
      return;
    }
    if (values.stream) {
      const framed = new Uint8Array(4 + bytes.length);
      new DataView(framed.buffer).setUint32(0, bytes.length, true);
      framed.set(bytes, 4);
      bytes = framed;
    }
    if (output === 'raw') io.stdout.write(bytes);
    else write(io.stdout, output === 'hex' ? toHex(bytes) : Buffer.from(bytes).toString('base64'));
  });
  return failures > 0 ? ExitCode.BAD_INPUT : ExitCode.OK;
}
