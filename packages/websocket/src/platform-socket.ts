/**
 * The small socket interface `WebSocketPeer` drives, `PlatformSocket`, and what a socket reports,
 * `SocketHandlers`. Each platform implements it once, as a `WebSocketConnection` (`connection.ts`):
 * Node on `ws` (`WsSocket` in `node/ws-socket.ts`), browsers on the native `WebSocket`
 * (`NativeSocket` in `browser/native-socket.ts`). The peer holds every Godot rule; a socket only
 * moves whole messages.
 */
import type { HeaderLine } from './headers.js';
import type { TLSOptions } from './tls-options.js';
import type { WebSocketUrl } from './url.js';

/** What the socket reports (on itself: its connection's methods). Called from the platform's event loop, never re-entrantly from a call. */
export interface SocketHandlers {
  /** The opening handshake finished. */
  open(info: OpenInfo): void;
  /** One whole message arrived (reassembled if it came in fragments). The bytes are the peer's. */
  message(data: Uint8Array, isText: boolean): void;
  /**
   * A message over the connection's largest size arrived and was dropped: only where the
   * platform cannot refuse it with 1009 (browsers; Godot's web build drops it too).
   */
  oversized(): void;
  /** A Pong arrived (heartbeat). */
  pong(): void;
  /** Every message handed to `send` has been written out. */
  drain(): void;
  /**
   * The connection is gone. `code` and `reason` come from the remote Close frame (`1005` if it
   * carried no code), `code` is -1 if none arrived. `failure` says why a connection failed.
   */
  closed(code: number, reason: string, failure?: SocketFailure): void;
}

export interface OpenInfo {
  /** The selected sub-protocol, `''` for none. */
  readonly protocol: string;
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** Server side: the URL the client asked for (`ws://` + `Host` + path), as Godot reports it. */
  readonly requestedUrl?: string;
}

export interface SocketFailure {
  /** What went wrong, for people. */
  readonly message: string;
  /** The Close code this side sent because of a protocol violation (1002, 1007, 1008, 1009). */
  readonly sentCode?: number;
  readonly cause?: unknown;
}

export interface PlatformSocket {
  /** Bytes accepted by `send` and not yet written out. */
  readonly bufferedAmount: number;
  /** Messages accepted by `send` that still wait to be written out (browsers: an upper bound). */
  readonly queuedMessages: number;
  /** The remote Close frame arrived; the socket is finishing the closing handshake. */
  readonly remoteClosing: boolean;
  /**
   * Sends one message as a single frame. Unless `owned`, the caller may change `data` as soon as
   * this returns, so an implementation that writes it later must copy it.
   */
  send(data: Uint8Array, isText: boolean, owned: boolean): void;
  /** Whether `ping` works (not in browsers, which answer Pings but cannot send them). */
  readonly canPing: boolean;
  /** Sends an empty Ping. */
  ping(): void;
  /** Starts the closing handshake (valid code and reason already checked). */
  close(code: number, reason: string): void;
  /** Drops the connection at once, without a Close frame. */
  terminate(): void;
  /** Whether `pause` works (not in browsers: their WebSocket cannot stop reading). */
  readonly canPause: boolean;
  /** Stops reading from the network (TCP back-pressure) until `resume`. */
  pause(): void;
  /** Reads again after `pause`. */
  resume(): void;
  /** Sets `TCP_NODELAY`; false where the platform cannot. */
  setNoDelay(enabled: boolean): boolean;
}

/** What a client connection needs. */
export interface ConnectRequest {
  readonly url: WebSocketUrl;
  readonly protocols: readonly string[];
  readonly headers: readonly HeaderLine[];
  /** Largest message accepted; a bigger one fails the connection with 1009 (where the platform can; else it is dropped). */
  readonly maxMessageSize: number;
  readonly tls: TLSOptions | undefined;
}

