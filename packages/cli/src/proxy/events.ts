/** What the proxy sees: connections opening and closing, and packets, with what they decode to. */
import type { DecodeFailure } from '../values.js';

export type Transport = 'tcp' | 'udp' | 'ws' | 'enet';
/** `c2s`: from the game (the client that connected to the proxy) to the server; `s2c`: back. */
export type Direction = 'c2s' | 's2c';
/**
 * How a packet travelled: a WebSocket text or binary message, a TCP frame, a UDP datagram, raw
 * TCP bytes; for ENet the kind of send (`reliable`, sequenced `unreliable`, `unsequenced`), or
 * `datagram` for an ENet datagram that could not be read.
 */
export type FrameKind = 'text' | 'binary' | 'frame' | 'datagram' | 'raw' | 'reliable' | 'unreliable' | 'unsequenced';

/** What ENet says of a packet (`pp proxy enet`). */
export interface EnetPacketInfo {
  /** The ENet channel. */
  channel: number;
  /** The packet flags the receiver sees: 1 RELIABLE, 2 UNSEQUENCED, 8 UNRELIABLE_FRAGMENT (0: sequenced unreliable). */
  flags: number;
  /** Its reliable sequence number (the first fragment's, for fragmented reliable packets). */
  sequence: number;
  /** Its unreliable sequence number (sequenced unreliable), or its unsequenced group. */
  unreliableSequence?: number;
  /** Fragments it travelled in (1: none). */
  fragments: number;
  /** The CONNECT data of its ENet connection (Godot sends the client's peer id), null if the proxy did not see the CONNECT. */
  connectData: number | null;
  /** Copies of its fragments that arrived again before it was complete (retransmitted or duplicated). */
  repeats: number;
  /** It arrived after a later packet of its channel: its first copies were lost before the proxy, so this one is a retransmission. */
  late: boolean;
  /** A sequenced unreliable packet older than one already passed: the receiver drops it. */
  stale: boolean;
}

/** Godot's transfer modes, as `MultiplayerPeer.TransferMode` names them. */
export type TransferModeName = 'RELIABLE' | 'UNRELIABLE' | 'UNRELIABLE_ORDERED';

/** What Godot's multiplayer layer over ENet makes of a packet (ENetMultiplayerPeer, or NetworkedMultiplayerENet with --format godot3). */
export interface GodotPacketInfo {
  /** The transfer mode the receiver reports. */
  mode: TransferModeName;
  /** The transfer channel the receiver reports. */
  channel: number;
  /** Sending and receiving peer ids (Godot 4: the server is 1 and the client the id it sent in CONNECT; Godot 3: the packet's header), null when unknown. */
  from: number | null;
  to: number | null;
}

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
  /** Why the bytes could not be framed (raw TCP) or read (an ENet datagram), if they could not. */
  note?: string;
  enet?: EnetPacketInfo;
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
  /** Why the bytes could not be framed or read at all (from the leg), if so. */
  note?: string;
  enet?: EnetPacketInfo;
  godot?: GodotPacketInfo;
}

/**
 * Something ENet itself did (`pp proxy enet`): the handshake, a disconnection, bandwidth and
 * throttle settings, datagrams that repeat packets already shown (retransmitted by ENet, or
 * duplicated on the way), a datagram's commands (`--enet-commands`).
 */
export interface ProtocolEvent {
  kind: 'protocol';
  time: number;
  transport: Transport;
  connection: number;
  peer: string;
  direction: Direction;
  /** `connect`, `verify_connect`, `disconnect`, `bandwidth_limit`, `throttle_configure`, `retransmission`, `duplicate`, `fragments`, `commands`. */
  what: string;
  text: string;
  /** Numbers of the packets it is about (those a retransmission repeats). */
  packets?: number[];
}

export type ProxyEvent = ConnectionEvent | PacketEvent | ProtocolEvent;

export const DIRECTION_ARROW: Record<Direction, string> = { c2s: 'C→S', s2c: 'S→C' };
