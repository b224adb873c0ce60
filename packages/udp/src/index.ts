export { PacketPeerUDP, type PacketPeerUDPEvents, type PacketPeerUDPOptions, type ResolveOptions, type UDPPacketInfo } from './packet-peer-udp.js';
export { UDPServer, type UDPServerEvents, type UDPServerOptions } from './udp-server.js';
export {
  DEFAULT_MAX_PENDING_CONNECTIONS, DEFAULT_RECV_BUF_SIZE, DEFAULT_RING_SIZE, MAX_DATAGRAM_IPV4, MAX_DATAGRAM_IPV6,
  PACKET_OVERHEAD, nearestShift, ringSize,
} from './limits.js';
export { bindUdpEndpoint, type UdpEndpointOptions } from './udp-endpoint.js';
export { resolveHost } from './dgram-socket.js';
