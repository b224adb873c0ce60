/**
 * The enums Godot's ENet classes expose (`ENetConnection.EventType`, `HostStatistic`,
 * `ENetPacketPeer.PeerState`, `PeerStatistic` and the packet flags), with Godot's numbers.
 */
export { CompressionMode } from './compression/compression-mode.js';

/** `ENetConnection.EventType`. */
export const EventType = {
  EVENT_ERROR: -1,
  EVENT_NONE: 0,
  EVENT_CONNECT: 1,
  EVENT_DISCONNECT: 2,
  EVENT_RECEIVE: 3,
} as const;
export type EventType = (typeof EventType)[keyof typeof EventType];

/** `ENetConnection.HostStatistic`. */
export const HostStatistic = {
  HOST_TOTAL_SENT_DATA: 0,
  HOST_TOTAL_SENT_PACKETS: 1,
  HOST_TOTAL_RECEIVED_DATA: 2,
  HOST_TOTAL_RECEIVED_PACKETS: 3,
} as const;
export type HostStatistic = (typeof HostStatistic)[keyof typeof HostStatistic];

/** `ENetPacketPeer.PeerState`. */
export const PeerState = {
  STATE_DISCONNECTED: 0,
  STATE_CONNECTING: 1,
  STATE_ACKNOWLEDGING_CONNECT: 2,
  STATE_CONNECTION_PENDING: 3,
  STATE_CONNECTION_SUCCEEDED: 4,
  STATE_CONNECTED: 5,
  STATE_DISCONNECT_LATER: 6,
  STATE_DISCONNECTING: 7,
  STATE_ACKNOWLEDGING_DISCONNECT: 8,
  STATE_ZOMBIE: 9,
} as const;
export type PeerState = (typeof PeerState)[keyof typeof PeerState];

/** `ENetPacketPeer.PeerStatistic`. */
export const PeerStatistic = {
  PEER_PACKET_LOSS: 0,
  PEER_PACKET_LOSS_VARIANCE: 1,
  PEER_PACKET_LOSS_EPOCH: 2,
  PEER_ROUND_TRIP_TIME: 3,
  PEER_ROUND_TRIP_TIME_VARIANCE: 4,
  PEER_LAST_ROUND_TRIP_TIME: 5,
  PEER_LAST_ROUND_TRIP_TIME_VARIANCE: 6,
  PEER_PACKET_THROTTLE: 7,
  PEER_PACKET_THROTTLE_LIMIT: 8,
  PEER_PACKET_THROTTLE_COUNTER: 9,
  PEER_PACKET_THROTTLE_EPOCH: 10,
  PEER_PACKET_THROTTLE_ACCELERATION: 11,
  PEER_PACKET_THROTTLE_DECELERATION: 12,
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
