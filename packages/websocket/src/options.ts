/** Options every WebSocket peer takes, with Godot's defaults, and their checks. */
import { ErrorCode, GodotError, checkInt, checkSeconds, ringCapacity, ringSize, type PacketPeerOptions } from '@pp/core';

export interface WebSocketPeerOptions extends PacketPeerOptions {
  /**
   * Godot's `supported_protocols`. A client offers them in `Sec-WebSocket-Protocol`; a server
   * picks the first one the client offers that is in this list, and refuses the connection when
   * there is none (also when the client offers none but this list is not empty).
   * @default []
   */
  supportedProtocols?: readonly string[];
  /**
   * Godot's `handshake_headers`: extra `"Name: value"` lines in the opening handshake (the
   * request of a client, the response of a server). Browsers cannot send custom headers and
   * ignore them, as Godot's web build does.
   * @default []
   */
  handshakeHeaders?: readonly string[];
  /**
   * Godot's `inbound_buffer_size`: the largest message accepted (a bigger one closes the
   * connection with 1009) and the bytes of unread messages held before reading pauses.
   * @default 65535
   */
  inboundBufferSize?: number;
  /**
   * Godot's `outbound_buffer_size`: bytes that may wait to be written; a `send` that would go past
   * it returns `ERR_OUT_OF_MEMORY`. 0 means no byte limit.
   * @default 65535
   */
  outboundBufferSize?: number;
  /**
   * Godot's `max_queued_packets`: unread messages held before reading pauses, and messages that
   * may wait to be written before `send` returns `ERR_OUT_OF_MEMORY` (4096 since Godot 4.4,
   * 2048 in 4.0–4.3).
   * @default 4096
   */
  maxQueuedPackets?: number;
  /**
   * Godot's `heartbeat_interval`, in seconds: send a Ping this often and drop the connection
   * (close code -1) when the previous one is unanswered. 0 disables it. Browsers cannot send
   * Pings, so it has no effect there (as in Godot's web build).
   * @default 0
   */
  heartbeatInterval?: number;
  /**
   * Seconds the opening handshake may take (TCP, TLS and HTTP) before the connection is
   * dropped. Godot's `WebSocketMultiplayerPeer.handshake_timeout`; Godot's plain
   * `WebSocketPeer` has none, but a Node server must not keep half-open connections forever.
   * @default 3
   */
  handshakeTimeout?: number;
  /**
   * Milliseconds an open connection may receive no message before it is dropped (close code -1,
   * an `ERR_TIMEOUT` `error`); Pings and Pongs do not count, and neither does time spent with
   * reading paused because the application does not read. 0 waits forever, as Godot does. Given
   * to a `WebSocketMultiplayerPeer`, it applies to every connection, so a server can shed clients
   * that send nothing.
   * @default 0
   */
  idleTimeoutMs?: number;
}

/** Largest buffer size accepted by the setters: 1 GiB. */
const MAX_SIZE = 2 ** 30;

/** Checks an integer option in `[min, 1 GiB]`. */
export function checkSize(name: string, value: number, min: number): number {
  return checkInt(name, value, { min, max: MAX_SIZE });
}

/** Checks a Godot duration in seconds (core's `checkSeconds`; 0 only when `allowZero`) and returns it in whole milliseconds. */
export function secondsToMs(name: string, value: number, allowZero: boolean): number {
  return Math.round(checkSeconds(name, value, { exclusiveMin: !allowZero }) * 1000);
}

/** Checks a close code Godot may send: 1000–1003, 1007–1014 or 3000–4999 (RFC 6455 §7.4). */
export function checkCloseCode(code: number, reason: string): void {
  const valid = Number.isInteger(code)
    && ((code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999));
  if (!valid) throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `Invalid close code ${code}`);
  if (new TextEncoder().encode(reason).length > 123) {
    throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, 'A close reason may not be longer than 123 bytes');
  }
}

/**
 * The receive queue Godot's inbound buffers give `peers` connections: `maxQueuedPackets`
 * messages and the bytes of a ring of 2^nearest_shift(`inboundBufferSize`) (it keeps one byte
 * free, so the default 65535 holds 65535), each.
 */
export function inboundLimits(inboundBufferSize: number, maxQueuedPackets: number, peers = 1): { maxPackets: number; maxBytes: number } {
  return { maxPackets: maxQueuedPackets * peers, maxBytes: ringCapacity(ringSize(inboundBufferSize)) * peers };
}
