/** Godot's `MultiplayerPeer.TransferMode`: how a packet is delivered. */
export const TransferMode = {
  /** `TRANSFER_MODE_UNRELIABLE` (0): no retransmission and no ordering; a packet may be lost, duplicated or overtaken. */
  UNRELIABLE: 0,
  /** `TRANSFER_MODE_UNRELIABLE_ORDERED` (1): no retransmission; a packet older than one already received on its channel is dropped. */
  UNRELIABLE_ORDERED: 1,
  /** `TRANSFER_MODE_RELIABLE` (2): retransmitted until acknowledged, delivered in order on its channel. */
  RELIABLE: 2,
} as const;
/** A `TransferMode` value (0, 1 or 2). */
export type TransferMode = (typeof TransferMode)[keyof typeof TransferMode];

/** Where a received packet came from and how it travelled. */
export interface MultiplayerPacketInfo {
  /** The sender's unique id (1 for the server), as `getPacketPeer()` reports it. */
  readonly peer: number;
  /** The channel it arrived on (0 … 255), as `getPacketChannel()` reports it. */
  readonly channel: number;
  /** How it was sent, as `getPacketMode()` reports it. */
  readonly mode: TransferMode;
}
