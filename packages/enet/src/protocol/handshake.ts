/**
 * The connection handshake (`enet_host_connect`, `enet_protocol_handle_connect`,
 * `…_handle_verify_connect`): CONNECT from the client, VERIFY_CONNECT from the server, and the
 * client's acknowledgement of it, which completes the connection on the server.
 */
import {
  COMMAND_FLAG_ACKNOWLEDGE, Command, HEADER_SESSION_MASK, HEADER_SESSION_SHIFT, decodeConnectBody, encodeConnectBody,
} from './commands.js';
import {
  PROTOCOL_MAXIMUM_CHANNEL_COUNT, PROTOCOL_MAXIMUM_MTU, PROTOCOL_MAXIMUM_WINDOW_SIZE, PROTOCOL_MINIMUM_CHANNEL_COUNT,
  PROTOCOL_MINIMUM_MTU, PeerState,
} from './constants.js';
import type { Host } from './host.js';
import type { Peer, PeerAddress } from './peer.js';
import { removeSentReliableCommand } from './acknowledge.js';
import { dispatchState, notifyConnect } from './state.js';
import { clampWindowSize, peerWindowSize, windowForBandwidth } from './window-size.js';

const SESSION_MASK = HEADER_SESSION_MASK >> HEADER_SESSION_SHIFT;

function clampMtu(mtu: number): number {
  return Math.min(Math.max(mtu, PROTOCOL_MINIMUM_MTU), PROTOCOL_MAXIMUM_MTU);
}

/** Client side: takes a free slot and queues CONNECT (`enet_host_connect`); null when full. */
export function connectPeer(host: Host, address: PeerAddress, channelCount: number, data: number): Peer | null {
  const count = Math.min(Math.max(channelCount, PROTOCOL_MINIMUM_CHANNEL_COUNT), PROTOCOL_MAXIMUM_CHANNEL_COUNT);
  const peer = host.peers.find((candidate) => candidate.state === PeerState.DISCONNECTED);
  if (peer === undefined) return null;

  peer.setupChannels(count);
  peer.state = PeerState.CONNECTING;
  peer.address = address;
  peer.connectID = host.random();
  peer.mtu = host.mtu;
  peer.connectionSerial++;
  peer.windowSize = host.outgoingBandwidth === 0
    ? PROTOCOL_MAXIMUM_WINDOW_SIZE
    : clampWindowSize(windowForBandwidth(host.outgoingBandwidth));

  const body = encodeConnectBody({
    outgoingPeerID: peer.incomingPeerID,
    incomingSessionID: peer.incomingSessionID,
    outgoingSessionID: peer.outgoingSessionID,
    mtu: peer.mtu,
    windowSize: peer.windowSize,
    channelCount: count,
    incomingBandwidth: host.incomingBandwidth,
    outgoingBandwidth: host.outgoingBandwidth,
    packetThrottleInterval: peer.packetThrottleInterval,
    packetThrottleAcceleration: peer.packetThrottleAcceleration,
    packetThrottleDeceleration: peer.packetThrottleDeceleration,
    connectID: peer.connectID,
    data: data >>> 0,
  }, true);
  peer.queueOutgoingCommand(Command.CONNECT | COMMAND_FLAG_ACKNOWLEDGE, 0xff, null, body, 0, 0);
  return peer;
}

/**
 * Server side: a CONNECT from `host.receivedAddress`. Returns the slot now acknowledging the
 * connection, or null to drop the datagram (bad channel count, no free slot, too many peers
 * from that address, or a repeat of a CONNECT already being handled).
 */
export function handleConnect(host: Host, view: DataView, offset: number): Peer | null {
  const connect = decodeConnectBody(view, offset + 4, true);
  let channelCount = connect.channelCount;
  if (channelCount < PROTOCOL_MINIMUM_CHANNEL_COUNT || channelCount > PROTOCOL_MAXIMUM_CHANNEL_COUNT) return null;

  const from = host.receivedAddress;
  let peer: Peer | null = null;
  let duplicatePeers = 0;
  for (const candidate of host.peers) {
    if (candidate.state === PeerState.DISCONNECTED) {
      peer ??= candidate;
    } else if (candidate.state !== PeerState.CONNECTING && candidate.address.ip === from.ip) {
      if (candidate.address.port === from.port && candidate.connectID === connect.connectID) return null;
      duplicatePeers++;
    }
  }
  if (peer === null || duplicatePeers >= host.duplicatePeers) return null;

  channelCount = Math.min(channelCount, host.channelLimit);
  peer.setupChannels(channelCount);
  peer.state = PeerState.ACKNOWLEDGING_CONNECT;
  peer.connectID = connect.connectID;
  peer.address = from;
  peer.mtu = host.mtu;
  peer.connectionSerial++;
  peer.outgoingPeerID = connect.outgoingPeerID;
  peer.incomingBandwidth = connect.incomingBandwidth;
  peer.outgoingBandwidth = connect.outgoingBandwidth;
  peer.packetThrottleInterval = connect.packetThrottleInterval;
  peer.packetThrottleAcceleration = connect.packetThrottleAcceleration;
  peer.packetThrottleDeceleration = connect.packetThrottleDeceleration;
  peer.eventData = connect.data;

  let incomingSessionID = connect.incomingSessionID === 0xff ? peer.outgoingSessionID : connect.incomingSessionID;
  incomingSessionID = (incomingSessionID + 1) & SESSION_MASK;
  if (incomingSessionID === peer.outgoingSessionID) incomingSessionID = (incomingSessionID + 1) & SESSION_MASK;
  peer.outgoingSessionID = incomingSessionID;

  let outgoingSessionID = connect.outgoingSessionID === 0xff ? peer.incomingSessionID : connect.outgoingSessionID;
  outgoingSessionID = (outgoingSessionID + 1) & SESSION_MASK;
  if (outgoingSessionID === peer.incomingSessionID) outgoingSessionID = (outgoingSessionID + 1) & SESSION_MASK;
  peer.incomingSessionID = outgoingSessionID;

  const mtu = clampMtu(connect.mtu);
  if (mtu < peer.mtu) peer.mtu = mtu;

  peer.windowSize = peerWindowSize(host.outgoingBandwidth, peer.incomingBandwidth);

  let windowSize = host.incomingBandwidth === 0 ? PROTOCOL_MAXIMUM_WINDOW_SIZE : windowForBandwidth(host.incomingBandwidth);
  if (windowSize > connect.windowSize) windowSize = connect.windowSize;
  windowSize = clampWindowSize(windowSize);

  const body = encodeConnectBody({
    outgoingPeerID: peer.incomingPeerID,
    incomingSessionID,
    outgoingSessionID,
    mtu: peer.mtu,
    windowSize,
    channelCount,
    incomingBandwidth: host.incomingBandwidth,
    outgoingBandwidth: host.outgoingBandwidth,
    packetThrottleInterval: peer.packetThrottleInterval,
    packetThrottleAcceleration: peer.packetThrottleAcceleration,
    packetThrottleDeceleration: peer.packetThrottleDeceleration,
    connectID: peer.connectID,
    data: 0,
  }, false);
  peer.queueOutgoingCommand(Command.VERIFY_CONNECT | COMMAND_FLAG_ACKNOWLEDGE, 0xff, null, body, 0, 0);
  return peer;
}

/** Client side: the server's VERIFY_CONNECT; false aborts the datagram. */
export function handleVerifyConnect(peer: Peer, view: DataView, offset: number): boolean {
  if (peer.state !== PeerState.CONNECTING) return true;
  const verify = decodeConnectBody(view, offset + 4, false);
  const channelCount = verify.channelCount;
  if (channelCount < PROTOCOL_MINIMUM_CHANNEL_COUNT || channelCount > PROTOCOL_MAXIMUM_CHANNEL_COUNT ||
    verify.packetThrottleInterval !== peer.packetThrottleInterval ||
    verify.packetThrottleAcceleration !== peer.packetThrottleAcceleration ||
    verify.packetThrottleDeceleration !== peer.packetThrottleDeceleration ||
    verify.connectID !== peer.connectID) {
    peer.eventData = 0;
    dispatchState(peer, PeerState.ZOMBIE);
    return false;
  }

  removeSentReliableCommand(peer, 1, 0xff);
  if (channelCount < peer.channelCount) peer.channelCount = channelCount;
  peer.outgoingPeerID = verify.outgoingPeerID;
  peer.incomingSessionID = verify.incomingSessionID;
  peer.outgoingSessionID = verify.outgoingSessionID;

  const mtu = clampMtu(verify.mtu);
  if (mtu < peer.mtu) peer.mtu = mtu;
  const windowSize = clampWindowSize(verify.windowSize);
  if (windowSize < peer.windowSize) peer.windowSize = windowSize;

  peer.incomingBandwidth = verify.incomingBandwidth;
  peer.outgoingBandwidth = verify.outgoingBandwidth;
  notifyConnect(peer);
  return true;
}
