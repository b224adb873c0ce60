/**
 * Godot's WebRTC enums and defaults (`modules/webrtc/webrtc_peer_connection.h`,
 * `webrtc_data_channel.h`, `webrtc_multiplayer_peer.h`), with the numbers a Godot peer uses.
 */

/** `WebRTCPeerConnection.ConnectionState`. */
export const ConnectionState = {
  NEW: 0,
  CONNECTING: 1,
  CONNECTED: 2,
  DISCONNECTED: 3,
  FAILED: 4,
  CLOSED: 5,
} as const;
export type ConnectionState = (typeof ConnectionState)[keyof typeof ConnectionState];

/** `WebRTCPeerConnection.GatheringState`. */
export const GatheringState = {
  NEW: 0,
  GATHERING: 1,
  COMPLETE: 2,
} as const;
export type GatheringState = (typeof GatheringState)[keyof typeof GatheringState];

/** `WebRTCPeerConnection.SignalingState`. */
export const SignalingState = {
  STABLE: 0,
  HAVE_LOCAL_OFFER: 1,
  HAVE_REMOTE_OFFER: 2,
  HAVE_LOCAL_PRANSWER: 3,
  HAVE_REMOTE_PRANSWER: 4,
  CLOSED: 5,
} as const;
export type SignalingState = (typeof SignalingState)[keyof typeof SignalingState];

/** The W3C (and libdatachannel) names of the signalling states, to Godot's numbers. */
export const SIGNALING_STATE_BY_NAME: Readonly<Record<string, SignalingState>> = Object.freeze({
  stable: SignalingState.STABLE,
  'have-local-offer': SignalingState.HAVE_LOCAL_OFFER,
  'have-remote-offer': SignalingState.HAVE_REMOTE_OFFER,
  'have-local-pranswer': SignalingState.HAVE_LOCAL_PRANSWER,
  'have-remote-pranswer': SignalingState.HAVE_REMOTE_PRANSWER,
  closed: SignalingState.CLOSED,
});

/** `WebRTCDataChannel.ChannelState`. */
export const ChannelState = {
  CONNECTING: 0,
  OPEN: 1,
  CLOSING: 2,
  CLOSED: 3,
} as const;
export type ChannelState = (typeof ChannelState)[keyof typeof ChannelState];

/** `WebRTCDataChannel.WriteMode`: text messages (SCTP PPID 51) or binary ones (PPID 53). */
export const WriteMode = {
  TEXT: 0,
  BINARY: 1,
} as const;
export type WriteMode = (typeof WriteMode)[keyof typeof WriteMode];

/**
 * Godot's project setting `network/limits/webrtc/max_channel_in_buffer_kb`: each channel holds
 * this many KiB of unread messages (rounded up to a power of two), 5 bytes of them per message.
 */
export const DEFAULT_MAX_CHANNEL_IN_BUFFER_KB = 64;

/** Bytes each unread message costs in a channel's buffer on top of its length (Godot's ring). */
export const CHANNEL_BUFFER_OVERHEAD = 5;

/**
 * The `a=max-message-size` this side advertises in its SDP by default (libdatachannel's, and
 * Chromium's): the largest message it accepts.
 */
export const DEFAULT_LOCAL_MAX_MESSAGE_SIZE = 262144;

/**
 * The largest message a peer may be sent when its SDP has no `a=max-message-size`
 * (RFC 8841 §6.1): old peers and some gateways.
 */
export const DEFAULT_REMOTE_MAX_MESSAGE_SIZE = 65536;

/**
 * Bytes that may wait to be sent on a channel before `putPacket` returns `ERR_OUT_OF_MEMORY`
 * (Chromium's limit, past which its `send()` throws).
 */
export const DEFAULT_MAX_BUFFERED_AMOUNT = 16 * 1024 * 1024;

/** What Godot's native WebRTC extension returns from `WebRTCDataChannel.get_max_packet_size()`. */
export const CHANNEL_MAX_PACKET_SIZE = 16384;

/** `WebRTCMultiplayerPeer.get_max_packet_size()`: a nominal value, not enforced. */
export const MULTIPLAYER_MAX_PACKET_SIZE = 1200;
