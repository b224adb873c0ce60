/**
 * Building and sending datagrams (`enet_protocol_send_outgoing_commands` and the functions it
 * calls): per peer, pending acknowledgements first, then retransmission timeouts, then queued
 * commands in queue order as far as the MTU, the 32-command limit, the reliable window and the
 * unreliable throttle allow, and a PING when the line has been quiet. What does not fit goes
 * out in further datagrams of the same pass.
 */
import { commitBytes, releaseBytes, reserveBytes, type SlabRegion } from './byte-slab.js';
import type { Channel } from './channel.js';
import {
  ACKNOWLEDGE_SIZE, CHECKSUM_SIZE, COMMAND_FLAG_ACKNOWLEDGE, COMMAND_MASK, COMMAND_SIZES, Command, HEADER_FLAG_COMPRESSED,
  HEADER_FLAG_SENT_TIME, HEADER_SESSION_SHIFT, HEADER_SIZE, HEADER_SIZE_NO_TIME, PING_SIZE,
} from './commands.js';
import {
  PEER_FREE_RELIABLE_WINDOWS, PEER_PACKET_LOSS_INTERVAL, PEER_PACKET_LOSS_SCALE, PEER_PACKET_THROTTLE_COUNTER,
  PEER_PACKET_THROTTLE_SCALE, PEER_RELIABLE_WINDOWS, PEER_RELIABLE_WINDOW_SIZE, PROTOCOL_MAXIMUM_MTU,
  PROTOCOL_MAXIMUM_PACKET_COMMANDS, PROTOCOL_MAXIMUM_PEER_ID, PeerState,
} from './constants.js';
import type { Host } from './host.js';
import { List, type ListNode } from './list.js';
import { PEER_FLAG_CONTINUE_SENDING, type Peer } from './peer.js';
import type { Acknowledgement, OutgoingCommand } from './queued-commands.js';
import { dispatchState, notifyDisconnect } from './state.js';
import { timeDifference, timeGreaterEqual, timeLess } from './time.js';
import { div32, mul32 } from './u32.js';

/** ENet's buffer budget per datagram: the header plus a command and a payload per command. */
const BUFFER_MAXIMUM = 1 + 2 * PROTOCOL_MAXIMUM_PACKET_COMMANDS;
/** Commands start here in a datagram's region, leaving room for the largest header. */
const COMMANDS_AT = HEADER_SIZE + CHECKSUM_SIZE;

/** Room reserved per datagram: the largest header and twice the largest MTU, as ENet's buffers allow. */
const DATAGRAM_ROOM = COMMANDS_AT + PROTOCOL_MAXIMUM_MTU * 2;

/**
 * The datagram being built for one peer (ENet keeps these fields on the host). It is written in
 * place in a region of the byte slab, header last (in front of the commands), so that the
 * finished datagram is a view of that region, with no copy out of a scratch buffer.
 */
class Datagram implements SlabRegion {
  bytes = new Uint8Array(0);
  view = new DataView(this.bytes.buffer);
  /** Start of the reserved region in `bytes`; commands start at `at + COMMANDS_AT`. */
  at = 0;
  /** Write position in `bytes`. */
  end = COMMANDS_AT;
  headerFlags = 0;
  commandCount = 0;
  bufferCount = 1;
  /** ENet's size accounting: always counts a 4-byte header, never the checksum. */
  packetSize = HEADER_SIZE;
  readonly sentUnreliable: OutgoingCommand[] = [];

  /** Whether the region was handed out (then a new one is reserved; else it is reused). */
  #committed = true;

  reset(): void {
    this.abandon();
    reserveBytes(DATAGRAM_ROOM, this);
    this.#committed = false;
    this.end = this.at + COMMANDS_AT;
    this.headerFlags = 0;
    this.commandCount = 0;
    this.bufferCount = 1;
    this.packetSize = HEADER_SIZE;
    if (this.sentUnreliable.length !== 0) this.sentUnreliable.length = 0; // a runtime call even when empty
  }

  /** The finished datagram, `bytes[start … end]`, handed out for good. */
  commit(start: number, end: number): Uint8Array {
    this.#committed = true;
    return commitBytes(start, end);
  }

  /**
   * Gives back a region that was not sent (its peer timed out mid-build): zeroed again where it
   * was written, since the slab promises zeroed bytes to whoever takes them next.
   */
  abandon(): void {
    if (this.#committed) return;
    this.#committed = true;
    if (this.end > this.at + COMMANDS_AT) this.bytes.fill(0, this.at, this.end);
    releaseBytes();
  }
}

const datagram = new Datagram();

function sendAcknowledgements(host: Host, peer: Peer): void {
  const d = datagram;
  const list = peer.acknowledgements;
  while (!list.isEmpty()) {
    if (d.commandCount >= PROTOCOL_MAXIMUM_PACKET_COMMANDS || d.bufferCount >= BUFFER_MAXIMUM ||
      peer.mtu - d.packetSize < ACKNOWLEDGE_SIZE) {
      peer.flags |= PEER_FLAG_CONTINUE_SENDING;
      break;
    }
    const ack = List.remove(list.front()) as Acknowledgement;
    d.bufferCount++;
    d.packetSize += ACKNOWLEDGE_SIZE;
    const at = d.end;
    d.bytes[at] = Command.ACKNOWLEDGE;
    d.bytes[at + 1] = ack.channelID;
    d.view.setUint16(at + 2, ack.reliableSequenceNumber);
    d.view.setUint16(at + 4, ack.reliableSequenceNumber);
    d.view.setUint16(at + 6, ack.sentTime);
    d.end += ACKNOWLEDGE_SIZE;
    d.commandCount++;
    if ((ack.command & COMMAND_MASK) === Command.DISCONNECT) dispatchState(peer, PeerState.ZOMBIE);
  }
}

/** Returns true when the peer timed out (and was disconnected). */
function checkTimeouts(host: Host, peer: Peer): boolean {
  const now = host.serviceTime;
  const sent = peer.sentReliableCommands;
  const insertPosition = peer.outgoingCommands.begin();
  const insertSendReliablePosition = peer.outgoingSendReliableCommands.begin();
  let node: ListNode = sent.begin();
  while (node !== sent.end()) {
    const outgoing = node as OutgoingCommand;
    node = node.next;
    if (timeDifference(now, outgoing.sentTime) < outgoing.roundTripTimeout) continue;

    if (peer.earliestTimeout === 0 || timeLess(outgoing.sentTime, peer.earliestTimeout)) peer.earliestTimeout = outgoing.sentTime;
    if (peer.earliestTimeout !== 0) {
      const waited = timeDifference(now, peer.earliestTimeout);
      if (waited >= peer.timeoutMaximum ||
        (2 ** (outgoing.sendAttempts - 1) >= peer.timeoutLimit && waited >= peer.timeoutMinimum)) {
        notifyDisconnect(peer);
        return true;
      }
    }

    peer.packetsLost = (peer.packetsLost + 1) >>> 0;
    outgoing.roundTripTimeout = (outgoing.roundTripTimeout * 2) >>> 0;
    List.remove(outgoing);
    if (outgoing.packet !== null) {
      peer.reliableDataInTransit -= outgoing.fragmentLength;
      List.insert(insertSendReliablePosition, outgoing);
    } else {
      List.insert(insertPosition, outgoing);
    }

    if (node === sent.begin() && !sent.isEmpty()) {
      const first = node as OutgoingCommand;
      peer.nextTimeout = (first.sentTime + first.roundTripTimeout) >>> 0;
    }
  }
  return false;
}

function writeCommand(outgoing: OutgoingCommand, size: number): void {
  const d = datagram;
  const at = d.end;
  const scratch = d.bytes;
  const view = d.view;
  scratch[at] = outgoing.command;
  scratch[at + 1] = outgoing.channelID;
  view.setUint16(at + 2, outgoing.reliableSequenceNumber);
  switch (outgoing.command & COMMAND_MASK) {
    case Command.SEND_RELIABLE:
      view.setUint16(at + 4, outgoing.fragmentLength);
      break;
    case Command.SEND_UNRELIABLE:
      view.setUint16(at + 4, outgoing.unreliableSequenceNumber);
      view.setUint16(at + 6, outgoing.fragmentLength);
      break;
    case Command.SEND_UNSEQUENCED:
      view.setUint16(at + 4, outgoing.unsequencedGroup);
      view.setUint16(at + 6, outgoing.fragmentLength);
      break;
    case Command.SEND_FRAGMENT:
    case Command.SEND_UNRELIABLE_FRAGMENT:
      view.setUint16(at + 4, outgoing.startSequenceNumber);
      view.setUint16(at + 6, outgoing.fragmentLength);
      view.setUint32(at + 8, outgoing.fragmentCount);
      view.setUint32(at + 12, outgoing.fragmentNumber);
      view.setUint32(at + 16, (outgoing.packet as { data: Uint8Array }).data.length);
      view.setUint32(at + 20, outgoing.fragmentOffset);
      break;
    default:
      if (outgoing.body !== null) scratch.set(outgoing.body, at + 4);
  }
  d.end += size;
  if (outgoing.packet !== null) {
    const data = outgoing.packet.data;
    const length = outgoing.fragmentLength;
    // A whole packet is copied as it is; only fragments need a window of it.
    if (length === data.length && outgoing.fragmentOffset === 0) scratch.set(data, d.end);
    else if (length > 0) scratch.set(data.subarray(outgoing.fragmentOffset, outgoing.fragmentOffset + length), d.end);
    d.end += length;
  }
}

/** Fills the datagram from the peer's queues; returns whether a PING may be added. */
function checkOutgoingCommands(host: Host, peer: Peer): boolean {
  const d = datagram;
  const outgoingList = peer.outgoingCommands;
  const reliableList = peer.outgoingSendReliableCommands;
  let current: ListNode = outgoingList.begin();
  let currentSendReliable: ListNode = reliableList.begin();
  let channel: Channel | null = null;
  let reliableWindow = 0;
  let windowWrap = false;
  let canPing = true;

  for (;;) {
    let outgoing: OutgoingCommand;
    if (current !== outgoingList.end()) {
      outgoing = current as OutgoingCommand;
      if (currentSendReliable !== reliableList.end() &&
        timeLess((currentSendReliable as OutgoingCommand).queueTime, outgoing.queueTime)) {
        outgoing = currentSendReliable as OutgoingCommand;
        currentSendReliable = currentSendReliable.next;
      } else {
        current = current.next;
      }
    } else if (currentSendReliable !== reliableList.end()) {
      outgoing = currentSendReliable as OutgoingCommand;
      currentSendReliable = currentSendReliable.next;
    } else {
      break;
    }

    if ((outgoing.command & COMMAND_FLAG_ACKNOWLEDGE) !== 0) {
      channel = outgoing.channelID < peer.channelCount ? (peer.channels[outgoing.channelID] ?? null) : null;
      reliableWindow = Math.floor(outgoing.reliableSequenceNumber / PEER_RELIABLE_WINDOW_SIZE);
      if (channel !== null) {
        if (windowWrap) continue;
        const span = (1 << (PEER_FREE_RELIABLE_WINDOWS + 2)) - 1;
        if (outgoing.sendAttempts < 1 && outgoing.reliableSequenceNumber % PEER_RELIABLE_WINDOW_SIZE === 0 &&
          ((channel.reliableWindows[(reliableWindow + PEER_RELIABLE_WINDOWS - 1) % PEER_RELIABLE_WINDOWS] as number) >= PEER_RELIABLE_WINDOW_SIZE ||
            (channel.usedReliableWindows & ((span << reliableWindow) | (span >>> (PEER_RELIABLE_WINDOWS - reliableWindow)))) !== 0)) {
          windowWrap = true;
          currentSendReliable = reliableList.end();
          continue;
        }
      }
      if (outgoing.packet !== null) {
        const windowSize = div32(mul32(peer.packetThrottle, peer.windowSize), PEER_PACKET_THROTTLE_SCALE);
        if (peer.reliableDataInTransit + outgoing.fragmentLength > Math.max(windowSize, peer.mtu)) {
          currentSendReliable = reliableList.end();
          continue;
        }
      }
      canPing = false;
    }

    const size = COMMAND_SIZES[outgoing.command & COMMAND_MASK] as number;
    if (d.commandCount >= PROTOCOL_MAXIMUM_PACKET_COMMANDS || d.bufferCount + 1 >= BUFFER_MAXIMUM ||
      peer.mtu - d.packetSize < size ||
      (outgoing.packet !== null && ((peer.mtu - d.packetSize) & 0xffff) < ((size + outgoing.fragmentLength) & 0xffff))) {
      peer.flags |= PEER_FLAG_CONTINUE_SENDING;
      break;
    }

    if ((outgoing.command & COMMAND_FLAG_ACKNOWLEDGE) !== 0) {
      if (channel !== null && outgoing.sendAttempts < 1) channel.countInFlight(reliableWindow);
      outgoing.sendAttempts++;
      if (outgoing.roundTripTimeout === 0) outgoing.roundTripTimeout = peer.roundTripTime + 4 * peer.roundTripTimeVariance;
      if (peer.sentReliableCommands.isEmpty()) peer.nextTimeout = (host.serviceTime + outgoing.roundTripTimeout) >>> 0;
      List.remove(outgoing);
      peer.sentReliableCommands.pushBack(outgoing);
      outgoing.sentTime = host.serviceTime;
      d.headerFlags |= HEADER_FLAG_SENT_TIME;
      peer.reliableDataInTransit += outgoing.fragmentLength;
    } else {
      if (outgoing.packet !== null && outgoing.fragmentOffset === 0) {
        peer.packetThrottleCounter = (peer.packetThrottleCounter + PEER_PACKET_THROTTLE_COUNTER) % PEER_PACKET_THROTTLE_SCALE;
        if (peer.packetThrottleCounter > peer.packetThrottle) {
          // Throttled: drop the whole packet, every fragment of it.
          const reliableSequenceNumber = outgoing.reliableSequenceNumber;
          const unreliableSequenceNumber = outgoing.unreliableSequenceNumber;
          for (;;) {
            List.remove(outgoing);
            if (current === outgoingList.end()) break;
            outgoing = current as OutgoingCommand;
            if (outgoing.reliableSequenceNumber !== reliableSequenceNumber ||
              outgoing.unreliableSequenceNumber !== unreliableSequenceNumber) {
              break;
            }
            current = current.next;
          }
          continue;
        }
      }
      List.remove(outgoing);
      if (outgoing.packet !== null) d.sentUnreliable.push(outgoing);
    }

    d.bufferCount++;
    d.packetSize += size;
    if (outgoing.packet !== null) {
      d.bufferCount++;
      d.packetSize += outgoing.fragmentLength;
    }
    writeCommand(outgoing, size);
    d.commandCount++;
    peer.packetsSent = (peer.packetsSent + 1) >>> 0;
  }

  if (peer.state === PeerState.DISCONNECT_LATER && !peer.hasOutgoingCommands() && d.sentUnreliable.length === 0) {
    peer.disconnect(peer.eventData);
  }
  return canPing;
}

function updatePacketLoss(host: Host, peer: Peer): void {
  const now = host.serviceTime;
  if (peer.packetLossEpoch === 0) {
    peer.packetLossEpoch = now;
  } else if (timeDifference(now, peer.packetLossEpoch) >= PEER_PACKET_LOSS_INTERVAL && peer.packetsSent > 0) {
    const packetLoss = div32(mul32(peer.packetsLost, PEER_PACKET_LOSS_SCALE), peer.packetsSent);
    peer.packetLossVariance = div32(mul32(peer.packetLossVariance, 3) + Math.abs(packetLoss - peer.packetLoss), 4);
    peer.packetLoss = div32(mul32(peer.packetLoss, 7) + packetLoss, 8);
    peer.packetLossEpoch = now;
    peer.packetsSent = 0;
    peer.packetsLost = 0;
  }
}

/** Finishes the datagram (header, compression, checksum) and hands it to the host's output. */
function transmit(host: Host, peer: Peer): void {
  const d = datagram;
  const bytes = d.bytes;
  const commandsAt = d.at + COMMANDS_AT;
  // A window of the commands only for the compressor and the checksum.
  const commands = host.compressor !== null || host.checksum !== null ? bytes.subarray(commandsAt, d.end) : null;
  let headerFlags = d.headerFlags;
  const headerSize = (headerFlags & HEADER_FLAG_SENT_TIME) !== 0 ? HEADER_SIZE : HEADER_SIZE_NO_TIME;
  const checksumSize = host.checksum !== null ? CHECKSUM_SIZE : 0;

  let compressed: Uint8Array | null = null;
  if (host.compressor !== null && commands !== null) {
    let result: Uint8Array | null;
    try {
      result = host.compressor.compress(commands, commands.length);
    } catch {
      result = null;
    }
    if (result !== null && result.length > 0 && result.length < commands.length) {
      headerFlags |= HEADER_FLAG_COMPRESSED;
      compressed = result;
    }
  }
  if (peer.outgoingPeerID < PROTOCOL_MAXIMUM_PEER_ID) headerFlags |= peer.outgoingSessionID << HEADER_SESSION_SHIFT;

  // The header goes right in front of the commands, which are already in place.
  const prefix = headerSize + checksumSize;
  const start = commandsAt - prefix;
  const word = (peer.outgoingPeerID | headerFlags) & 0xffff;
  bytes[start] = word >>> 8;
  bytes[start + 1] = word & 0xff;
  if (headerSize === HEADER_SIZE) {
    bytes[start + 2] = (host.serviceTime >>> 8) & 0xff;
    bytes[start + 3] = host.serviceTime & 0xff;
  }

  if (host.checksum !== null && commands !== null) {
    // The checksum covers the uncompressed datagram with the connect id in the checksum field.
    const whole = new Uint8Array(prefix + commands.length);
    whole.set(bytes.subarray(start, start + headerSize));
    new DataView(whole.buffer).setUint32(headerSize, peer.outgoingPeerID < PROTOCOL_MAXIMUM_PEER_ID ? peer.connectID : 0, true);
    whole.set(commands, prefix);
    d.view.setUint32(start + headerSize, host.checksum(whole) >>> 0);
  }
  let end = d.end;
  if (compressed !== null) {
    bytes.set(compressed, commandsAt);
    end = commandsAt + compressed.length;
    bytes.fill(0, end, d.end); // beyond the datagram: slab bytes the next taker expects zeroed
  }
  const out = d.commit(start, end);

  peer.lastSendTime = host.serviceTime;
  host.output(out, peer.address);

  const sentUnreliable = d.sentUnreliable.length;
  if (sentUnreliable !== 0) d.sentUnreliable.length = 0;
  if (sentUnreliable > 0 && peer.state === PeerState.DISCONNECT_LATER && !peer.hasOutgoingCommands()) {
    peer.disconnect(peer.eventData);
  }
  host.totalSentData = (host.totalSentData + out.length) >>> 0;
  host.totalSentPackets = (host.totalSentPackets + 1) >>> 0;
}

/** Sends everything that is due to every peer; `checkForTimeouts` as in ENet (false in flush). */
export function sendOutgoingCommands(host: Host, checkForTimeouts: boolean): void {
  const d = datagram;
  const now = host.serviceTime;
  for (let sendPass = 0, continueSending = 0; sendPass <= continueSending; sendPass++) {
    for (const peer of host.peers) {
      if (peer.state === PeerState.DISCONNECTED || peer.state === PeerState.ZOMBIE ||
        (sendPass > 0 && (peer.flags & PEER_FLAG_CONTINUE_SENDING) === 0)) {
        continue;
      }
      peer.flags &= ~PEER_FLAG_CONTINUE_SENDING;
      d.reset();

      if (!peer.acknowledgements.isEmpty()) sendAcknowledgements(host, peer);

      const timedOut = checkForTimeouts && !peer.sentReliableCommands.isEmpty() &&
        timeGreaterEqual(now, peer.nextTimeout) && checkTimeouts(host, peer);
      if (!timedOut) {
        const queuesEmpty = peer.outgoingCommands.isEmpty() && peer.outgoingSendReliableCommands.isEmpty();
        if ((queuesEmpty || checkOutgoingCommands(host, peer)) && peer.sentReliableCommands.isEmpty() &&
          timeDifference(now, peer.lastReceiveTime) >= peer.pingIntervalMs && peer.mtu - d.packetSize >= PING_SIZE) {
          peer.ping();
          checkOutgoingCommands(host, peer);
        }
        if (d.commandCount > 0) {
          updatePacketLoss(host, peer);
          transmit(host, peer);
        }
      }
      if ((peer.flags & PEER_FLAG_CONTINUE_SENDING) !== 0) continueSending = sendPass + 1;
    }
  }
  d.abandon();
}
