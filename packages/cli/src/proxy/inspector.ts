/**
 * The one place packets go through: numbered, timed, decoded once, then handed to every output
 * (log, JSON lines, recording, web page, statistics).
 */
import type { TextFormat } from '@pp/core';
import { godotLayer } from '../enet/godot-layer.js';
import { decodeBytes } from '../values.js';
import type { ConnectionEvent, Direction, PacketEvent, ProtocolEvent, ProxyEvent, RawPacket, Transport } from './events.js';

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

  protocol(connection: number, peer: string, direction: Direction, what: string, text: string, packets?: number[]): void {
    const event: ProtocolEvent = { kind: 'protocol', time: this.clock(), transport: this.transport, connection, peer, direction, what, text };
    if (packets !== undefined && packets.length > 0) event.packets = packets;
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

const invalid = (message: string): PacketEvent['error'] => ({ code: 30, name: 'ERR_INVALID_DATA', offset: null, message });

/**
 * What a packet decodes to: a Variant, a WebSocket text message, or raw bytes with the reason.
 * An ENet packet is first read as Godot's multiplayer layer frames it (`godotLayer`).
 */
export function describePacket(raw: RawPacket, index: number, time: number, transport: Transport, format: TextFormat): PacketEvent {
  const base: Omit<PacketEvent, 'type' | 'text' | 'error' | 'trailing'> = {
    kind: 'packet' as const, index, time, transport, connection: raw.connection, peer: raw.peer,
    direction: raw.direction, frame: raw.frame, size: raw.bytes.length, bytes: raw.bytes,
  };
  if (raw.note !== undefined) return { ...base, note: raw.note, type: '?', text: '', trailing: 0, error: invalid(raw.note) };
  if (raw.frame === 'text') {
    return { ...base, type: 'text', text: JSON.stringify(new TextDecoder().decode(raw.bytes)), error: null, trailing: 0 };
  }
  let offset = 0;
  if (raw.enet !== undefined) {
    const layer = godotLayer(raw.enet, raw.direction, raw.bytes, format);
    base.enet = raw.enet;
    base.godot = layer.godot;
    if (layer.kind === 'system') return { ...base, type: 'system', text: layer.text, error: null, trailing: 0 };
    if (layer.kind === 'error') return { ...base, type: '?', text: '', error: invalid(layer.message), trailing: 0 };
    offset = layer.offset;
  }
  const decoded = decodeBytes(offset === 0 ? raw.bytes : raw.bytes.subarray(offset), format);
  if (!decoded.ok) {
    const error = decoded.error.offset === null ? decoded.error : { ...decoded.error, offset: decoded.error.offset + offset };
    return { ...base, type: '?', text: '', error, trailing: 0 };
  }
  return { ...base, type: decoded.type, text: decoded.text, error: null, trailing: raw.bytes.length - offset - decoded.length };
}
