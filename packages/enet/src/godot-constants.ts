/**
 * The enums Godot's ENet classes expose (`ENetConnection.EventType`, `HostStatistic`,
 * `ENetPacketPeer.PeerState`, `PeerStatistic` and the packet flags), with Godot's numbers.
 */
export { CompressionMode } from './compression/compression-mode.js';

/** `ENetConnection.EventType`. */
export const EventType = {
  /**
   * `service()` failed: the connection has no host (never created, or destroyed), or an event came for a peer
   * that no longer exists.
   */
  EVENT_ERROR: -1,
  /** No event happened within the service timeout. */
  EVENT_NONE: 0,
  /**
   * A connection completed, started by either side; `data` is the remote's CONNECT data on a server (0 on a
   * client).
   */
  EVENT_CONNECT: 1,
  /**
   * A connection ended: the remote disconnected, it timed out, or our graceful disconnect completed; `data`
   * is the DISCONNECT data (0 on a timeout).
   */
  EVENT_DISCONNECT: 2,
  /**
   * A packet arrived from a peer; its channel is the fourth element; take it with the peer's `getPacket()`.
   */
  EVENT_RECEIVE: 3,
} as const;
export type EventType = (typeof EventType)[keyof typeof EventType];

/** `ENetConnection.HostStatistic`. */
export const HostStatistic = {
  /** Bytes sent in UDP datagrams since the last `popStatistic` of this statistic. */
  HOST_TOTAL_SENT_DATA: 0,
  /** UDP datagrams sent since the last `popStatistic` of this statistic. */
  HOST_TOTAL_SENT_PACKETS: 1,
  /** Bytes received in UDP datagrams since the last `popStatistic` of this statistic. */
  HOST_TOTAL_RECEIVED_DATA: 2,
  /** UDP datagrams received since the last `popStatistic` of this statistic. */
  HOST_TOTAL_RECEIVED_PACKETS: 3,
} as const;
export type HostStatistic = (typeof HostStatistic)[keyof typeof HostStatistic];

/** `ENetPacketPeer.PeerState`. */
export const PeerState = {
  /** No connection (also every inactive peer object). */
  STATE_DISCONNECTED: 0,
  /** This side sent CONNECT and waits for VERIFY_CONNECT. */
  STATE_CONNECTING: 1,
  /** This side got VERIFY_CONNECT and is acknowledging it. */
  STATE_ACKNOWLEDGING_CONNECT: 2,
  /** The remote's CONNECT was answered; waiting for the acknowledgement of our VERIFY_CONNECT. */
  STATE_CONNECTION_PENDING: 3,
  /** The handshake is done; the connect event is about to be dispatched. */
  STATE_CONNECTION_SUCCEEDED: 4,
  /** Connected: packets flow both ways. */
  STATE_CONNECTED: 5,
  /** `peerDisconnectLater` was called; DISCONNECT goes out once the queued packets are sent. */
  STATE_DISCONNECT_LATER: 6,
  /** DISCONNECT was sent; waiting for its acknowledgement. */
  STATE_DISCONNECTING: 7,
  /** The remote sent DISCONNECT; its acknowledgement is being sent. */
  STATE_ACKNOWLEDGING_DISCONNECT: 8,
  /** The connection ended; the disconnect event is about to be dispatched. */
  STATE_ZOMBIE: 9,
} as const;
export type PeerState = (typeof PeerState)[keyof typeof PeerState];

/** `ENetPacketPeer.PeerStatistic`. */
export const PeerStatistic = {
  /** Mean loss of reliable packets, of `PACKET_LOSS_SCALE` (65536 is 100 %). */
  PEER_PACKET_LOSS: 0,
  /** Mean deviation of the packet loss, of `PACKET_LOSS_SCALE`. */
  PEER_PACKET_LOSS_VARIANCE: 1,
  /** When (ms on the connection's clock) the packet-loss figures were last updated. */
  PEER_PACKET_LOSS_EPOCH: 2,
  /** Mean round-trip time of reliable packets, in ms. */
  PEER_ROUND_TRIP_TIME: 3,
  /** Mean deviation of the round-trip time, in ms. */
  PEER_ROUND_TRIP_TIME_VARIANCE: 4,
  /** Lowest round-trip time (ms) of the last throttle interval, the throttle's reference. */
  PEER_LAST_ROUND_TRIP_TIME: 5,
  /** Highest round-trip deviation (ms) of the last throttle interval. */
  PEER_LAST_ROUND_TRIP_TIME_VARIANCE: 6,
  /**
   * The unreliable-packet throttle, of `PACKET_THROTTLE_SCALE` (32 sends every unreliable packet, 0 none).
   */
  PEER_PACKET_THROTTLE: 7,
  /** The ceiling the bandwidth limits put on the throttle, of `PACKET_THROTTLE_SCALE`. */
  PEER_PACKET_THROTTLE_LIMIT: 8,
  /** The rotating counter (steps of 7, mod 32) compared with the throttle to drop unreliable packets. */
  PEER_PACKET_THROTTLE_COUNTER: 9,
  /** When (ms on the connection's clock) the throttle interval last began. */
  PEER_PACKET_THROTTLE_EPOCH: 10,
  /**
   * The throttle step up after a good round trip, of `PACKET_THROTTLE_SCALE` (default 2;
   * `throttleConfigure`).
   */
  PEER_PACKET_THROTTLE_ACCELERATION: 11,
  /**
   * The throttle step down after a bad round trip, of `PACKET_THROTTLE_SCALE` (default 2;
   * `throttleConfigure`).
   */
  PEER_PACKET_THROTTLE_DECELERATION: 12,
  /** The throttle measuring interval in ms (default 5000; `throttleConfigure`). */
  PEER_PACKET_THROTTLE_INTERVAL: 13,
} as const;
export type PeerStatistic = (typeof PeerStatistic)[keyof typeof PeerStatistic];

/** `ENetPacketPeer.PACKET_LOSS_SCALE`. */
export const PACKET_LOSS_SCALE = 65536;
/** `ENetPacketPeer.PACKET_THROTTLE_SCALE`. */
export const PACKET_THROTTLE_SCALE = 32;
/** `ENetPacketPeer.FLAG_RELIABLE`. */
export const FLAG_RELIABLE = 1;
/** `ENetPacketPeer.FLAG_UNSEQUENCED`. */
export const FLAG_UNSEQUENCED = 2;
/** `ENetPacketPeer.FLAG_UNRELIABLE_FRAGMENT`. */
export const FLAG_UNRELIABLE_FRAGMENT = 8;
/** The flags `send` and `broadcast` accept. */
export const FLAG_ALLOWED = FLAG_RELIABLE | FLAG_UNSEQUENCED | FLAG_UNRELIABLE_FRAGMENT;
/** `get_max_packet_size()` of ENet's packet peers (nominal; ENet's real cap is `maximumPacketSize`). */
export const ENET_MAX_PACKET_SIZE = 1 << 24;
