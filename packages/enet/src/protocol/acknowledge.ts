/**
 * Receiving an ACKNOWLEDGE (`enet_protocol_handle_acknowledge`): the RTT sample, the throttle's
 * reaction to it, and retiring the acknowledged command from the sent (or resend) queues.
 */
import { COMMAND_FLAG_ACKNOWLEDGE, COMMAND_MASK, Command, Field, readU16 } from './commands.js';
import { PEER_RELIABLE_WINDOW_SIZE, PeerState } from './constants.js';
import { List, type ListNode } from './list.js';
import type { Peer } from './peer.js';
import type { OutgoingCommand } from './queued-commands.js';
import { notifyConnect, notifyDisconnect } from './state.js';
import { timeDifference, timeLess } from './time.js';

function findSentReliableCommand(list: List<OutgoingCommand>, sequence: number, channelID: number): OutgoingCommand | null {
  for (let node: ListNode = list.begin(); node !== list.end(); node = node.next) {
    const outgoing = node as OutgoingCommand;
    if ((outgoing.command & COMMAND_FLAG_ACKNOWLEDGE) === 0) continue;
    if (outgoing.sendAttempts < 1) break;
    if (outgoing.reliableSequenceNumber === sequence && outgoing.channelID === channelID) return outgoing;
  }
  return null;
}

/** Retires an acknowledged command; returns its command number (NONE when it was not found). */
export function removeSentReliableCommand(peer: Peer, sequence: number, channelID: number): number {
  let outgoing: OutgoingCommand | null = null;
  let wasSent = true;
  const sent = peer.sentReliableCommands;
  for (let node: ListNode = sent.begin(); node !== sent.end(); node = node.next) {
    const candidate = node as OutgoingCommand;
    if (candidate.reliableSequenceNumber === sequence && candidate.channelID === channelID) {
      outgoing = candidate;
      break;
    }
  }
  if (outgoing === null) {
    outgoing = findSentReliableCommand(peer.outgoingCommands, sequence, channelID) ??
      findSentReliableCommand(peer.outgoingSendReliableCommands, sequence, channelID);
    wasSent = false;
  }
  if (outgoing === null) return Command.NONE;

  if (channelID < peer.channelCount) {
    const channel = peer.channels[channelID];
    const window = Math.floor(sequence / PEER_RELIABLE_WINDOW_SIZE);
    if (channel !== undefined && (channel.reliableWindows[window] as number) > 0) {
      channel.reliableWindows[window] = (channel.reliableWindows[window] as number) - 1;
      if (channel.reliableWindows[window] === 0) channel.usedReliableWindows &= ~(1 << window);
    }
  }

  const commandNumber = outgoing.command & COMMAND_MASK;
  List.remove(outgoing);
  if (outgoing.packet !== null && wasSent) peer.reliableDataInTransit -= outgoing.fragmentLength;

  if (!sent.isEmpty()) {
    const first = sent.front();
    peer.nextTimeout = (first.sentTime + first.roundTripTimeout) >>> 0;
  }
  return commandNumber;
}

/** Handles one ACKNOWLEDGE at `offset` in the datagram `bytes`; false aborts the datagram. */
export function handleAcknowledge(peer: Peer, bytes: Uint8Array, offset: number, channelID: number): boolean {
  if (peer.state === PeerState.DISCONNECTED || peer.state === PeerState.ZOMBIE) return true;
  const now = peer.host.serviceTime;

  let receivedSentTime = (readU16(bytes, offset + Field.ACK_RECEIVED_SENT_TIME) | (now & 0xffff0000)) >>> 0;
  if ((receivedSentTime & 0x8000) > (now & 0x8000)) receivedSentTime = (receivedSentTime - 0x10000) >>> 0;
  if (timeLess(now, receivedSentTime)) return true;

  const rtt = Math.max(timeDifference(now, receivedSentTime), 1);
  if (peer.lastReceiveTime > 0) {
    peer.throttle(rtt);
    peer.roundTripTimeVariance -= Math.floor(peer.roundTripTimeVariance / 4);
    if (rtt >= peer.roundTripTime) {
      const diff = rtt - peer.roundTripTime;
      peer.roundTripTimeVariance += Math.floor(diff / 4);
      peer.roundTripTime += Math.floor(diff / 8);
    } else {
      const diff = peer.roundTripTime - rtt;
      peer.roundTripTimeVariance += Math.floor(diff / 4);
      peer.roundTripTime -= Math.floor(diff / 8);
    }
  } else {
    peer.roundTripTime = rtt;
    peer.roundTripTimeVariance = Math.floor((rtt + 1) / 2);
  }

  if (peer.roundTripTime < peer.lowestRoundTripTime) peer.lowestRoundTripTime = peer.roundTripTime;
  if (peer.roundTripTimeVariance > peer.highestRoundTripTimeVariance) peer.highestRoundTripTimeVariance = peer.roundTripTimeVariance;

  if (peer.packetThrottleEpoch === 0 || timeDifference(now, peer.packetThrottleEpoch) >= peer.packetThrottleInterval) {
    peer.lastRoundTripTime = peer.lowestRoundTripTime;
    peer.lastRoundTripTimeVariance = Math.max(peer.highestRoundTripTimeVariance, 1);
    peer.lowestRoundTripTime = peer.roundTripTime;
    peer.highestRoundTripTimeVariance = peer.roundTripTimeVariance;
    peer.packetThrottleEpoch = now;
  }

  peer.lastReceiveTime = Math.max(now, 1);
  peer.earliestTimeout = 0;

  const commandNumber = removeSentReliableCommand(peer, readU16(bytes, offset + Field.ACK_RECEIVED_RELIABLE_SEQUENCE), channelID);

  switch (peer.state) {
    case PeerState.ACKNOWLEDGING_CONNECT:
      if (commandNumber !== Command.VERIFY_CONNECT) return false;
      notifyConnect(peer);
      break;
    case PeerState.DISCONNECTING:
      if (commandNumber !== Command.DISCONNECT) return false;
      notifyDisconnect(peer);
      break;
    case PeerState.DISCONNECT_LATER:
      if (!peer.hasOutgoingCommands()) peer.disconnect(peer.eventData);
      break;
    default:
      break;
  }
  return true;
}
