/**
 * ENet 1.3.18's protocol and host constants (`protocol.h`, `enet.h`), the numbers both ends of a
 * connection must agree on. Names follow ENet's without the `ENET_` prefix.
 */

/**
 * `ENET_PROTOCOL_MINIMUM_MTU`: the smallest MTU (bytes) a CONNECT may negotiate; smaller values are raised to
 * it.
 */
export const PROTOCOL_MINIMUM_MTU = 576;
/**
 * `ENET_PROTOCOL_MAXIMUM_MTU`: the largest MTU (bytes) a CONNECT may negotiate; larger values are lowered to
 * it.
 */
export const PROTOCOL_MAXIMUM_MTU = 4096;
/** `ENET_PROTOCOL_MAXIMUM_PACKET_COMMANDS`: the most commands one datagram carries. */
export const PROTOCOL_MAXIMUM_PACKET_COMMANDS = 32;
/** `ENET_PROTOCOL_MINIMUM_WINDOW_SIZE`: the smallest reliable window (bytes) a connection negotiates. */
export const PROTOCOL_MINIMUM_WINDOW_SIZE = 4096;
/** `ENET_PROTOCOL_MAXIMUM_WINDOW_SIZE`: the largest reliable window (bytes) a connection negotiates. */
export const PROTOCOL_MAXIMUM_WINDOW_SIZE = 65536;
/** `ENET_PROTOCOL_MINIMUM_CHANNEL_COUNT`: the fewest channels a connection has. */
export const PROTOCOL_MINIMUM_CHANNEL_COUNT = 1;
/**
 * `ENET_PROTOCOL_MAXIMUM_CHANNEL_COUNT`: the most channels a connection has (the `channelID` byte; 0xff is
 * reserved).
 */
export const PROTOCOL_MAXIMUM_CHANNEL_COUNT = 255;
/** The largest peer id, also the "no peer yet" id in a datagram header. */
export const PROTOCOL_MAXIMUM_PEER_ID = 0xfff;
/**
 * `ENET_PROTOCOL_MAXIMUM_FRAGMENT_COUNT`: the most fragments one packet may be split into; a fragment
 * announcing more is dropped.
 */
export const PROTOCOL_MAXIMUM_FRAGMENT_COUNT = 1024 * 1024;

/**
 * `ENET_HOST_BANDWIDTH_THROTTLE_INTERVAL`: how often (ms) the host recomputes its peers' bandwidth throttles
 * (`enet_host_bandwidth_throttle`).
 */
export const HOST_BANDWIDTH_THROTTLE_INTERVAL = 1000;
/** `ENET_HOST_DEFAULT_MTU`: the MTU (bytes) a new host proposes, 1392 in ENet 1.3.18. */
export const HOST_DEFAULT_MTU = 1392;
/**
 * `ENET_HOST_DEFAULT_MAXIMUM_PACKET_SIZE`: the largest packet (bytes, 32 MiB) a host sends or reassembles.
 */
export const HOST_DEFAULT_MAXIMUM_PACKET_SIZE = 32 * 1024 * 1024;
/**
 * `ENET_HOST_DEFAULT_MAXIMUM_WAITING_DATA`: the most received data (bytes, 32 MiB) a peer may hold
 * undelivered before further packets are dropped.
 */
export const HOST_DEFAULT_MAXIMUM_WAITING_DATA = 32 * 1024 * 1024;

/** `ENET_PEER_DEFAULT_ROUND_TRIP_TIME`: the round-trip estimate (ms) a new peer starts with. */
export const PEER_DEFAULT_ROUND_TRIP_TIME = 500;
/**
 * `ENET_PEER_DEFAULT_PACKET_THROTTLE`: the throttle a new peer starts with: fully open (of {@link
 * PEER_PACKET_THROTTLE_SCALE}).
 */
export const PEER_DEFAULT_PACKET_THROTTLE = 32;
/**
 * `ENET_PEER_PACKET_THROTTLE_SCALE`: the throttle's full scale; a throttle of 32 sends every unreliable
 * packet, 0 drops them all.
 */
export const PEER_PACKET_THROTTLE_SCALE = 32;
/**
 * `ENET_PEER_PACKET_THROTTLE_COUNTER`: the step by which the throttle counter advances per unreliable packet;
 * a packet is dropped when the counter exceeds the throttle.
 */
export const PEER_PACKET_THROTTLE_COUNTER = 7;
/**
 * `ENET_PEER_PACKET_THROTTLE_ACCELERATION`: the default throttle step up (of 32) after a round trip faster
 * than the mean.
 */
export const PEER_PACKET_THROTTLE_ACCELERATION = 2;
/**
 * `ENET_PEER_PACKET_THROTTLE_DECELERATION`: the default throttle step down (of 32) after a round trip slower
 * than the mean.
 */
export const PEER_PACKET_THROTTLE_DECELERATION = 2;
/**
 * `ENET_PEER_PACKET_THROTTLE_INTERVAL`: the default interval (ms) over which the throttle measures the lowest
 * round trip.
 */
export const PEER_PACKET_THROTTLE_INTERVAL = 5000;
/** `ENET_PEER_PACKET_LOSS_SCALE`: the fixed-point scale of `packetLoss`; 65536 is 100 % loss. */
export const PEER_PACKET_LOSS_SCALE = 1 << 16;
/**
 * `ENET_PEER_PACKET_LOSS_INTERVAL`: the interval (ms) over which packet loss is measured before it is folded
 * into the mean.
 */
export const PEER_PACKET_LOSS_INTERVAL = 10000;
/**
 * `ENET_PEER_WINDOW_SIZE_SCALE`: bytes per second of bandwidth per minimum window: a bandwidth limit sets the
 * window to `bandwidth / 65536 × 4096` bytes.
 */
export const PEER_WINDOW_SIZE_SCALE = 64 * 1024;
/**
 * `ENET_PEER_TIMEOUT_LIMIT`: the default retransmission back-off factor (retries double the timeout) past
 * which a peer may time out once `timeoutMinimum` has elapsed.
 */
export const PEER_TIMEOUT_LIMIT = 32;
/**
 * `ENET_PEER_TIMEOUT_MINIMUM`: the default time (ms) an unacknowledged reliable command must wait before the
 * back-off limit can disconnect the peer.
 */
export const PEER_TIMEOUT_MINIMUM = 5000;
/**
 * `ENET_PEER_TIMEOUT_MAXIMUM`: the default time (ms) after which an unacknowledged reliable command
 * disconnects the peer, whatever the back-off.
 */
export const PEER_TIMEOUT_MAXIMUM = 30000;
/**
 * `ENET_PEER_PING_INTERVAL`: the default interval (ms) after which a connected peer with nothing reliable in
 * flight is sent a PING.
 */
export const PEER_PING_INTERVAL = 500;
/** `ENET_PEER_UNSEQUENCED_WINDOWS`: the number of unsequenced-group windows; groups wrap after 64 × 1024. */
export const PEER_UNSEQUENCED_WINDOWS = 64;
/**
 * `ENET_PEER_UNSEQUENCED_WINDOW_SIZE`: unsequenced groups per window; the receiver keeps one bit per group of
 * the current window to drop duplicates.
 */
export const PEER_UNSEQUENCED_WINDOW_SIZE = 1024;
/**
 * `ENET_PEER_FREE_UNSEQUENCED_WINDOWS`: how many windows ahead an unsequenced group may be; farther groups
 * are dropped.
 */
export const PEER_FREE_UNSEQUENCED_WINDOWS = 32;
/** `ENET_PEER_RELIABLE_WINDOWS`: the number of windows the 16-bit reliable sequence space is split into. */
export const PEER_RELIABLE_WINDOWS = 16;
/** `ENET_PEER_RELIABLE_WINDOW_SIZE`: reliable sequence numbers per window (4096). */
export const PEER_RELIABLE_WINDOW_SIZE = 0x1000;
/**
 * `ENET_PEER_FREE_RELIABLE_WINDOWS`: windows kept free ahead of the current one: a sender waits before
 * entering a window still in use, a receiver drops commands that far ahead.
 */
export const PEER_FREE_RELIABLE_WINDOWS = 8;

/** Packet flags of the API (`ENetPacketFlag`). */
export const PacketFlag = {
  /**
   * `ENET_PACKET_FLAG_RELIABLE`: delivered reliably and in order on its channel (SEND_RELIABLE /
   * SEND_FRAGMENT).
   */
  RELIABLE: 1 << 0,
  /**
   * `ENET_PACKET_FLAG_UNSEQUENCED`: unreliable and unordered (SEND_UNSEQUENCED); ignored together with
   * RELIABLE.
   */
  UNSEQUENCED: 1 << 1,
  /**
   * `ENET_PACKET_FLAG_NO_ALLOCATE`: in C, the packet uses the caller's buffer without copying; kept for the
   * numbering, no effect here.
   */
  NO_ALLOCATE: 1 << 2,
  /**
   * `ENET_PACKET_FLAG_UNRELIABLE_FRAGMENT`: an unreliable packet larger than the MTU is fragmented unreliably
   * (SEND_UNRELIABLE_FRAGMENT) instead of being sent reliably.
   */
  UNRELIABLE_FRAGMENT: 1 << 3,
  /** `ENET_PACKET_FLAG_SENT`: set by the host once the packet has left every queue it was put in. */
  SENT: 1 << 8,
} as const;

/** Peer states (`ENetPeerState`), the numbers Godot's `ENetPacketPeer.PeerState` exposes. */
export const PeerState = {
  /** `ENET_PEER_STATE_DISCONNECTED`: no connection; the slot is free. */
  DISCONNECTED: 0,
  /** `ENET_PEER_STATE_CONNECTING`: a client sent CONNECT and waits for VERIFY_CONNECT. */
  CONNECTING: 1,
  /** `ENET_PEER_STATE_ACKNOWLEDGING_CONNECT`: a client received VERIFY_CONNECT and is acknowledging it. */
  ACKNOWLEDGING_CONNECT: 2,
  /**
   * `ENET_PEER_STATE_CONNECTION_PENDING`: a server received CONNECT, answered VERIFY_CONNECT and waits for
   * its acknowledgement.
   */
  CONNECTION_PENDING: 3,
  /**
   * `ENET_PEER_STATE_CONNECTION_SUCCEEDED`: the handshake is done; the CONNECT event is about to be
   * dispatched.
   */
  CONNECTION_SUCCEEDED: 4,
  /** `ENET_PEER_STATE_CONNECTED`: connected; packets flow both ways. */
  CONNECTED: 5,
  /**
   * `ENET_PEER_STATE_DISCONNECT_LATER`: `enet_peer_disconnect_later` was called; DISCONNECT goes out once the
   * queued outgoing packets are sent.
   */
  DISCONNECT_LATER: 6,
  /** `ENET_PEER_STATE_DISCONNECTING`: DISCONNECT was sent; waiting for its acknowledgement. */
  DISCONNECTING: 7,
  /**
   * `ENET_PEER_STATE_ACKNOWLEDGING_DISCONNECT`: the remote end sent DISCONNECT; its acknowledgement is being
   * sent.
   */
  ACKNOWLEDGING_DISCONNECT: 8,
  /**
   * `ENET_PEER_STATE_ZOMBIE`: the connection ended; the DISCONNECT event is about to be dispatched, then the
   * peer is reset.
   */
  ZOMBIE: 9,
} as const;
export type PeerState = (typeof PeerState)[keyof typeof PeerState];

/** Host event types (`ENetEventType`). */
export const EventType = {
  /** `ENET_EVENT_TYPE_NONE`: nothing happened within the service timeout. */
  NONE: 0,
  /**
   * `ENET_EVENT_TYPE_CONNECT`: a peer connected (either end of the handshake); carries the CONNECT `data` on the accepting side (0 on the connecting side).
   */
  CONNECT: 1,
  /**
   * `ENET_EVENT_TYPE_DISCONNECT`: a peer disconnected or timed out; carries the DISCONNECT `data` (0 on a
   * timeout).
   */
  DISCONNECT: 2,
  /** `ENET_EVENT_TYPE_RECEIVE`: a packet arrived from a peer on a channel. */
  RECEIVE: 3,
} as const;
export type EventType = (typeof EventType)[keyof typeof EventType];
