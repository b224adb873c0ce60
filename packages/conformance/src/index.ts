export {
  packetPeerSuite, type AnyPacketPeer, type ConnectedPair, type PacketPeerCapabilities, type PacketPeerHarness,
} from './packet-peer-suite.js';
