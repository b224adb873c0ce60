export {
  packetPeerSuite, type AnyPacketPeer, type ConnectedPair, type PacketPeerCapabilities, type PacketPeerHarness,
} from './packet-peer-suite.js';
export {
  multiplayerPeerSuite, type AnyMultiplayerPeer, type MultiplayerPeerCapabilities, type MultiplayerPeerHarness,
} from './multiplayer-peer-suite.js';
