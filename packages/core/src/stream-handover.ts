/**
 * How one protocol takes over a connection another one holds: Godot's
 * `WebSocketPeer.accept_stream(tcp_server.take_connection())`. A byte stream of ours (a
 * `StreamPeerTCP`) implements `[handOverStream]()`: it gives up its connection — stops reading
 * it, forgets it, returns to an unconnected state — and returns the platform's socket with the
 * bytes it had received and nobody read, so the taker sees the stream from where reading stopped.
 */

/** `stream[handOverStream]()`: see {@link HandsOverStream}. */
export const handOverStream: unique symbol = Symbol.for('@pp/core.handOverStream');

/** A connection given up by the stream that held it. */
export interface StreamHandover {
  /** The platform's socket (a Node `net.Socket`), paused, with no listeners of the old holder. */
  readonly socket: unknown;
  /** Bytes received and not read, to be read before anything the socket delivers. */
  readonly unread: Uint8Array;
}

/** A stream that can give its connection to another protocol. */
export interface HandsOverStream {
  /** Gives up the connection; `null` when there is none to give (not connected). */
  [handOverStream](): StreamHandover | null;
}

/** Whether `value` can hand its connection over (see {@link HandsOverStream}). */
export function handsOverStream(value: unknown): value is HandsOverStream {
  return typeof value === 'object' && value !== null && typeof (value as Partial<HandsOverStream>)[handOverStream] === 'function';
}
