export {
  CloseCode, DEFAULT_BUFFER_SIZE, DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_MAX_QUEUED_PACKETS, State, WriteMode,
} from './constants.js';
export type { WebSocketPeerOptions } from './options.js';
export { TLSOptions } from './tls-options.js';
export {
  WebSocketPeerBase, type ConnectOptions, type WebSocketPacketInfo, type WebSocketPeerEvents,
} from './websocket-peer-base.js';
export { WebSocketPeer } from './browser/websocket-peer.js';
export {
  WebSocketMultiplayerPeerBase, type WebSocketMultiplayerPeerEvents, type WebSocketMultiplayerPeerOptions,
} from './websocket-multiplayer-peer-base.js';
export { WebSocketMultiplayerPeer } from './browser/websocket-multiplayer-peer.js';
