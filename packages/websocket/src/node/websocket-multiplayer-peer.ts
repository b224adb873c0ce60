import { createServer, type Server, type Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';
import { ErrorCode, GodotError } from '@pp/core';
import type { TLSOptions } from '../tls-options.js';
import { WebSocketMultiplayerPeerBase, type WebSocketMultiplayerPeerOptions } from '../websocket-multiplayer-peer-base.js';
import { serverSecureContext } from './tls.js';
import { WebSocketPeer } from './websocket-peer.js';

/** One listener for every accepted socket, not a closure each. */
const ignoreError = (): void => undefined;

/**
 * Godot's `WebSocketMultiplayerPeer` for Node.js: clients, and servers listening on a TCP port
 * (with TLS when given server `TLSOptions`), Godot's `TCPServer` + `accept_stream` in one.
 */
export class WebSocketMultiplayerPeer extends WebSocketMultiplayerPeerBase<WebSocketPeer> {
  #listener: Server | undefined;

  constructor(options: WebSocketMultiplayerPeerOptions = {}) {
    super(options);
  }

  protected _createPeer(options: WebSocketMultiplayerPeerOptions): WebSocketPeer {
    return new WebSocketPeer(options);
  }

  protected _listen(port: number, bindAddress: string, tls: TLSOptions | undefined): ErrorCode {
    let context: SecureContext | undefined;
    try {
      context = tls === undefined ? undefined : serverSecureContext(tls);
    } catch {
      return ErrorCode.ERR_INVALID_PARAMETER;
    }
    const listener = createServer((socket) => this.#onConnection(socket, context));
    listener.on('error', (error: Error & { code?: string }) => {
      if (this.#listener !== listener) return;
      const code = error.code === 'EADDRINUSE' ? ErrorCode.ERR_ALREADY_IN_USE : ErrorCode.ERR_CANT_CREATE;
      this._listenFailed(new GodotError(code, `Cannot listen on ${bindAddress}:${port}: ${error.message}`, { cause: error }));
    });
    listener.listen(bindAddress === '*' ? { port } : { port, host: bindAddress }, () => this._listening());
    // Without a host Node binds before returning (its error comes on the next tick): a taken port
    // is known now, as Godot's `create_server` knows it. An address is looked up first, so there
    // the failure comes later, through `waitForConnected()` and the `error` event.
    if (bindAddress === '*' && !listener.listening) {
      listener.close();
      return ErrorCode.ERR_ALREADY_IN_USE;
    }
    this.#listener = listener;
    return ErrorCode.OK;
  }

  protected _stopListening(): void {
    this.#listener?.close();
    this.#listener = undefined;
  }

  protected _localPort(): number {
    const address = this.#listener?.address();
    return typeof address === 'object' && address !== null ? address.port : 0;
  }

  #onConnection(socket: Socket, context: SecureContext | undefined): void {
    // An error is reported by the peer's handshake or its close. A plain socket goes straight to
    // `acceptStream`, whose request reader listens for its errors, then `ws` does for as long as
    // the socket lives: a listener here would only cost each connection its array of two. A TLS
    // socket wraps this one, and this one is left to itself.
    if (context !== undefined) socket.on('error', ignoreError);
    const accepted = this._acceptConnection((peer) => peer.acceptStream(
      context === undefined ? socket : new TLSSocket(socket, { isServer: true, secureContext: context }),
    ));
    if (!accepted) socket.destroy();
  }
}
