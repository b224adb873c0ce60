/**
 * The reliable window size ENet derives from bandwidths (`host.c`, `protocol.c`): the bytes a
 * peer may have in flight, 64 KiB when nothing is limited, else 4 KiB per 64 KiB/s of the
 * tighter limit, clamped to [4096, 65536].
 */
import { PEER_WINDOW_SIZE_SCALE, PROTOCOL_MAXIMUM_WINDOW_SIZE, PROTOCOL_MINIMUM_WINDOW_SIZE } from './constants.js';

export function clampWindowSize(size: number): number {
  return Math.min(Math.max(size, PROTOCOL_MINIMUM_WINDOW_SIZE), PROTOCOL_MAXIMUM_WINDOW_SIZE);
}

/** 4 KiB per 64 KiB/s of `bandwidth`, unclamped. */
export function windowForBandwidth(bandwidth: number): number {
  return Math.floor(bandwidth / PEER_WINDOW_SIZE_SCALE) * PROTOCOL_MINIMUM_WINDOW_SIZE;
}

/** The window toward a peer from our outgoing limit and its incoming limit (0 = unlimited). */
export function peerWindowSize(hostOutgoing: number, peerIncoming: number): number {
  if (hostOutgoing === 0 && peerIncoming === 0) return PROTOCOL_MAXIMUM_WINDOW_SIZE;
  if (hostOutgoing === 0 || peerIncoming === 0) return clampWindowSize(windowForBandwidth(Math.max(hostOutgoing, peerIncoming)));
  return clampWindowSize(windowForBandwidth(Math.min(hostOutgoing, peerIncoming)));
}
