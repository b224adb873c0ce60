/**
 * Godot's WebSocket enums and defaults (`modules/websocket/websocket_peer.h`,
 * `websocket_multiplayer_peer.h`), with the numbers a Godot peer uses.
 */

/** `WebSocketPeer.State`. */
export const State = {
  /** `STATE_CONNECTING` (0): the connection is not open yet (TCP, TLS or the HTTP handshake in progress). */
  CONNECTING: 0,
  /** `STATE_OPEN` (1): the connection is open; messages can be sent and received. */
  OPEN: 1,
  /** `STATE_CLOSING` (2): a close frame was sent or received; the closing handshake is in progress. */
  CLOSING: 2,
  /** `STATE_CLOSED` (3): the connection is closed, or it never opened. */
  CLOSED: 3,
} as const;
/** A `State` value (0 … 3). */
export type State = (typeof State)[keyof typeof State];

/** `WebSocketPeer.WriteMode`: the frame type `send()` uses. */
export const WriteMode = {
  /** `WRITE_MODE_TEXT` (0): text frames (UTF-8). */
  TEXT: 0,
  /** `WRITE_MODE_BINARY` (1): binary frames. */
  BINARY: 1,
} as const;
/** A `WriteMode` value (0 or 1). */
export type WriteMode = (typeof WriteMode)[keyof typeof WriteMode];

/** `DEFAULT_BUFFER_SIZE`: default `inbound_buffer_size` and `outbound_buffer_size`. */
export const DEFAULT_BUFFER_SIZE = 65535;

/** Default `max_queued_packets` of Godot 4.4 and newer (4.0–4.3: 2048). */
export const DEFAULT_MAX_QUEUED_PACKETS = 4096;

/** Default `WebSocketMultiplayerPeer.handshake_timeout`, in seconds. */
export const DEFAULT_HANDSHAKE_TIMEOUT = 3;

/**
 * Pongs that may wait to be written (answers to Pings, written in the order they came) before
 * one more Ping drops the connection: `ws`'s `maxPendingAutoPongs`. Godot has no such limit; it
 * bounds the Pongs by its outbound buffer.
 */
export const MAX_PENDING_PONGS = 60;

/** Bytes of the obsolete multiplayer header Godot still subtracts in `get_max_packet_size()`. */
export const MULTIPLAYER_PROTO_SIZE = 9;

/** Close codes this package sends or reports (RFC 6455 §7.4.1). */
export const CloseCode = {
  /** 1000: normal closure, the purpose of the connection is fulfilled. */
  NORMAL: 1000,
  /** 1001: going away (a server shutting down, a browser leaving the page). */
  GOING_AWAY: 1001,
  /** 1002: the peer broke the WebSocket protocol. */
  PROTOCOL_ERROR: 1002,
  /** 1005: the close frame carried no status code (reported, never sent). */
  NO_STATUS: 1005,
  /** 1006: closed without a close frame, e.g. the TCP connection dropped (reported, never sent). */
  ABNORMAL: 1006,
  /** 1007: a message's data was invalid for its type (e.g. a text frame that is not UTF-8). */
  INVALID_PAYLOAD: 1007,
  /** 1008: a message broke the receiver's policy; sent here when a message comes in too many fragments. */
  POLICY_VIOLATION: 1008,
  /** 1009: a message was too big to process (larger than `inboundBufferSize`). */
  MESSAGE_TOO_BIG: 1009,
} as const;
