export { ENetConnection, type ENetConnectionEvent, type ENetConnectionEvents, type ENetConnectionOptions, type ENetServiceResult } from './enet-connection.js';
export { ENET_DTLS_TIMEOUT_MS, type DtlsSessionListener, type ENetDtlsOptions } from './dtls-setup.js';
export { ENetPacketPeer, type ENetPacketInfo, type ENetPacketPeerEvents } from './enet-packet-peer.js';
export {
  CompressionMode, ENET_MAX_PACKET_SIZE, EventType, FLAG_ALLOWED, FLAG_RELIABLE, FLAG_UNRELIABLE_FRAGMENT, FLAG_UNSEQUENCED,
  HostStatistic, PACKET_LOSS_SCALE, PACKET_THROTTLE_SCALE, PeerState, PeerStatistic,
} from './godot-constants.js';
export { FastLZCompressor, ZlibCompressor, ZstdCompressor, createCompressor, ZLIB_LEVEL, ZSTD_LEVEL } from './compression/compression-mode.js';
export { fastlzCompress, fastlzDecompress } from './compression/fastlz.js';
export { loadZstd, zstdBackend, type ZstdBackend } from './compression/zstd.js';
export { RangeCoder } from './protocol/range-coder.js';
export { crc32 } from './protocol/crc32.js';
export type { ChecksumFunction, Compressor } from './protocol/compressor.js';
/** The sans-IO engine (ENet's own names: `Host`, `Peer`, `Packet`, `PacketFlag`, `PeerState`…). */
export * as protocol from './protocol/index.js';
export { ENetMultiplayerPeer, type ENetMultiplayerPeerOptions } from './multiplayer/enet-multiplayer-peer.js';
export { SYSCH_MAX, SYSCH_RELIABLE, SYSCH_UNRELIABLE, clientChannels, receivedChannel, receivedMode, sendMapping } from './multiplayer/channels.js';
