export * from './exports.js';
export { WebRTCPeerConnection } from './node/webrtc-peer-connection.js';
export { preload } from './node/datachannel.js';
