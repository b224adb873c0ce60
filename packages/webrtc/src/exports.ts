// What both entry points export; `index.ts` and `browser.ts` add their platform's classes.
export {
  CHANNEL_MAX_PACKET_SIZE, ChannelState, ConnectionState, DEFAULT_LOCAL_MAX_MESSAGE_SIZE, DEFAULT_MAX_BUFFERED_AMOUNT,
  DEFAULT_MAX_CHANNEL_IN_BUFFER_KB, DEFAULT_REMOTE_MAX_MESSAGE_SIZE, GatheringState, MULTIPLAYER_MAX_PACKET_SIZE,
  SignalingState, WriteMode,
} from './constants.js';
export type { DataChannelOptions } from './channel-options.js';
export type { IceServer, LibDataChannelSettings, WebRTCConfiguration } from './configuration.js';
export {
  WebRTCDataChannel, type DataChannelPacketInfo, type WebRTCDataChannelEvents, type WebRTCDataChannelOptions,
} from './webrtc-data-channel.js';
export {
  WebRTCPeerConnectionBase, type SessionDescription, type WebRTCPeerConnectionEvents, type WebRTCPeerConnectionOptions,
} from './webrtc-peer-connection-base.js';
export { candidateAddress, filterSdpCandidates, isLoopbackCandidate, loopbackOnlySdp, remoteMaxMessageSize } from './sdp.js';
export {
  WebRTCMultiplayerPeer, type WebRTCMultiplayerPeerOptions, type WebRTCPeerInfo,
} from './webrtc-multiplayer-peer.js';
export {
  Message, decodeCandidate, decodeMessage, encodeCandidate, encodeMessage, type SignalingMessage,
} from './signaling/protocol.js';
export { SignalingClient, type SignalingClientEvents, type SignalingClientOptions } from './signaling/client.js';
export {
  LobbyMultiplayerBase, type LobbyMultiplayerEvents, type LobbyMultiplayerOptions,
} from './signaling/lobby-multiplayer-base.js';
export { loopbackOnlyRelay, toLoopbackCandidate, type LoopbackRelayOptions } from './signaling/loopback.js';
