export { StreamPeer, type StreamPeerEvents, type StreamPeerOptions } from './stream-peer.js';
export {
  StreamPeerTCP, TCPStatus, type StreamPeerTCPEvents, type StreamPeerTCPOptions,
} from './stream-peer-tcp.js';
export { TCPServer, type TCPServerEvents, type TCPServerOptions } from './tcp-server.js';
export { PacketPeerStream, type PacketPeerStreamEvents, type PacketPeerStreamOptions } from './packet-peer-stream.js';
export { StreamProtocolError } from './stream-error.js';
export {
  DEFAULT_BUFFER_MAX_SIZE, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_FRAME_TIMEOUT_MS, DEFAULT_MAX_PENDING_CONNECTIONS,
  DEFAULT_MAX_READ_SIZE, DEFAULT_READ_BUFFER_SIZE, DEFAULT_WRITE_BUFFER_MAX_SIZE,
} from './limits.js';
export { StreamPeerTLS, type StreamPeerTLSEvents, type StreamPeerTLSOptions } from './stream-peer-tls.js';
/** Godot's `StreamPeerTLS.Status` (core's `TLSStatus`). */
export { TLSStatus } from '@pp/core';
export {
  StreamPeerBuffer, type StreamPeerBufferEvents, type StreamPeerBufferOptions,
} from './stream-peer-buffer.js';
export { halfBits, halfValue } from './half.js';
