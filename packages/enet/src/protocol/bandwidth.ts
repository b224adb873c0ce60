/**
 * The host's bandwidth throttle (`enet_host_bandwidth_throttle`), run once per second: shares
 * the host's outgoing bandwidth among connected peers through their `packetThrottleLimit`,
 * limits each peer to the incoming bandwidth it advertised, and, when limits changed, tells
 * every peer its share of our incoming bandwidth with BANDWIDTH_LIMIT.
 */
import { COMMAND_FLAG_ACKNOWLEDGE, Command, encodeU32Body } from './commands.js';
import { HOST_BANDWIDTH_THROTTLE_INTERVAL, PEER_PACKET_THROTTLE_SCALE, PeerState } from './constants.js';
import type { Host } from './host.js';
import type { Peer } from './peer.js';
import { div32, mul32 } from './u32.js';

function isConnected(peer: Peer): boolean {
  return peer.state === PeerState.CONNECTED || peer.state === PeerState.DISCONNECT_LATER;
}

export function bandwidthThrottle(host: Host): void {
  const timeCurrent = host.serviceTime;
  const elapsedTime = (timeCurrent - host.bandwidthThrottleEpoch) >>> 0;
  let peersRemaining = host.connectedPeers >>> 0;
  let dataTotal = 0xffffffff;
  let bandwidth = 0xffffffff;
  let throttle = 0;
  let bandwidthLimit = 0;
  let needsAdjustment = host.bandwidthLimitedPeers > 0;

  if (elapsedTime < HOST_BANDWIDTH_THROTTLE_INTERVAL) return;
  host.bandwidthThrottleEpoch = timeCurrent;
  if (peersRemaining === 0) return;

  if (host.outgoingBandwidth !== 0) {
    dataTotal = 0;
    bandwidth = div32(mul32(host.outgoingBandwidth, elapsedTime), 1000);
    for (const peer of host.peers) {
      if (!isConnected(peer)) continue;
      dataTotal = (dataTotal + peer.outgoingDataTotal) >>> 0;
    }
  }

  while (peersRemaining > 0 && needsAdjustment) {
    needsAdjustment = false;
    throttle = dataTotal <= bandwidth ? PEER_PACKET_THROTTLE_SCALE : div32(mul32(bandwidth, PEER_PACKET_THROTTLE_SCALE), dataTotal);
    for (const peer of host.peers) {
      if (!isConnected(peer) || peer.incomingBandwidth === 0 || peer.outgoingBandwidthThrottleEpoch === timeCurrent) continue;
      const peerBandwidth = div32(mul32(peer.incomingBandwidth, elapsedTime), 1000);
      if (div32(mul32(throttle, peer.outgoingDataTotal), PEER_PACKET_THROTTLE_SCALE) <= peerBandwidth) continue;
      peer.packetThrottleLimit = peer.outgoingDataTotal === 0 ? 0 : div32(mul32(peerBandwidth, PEER_PACKET_THROTTLE_SCALE), peer.outgoingDataTotal);
      if (peer.packetThrottleLimit === 0) peer.packetThrottleLimit = 1;
      if (peer.packetThrottle > peer.packetThrottleLimit) peer.packetThrottle = peer.packetThrottleLimit;
      peer.outgoingBandwidthThrottleEpoch = timeCurrent;
      peer.incomingDataTotal = 0;
      peer.outgoingDataTotal = 0;
      needsAdjustment = true;
      peersRemaining--;
      bandwidth = (bandwidth - peerBandwidth) >>> 0;
      dataTotal = (dataTotal - peerBandwidth) >>> 0;
    }
  }

  if (peersRemaining > 0) {
    throttle = dataTotal <= bandwidth ? PEER_PACKET_THROTTLE_SCALE : div32(mul32(bandwidth, PEER_PACKET_THROTTLE_SCALE), dataTotal);
    for (const peer of host.peers) {
      if (!isConnected(peer) || peer.outgoingBandwidthThrottleEpoch === timeCurrent) continue;
      peer.packetThrottleLimit = throttle;
      if (peer.packetThrottle > peer.packetThrottleLimit) peer.packetThrottle = peer.packetThrottleLimit;
      peer.incomingDataTotal = 0;
      peer.outgoingDataTotal = 0;
    }
  }

  if (host.recalculateBandwidthLimits) {
    host.recalculateBandwidthLimits = false;
    peersRemaining = host.connectedPeers >>> 0;
    bandwidth = host.incomingBandwidth;
    needsAdjustment = true;
    if (bandwidth === 0) {
      bandwidthLimit = 0;
    } else {
      while (peersRemaining > 0 && needsAdjustment) {
        needsAdjustment = false;
        bandwidthLimit = div32(bandwidth, peersRemaining);
        for (const peer of host.peers) {
          if (!isConnected(peer) || peer.incomingBandwidthThrottleEpoch === timeCurrent) continue;
          if (peer.outgoingBandwidth > 0 && peer.outgoingBandwidth >= bandwidthLimit) continue;
          peer.incomingBandwidthThrottleEpoch = timeCurrent;
          needsAdjustment = true;
          peersRemaining--;
          bandwidth = (bandwidth - peer.outgoingBandwidth) >>> 0;
        }
      }
    }
    for (const peer of host.peers) {
      if (!isConnected(peer)) continue;
      const incoming = peer.incomingBandwidthThrottleEpoch === timeCurrent ? peer.outgoingBandwidth : bandwidthLimit;
      peer.queueOutgoingCommand(
        Command.BANDWIDTH_LIMIT | COMMAND_FLAG_ACKNOWLEDGE, 0xff, null, encodeU32Body(incoming, host.outgoingBandwidth), 0, 0,
      );
    }
  }
}
