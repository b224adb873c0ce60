/**
 * Ordering of received data (`enet_peer_queue_incoming_command` and the two dispatch functions
 * of `peer.c`): reliable commands wait in sequence order until every earlier one arrived;
 * unreliable (sequenced) commands wait for the reliable command they follow and are dropped
 * when newer ones overtake them; unsequenced ones go straight through.
 */
import type { Channel } from './channel.js';
import { COMMAND_MASK, Command } from './commands.js';
import { PEER_FREE_RELIABLE_WINDOWS, PEER_RELIABLE_WINDOWS, PEER_RELIABLE_WINDOW_SIZE, PeerState } from './constants.js';
import { List, type ListNode } from './list.js';
import { Packet } from './packet.js';
import { PEER_FLAG_NEEDS_DISPATCH, type Peer } from './peer.js';
import { IncomingCommand } from './queued-commands.js';

/** A command that was acceptable but not kept (a duplicate, or out of the window). */
export const DISCARDED = 'discarded';

/** The fields of a received data command that ordering needs. */
export interface IncomingHeader {
  command: number;
  channelID: number;
  reliableSequenceNumber: number;
  unreliableSequenceNumber: number;
}

/** Whether `sequence` lies in the usable reliable windows of `channel` (not too old, not too far ahead). */
export function inReliableWindow(channel: Channel, sequence: number): boolean {
  let window = Math.floor(sequence / PEER_RELIABLE_WINDOW_SIZE);
  const current = Math.floor(channel.incomingReliableSequenceNumber / PEER_RELIABLE_WINDOW_SIZE);
  if (sequence < channel.incomingReliableSequenceNumber) window += PEER_RELIABLE_WINDOWS;
  return window >= current && window < current + PEER_FREE_RELIABLE_WINDOWS - 1;
}

/** Where a command goes in a channel's queue, and the queued command with its numbers if any. */
export interface QueueSlot {
  /** Insert after this node. */
  readonly position: ListNode;
  readonly match: IncomingCommand | null;
}

/**
 * Scans a channel's reliable queue from its newest command (ENet's order, which treats sequence
 * numbers that wrapped past the current one as newer) for `sequence`.
 */
export function findReliable(channel: Channel, sequence: number): QueueSlot {
  const list = channel.incomingReliableCommands;
  const current = channel.incomingReliableSequenceNumber;
  let position: ListNode = list.end().prev;
  for (; position !== list.end(); position = position.prev) {
    const queued = position as IncomingCommand;
    if (sequence >= current) {
      if (queued.reliableSequenceNumber < current) continue;
    } else if (queued.reliableSequenceNumber >= current) {
      break;
    }
    if (queued.reliableSequenceNumber <= sequence) {
      if (queued.reliableSequenceNumber < sequence) break;
      return { position, match: queued };
    }
  }
  return { position, match: null };
}

/** {@link findReliable} for the unreliable queue, keyed by reliable then unreliable sequence. */
export function findUnreliable(channel: Channel, reliable: number, unreliable: number): QueueSlot {
  const list = channel.incomingUnreliableCommands;
  const current = channel.incomingReliableSequenceNumber;
  let position: ListNode = list.end().prev;
  for (; position !== list.end(); position = position.prev) {
    const queued = position as IncomingCommand;
    if (reliable >= current) {
      if (queued.reliableSequenceNumber < current) continue;
    } else if (queued.reliableSequenceNumber >= current) {
      break;
    }
    if (queued.reliableSequenceNumber < reliable) break;
    if (queued.reliableSequenceNumber > reliable) continue;
    if (queued.unreliableSequenceNumber <= unreliable) {
      if (queued.unreliableSequenceNumber < unreliable) break;
      return { position, match: queued };
    }
  }
  return { position, match: null };
}

function scheduleDispatch(peer: Peer): void {
  if ((peer.flags & PEER_FLAG_NEEDS_DISPATCH) === 0) {
    peer.host.dispatchQueue.pushBack(peer);
    peer.flags |= PEER_FLAG_NEEDS_DISPATCH;
  }
}

/** Removes `start … end` (exclusive) from its list, except `exclude`, releasing their bytes. */
function removeIncomingCommands(peer: Peer, start: ListNode, end: ListNode, exclude: IncomingCommand | null): void {
  for (let current = start; current !== end;) {
    const incoming = current as IncomingCommand;
    current = current.next;
    if (incoming === exclude) continue;
    List.remove(incoming);
    peer.totalWaitingData -= Math.min(peer.totalWaitingData, incoming.packet.data.length);
  }
}

/**
 * Queues a received data command. `payload` is kept as it is, a view into the datagram (which
 * belongs to the host, see `Host.receive`), or null to allocate `dataLength` zero bytes for
 * reassembly. Returns the queued command, `DISCARDED`, or null when the command must fail
 * the datagram (no room, or a fragment that cannot be kept).
 */
export function queueIncomingCommand(
  peer: Peer, header: IncomingHeader, payload: Uint8Array | null, dataLength: number, flags: number, fragmentCount: number,
): IncomingCommand | typeof DISCARDED | null {
  const channel = peer.channels[header.channelID] as Channel;
  const commandNumber = header.command & COMMAND_MASK;
  const reliableSequenceNumber = header.reliableSequenceNumber;
  let unreliableSequenceNumber = 0;
  let position: ListNode;
  const discard = (): typeof DISCARDED | null => (fragmentCount > 0 ? null : DISCARDED);

  if (peer.state === PeerState.DISCONNECT_LATER) return discard();
  if (commandNumber !== Command.SEND_UNSEQUENCED && !inReliableWindow(channel, reliableSequenceNumber)) return discard();

  switch (commandNumber) {
    case Command.SEND_FRAGMENT:
    case Command.SEND_RELIABLE: {
      if (reliableSequenceNumber === channel.incomingReliableSequenceNumber) return discard();
      const found = findReliable(channel, reliableSequenceNumber);
      if (found.match !== null) return discard();
      position = found.position;
      break;
    }
    case Command.SEND_UNRELIABLE:
    case Command.SEND_UNRELIABLE_FRAGMENT: {
      unreliableSequenceNumber = header.unreliableSequenceNumber;
      if (reliableSequenceNumber === channel.incomingReliableSequenceNumber &&
        unreliableSequenceNumber <= channel.incomingUnreliableSequenceNumber) {
        return discard();
      }
      const found = findUnreliable(channel, reliableSequenceNumber, unreliableSequenceNumber);
      if (found.match !== null) return discard();
      position = found.position;
      break;
    }
    case Command.SEND_UNSEQUENCED:
      position = channel.incomingUnreliableCommands.end().prev;
      break;
    default:
      return discard();
  }

  if (peer.totalWaitingData >= peer.host.maximumWaitingData) return null;

  const data = payload === null ? new Uint8Array(dataLength) : payload.length === dataLength ? payload : payload.subarray(0, dataLength);
  const incoming = new IncomingCommand(
    header.command, header.channelID, reliableSequenceNumber, unreliableSequenceNumber & 0xffff, fragmentCount,
    new Packet(data, flags),
  );
  if (fragmentCount > 0) incoming.fragments = new Uint32Array(Math.ceil(fragmentCount / 32));
  peer.totalWaitingData += dataLength;
  List.insert(position.next, incoming);

  if (commandNumber === Command.SEND_FRAGMENT || commandNumber === Command.SEND_RELIABLE) {
    dispatchIncomingReliableCommands(peer, channel, incoming);
  } else {
    dispatchIncomingUnreliableCommands(peer, channel, incoming);
  }
  return incoming;
}

/** Moves the unreliable commands that may be delivered now to the peer's dispatched queue. */
export function dispatchIncomingUnreliableCommands(peer: Peer, channel: Channel, queued: IncomingCommand | null): void {
  const list = channel.incomingUnreliableCommands;
  let dropped: ListNode = list.begin();
  let start: ListNode = list.begin();
  let current: ListNode = list.begin();

  for (; current !== list.end(); current = current.next) {
    const incoming = current as IncomingCommand;
    if ((incoming.command & COMMAND_MASK) === Command.SEND_UNSEQUENCED) continue;

    if (incoming.reliableSequenceNumber === channel.incomingReliableSequenceNumber) {
      if (incoming.fragmentsRemaining <= 0) {
        channel.incomingUnreliableSequenceNumber = incoming.unreliableSequenceNumber;
        continue;
      }
      if (start !== current) {
        List.move(peer.dispatchedCommands.end(), start, current.prev);
        scheduleDispatch(peer);
        dropped = current;
      } else if (dropped !== current) {
        dropped = current.prev;
      }
    } else {
      if (inReliableWindow(channel, incoming.reliableSequenceNumber)) break;
      dropped = current.next;
      if (start !== current) {
        List.move(peer.dispatchedCommands.end(), start, current.prev);
        scheduleDispatch(peer);
      }
    }
    start = current.next;
  }

  if (start !== current) {
    List.move(peer.dispatchedCommands.end(), start, current.prev);
    scheduleDispatch(peer);
    dropped = current;
  }

  removeIncomingCommands(peer, list.begin(), dropped, queued);
}

/** Moves the reliable commands that are now in sequence to the peer's dispatched queue. */
export function dispatchIncomingReliableCommands(peer: Peer, channel: Channel, queued: IncomingCommand | null): void {
  const list = channel.incomingReliableCommands;
  let current: ListNode = list.begin();
  for (; current !== list.end(); current = current.next) {
    const incoming = current as IncomingCommand;
    if (incoming.fragmentsRemaining > 0 ||
      incoming.reliableSequenceNumber !== ((channel.incomingReliableSequenceNumber + 1) & 0xffff)) {
      break;
    }
    channel.incomingReliableSequenceNumber = incoming.reliableSequenceNumber;
    if (incoming.fragmentCount > 0) {
      channel.incomingReliableSequenceNumber = (channel.incomingReliableSequenceNumber + incoming.fragmentCount - 1) & 0xffff;
    }
  }
  if (current === list.begin()) return;

  channel.incomingUnreliableSequenceNumber = 0;
  List.move(peer.dispatchedCommands.end(), list.begin(), current.prev);
  scheduleDispatch(peer);

  if (!channel.incomingUnreliableCommands.isEmpty()) dispatchIncomingUnreliableCommands(peer, channel, queued);
}
