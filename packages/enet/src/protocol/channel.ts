/** One channel of a peer (`ENetChannel`): its sequence counters, reliable windows and queues. */
import { PEER_RELIABLE_WINDOWS } from './constants.js';
import { List } from './list.js';
import type { IncomingCommand } from './queued-commands.js';

/** Read-only zeros: the windows of every channel that never sent a reliable command. */
const NO_RELIABLE_WINDOWS = new Uint16Array(PEER_RELIABLE_WINDOWS);

export class Channel {
  outgoingReliableSequenceNumber = 0;
  outgoingUnreliableSequenceNumber = 0;
  /** Bit per reliable window with commands in flight. */
  usedReliableWindows = 0;
  /**
   * Commands in flight per reliable window: the shared all-zero {@link NO_RELIABLE_WINDOWS}
   * until the channel first sends a reliable command (see {@link countInFlight}), so an idle
   * channel costs no array of its own.
   */
  reliableWindows: Uint16Array = NO_RELIABLE_WINDOWS;
  incomingReliableSequenceNumber = 0;
  incomingUnreliableSequenceNumber = 0;
  readonly incomingReliableCommands = new List<IncomingCommand>();
  readonly incomingUnreliableCommands = new List<IncomingCommand>();

  /** Counts one more command in flight in `window` (its first transmission). */
  countInFlight(window: number): void {
    if (this.reliableWindows === NO_RELIABLE_WINDOWS) this.reliableWindows = new Uint16Array(PEER_RELIABLE_WINDOWS);
    this.reliableWindows[window] = (this.reliableWindows[window] as number) + 1;
    this.usedReliableWindows |= 1 << window;
  }
}
