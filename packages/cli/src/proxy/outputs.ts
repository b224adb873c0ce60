/**
 * The proxy's outputs: a readable log line per event, a JSON line per event (`--json`), a
 * recording (`--record`, read back by `pp replay`) and the running totals behind the summary.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { write } from '../io.js';
import { oneLine, toHex } from '../values.js';
import { DIRECTION_ARROW, type ConnectionEvent, type Direction, type PacketEvent, type ProtocolEvent, type ProxyEvent } from './events.js';

export function clockTime(time: number): string {
  return new Date(time).toISOString().slice(11, 23);
}

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * How an ENet packet travelled: channel, kind of send and sequence numbers, fragments, flags;
 * then what Godot's multiplayer layer makes of it (peer ids, transfer mode and channel).
 */
function enetWords(event: PacketEvent): string {
  const { enet, godot } = event;
  if (enet === undefined) return event.frame;
  const sequence = event.frame === 'unsequenced' ? `group ${enet.unreliableSequence ?? 0}`
    : event.frame === 'unreliable' ? `seq ${enet.sequence}.${enet.unreliableSequence ?? 0}` : `seq ${enet.sequence}`;
  const fragments = enet.fragments > 1 ? ` ×${enet.fragments} fragments` : '';
  const marks = [
    enet.late ? 'late: retransmitted' : '', enet.stale ? 'stale: the receiver drops it' : '',
    enet.repeats > 0 ? `${enet.repeats} repeated fragment(s)` : '',
  ].filter(Boolean);
  const layer = godot === undefined ? '' : ` · ${godot.from ?? '?'}→${godot.to ?? '?'} ${godot.mode} ch${godot.channel}`;
  return `ch${enet.channel} ${event.frame} ${sequence}${fragments} flags ${enet.flags}${marks.length > 0 ? ` (${marks.join(', ')})` : ''}${layer} ·`;
}

/** One line per event: time, direction, peer, transport and frame, size, type, value. */
export function formatEventLine(event: ProxyEvent, maxChars = 160): string {
  if (event.kind === 'protocol') return formatProtocolLine(event);
  if (event.kind !== 'packet') return formatConnectionLine(event);
  const head = `${clockTime(event.time)} #${event.index} ${DIRECTION_ARROW[event.direction]} ${event.peer} ${event.transport} ${enetWords(event)} ${formatSize(event.size)}`;
  if (event.error) {
    const at = event.error.offset === null ? '' : ` at byte ${event.error.offset}`;
    return `${head} ! ${event.error.name}${at}: ${event.error.message} | hex ${toHex(event.bytes, 64)}`;
  }
  const trailing = event.trailing > 0 ? ` (+${event.trailing} trailing bytes)` : '';
  return `${head} ${event.type} ${oneLine(event.text, maxChars)}${trailing}`;
}

function formatProtocolLine(event: ProtocolEvent): string {
  return `${clockTime(event.time)} ${DIRECTION_ARROW[event.direction]} ${event.peer} ${event.transport} ${event.text}`;
}

function formatConnectionLine(event: ConnectionEvent): string {
  const detail = event.detail ? `: ${event.detail}` : '';
  return `${clockTime(event.time)} ${event.kind === 'open' ? 'connected' : 'disconnected'} ${event.peer} (${event.transport} connection ${event.connection})${detail}`;
}

/** The JSON line of an event (`--json`), with the packet's bytes as hex. */
export function eventJson(event: ProxyEvent): Record<string, unknown> {
  if (event.kind !== 'packet') return { ...event, time: new Date(event.time).toISOString() };
  const { bytes, ...rest } = event;
  return { ...rest, time: new Date(event.time).toISOString(), hex: toHex(bytes) };
}

export function logSink(out: Writable, json: boolean, maxChars: number): (event: ProxyEvent) => void {
  return (event) => write(out, json ? JSON.stringify(eventJson(event)) : formatEventLine(event, maxChars));
}

export interface RecordHeader {
  pp: 'record';
  version: 1;
  transport: string;
  format: string;
  listen?: string;
  target?: string;
  started: string;
}

/** `--record FILE`: a header line, then one JSON line per event with the packet bytes in base64. */
export class Recorder {
  readonly #file: WriteStream;

  constructor(path: string, header: RecordHeader) {
    this.#file = createWriteStream(path);
    this.#file.write(`${JSON.stringify(header)}\n`);
  }

  /**
   * The sink to add to the proxy: writes each event as one JSON line (packets with their bytes in base64
   * under `data`).
   */
  readonly sink = (event: ProxyEvent): void => {
    if (event.kind !== 'packet') {
      this.#file.write(`${JSON.stringify(event)}\n`);
      return;
    }
    const { index, time, connection, peer, direction, frame, bytes, enet, note } = event;
    this.#file.write(`${JSON.stringify({ kind: 'packet', index, time, connection, peer, direction, frame, enet, note, data: Buffer.from(bytes).toString('base64') })}\n`);
  };

  /** Ends the file; resolves once everything is written, rejects with the write error. */
  close(): Promise<void> {
    return new Promise((resolve, reject) => this.#file.end((error?: Error | null) => (error ? reject(error) : resolve())));
  }

  /** Resolves once the file is open (or rejects if it cannot be). */
  opened(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#file.once('ready', () => resolve());
      this.#file.once('error', reject);
    });
  }
}

export interface DirectionTotals {
  packets: number;
  bytes: number;
}

/** Running totals for the summary line. */
export class Totals {
  /** Packets and bytes per direction. */
  readonly directions: Record<Direction, DirectionTotals> = { c2s: { packets: 0, bytes: 0 }, s2c: { packets: 0, bytes: 0 } };
  /** Packets per Godot type name (`Dictionary`, `Array[int]`, `?`…). */
  readonly types = new Map<string, number>();
  /** Connections opened. */
  connections = 0;
  /** Packets that did not decode to a Variant. */
  undecodable = 0;
  /** ENet datagrams that repeated packets already shown. */
  retransmissions = 0;
  /** ENet datagrams that arrived twice (duplicated on the way). */
  duplicates = 0;
  /** Time (ms since the epoch) of the first event; 0 before any. */
  first = 0;
  /** Time (ms since the epoch) of the last event. */
  last = 0;

  /** The sink to add to the proxy: counts each event. */
  readonly sink = (event: ProxyEvent): void => {
    if (this.first === 0) this.first = event.time;
    this.last = event.time;
    if (event.kind === 'open') this.connections++;
    if (event.kind === 'protocol') {
      if (event.what === 'retransmission') this.retransmissions++;
      if (event.what === 'duplicate') this.duplicates++;
    }
    if (event.kind !== 'packet') return;
    const d = this.directions[event.direction];
    d.packets++;
    d.bytes += event.size;
    if (event.error) this.undecodable++;
    this.types.set(event.type, (this.types.get(event.type) ?? 0) + 1);
  };

  /** Packets seen, both directions. */
  get packets(): number {
    return this.directions.c2s.packets + this.directions.s2c.packets;
  }

  /**
   * The summary `pp proxy` prints at exit: connections, packets and bytes per direction over the elapsed
   * seconds, undecodable packets, ENet repeats, then the eight most frequent types.
   */
  summary(label: string): string {
    const { c2s, s2c } = this.directions;
    const seconds = this.first === 0 ? 0 : (this.last - this.first) / 1000;
    const types = [...this.types].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([t, n]) => `${t} ${n}`).join(', ');
    return [
      `${label}: ${this.connections} connection(s), ${this.packets} packet(s) in ${seconds.toFixed(1)} s — ` +
        `C→S ${c2s.packets} (${formatSize(c2s.bytes)}), S→C ${s2c.packets} (${formatSize(s2c.bytes)}), ${this.undecodable} undecodable` +
        (this.retransmissions + this.duplicates > 0 ? `; ENet repeated packets in ${this.retransmissions} retransmission(s), ${this.duplicates} duplicate(s)` : ''),
      ...(types ? [`types: ${types}`] : []),
    ].join('\n');
  }
}
