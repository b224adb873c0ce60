/**
 * The records ENet keeps per command: outgoing (waiting, in flight or being retransmitted),
 * incoming (waiting for order or for the rest of its fragments) and pending acknowledgements.
 */
import { ListNode } from './list.js';
import type { Packet } from './packet.js';

export class OutgoingCommand extends ListNode {
  reliableSequenceNumber = 0;
  unreliableSequenceNumber = 0;
  /** Unsequenced group (SEND_UNSEQUENCED). */
  unsequencedGroup = 0;
  sentTime = 0;
  roundTripTimeout = 0;
  queueTime = 0;
  fragmentOffset = 0;
  fragmentLength = 0;
  sendAttempts = 0;
  /** SEND_FRAGMENT / SEND_UNRELIABLE_FRAGMENT fields. */
  startSequenceNumber = 0;
  fragmentCount = 0;
  fragmentNumber = 0;

  constructor(
    /** The command byte, flags included. */
    readonly command: number,
    readonly channelID: number,
    /** The payload, for the send commands. */
    readonly packet: Packet | null,
    /** The encoded body after the command header, for the connection-level commands. */
    readonly body: Uint8Array | null,
  ) {
    super();
  }
}

export class IncomingCommand extends ListNode {
  fragmentsRemaining: number;
  /** One bit per fragment received; null for whole packets. */
  fragments: Uint32Array | null = null;

  constructor(
    readonly command: number,
    readonly channelID: number,
    readonly reliableSequenceNumber: number,
    readonly unreliableSequenceNumber: number,
    readonly fragmentCount: number,
    /** The packet being delivered (or reassembled into). */
    readonly packet: Packet,
  ) {
    super();
    this.fragmentsRemaining = fragmentCount;
  }
}

export class Acknowledgement extends ListNode {
  constructor(
    readonly command: number,
    readonly channelID: number,
    readonly reliableSequenceNumber: number,
    readonly sentTime: number,
  ) {
    super();
  }
}
