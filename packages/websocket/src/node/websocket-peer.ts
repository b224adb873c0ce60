import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ErrorCode } from '@pp/core';
import type { WebSocketPeerOptions } from '../options.js';
import type { ConnectRequest, PlatformSocket, SocketHandlers } from '../platform-socket.js';
import { WebSocketPeerBase } from '../websocket-peer-base.js';
import { acceptWs, acceptWsStream, connectWs } from './ws-socket.js';

/**
 * Godot's `WebSocketPeer` for Node.js: client connections and both ways of accepting one (a raw
 * TCP/TLS stream, as Godot's `accept_stream`, or an `http.Server` `upgrade` event).
 */
export class WebSocketPeer extends WebSocketPeerBase {
  constructor(options: WebSocketPeerOptions = {}) {
    super(options);
  }

  /**
   * Godot's `accept_stream`: becomes the server side of a connection someone else accepted — a
   * `net.Socket` from `net.createServer`, or a `tls.TLSSocket` over one. Reads the upgrade
   * request, checks it as Godot does (refusals are answered with HTTP 400 and reported through
   * `error`), and is `OPEN` once the response is written. The whole handshake, TLS included,
   * must finish within `handshakeTimeout`.
   */
  acceptStream(stream: Duplex): ErrorCode {
    return this._begin((handlers) => acceptWsStream(stream, this._acceptParams, handlers), true);
  }

  /**
   * The same for a request an `http.Server` already read: call it from the server's `upgrade`
   * event with that event's arguments.
   */
  acceptUpgrade(request: IncomingMessage, socket: Duplex, head: Uint8Array = new Uint8Array(0)): ErrorCode {
    const headBuffer = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
    return this._begin((handlers) => acceptWs(request, socket, headBuffer, this._acceptParams, handlers), true);
  }

  protected _connect(request: ConnectRequest, handlers: SocketHandlers): PlatformSocket {
    return connectWs(request, handlers);
  }
}
