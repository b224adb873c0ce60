import type { ConnectionLink } from '../connection.js';
import type { WebSocketPeerOptions } from '../options.js';
import { WebSocketPeerBase, type ClientConnection } from '../websocket-peer-base.js';
import { NativeSocket } from './native-socket.js';

/** Godot's `WebSocketPeer` for browsers (a client over the native `WebSocket`, as Godot's web build). */
export class WebSocketPeer extends WebSocketPeerBase {
  constructor(options: WebSocketPeerOptions = {}) {
    super(options);
  }

  /** Messages dropped for being over `inboundBufferSize` (the browser's WebSocket cannot refuse them). */
  #oversized = 0;

  /** Received messages dropped: full queues, plus messages over `inboundBufferSize`. */
  override get droppedPackets(): number {
    return super.droppedPackets + this.#oversized;
  }

  protected _newClient(link: ConnectionLink<WebSocketPeerBase>): ClientConnection {
    return new NativeSocket(link);
  }

  protected override _droppedOversized(): void {
    this.#oversized++;
  }
}
