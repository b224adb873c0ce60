/**
 * Godot's WebSocket enums and defaults (`modules/websocket/websocket_peer.h`,
 * `websocket_multiplayer_peer.h`), with the numbers a Godot peer uses.
 */

/** `WebSocketPeer.State`. */
export const State = {
  CONNECTING: 0,
  OPEN: 1,
  CLOSING: 2,
  CLOSED: 3,
} as const;
export type State = (typeof State)[keyof typeof State];

/** `WebSocketPeer.WriteMode`: the frame type `send()` uses. */
export const WriteMode = {
  TEXT: 0,
  BINARY: 1,
} as const;
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
  NORMAL: 1000,
  GOING_AWAY: 1001,
  PROTOCOL_ERROR: 1002,
  NO_STATUS: 1005,
  ABNORMAL: 1006,
  INVALID_PAYLOAD: 1007,
  POLICY_VIOLATION: 1008,
  MESSAGE_TOO_BIG: 1009,
} as const;
