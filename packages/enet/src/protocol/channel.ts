/** One channel of a peer (`ENetChannel`): its sequence counters, reliable windows and queues. */
import { PEER_RELIABLE_WINDOWS } from './constants.js';
import { List } from './list.js';
import type { IncomingCommand } from './queued-commands.js';

export class Channel {
  outgoingReliableSequenceNumber = 0;
  outgoingUnreliableSequenceNumber = 0;
  /** Bit per reliable window with commands in flight. */
  usedReliableWindows = 0;
  /** Commands in flight per reliable window. */
  readonly reliableWindows = new Uint16Array(PEER_RELIABLE_WINDOWS);
  incomingReliableSequenceNumber = 0;
  incomingUnreliableSequenceNumber = 0;
  readonly incomingReliableCommands = new List<IncomingCommand>();
  readonly incomingUnreliableCommands = new List<IncomingCommand>();
}
