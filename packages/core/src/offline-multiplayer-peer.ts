import { ErrorCode } from './error.js';
import { ConnectionStatus, MultiplayerPeer } from './multiplayer-peer.js';

/**
 * Godot's `OfflineMultiplayerPeer`: the peer a MultiplayerAPI has before any network is set up.
 * Always connected, always the server, sends nothing and receives nothing.
 */
export class OfflineMultiplayerPeer extends MultiplayerPeer {
  constructor() {
    super({}, { maxPackets: 0, maxBytes: 0 });
  }

  poll(): void {}

  getConnectionStatus(): ConnectionStatus {
    return ConnectionStatus.CONNECTED;
  }

  getUniqueId(): number {
    return 1;
  }

  disconnectPeer(): void {}

  /** Godot returns OK with an empty packet. */
  protected override _getPacket(): {
    /** `OK`, or `ERR_UNAVAILABLE` when no packet is waiting. */
    error: ErrorCode;
    /** The packet's bytes (empty unless `error` is `OK`). */
    data: Uint8Array;
  } {
    return { error: ErrorCode.OK, data: new Uint8Array(0) };
  }

  protected _putPacketTo(): ErrorCode {
    return ErrorCode.OK;
  }

  protected _getMaxPacketSize(): number {
    return 0;
  }

  protected _close(): void {}
}
