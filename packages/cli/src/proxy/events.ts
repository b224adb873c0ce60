/** What the proxy sees: connections opening and closing, and packets, with what they decode to. */
import type { DecodeFailure } from '../values.js';

/**
 * What the proxy relays: TCP (PacketPeerStream frames or raw bytes), UDP datagrams, WebSocket messages, or
 * ENet.
 */
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
  /** The receiving peer id, as for `from`. */
  to: number | null;
}

/** A connection through the proxy opened or closed. */
export interface ConnectionEvent {
  /** `open` when a game connected (or sent its first datagram), `close` when either side ended it. */
  kind: 'open' | 'close';
  /** The time it happened, in ms since the Unix epoch (`Date.now()`). */
  time: number;
  /** The connection number, from 1 in order of opening (0 for a refused ENet game). */
  connection: number;
  /** The game's address as `ip:port` (`[ip]:port` for IPv6): the client that connected to the proxy. */
  peer: string;
  /** The proxied transport. */
  transport: Transport;
  /** Why it closed (the side that closed, a socket error, a refusal), when known. */
  detail?: string;
}

/** A packet as a leg reports it (bytes exactly as forwarded). */
export interface RawPacket {
  /** The connection it travelled on. */
  connection: number;
  /** The game's address as `ip:port` (`[ip]:port` for IPv6): the client that connected to the proxy. */
  peer: string;
  /** Which way it travelled. */
  direction: Direction;
  /** How it travelled. */
  frame: FrameKind;
  /** The packet's bytes (for ENet: its payload, reassembled from its fragments and decompressed). */
  bytes: Uint8Array;
  /** Why the bytes could not be framed (raw TCP) or read (an ENet datagram), if they could not. */
  note?: string;
  /** ENet only: channel, flags, sequence numbers, fragments, repeats. */
  enet?: EnetPacketInfo;
}

/** A packet with its decoding: what every output (log, JSON, record, web page) shows. */
export interface PacketEvent {
  /** Always `packet`. */
  kind: 'packet';
  /** The packet's number in this proxy run, from 0, in order seen. */
  index: number;
  /** The time it happened, in ms since the Unix epoch (`Date.now()`). */
  time: number;
  /** The proxied transport. */
  transport: Transport;
  /** The connection it travelled on. */
  connection: number;
  /** The game's address as `ip:port` (`[ip]:port` for IPv6): the client that connected to the proxy. */
  peer: string;
  /** Which way it travelled. */
  direction: Direction;
  /** How it travelled. */
  frame: FrameKind;
  /** Its length in bytes. */
  size: number;
  /** Godot's type name (`Dictionary`, `Array[int]`…), `text` for a WebSocket text message, `?` when undecodable. */
  type: string;
  /** Godot's text form of the value (var_to_str), or the text message itself. */
  text: string;
  /** Why the bytes are not a Variant (Godot's error code and the offset), or null when they decoded. */
  error: DecodeFailure | null;
  /** Bytes after the value, which Godot ignores. */
  trailing: number;
  /** The packet as forwarded. */
  bytes: Uint8Array;
  /** Why the bytes could not be framed or read at all (from the leg), if so. */
  note?: string;
  /** ENet only: channel, flags, sequence numbers, fragments, repeats. */
  enet?: EnetPacketInfo;
  /** ENet only: the transfer mode, channel and peer ids Godot's multiplayer layer reports. */
  godot?: GodotPacketInfo;
}

/**
 * Something ENet itself did (`pp proxy enet`): the handshake, a disconnection, bandwidth and
 * throttle settings, datagrams that repeat packets already shown (retransmitted by ENet, or
 * duplicated on the way), a datagram's commands (`--enet-commands`).
 */
export interface ProtocolEvent {
  /** Always `protocol`. */
  kind: 'protocol';
  /** The time it happened, in ms since the Unix epoch (`Date.now()`). */
  time: number;
  /** The proxied transport. */
  transport: Transport;
  /** The connection it happened on. */
  connection: number;
  /** The game's address as `ip:port` (`[ip]:port` for IPv6): the client that connected to the proxy. */
  peer: string;
  /** Which side sent it. */
  direction: Direction;
  /** `connect`, `verify_connect`, `disconnect`, `bandwidth_limit`, `throttle_configure`, `retransmission`, `duplicate`, `fragments`, `commands`. */
  what: string;
  /** A one-line, human-readable description of what ENet did. */
  text: string;
  /** Numbers of the packets it is about (those a retransmission repeats). */
  packets?: number[];
}

/** Everything the proxy reports, in order: connections, packets, ENet protocol events. */
export type ProxyEvent = ConnectionEvent | PacketEvent | ProtocolEvent;

export const DIRECTION_ARROW: Record<Direction, string> = { c2s: 'C→S', s2c: 'S→C' };
