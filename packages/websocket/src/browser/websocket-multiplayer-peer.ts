import { ErrorCode } from '@pp/core';
import { WebSocketMultiplayerPeerBase, type WebSocketMultiplayerPeerOptions } from '../websocket-multiplayer-peer-base.js';
import { WebSocketPeer } from './websocket-peer.js';

/** Godot's `WebSocketMultiplayerPeer` for browsers: clients only (`createServer` is `ERR_UNAVAILABLE`, as in Godot's web build). */
export class WebSocketMultiplayerPeer extends WebSocketMultiplayerPeerBase<WebSocketPeer> {
  constructor(options: WebSocketMultiplayerPeerOptions = {}) {
    super(options);
  }

  protected _createPeer(options: WebSocketMultiplayerPeerOptions): WebSocketPeer {
    return new WebSocketPeer(options);
  }

  protected _listen(): ErrorCode {
    return ErrorCode.ERR_UNAVAILABLE;
  }

  protected _stopListening(): void {}

  protected _localPort(): number {
    return 0;
  }
}
