/**
 * The one place packets go through: numbered, timed, decoded once, then handed to every output
 * (log, JSON lines, recording, web page, statistics).
 */
import type { TextFormat } from '@pp/core';
import { decodeBytes } from '../values.js';
import type { ConnectionEvent, PacketEvent, ProxyEvent, RawPacket, Transport } from './events.js';

export type ProxySink = (event: ProxyEvent) => void;

export class Inspector {
  #index = 0;
  #sinks: ProxySink[] = [];

  constructor(
    readonly transport: Transport,
    private readonly format: TextFormat,
    private readonly clock: () => number = Date.now,
  ) {}

  addSink(sink: ProxySink): () => void {
    this.#sinks.push(sink);
    return () => {
      this.#sinks = this.#sinks.filter((s) => s !== sink);
    };
  }

  connection(kind: ConnectionEvent['kind'], connection: number, peer: string, detail?: string): void {
    const event: ConnectionEvent = { kind, time: this.clock(), connection, peer, transport: this.transport };
    if (detail !== undefined) event.detail = detail;
    this.#emit(event);
  }

  packet(raw: RawPacket, time = this.clock()): PacketEvent {
    const event = describePacket(raw, this.#index++, time, this.transport, this.format);
    this.#emit(event);
    return event;
  }

  #emit(event: ProxyEvent): void {
    for (const sink of this.#sinks) sink(event);
  }
}

/** What a packet decodes to: a Variant, a WebSocket text message, or raw bytes with the reason. */
export function describePacket(raw: RawPacket, index: number, time: number, transport: Transport, format: TextFormat): PacketEvent {
  const base = {
    kind: 'packet' as const, index, time, transport, connection: raw.connection, peer: raw.peer,
    direction: raw.direction, frame: raw.frame, size: raw.bytes.length, bytes: raw.bytes,
  };
  if (raw.note !== undefined) {
    return { ...base, type: '?', text: '', trailing: 0, error: { code: 30, name: 'ERR_INVALID_DATA', offset: null, message: raw.note } };
  }
  if (raw.frame === 'text') {
    return { ...base, type: 'text', text: JSON.stringify(new TextDecoder().decode(raw.bytes)), error: null, trailing: 0 };
  }
  const decoded = decodeBytes(raw.bytes, format);
  if (!decoded.ok) return { ...base, type: '?', text: '', error: decoded.error, trailing: 0 };
  return { ...base, type: decoded.type, text: decoded.text, error: null, trailing: raw.bytes.length - decoded.length };
}
