/** Godot's UDP limits (`core/io/packet_peer_udp.cpp`, `core/io/udp_server.cpp`). */
import { ringCapacity, type ReceiveLimits } from '@pp/core';

/** Godot's `nearest_shift` and ring size, from core (the receive ring is `ringSize(recvBufSize)` bytes). */
export { nearestShift, ringSize } from '@pp/core';

/** `PacketPeerUDP.bind`'s default `recv_buf_size`. */
export const DEFAULT_RECV_BUF_SIZE = 65536;

/**
 * Size of the receive ring before `bind`, after `close`, after `connectToHost` without `bind`,
 * and for the peers `UDPServer` hands out: 2^16 bytes.
 */
export const DEFAULT_RING_SIZE = 65536;

/** Bytes each queued packet costs on top of its payload: 16 (address) + 4 (port) + 4 (size). */
export const PACKET_OVERHEAD = 24;

/** `UDPServer.max_pending_connections` default. */
export const DEFAULT_MAX_PENDING_CONNECTIONS = 16;

/** Largest UDP payload over IPv4: 65535 − 20 (IP header) − 8 (UDP header). */
export const MAX_DATAGRAM_IPV4 = 65507;

/** Largest UDP payload over IPv6 without jumbograms: 65535 − 8 (UDP header). */
export const MAX_DATAGRAM_IPV6 = 65527;

/**
 * Queue limits equivalent to Godot's ring of `size` bytes (`ringSize(recvBufSize)`): a ring
 * buffer holds `size − 1` bytes, and each packet costs its payload plus {@link PACKET_OVERHEAD}.
 * Godot counts no packets, only bytes. Every datagram Node hands over has its own buffer, which
 * the queue's memory accounting charges.
 */
export function ringLimits(size: number): Required<Omit<ReceiveLimits, 'maxMemory'>> {
  return { maxPackets: Number.POSITIVE_INFINITY, maxBytes: ringCapacity(size), overheadPerPacket: PACKET_OVERHEAD, ownBuffers: true };
}
