/** What the proxy sees: connections opening and closing, and packets, with what they decode to. */
import type { DecodeFailure } from '../values.js';

export type Transport = 'tcp' | 'udp' | 'ws' | 'enet';
/** `c2s`: from the game (the client that connected to the proxy) to the server; `s2c`: back. */
export type Direction = 'c2s' | 's2c';
/** How a packet travelled: a WebSocket text or binary message, a TCP frame, a UDP datagram, raw TCP bytes. */
export type FrameKind = 'text' | 'binary' | 'frame' | 'datagram' | 'raw';

export interface ConnectionEvent {
  kind: 'open' | 'close';
  time: number;
  connection: number;
  peer: string;
  transport: Transport;
  detail?: string;
}

/** A packet as a leg reports it (bytes exactly as forwarded). */
export interface RawPacket {
  connection: number;
  peer: string;
  direction: Direction;
  frame: FrameKind;
  bytes: Uint8Array;
  /** Why the bytes could not be framed (raw TCP), if they could not. */
  note?: string;
}

/** A packet with its decoding: what every output (log, JSON, record, web page) shows. */
export interface PacketEvent {
  kind: 'packet';
  index: number;
  time: number;
  transport: Transport;
  connection: number;
  peer: string;
  direction: Direction;
  frame: FrameKind;
  size: number;
  /** Godot's type name (`Dictionary`, `Array[int]`…), `text` for a WebSocket text message, `?` when undecodable. */
  type: string;
  /** Godot's text form of the value (var_to_str), or the text message itself. */
  text: string;
  error: DecodeFailure | null;
  /** Bytes after the value, which Godot ignores. */
  trailing: number;
  bytes: Uint8Array;
}

export type ProxyEvent = ConnectionEvent | PacketEvent;

export const DIRECTION_ARROW: Record<Direction, string> = { c2s: 'C→S', s2c: 'S→C' };
