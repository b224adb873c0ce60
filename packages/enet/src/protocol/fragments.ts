/**
 * Reassembly of fragmented packets (`enet_protocol_handle_send_fragment` and
 * `…_send_unreliable_fragment`). The first fragment to arrive reserves the whole packet; every
 * fragment is checked against it (same count, same total length, inside the packet), and a
 * liar's datagram is rejected rather than trusted.
 */
import type { Channel } from './channel.js';
import { COMMAND_MASK, Command, Field, SEND_FRAGMENT_SIZE } from './commands.js';
import { PROTOCOL_MAXIMUM_FRAGMENT_COUNT, PacketFlag, PeerState } from './constants.js';
import {
  DISCARDED, dispatchIncomingReliableCommands, dispatchIncomingUnreliableCommands, findReliable, findUnreliable,
  inReliableWindow, queueIncomingCommand,
} from './incoming.js';
import type { Peer } from './peer.js';
import type { IncomingCommand } from './queued-commands.js';

/** Result of a data command handler: the offset after its payload, or -1 to abort the datagram. */
export type HandlerResult = number;

interface FragmentFields {
  start: number;
  length: number;
  count: number;
  number: number;
  total: number;
  offset: number;
}

function readFragment(view: DataView, at: number): FragmentFields {
  return {
    start: view.getUint16(at + Field.FRAGMENT_START_SEQUENCE),
    length: view.getUint16(at + Field.FRAGMENT_LENGTH),
    count: view.getUint32(at + Field.FRAGMENT_COUNT),
    number: view.getUint32(at + Field.FRAGMENT_NUMBER),
    total: view.getUint32(at + Field.FRAGMENT_TOTAL_LENGTH),
    offset: view.getUint32(at + Field.FRAGMENT_OFFSET),
  };
}

function fragmentFieldsValid(peer: Peer, f: FragmentFields): boolean {
  return f.count <= PROTOCOL_MAXIMUM_FRAGMENT_COUNT && f.number < f.count && f.total <= peer.host.maximumPacketSize &&
    f.total >= f.count && f.offset < f.total && f.length <= f.total - f.offset;
}

/** Marks one fragment received and copies it in; returns true when that completed the packet. */
function storeFragment(start: IncomingCommand, f: FragmentFields, bytes: Uint8Array, payloadAt: number): boolean {
  const fragments = start.fragments as Uint32Array;
  const word = f.number >>> 5;
  const bit = 1 << (f.number & 31);
  if (((fragments[word] as number) & bit) !== 0) return false;
  start.fragmentsRemaining--;
  fragments[word] = (fragments[word] as number) | bit;
  const data = start.packet.data;
  const length = Math.min(f.length, data.length - f.offset);
  data.set(bytes.subarray(payloadAt, payloadAt + length), f.offset);
  return start.fragmentsRemaining <= 0;
}

function dataCommandAllowed(peer: Peer, channelID: number): boolean {
  return channelID < peer.channelCount && (peer.state === PeerState.CONNECTED || peer.state === PeerState.DISCONNECT_LATER);
}

/** SEND_FRAGMENT at `at`; `reliableSequenceNumber` is the header's. */
export function handleSendFragment(
  peer: Peer, bytes: Uint8Array, view: DataView, at: number, channelID: number, command: number,
): HandlerResult {
  if (!dataCommandAllowed(peer, channelID)) return -1;
  const f = readFragment(view, at);
  const payloadAt = at + SEND_FRAGMENT_SIZE;
  const end = payloadAt + f.length;
  if (f.length <= 0 || f.length > peer.host.maximumPacketSize || end > bytes.length) return -1;

  const channel = peer.channels[channelID] as Channel;
  if (!inReliableWindow(channel, f.start)) return end;
  if (!fragmentFieldsValid(peer, f)) return -1;

  let start = findReliable(channel, f.start).match;
  if (start !== null && ((start.command & COMMAND_MASK) !== Command.SEND_FRAGMENT || f.total !== start.packet.data.length ||
    f.count !== start.fragmentCount)) {
    return -1;
  }

  if (start === null) {
    const queued = queueIncomingCommand(
      peer, { command, channelID, reliableSequenceNumber: f.start, unreliableSequenceNumber: 0 },
      null, f.total, PacketFlag.RELIABLE, f.count,
    );
    if (queued === null || queued === DISCARDED) return -1;
    start = queued;
  }

  if (storeFragment(start, f, bytes, payloadAt)) dispatchIncomingReliableCommands(peer, channel, null);
  return end;
}

/** SEND_UNRELIABLE_FRAGMENT at `at`. */
export function handleSendUnreliableFragment(
  peer: Peer, bytes: Uint8Array, view: DataView, at: number, channelID: number, command: number, reliableSequenceNumber: number,
): HandlerResult {
  if (!dataCommandAllowed(peer, channelID)) return -1;
  const f = readFragment(view, at);
  const payloadAt = at + SEND_FRAGMENT_SIZE;
  const end = payloadAt + f.length;
  if (f.length <= 0 || f.length > peer.host.maximumPacketSize || end > bytes.length) return -1;

  const channel = peer.channels[channelID] as Channel;
  if (!inReliableWindow(channel, reliableSequenceNumber)) return end;
  if (reliableSequenceNumber === channel.incomingReliableSequenceNumber && f.start <= channel.incomingUnreliableSequenceNumber) {
    return end;
  }
  if (!fragmentFieldsValid(peer, f)) return -1;

  let start = findUnreliable(channel, reliableSequenceNumber, f.start).match;
  if (start !== null && ((start.command & COMMAND_MASK) !== Command.SEND_UNRELIABLE_FRAGMENT ||
    f.total !== start.packet.data.length || f.count !== start.fragmentCount)) {
    return -1;
  }

  if (start === null) {
    const queued = queueIncomingCommand(
      peer, { command, channelID, reliableSequenceNumber, unreliableSequenceNumber: f.start },
      null, f.total, PacketFlag.UNRELIABLE_FRAGMENT, f.count,
    );
    if (queued === null || queued === DISCARDED) return -1;
    start = queued;
  }

  if (storeFragment(start, f, bytes, payloadAt)) dispatchIncomingUnreliableCommands(peer, channel, null);
  return end;
}
