/**
 * Reading one datagram (`enet_protocol_handle_incoming_commands`): header, optional
 * decompression and checksum, then each command in turn. Anything malformed stops the parse
 * where it is; what came before stays handled, exactly as ENet does, and nothing is trusted
 * beyond the bytes that are there.
 */
import { handleAcknowledge } from './acknowledge.js';
import {
  CHECKSUM_SIZE, COMMAND_FLAG_ACKNOWLEDGE, COMMAND_HEADER_SIZE, COMMAND_MASK, COMMAND_SIZES, Command, Field,
  HEADER_FLAG_COMPRESSED, HEADER_FLAG_MASK, HEADER_FLAG_SENT_TIME, HEADER_SESSION_MASK, HEADER_SESSION_SHIFT, HEADER_SIZE,
  HEADER_SIZE_NO_TIME, DecodedCommand, readU16,
} from './commands.js';
import {
  PEER_FREE_UNSEQUENCED_WINDOWS, PEER_UNSEQUENCED_WINDOW_SIZE, PROTOCOL_MAXIMUM_MTU, PROTOCOL_MAXIMUM_PEER_ID, PacketFlag,
  PeerState,
} from './constants.js';
import { handleSendFragment, handleSendUnreliableFragment } from './fragments.js';
import { handleConnect, handleVerifyConnect } from './handshake.js';
import type { Host } from './host.js';
import { queueIncomingCommand, type IncomingHeader } from './incoming.js';
import type { Peer } from './peer.js';
import { changeState, dispatchState } from './state.js';
import { peerWindowSize } from './window-size.js';

const command = new DecodedCommand();
/** The ordering fields of the data command being handled (one object, refilled per command). */
const header: IncomingHeader = { command: 0, channelID: 0, reliableSequenceNumber: 0, unreliableSequenceNumber: 0 };

function fillHeader(unreliableSequenceNumber: number): void {
  header.command = command.command;
  header.channelID = command.channelID;
  header.reliableSequenceNumber = command.reliableSequenceNumber;
  header.unreliableSequenceNumber = unreliableSequenceNumber;
}

function connectedForData(peer: Peer, channelID: number): boolean {
  return channelID < peer.channelCount && (peer.state === PeerState.CONNECTED || peer.state === PeerState.DISCONNECT_LATER);
}

function dataView(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function connected(peer: Peer): boolean {
  return peer.state === PeerState.CONNECTED || peer.state === PeerState.DISCONNECT_LATER;
}

/** SEND_RELIABLE / SEND_UNRELIABLE / SEND_UNSEQUENCED: returns the offset after the payload, or -1. */
function handleSend(peer: Peer, bytes: Uint8Array, at: number, fixed: number, lengthField: number): number {
  if (!connectedForData(peer, command.channelID)) return -1;
  const dataLength = readU16(bytes, at + lengthField);
  const payloadAt = at + fixed;
  const end = payloadAt + dataLength;
  if (dataLength > peer.host.maximumPacketSize || end > bytes.length) return -1;
  const payload = bytes.subarray(payloadAt, end);
  const number = command.number;

  if (number === Command.SEND_UNSEQUENCED) {
    let group = readU16(bytes, at + Field.SEND_UNSEQUENCED_GROUP);
    const index = group % PEER_UNSEQUENCED_WINDOW_SIZE;
    if (group < peer.incomingUnsequencedGroup) group += 0x10000;
    if (group >= peer.incomingUnsequencedGroup + PEER_FREE_UNSEQUENCED_WINDOWS * PEER_UNSEQUENCED_WINDOW_SIZE) return end;
    group &= 0xffff;
    const bit = 1 << (index & 31);
    if (group - index !== peer.incomingUnsequencedGroup) {
      peer.incomingUnsequencedGroup = group - index;
      peer.unsequencedWindow.fill(0);
    } else if (((peer.unsequencedWindow[index >>> 5] as number) & bit) !== 0) {
      return end;
    }
    fillHeader(0);
    if (queueIncomingCommand(peer, header, payload, dataLength, PacketFlag.UNSEQUENCED, 0) === null) return -1;
    peer.markUnsequenced(index >>> 5, bit);
    return end;
  }

  const reliable = number === Command.SEND_RELIABLE;
  fillHeader(reliable ? 0 : readU16(bytes, at + Field.SEND_UNRELIABLE_SEQUENCE));
  if (queueIncomingCommand(peer, header, payload, dataLength, reliable ? PacketFlag.RELIABLE : 0, 0) === null) return -1;
  return end;
}

function handleDisconnect(peer: Peer, view: DataView, at: number): void {
  const state = peer.state;
  if (state === PeerState.DISCONNECTED || state === PeerState.ZOMBIE || state === PeerState.ACKNOWLEDGING_DISCONNECT) return;
  peer.resetQueues();
  if (state === PeerState.CONNECTION_SUCCEEDED || state === PeerState.DISCONNECTING || state === PeerState.CONNECTING) {
    dispatchState(peer, PeerState.ZOMBIE);
  } else if (state !== PeerState.CONNECTED && state !== PeerState.DISCONNECT_LATER) {
    if (state === PeerState.CONNECTION_PENDING) peer.host.recalculateBandwidthLimits = true;
    peer.reset();
  } else if ((command.command & COMMAND_FLAG_ACKNOWLEDGE) !== 0) {
    changeState(peer, PeerState.ACKNOWLEDGING_DISCONNECT);
  } else {
    dispatchState(peer, PeerState.ZOMBIE);
  }
  if (peer.state !== PeerState.DISCONNECTED) peer.eventData = view.getUint32(at + Field.DISCONNECT_DATA);
}

function handleBandwidthLimit(peer: Peer, view: DataView, at: number): boolean {
  if (!connected(peer)) return false;
  const host = peer.host;
  if (peer.incomingBandwidth !== 0) host.bandwidthLimitedPeers--;
  peer.incomingBandwidth = view.getUint32(at + Field.BANDWIDTH_INCOMING);
  peer.outgoingBandwidth = view.getUint32(at + Field.BANDWIDTH_OUTGOING);
  if (peer.incomingBandwidth !== 0) host.bandwidthLimitedPeers++;
  peer.windowSize = peerWindowSize(host.outgoingBandwidth, peer.incomingBandwidth);
  return true;
}

function handleThrottleConfigure(peer: Peer, view: DataView, at: number): boolean {
  if (!connected(peer)) return false;
  peer.packetThrottleInterval = view.getUint32(at + Field.THROTTLE_INTERVAL);
  peer.packetThrottleAcceleration = view.getUint32(at + Field.THROTTLE_ACCELERATION);
  peer.packetThrottleDeceleration = view.getUint32(at + Field.THROTTLE_DECELERATION);
  return true;
}

/** Handles one received datagram from `host.receivedAddress`. */
export function handleIncomingCommands(host: Host, input: Uint8Array): void {
  if (input.length < HEADER_SIZE_NO_TIME) return;
  let bytes = input;
  // Only the rarer commands read through a DataView, made when the first of them comes.
  let view: DataView | null = null;
  const word = readU16(bytes, 0);
  const sessionID = (word & HEADER_SESSION_MASK) >> HEADER_SESSION_SHIFT;
  const flags = word & HEADER_FLAG_MASK;
  const peerID = word & ~(HEADER_FLAG_MASK | HEADER_SESSION_MASK);
  let headerSize = (flags & HEADER_FLAG_SENT_TIME) !== 0 ? HEADER_SIZE : HEADER_SIZE_NO_TIME;
  if (host.checksum !== null) headerSize += CHECKSUM_SIZE;
  // ENet reads past a datagram shorter than its own header; we drop it.
  if (bytes.length < headerSize) return;

  let peer: Peer | null = null;
  if (peerID !== PROTOCOL_MAXIMUM_PEER_ID) {
    if (peerID >= host.peers.length) return;
    peer = host.peers[peerID] as Peer;
    const from = host.receivedAddress;
    if (peer.state === PeerState.DISCONNECTED || peer.state === PeerState.ZOMBIE ||
      from.ip !== peer.address.ip || from.port !== peer.address.port ||
      (peer.outgoingPeerID < PROTOCOL_MAXIMUM_PEER_ID && sessionID !== peer.incomingSessionID)) {
      return;
    }
  }

  if ((flags & HEADER_FLAG_COMPRESSED) !== 0) {
    const compressor = host.compressor;
    if (compressor === null) return;
    const limit = PROTOCOL_MAXIMUM_MTU - headerSize;
    let original: Uint8Array | null;
    try {
      original = compressor.decompress(bytes.subarray(headerSize), limit);
    } catch {
      original = null;
    }
    if (original === null || original.length <= 0 || original.length > limit) return;
    const joined = new Uint8Array(headerSize + original.length);
    joined.set(bytes.subarray(0, headerSize));
    joined.set(original, headerSize);
    bytes = joined;
  }

  if (host.checksum !== null) {
    const at = headerSize - CHECKSUM_SIZE;
    const desired = (view ??= dataView(bytes)).getUint32(at);
    const copy = bytes === input ? bytes.slice() : bytes;
    const copyView = new DataView(copy.buffer, copy.byteOffset, copy.byteLength);
    copyView.setUint32(at, peer !== null ? peer.connectID : 0, true);
    if (host.checksum(copy) >>> 0 !== desired) return;
  }

  if (peer !== null) {
    peer.address = host.receivedAddress;
    peer.incomingDataTotal = (peer.incomingDataTotal + bytes.length) >>> 0;
  }

  let offset = headerSize;
  while (offset < bytes.length) {
    if (offset + COMMAND_HEADER_SIZE > bytes.length) break;
    const commandByte = bytes[offset] as number;
    const number = commandByte & COMMAND_MASK;
    if (number >= Command.COUNT) break;
    const size = COMMAND_SIZES[number] as number;
    if (size === 0 || offset + size > bytes.length) break;
    const at = offset;
    offset += size;
    if (peer === null && number !== Command.CONNECT) break;

    command.command = commandByte;
    command.channelID = bytes[at + 1] as number;
    command.reliableSequenceNumber = readU16(bytes, at + 2);
    command.offset = at;

    let ok = true;
    switch (number) {
      case Command.ACKNOWLEDGE:
        ok = handleAcknowledge(peer as Peer, bytes, at, command.channelID);
        break;
      case Command.CONNECT:
        if (peer !== null) {
          ok = false;
          break;
        }
        peer = handleConnect(host, (view ??= dataView(bytes)), at);
        ok = peer !== null;
        break;
      case Command.VERIFY_CONNECT:
        ok = handleVerifyConnect(peer as Peer, (view ??= dataView(bytes)), at);
        break;
      case Command.DISCONNECT:
        handleDisconnect(peer as Peer, (view ??= dataView(bytes)), at);
        break;
      case Command.PING:
        ok = connected(peer as Peer);
        break;
      case Command.SEND_RELIABLE:
        offset = handleSend(peer as Peer, bytes, at, size, Field.SEND_RELIABLE_LENGTH);
        ok = offset >= 0;
        break;
      case Command.SEND_UNRELIABLE:
        offset = handleSend(peer as Peer, bytes, at, size, Field.SEND_UNRELIABLE_LENGTH);
        ok = offset >= 0;
        break;
      case Command.SEND_UNSEQUENCED:
        offset = handleSend(peer as Peer, bytes, at, size, Field.SEND_UNSEQUENCED_LENGTH);
        ok = offset >= 0;
        break;
      case Command.SEND_FRAGMENT:
        offset = handleSendFragment(peer as Peer, bytes, (view ??= dataView(bytes)), at, command.channelID, commandByte);
        ok = offset >= 0;
        break;
      case Command.BANDWIDTH_LIMIT:
        ok = handleBandwidthLimit(peer as Peer, (view ??= dataView(bytes)), at);
        break;
      case Command.THROTTLE_CONFIGURE:
        ok = handleThrottleConfigure(peer as Peer, (view ??= dataView(bytes)), at);
        break;
      case Command.SEND_UNRELIABLE_FRAGMENT:
        offset = handleSendUnreliableFragment(peer as Peer, bytes, (view ??= dataView(bytes)), at, command.channelID, commandByte, command.reliableSequenceNumber);
        ok = offset >= 0;
        break;
      default:
        ok = false;
    }
    if (!ok) return;

    if (peer !== null && (commandByte & COMMAND_FLAG_ACKNOWLEDGE) !== 0) {
      if ((flags & HEADER_FLAG_SENT_TIME) === 0) break;
      const sentTime = readU16(bytes, 2);
      switch (peer.state) {
        case PeerState.DISCONNECTING:
        case PeerState.ACKNOWLEDGING_CONNECT:
        case PeerState.DISCONNECTED:
        case PeerState.ZOMBIE:
          break;
        case PeerState.ACKNOWLEDGING_DISCONNECT:
          if (number === Command.DISCONNECT) peer.queueAcknowledgement(command, sentTime);
          break;
        default:
          peer.queueAcknowledgement(command, sentTime);
      }
    }
  }
}
