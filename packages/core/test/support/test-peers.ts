import {
  ConnectionStatus, ErrorCode, MultiplayerPeer, PacketPeer, type PacketPeerOptions, type PacketQueueLimits,
} from '../../src/index.js';

/**
 * A push transport for tests of the kit: a test hands what the "network" delivers to
 * `_receive`, and `reading` records whether the peer paused reading (only while `canPause`).
 */
export class PushPeer<Info> extends PacketPeer<Info> {
  canPause = true;
  reading = true;

  constructor(options: PacketPeerOptions, limits: PacketQueueLimits) {
    super(options, limits);
  }

  protected override get _canPauseReading(): boolean {
    return this.canPause;
  }

  protected override _pauseReading(): void {
    this.reading = false;
  }

  protected override _resumeReading(): void {
    this.reading = true;
  }

  protected _putPacket(): ErrorCode {
    return ErrorCode.OK;
  }

  protected _getMaxPacketSize(): number {
    return 1000;
  }

  protected _close(): void {}
}

/** A multiplayer peer for tests of the kit: always a connected server; it sends nothing. */
export class TestServer extends MultiplayerPeer {
  constructor(limits: PacketQueueLimits) {
    super({}, limits);
  }

  poll(): void {}

  getConnectionStatus(): ConnectionStatus {
    return ConnectionStatus.CONNECTED;
  }

  getUniqueId(): number {
    return 1;
  }

  disconnectPeer(): void {}

  protected _putPacketTo(): ErrorCode {
    return ErrorCode.OK;
  }

  protected _getMaxPacketSize(): number {
    return 1000;
  }

  protected _close(): void {}
}
