/**
 * Godot's WebRTC enums and defaults (`modules/webrtc/webrtc_peer_connection.h`,
 * `webrtc_data_channel.h`, `webrtc_multiplayer_peer.h`), with the numbers a Godot peer uses.
 */

/** `WebRTCPeerConnection.ConnectionState`. */
export const ConnectionState = {
  /** The connection is new: no negotiation has started (W3C `new`). */
  NEW: 0,
  /** ICE and DTLS are negotiating (W3C `connecting`). */
  CONNECTING: 1,
  /** ICE and DTLS are up; data channels can open (W3C `connected`). */
  CONNECTED: 2,
  /** The connection was lost and may come back, e.g. after a network change (W3C `disconnected`). */
  DISCONNECTED: 3,
  /** ICE or DTLS failed for good; close the connection and make a new one (W3C `failed`). */
  FAILED: 4,
  /** The connection is closed, here or by the other side; it cannot be reused (W3C `closed`). */
  CLOSED: 5,
} as const;
export type ConnectionState = (typeof ConnectionState)[keyof typeof ConnectionState];

/** `WebRTCPeerConnection.GatheringState`. */
export const GatheringState = {
  /** No ICE candidate gathering has started yet (`iceGatheringState` `new`). */
  NEW: 0,
  /** ICE candidates are being gathered; `iceCandidateCreated` fires for each. */
  GATHERING: 1,
  /** Gathering is done: every local candidate was emitted. */
  COMPLETE: 2,
} as const;
export type GatheringState = (typeof GatheringState)[keyof typeof GatheringState];

/** `WebRTCPeerConnection.SignalingState`. */
export const SignalingState = {
  /** No offer/answer exchange is in progress (or none started). */
  STABLE: 0,
  /** A local offer was set with `setLocalDescription`; waiting for the remote answer. */
  HAVE_LOCAL_OFFER: 1,
  /** A remote offer was set with `setRemoteDescription`; an answer is due. */
  HAVE_REMOTE_OFFER: 2,
  /** A remote offer and a local provisional answer were set. */
  HAVE_LOCAL_PRANSWER: 3,
  /** A local offer and a remote provisional answer were set. */
  HAVE_REMOTE_PRANSWER: 4,
  /** The connection is closed. */
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
  /** The channel is being opened; messages cannot be sent yet. */
  CONNECTING: 0,
  /** The channel is open: messages flow both ways. */
  OPEN: 1,
  /** The channel is being closed (by `close()` here, not yet confirmed). */
  CLOSING: 2,
  /** The channel is closed, or could not be opened. */
  CLOSED: 3,
} as const;
export type ChannelState = (typeof ChannelState)[keyof typeof ChannelState];

/** `WebRTCDataChannel.WriteMode`: text messages (SCTP PPID 51) or binary ones (PPID 53). */
export const WriteMode = {
  /** Send packets as text messages (SCTP PPID 51): the bytes must be UTF-8. */
  TEXT: 0,
  /** Send packets as binary messages (SCTP PPID 53); Godot's default. */
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
