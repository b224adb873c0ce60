/** What a role's handshake logic (client or server) asks of the connection it runs in. */
import type { DtlsError } from './dtls-error.js';
import type { FlightEntry } from './flight.js';
import type { HandshakeMessage } from './reassembler.js';
import type { RecordProtection } from './record-protection.js';

export interface HandshakeHost {
  /** The time of the event being handled (ms). */
  readonly now: number;
  /** The next message_seq to send (increments). */
  nextMessageSeq(): number;
  /**
   * Sends a new flight, replacing the previous one. `awaitsReply`: arm the retransmission timer.
   * `answers`: message_seq of the peer message this flight answers (a duplicate of it makes us
   * send the flight again).
   */
  sendFlight(entries: FlightEntry[], awaitsReply: boolean, answers: number): void;
  /** Keys for our epoch-1 records, used from the next flight entry with epoch 1. */
  setWriteProtection(protection: RecordProtection): void;
  /** Keys for the peer's epoch-1 records, used once its ChangeCipherSpec arrives. */
  setPendingReadProtection(protection: RecordProtection): void;
  /** The peer's ChangeCipherSpec was accepted: read epoch 1 from now on. */
  activateReadEpoch(): void;
  /** Sends `error.alert` as a fatal alert and ends the connection. */
  fail(error: DtlsError): void;
  /** The handshake completed. */
  established(): void;
}

/** A role's handshake logic. */
export interface Handshake {
  /** A complete handshake message, in order. */
  onMessage(message: HandshakeMessage): void;
  /** A ChangeCipherSpec record at epoch 0. */
  onChangeCipherSpec(): void;
  /** The negotiated suite's name, once known. */
  readonly cipherSuite: string | undefined;
}
