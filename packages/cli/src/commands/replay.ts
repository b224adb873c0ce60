/** `pp replay FILE`: a session saved with `pp proxy --record`, decoded again and printed. */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parse, parseCount, parseFormat } from '../args.js';
import { EXIT_CODES_HELP, ExitCode, IOFailure } from '../exit-codes.js';
import { readLines } from '../input.js';
import { type CliIO, write } from '../io.js';
import type { ConnectionEvent, Direction, EnetPacketInfo, FrameKind, ProtocolEvent, Transport } from '../proxy/events.js';
import { describePacket } from '../proxy/inspector.js';
import { type RecordHeader, Totals, logSink } from '../proxy/outputs.js';

export const REPLAY_HELP = `Usage: pp replay FILE [options]

Reads a session saved by pp proxy --record FILE and prints it as the proxy did (each packet
decoded again, so --format may differ from the recording's). A summary follows; on a terminal a
progress line shows how far a long file has got.

Options:
  --format godot4|godot3     decode as this format (default: the recording's)
  --json                     one JSON line per event
  --direction c2s|s2c        only packets in one direction
  --peer HOST:PORT           only one peer's events
  --max-chars N              cut logged values to N characters (default 160; 0: no cut)
  --summary                  print only the summary
  --no-progress              no progress line
  -h, --help                 this help

${EXIT_CODES_HELP}`;

interface ReplayValues {
  format?: string;
  json?: boolean;
  direction?: string;
  peer?: string;
  'max-chars'?: string;
  summary?: boolean;
  'no-progress'?: boolean;
  help?: boolean;
}

const OPTIONS = {
  format: { type: 'string' },
  json: { type: 'boolean' },
  direction: { type: 'string' },
  peer: { type: 'string' },
  'max-chars': { type: 'string' },
  summary: { type: 'boolean' },
  'no-progress': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

interface RecordedPacket {
  kind: 'packet';
  time: number;
  connection: number;
  peer: string;
  direction: Direction;
  frame: FrameKind;
  data: string;
  /** The packet's number in the live session (older recordings lack it). */
  index?: number;
  note?: string;
  enet?: EnetPacketInfo;
}

export async function replayCommand(args: readonly string[], io: CliIO): Promise<ExitCode> {
  const { values, positionals } = parse<ReplayValues>(args, OPTIONS);
  if (values.help) {
    write(io.stdout, REPLAY_HELP);
    return ExitCode.OK;
  }
  const file = positionals[0];
  if (file === undefined) throw new IOFailure('pp replay needs the FILE a pp proxy --record wrote');
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    throw new IOFailure(`cannot read ${file}: ${(error as Error).message}`);
  }
  const stream = createReadStream(file);
  let read = 0;
  stream.on('data', (chunk) => (read += chunk.length));
  const totals = new Totals();
  const print = values.summary ? null : logSink(io.stdout, values.json ?? false, parseCount(values['max-chars'], '--max-chars', 160) || Infinity);
  const progress = io.stderrIsTTY && !values['no-progress'];
  let header: RecordHeader | null = null;
  let format = parseFormat(values.format);
  let index = 0;
  let bad = 0;
  let lastDraw = 0;
  let lineNumber = 0;
  for await (const line of readLines(stream)) {
    lineNumber++;
    if (line.trim() === '') continue;
    let record: RecordHeader | RecordedPacket | ConnectionEvent | ProtocolEvent;
    try {
      record = JSON.parse(line) as RecordHeader | RecordedPacket | ConnectionEvent | ProtocolEvent;
    } catch {
      bad++;
      write(io.stderr, `error: line ${lineNumber} of ${file} is not JSON`);
      continue;
    }
    if ('pp' in record) {
      header = record;
      if (values.format === undefined) format = parseFormat(header.format);
      continue;
    }
    if (values.peer !== undefined && record.peer !== values.peer) continue;
    const transport = (header?.transport ?? 'tcp') as Transport;
    if ((record.kind === 'packet' || record.kind === 'protocol') && values.direction !== undefined && record.direction !== values.direction) continue;
    if (record.kind === 'packet') {
      const bytes = Buffer.from(record.data, 'base64');
      const event = describePacket({ ...record, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) }, record.index ?? index, record.time, transport, format);
      index++;
      totals.sink(event);
      print?.(event);
    } else {
      totals.sink(record);
      print?.(record);
    }
    if (progress && Date.now() - lastDraw > 100) {
      lastDraw = Date.now();
      io.stderr.write(`\r${Math.round((read / Math.max(1, size)) * 100)}% · ${index} packets`);
    }
  }
  if (progress) io.stderr.write('\r\x1b[K');
  if (header === null) {
    write(io.stderr, `error: ${file} has no pp record header (was it written by pp proxy --record?)`);
    return ExitCode.BAD_INPUT;
  }
  write(io.stderr, totals.summary(`pp replay ${file}`));
  return bad > 0 ? ExitCode.BAD_INPUT : ExitCode.OK;
}
