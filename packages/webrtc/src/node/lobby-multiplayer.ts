import { LobbyMultiplayerBase, type LobbyMultiplayerOptions } from '../signaling/lobby-multiplayer-base.js';
import type { WebRTCPeerConnectionBase } from '../webrtc-peer-connection-base.js';
import type { WebRTCPeerConnectionOptions } from '../webrtc-peer-connection-base.js';
import { WebRTCPeerConnection } from './webrtc-peer-connection.js';

/** `LobbyMultiplayerBase` with Node.js connections. */
export class LobbyMultiplayer extends LobbyMultiplayerBase {
  readonly #connection: WebRTCPeerConnectionOptions;

  constructor(options: LobbyMultiplayerOptions & { connection?: WebRTCPeerConnectionOptions } = {}) {
    super(options);
    this.#connection = options.connection ?? {};
  }

  protected _createConnection(): WebRTCPeerConnectionBase {
    return new WebRTCPeerConnection(this.#connection);
  }
}
