/**
 * ENet 1.3.18's protocol and host constants (`protocol.h`, `enet.h`), the numbers both ends of a
 * connection must agree on. Names follow ENet's without the `ENET_` prefix.
 */

export const PROTOCOL_MINIMUM_MTU = 576;
export const PROTOCOL_MAXIMUM_MTU = 4096;
export const PROTOCOL_MAXIMUM_PACKET_COMMANDS = 32;
export const PROTOCOL_MINIMUM_WINDOW_SIZE = 4096;
export const PROTOCOL_MAXIMUM_WINDOW_SIZE = 65536;
export const PROTOCOL_MINIMUM_CHANNEL_COUNT = 1;
export const PROTOCOL_MAXIMUM_CHANNEL_COUNT = 255;
/** The largest peer id, also the "no peer yet" id in a datagram header. */
export const PROTOCOL_MAXIMUM_PEER_ID = 0xfff;
export const PROTOCOL_MAXIMUM_FRAGMENT_COUNT = 1024 * 1024;

export const HOST_BANDWIDTH_THROTTLE_INTERVAL = 1000;
export const HOST_DEFAULT_MTU = 1392;
export const HOST_DEFAULT_MAXIMUM_PACKET_SIZE = 32 * 1024 * 1024;
export const HOST_DEFAULT_MAXIMUM_WAITING_DATA = 32 * 1024 * 1024;

export const PEER_DEFAULT_ROUND_TRIP_TIME = 500;
export const PEER_DEFAULT_PACKET_THROTTLE = 32;
export const PEER_PACKET_THROTTLE_SCALE = 32;
export const PEER_PACKET_THROTTLE_COUNTER = 7;
export const PEER_PACKET_THROTTLE_ACCELERATION = 2;
export const PEER_PACKET_THROTTLE_DECELERATION = 2;
export const PEER_PACKET_THROTTLE_INTERVAL = 5000;
export const PEER_PACKET_LOSS_SCALE = 1 << 16;
export const PEER_PACKET_LOSS_INTERVAL = 10000;
export const PEER_WINDOW_SIZE_SCALE = 64 * 1024;
export const PEER_TIMEOUT_LIMIT = 32;
export const PEER_TIMEOUT_MINIMUM = 5000;
export const PEER_TIMEOUT_MAXIMUM = 30000;
export const PEER_PING_INTERVAL = 500;
export const PEER_UNSEQUENCED_WINDOWS = 64;
export const PEER_UNSEQUENCED_WINDOW_SIZE = 1024;
export const PEER_FREE_UNSEQUENCED_WINDOWS = 32;
export const PEER_RELIABLE_WINDOWS = 16;
export const PEER_RELIABLE_WINDOW_SIZE = 0x1000;
export const PEER_FREE_RELIABLE_WINDOWS = 8;

/** Packet flags of the API (`ENetPacketFlag`). */
export const PacketFlag = {
  RELIABLE: 1 << 0,
  UNSEQUENCED: 1 << 1,
  NO_ALLOCATE: 1 << 2,
  UNRELIABLE_FRAGMENT: 1 << 3,
  SENT: 1 << 8,
} as const;

/** Peer states (`ENetPeerState`), the numbers Godot's `ENetPacketPeer.PeerState` exposes. */
export const PeerState = {
  DISCONNECTED: 0,
  CONNECTING: 1,
  ACKNOWLEDGING_CONNECT: 2,
  CONNECTION_PENDING: 3,
  CONNECTION_SUCCEEDED: 4,
  CONNECTED: 5,
  DISCONNECT_LATER: 6,
  DISCONNECTING: 7,
  ACKNOWLEDGING_DISCONNECT: 8,
  ZOMBIE: 9,
} as const;
export type PeerState = (typeof PeerState)[keyof typeof PeerState];

/** Host event types (`ENetEventType`). */
export const EventType = {
  NONE: 0,
  CONNECT: 1,
  DISCONNECT: 2,
  RECEIVE: 3,
} as const;
export type EventType = (typeof EventType)[keyof typeof EventType];
