export {
  packetPeerSuite, type AnyPacketPeer, type ConnectedPair, type PacketPeerCapabilities, type PacketPeerHarness,
} from './packet-peer-suite.js';
export {
  multiplayerPeerSuite, type AnyMultiplayerPeer, type ModeGuarantees, type MultiplayerPeerCapabilities,
  type MultiplayerPeerHarness,
} from './multiplayer-peer-suite.js';
export {
  streamPeerSuite, type ConnectedStreams, type StreamPeerCapabilities, type StreamPeerHarness, type StreamPeerLike,
} from './stream-peer-suite.js';
export { itWhen } from './capable.js';
