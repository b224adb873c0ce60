import type { WebSocketPeerOptions } from '../options.js';
import type { ConnectRequest, PlatformSocket, SocketHandlers } from '../platform-socket.js';
import { WebSocketPeerBase } from '../websocket-peer-base.js';
import { connectNative } from './native-socket.js';

/** Godot's `WebSocketPeer` for browsers (a client over the native `WebSocket`, as Godot's web build). */
export class WebSocketPeer extends WebSocketPeerBase {
  constructor(options: WebSocketPeerOptions = {}) {
    super(options);
  }

  protected _connect(request: ConnectRequest, handlers: SocketHandlers): PlatformSocket {
    return connectNative(request, handlers);
  }
}
