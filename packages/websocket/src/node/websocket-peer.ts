import { IncomingMessage } from 'node:http';
import { Duplex } from 'node:stream';
import { ErrorCode, handOverStream, handsOverStream, type HandsOverStream } from '@pp/core';
import type { WebSocketPeerOptions } from '../options.js';
import type { ConnectionLink } from '../connection.js';
import { WebSocketPeerBase, type ClientConnection } from '../websocket-peer-base.js';
import { WsSocket } from './ws-socket.js';

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
   * `StreamPeerTCP` from `@pp/stream`'s `TCPServer.takeConnection()` (as in Godot; it hands its
   * socket over and is left unconnected), a `net.Socket` from `net.createServer`, or a
   * `tls.TLSSocket` over one. Reads the upgrade request, checks it as Godot does (refusals are
   * answered with HTTP 400 and reported through `error`), and is `OPEN` once the response is
   * written. The whole handshake, TLS included, must finish within `handshakeTimeout`.
   *
   * @returns `OK`; `ERR_ALREADY_IN_USE` unless `CLOSED` or `CLOSING`; `ERR_INVALID_PARAMETER` for
   *   anything else than those streams, or a `StreamPeerTCP` that is not connected.
   */
  acceptStream(stream: Duplex | HandsOverStream): ErrorCode {
    if (!this._canBegin) return ErrorCode.ERR_ALREADY_IN_USE;
    let duplex: Duplex;
    if (stream instanceof Duplex) {
      duplex = stream;
    } else if (handsOverStream(stream)) {
      const handover = stream[handOverStream]();
      if (handover === null || !(handover.socket instanceof Duplex)) return ErrorCode.ERR_INVALID_PARAMETER;
      duplex = handover.socket;
      if (handover.unread.length > 0) duplex.unshift(Buffer.from(handover.unread.buffer, handover.unread.byteOffset, handover.unread.byteLength));
    } else {
      return ErrorCode.ERR_INVALID_PARAMETER;
    }
    return this._begin((link) => new WsSocket(link, duplex), (conn) => conn.acceptStream(this._acceptParams));
  }

  /**
   * The same for a request an `http.Server` already read: call it from the server's `upgrade`
   * event with that event's arguments. `ERR_INVALID_PARAMETER` for arguments of other kinds.
   */
  acceptUpgrade(request: IncomingMessage, socket: Duplex, head: Uint8Array = new Uint8Array(0)): ErrorCode {
    if (!this._canBegin) return ErrorCode.ERR_ALREADY_IN_USE;
    if (!(request instanceof IncomingMessage) || !(socket instanceof Duplex) || !(head instanceof Uint8Array)) return ErrorCode.ERR_INVALID_PARAMETER;
    const headBuffer = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
    return this._begin((link) => new WsSocket(link, socket), (conn) => conn.accept(request, headBuffer, this._acceptParams));
  }

  protected _newClient(link: ConnectionLink<WebSocketPeerBase>): ClientConnection {
    return new WsSocket(link);
  }
}
