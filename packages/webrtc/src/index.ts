export * from './exports.js';
export { WebRTCPeerConnection } from './node/webrtc-peer-connection.js';
export { LobbyMultiplayer } from './node/lobby-multiplayer.js';
export { preload } from './node/datachannel.js';
export {
  SignalingServer, type LobbyInfo, type SignalingServerEvents, type SignalingServerOptions,
} from './signaling/server.js';
