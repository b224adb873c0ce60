export * from './exports.js';
export { WebRTCPeerConnection } from './browser/webrtc-peer-connection.js';
export { LobbyMultiplayer } from './browser/lobby-multiplayer.js';
