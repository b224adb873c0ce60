import { ErrorCode } from '@pp/core';
import { DecodeError } from './bytes.js';
import {
  AlertDescription, AlertLevel, ContentType, DTLS_1_0, DTLS_1_2, HANDSHAKE_HEADER_SIZE, HandshakeType, RECORD_HEADER_SIZE, alertName,
} from './constants.js';
import { DtlsError } from './dtls-error.js';
import { RetransmitTimer, type FlightEntry } from './flight.js';
import type { Handshake, HandshakeHost } from './handshake-host.js';
import { fragmentMessage, parseHandshakeFragments } from './handshake-message.js';
import { UNFRAGMENTED_PACKING_LIMIT, resolveLimits, type DtlsLimits, type ResolvedLimits } from './options.js';
import { Reassembler } from './reassembler.js';
import { encodeRecord, parseRecords, type DtlsRecord } from './record.js';
import type { RecordProtection } from './record-protection.js';
import { ReplayWindow } from './replay-window.js';

/**
 * A `DtlsConnection`'s state: `'handshaking'` until the handshake completes, then
 * `'connected'`; `'closed'` after a close_notify (sent or received), `'failed'` after an error.
 */
export type DtlsState = 'handshaking' | 'connected' | 'closed' | 'failed';

/** What `DtlsConnection.pollEvent()` reports, by `type`. */
export type DtlsEvent =
  /** The handshake completed. */
  | {
      /** `'connected'`. */
      readonly type: 'connected';
      /** The negotiated suite's IANA name. */
      readonly cipherSuite: string;
    }
  /** One application-data record's plaintext. */
  | {
      /** `'data'`. */
      readonly type: 'data';
      /** The plaintext. */
      readonly data: Uint8Array;
    }
  /** close_notify: `byPeer` when the peer sent it (we answered with ours). */
  | {
      /** `'closed'`. */
      readonly type: 'closed';
      /** Whether the peer closed (true) or this side did (false). */
      readonly byPeer: boolean;
    }
  /** The connection failed; the state is now `'failed'`. */
  | {
      /** `'error'`. */
      readonly type: 'error';
      /** Why, with the alert sent or received. */
      readonly error: DtlsError;
    };

/** Counters for observability and tests. */
export interface DtlsStats {
  /** Records dropped: bad MAC, replayed, wrong epoch or version, too large, over the buffer. */
  recordsDropped: number;
  /** Flights sent again (timer or duplicate). */
  retransmissions: number;
}

/** Peer-triggered retransmissions allowed for one flight (a duplicate costs the peer nothing). */
const MAX_DUPLICATE_RETRANSMITS = 8;
/** 2^48 − 1: the last record sequence number of an epoch. */
const MAX_SEQUENCE = 2 ** 48 - 1;

/**
 * A DTLS 1.2 connection as a sans-IO state machine: datagrams and the time go in
 * (`handleDatagram`, `handleTimeout`, `send`, `close`), datagrams to send, the next deadline and
 * events come out (`pollTransmit`, `pollTimeout`, `pollEvent`). It owns no socket and no timer;
 * `now` is any monotonic millisecond count the caller keeps.
 *
 * This file is the record layer (epochs, sequence numbers, AEAD, anti-replay, future-epoch
 * buffering), flights and retransmission, alerts and close_notify. The handshake messages of each
 * role live in `client-handshake.ts` and `server-handshake.ts`.
 */
export class DtlsConnection {
  /** The limits in force (the `DtlsLimits` given, with their defaults). */
  readonly limits: ResolvedLimits;
  /** Counters of dropped records and retransmissions, updated as the connection runs. */
  readonly stats: DtlsStats = { recordsDropped: 0, retransmissions: 0 };

  #state: DtlsState = 'handshaking';
  #handshake: Handshake | undefined;
  readonly #reassembler: Reassembler;
  readonly #timer: RetransmitTimer;
  readonly #transmit: Uint8Array[] = [];
  readonly #events: DtlsEvent[] = [];

  #messageSeq: number;
  readonly #writeSequence = [0, 0];
  #writeProtection: RecordProtection | undefined;
  #readEpoch = 0;
  #readProtection: RecordProtection | undefined;
  #pendingReadProtection: RecordProtection | undefined;
  #replay: ReplayWindow;
  #futureRecords: DtlsRecord[] = [];

  #flight: FlightEntry[] = [];
  #flightAnswers = -1;
  #duplicateRetransmits = 0;
  #now = 0;
  #versionFixed = false;

  /**
   * For the role classes (`DtlsClient`, `DtlsServer` helpers): `firstSendSeq` and
   * `firstReceiveSeq` are the first message_seq values of each direction; `firstRecordSequence`
   * is our first epoch-0 record number.
   */
  constructor(limits: DtlsLimits, now: number, firstSendSeq: number, firstReceiveSeq: number, firstRecordSequence = 0) {
    this.limits = resolveLimits(limits);
    this.#now = now;
    this.#messageSeq = firstSendSeq;
    this.#writeSequence[0] = firstRecordSequence;
    this.#reassembler = new Reassembler(firstReceiveSeq, this.limits.maxHandshakeMessageSize, this.limits.maxBufferedMessages);
    this.#timer = new RetransmitTimer(this.limits.handshakeTimeoutMinMs, this.limits.handshakeTimeoutMaxMs);
    this.#replay = new ReplayWindow(this.limits.replayWindow);
  }

  /** Binds the role's handshake logic and lets it send its first flight. */
  start(handshake: (host: HandshakeHost) => Handshake, begin?: (handshake: Handshake) => void): this {
    this.#handshake = handshake(this.#host());
    this.#guard(() => begin?.(this.#handshake!));
    return this;
  }

  /** The connection's state (see `DtlsState`). */
  get state(): DtlsState {
    return this.#state;
  }

  /** The negotiated suite's name once known. */
  get cipherSuite(): string | undefined {
    return this.#handshake?.cipherSuite;
  }

  // --- inputs ----------------------------------------------------------------------------

  /** One received datagram (it may hold several records). */
  handleDatagram(datagram: Uint8Array, now: number): void {
    this.#now = now;
    if (this.#state === 'closed' || this.#state === 'failed') return;
    const maxFragment = this.limits.maxRecordSize + 2048;
    const records = parseRecords(datagram, maxFragment);
    this.#guard(() => {
      for (const record of records) {
        if (this.#state === 'closed' || this.#state === 'failed') break;
        this.#handleRecord(record);
      }
    });
  }

  /** Call when `now` reached `pollTimeout()`: retransmits or fails the handshake. */
  handleTimeout(now: number): void {
    this.#now = now;
    const deadline = this.#timer.deadline;
    if (deadline === undefined || now < deadline || this.#state !== 'handshaking') return;
    if (this.#timer.expire(now) === 'give-up') {
      this.#fail(new DtlsError('handshake-timeout', AlertDescription.HANDSHAKE_FAILURE, `no answer after ${this.limits.handshakeTimeoutMaxMs} ms`), false);
      return;
    }
    this.#retransmit();
  }

  /**
   * Sends one application-data record. `ERR_UNCONFIGURED` before the handshake completed or after
   * the connection ended; `ERR_INVALID_PARAMETER` for more than `maxRecordSize` bytes (or a
   * record that would not fit the MTU).
   */
  send(data: Uint8Array): ErrorCode {
    if (this.#state !== 'connected') return ErrorCode.ERR_UNCONFIGURED;
    if (data.length > this.limits.maxRecordSize) return ErrorCode.ERR_INVALID_PARAMETER;
    const record = this.#record(ContentType.APPLICATION_DATA, 1, data);
    if (this.limits.mtu !== undefined && record.length > this.limits.mtu) return ErrorCode.ERR_INVALID_PARAMETER;
    this.#transmit.push(record);
    return ErrorCode.OK;
  }

  /** Sends close_notify (when a session exists) and ends the connection. */
  close(): void {
    if (this.#state === 'closed' || this.#state === 'failed') return;
    const wasConnected = this.#state === 'connected';
    this.#state = 'closed';
    this.#timer.stop();
    if (wasConnected || this.#writeProtection === undefined) {
      this.#sendAlert(AlertLevel.WARNING, AlertDescription.CLOSE_NOTIFY);
    }
    this.#events.push({ type: 'closed', byPeer: false });
  }

  // --- outputs ---------------------------------------------------------------------------

  /** The next datagram to send, if any. */
  pollTransmit(): Uint8Array | undefined {
    return this.#transmit.shift();
  }

  /** When to call `handleTimeout` next (absolute ms), or undefined when nothing is pending. */
  pollTimeout(): number | undefined {
    return this.#state === 'handshaking' ? this.#timer.deadline : undefined;
  }

  /** Takes the next event (connected, data, closed, error) in the order they happened; `undefined` when there is none. */
  pollEvent(): DtlsEvent | undefined {
    return this.#events.shift();
  }

  // --- record layer ----------------------------------------------------------------------

  #handleRecord(record: DtlsRecord): void {
    if (!this.#versionAcceptable(record)) return this.#drop();
    if (record.epoch === this.#readEpoch) {
      const plaintext = this.#open(record);
      if (plaintext === undefined) return this.#drop();
      this.#dispatch(record.type, plaintext, record.epoch);
    } else if (record.epoch === this.#readEpoch + 1 && this.#state === 'handshaking') {
      if (this.#futureRecords.length >= this.limits.maxBufferedRecords) return this.#drop();
      // The datagram may be reused by the caller: keep a copy.
      this.#futureRecords.push({ ...record, fragment: record.fragment.slice() });
    } else {
      this.#drop();
    }
  }

  #versionAcceptable(record: DtlsRecord): boolean {
    if (record.version === DTLS_1_2) return true;
    // Some clients put DTLS 1.0 on their first records, before the version is agreed.
    return record.version === DTLS_1_0 && record.epoch === 0 && !this.#versionFixed;
  }

  #open(record: DtlsRecord): Uint8Array | undefined {
    if (record.epoch === 0) return record.fragment;
    const protection = this.#readProtection;
    if (protection === undefined || !this.#replay.mayAccept(record.sequence)) return undefined;
    const plaintext = protection.open(record.type, record.version, record.epoch, record.sequence, record.fragment);
    if (plaintext === null || plaintext.length > this.limits.maxRecordSize) return undefined;
    this.#replay.accept(record.sequence);
    return plaintext;
  }

  #drop(): void {
    this.stats.recordsDropped++;
  }

  #dispatch(type: number, payload: Uint8Array, epoch: number): void {
    switch (type) {
      case ContentType.HANDSHAKE:
        return this.#handleHandshake(payload);
      case ContentType.CHANGE_CIPHER_SPEC:
        if (payload.length !== 1 || payload[0] !== 1) throw new DecodeError('bad ChangeCipherSpec');
        if (this.#state === 'handshaking' && epoch === 0) this.#handshake?.onChangeCipherSpec();
        return;
      case ContentType.ALERT:
        return this.#handleAlert(payload, epoch);
      case ContentType.APPLICATION_DATA:
        if (this.#state !== 'connected' || epoch === 0) return this.#drop();
        // The plaintext is a fresh array from the decipher: it can be handed over as it is.
        if (payload.length > 0) this.#events.push({ type: 'data', data: payload });
        return;
      default:
        return this.#drop();
    }
  }

  #handleHandshake(payload: Uint8Array): void {
    for (const fragment of parseHandshakeFragments(payload)) {
      if (this.#state !== 'handshaking') {
        // Renegotiation is not supported: a new handshake after the first gets a warning.
        const renegotiation = fragment.messageSeq >= this.#reassembler.nextSeq
          && (fragment.type === HandshakeType.CLIENT_HELLO || fragment.type === HandshakeType.HELLO_REQUEST);
        if (renegotiation && this.#state === 'connected') this.#sendAlert(AlertLevel.WARNING, AlertDescription.NO_RENEGOTIATION);
        else if (fragment.messageSeq === this.#flightAnswers) this.#retransmitOnDuplicate();
        continue;
      }
      const result = this.#reassembler.add(fragment);
      if (result === 'old') {
        if (fragment.messageSeq === this.#flightAnswers) this.#retransmitOnDuplicate();
      } else if (result === 'too-large') {
        throw new DtlsError('message-too-large', AlertDescription.HANDSHAKE_FAILURE,
          `handshake message of ${fragment.length} bytes (limit ${this.limits.maxHandshakeMessageSize})`);
      } else if (result === 'dropped') {
        this.#drop();
      }
      for (let message = this.#reassembler.take(); message !== undefined; message = this.#reassembler.take()) {
        if (message.type !== HandshakeType.CLIENT_HELLO && message.type !== HandshakeType.HELLO_VERIFY_REQUEST) this.#versionFixed = true;
        this.#handshake?.onMessage(message);
        if (this.#state !== 'handshaking') break;
      }
    }
  }

  #handleAlert(payload: Uint8Array, epoch: number): void {
    if (payload.length !== 2) throw new DecodeError('bad alert');
    // After the handshake, only protected alerts count: an epoch-0 alert could come from anyone.
    if (epoch < this.#readEpoch || (this.#state === 'connected' && epoch === 0)) return this.#drop();
    const [level, description] = [payload[0]!, payload[1]!];
    if (description === AlertDescription.CLOSE_NOTIFY) {
      const wasOpen = this.#state === 'connected' || this.#state === 'handshaking';
      if (!wasOpen) return;
      this.#sendAlert(AlertLevel.WARNING, AlertDescription.CLOSE_NOTIFY);
      this.#state = 'closed';
      this.#timer.stop();
      this.#events.push({ type: 'closed', byPeer: true });
      return;
    }
    if (level === AlertLevel.FATAL) {
      this.#fail(new DtlsError('peer-alert', description, `the peer sent ${alertName(description)}`), false);
    }
  }

  #record(type: number, epoch: number, plaintext: Uint8Array): Uint8Array {
    const sequence = this.#writeSequence[epoch]!;
    // A sequence number must never repeat under one key (it is the AEAD nonce).
    if (sequence >= MAX_SEQUENCE) throw new DtlsError('protocol', AlertDescription.INTERNAL_ERROR, 'record sequence numbers exhausted');
    this.#writeSequence[epoch] = sequence + 1;
    if (epoch === 0) return encodeRecord(type, DTLS_1_2, 0, sequence, plaintext);
    const protection = this.#writeProtection;
    if (protection === undefined) throw new Error('no write keys for epoch 1');
    return encodeRecord(type, DTLS_1_2, epoch, sequence, protection.seal(type, DTLS_1_2, epoch, sequence, plaintext));
  }

  #sendAlert(level: number, description: number): void {
    const epoch = this.#writeProtection !== undefined && this.#writeEpochActive ? 1 : 0;
    this.#transmit.push(this.#record(ContentType.ALERT, epoch, new Uint8Array([level, description])));
  }

  /** Whether our ChangeCipherSpec went out (our alerts are then protected). */
  #writeEpochActive = false;

  // --- flights ---------------------------------------------------------------------------

  #sendFlight(entries: FlightEntry[], awaitsReply: boolean, answers: number): void {
    this.#flight = entries;
    this.#flightAnswers = answers;
    this.#duplicateRetransmits = 0;
    this.#transmitFlight();
    if (awaitsReply) this.#timer.start(this.#now);
    else this.#timer.stop();
  }

  #retransmit(): void {
    this.stats.retransmissions++;
    this.#transmitFlight();
  }

  #retransmitOnDuplicate(): void {
    if (this.#flight.length === 0 || this.#duplicateRetransmits >= MAX_DUPLICATE_RETRANSMITS) return;
    this.#duplicateRetransmits++;
    this.#retransmit();
  }

  /** Serializes the flight into records (fragmented to the MTU) and packs them into datagrams. */
  #transmitFlight(): void {
    const mtu = this.limits.mtu;
    const limit = mtu ?? UNFRAGMENTED_PACKING_LIMIT;
    const records: Uint8Array[] = [];
    for (const entry of this.#flight) {
      if (entry.kind === 'change-cipher-spec') {
        records.push(this.#record(ContentType.CHANGE_CIPHER_SPEC, entry.epoch, new Uint8Array([1])));
        if (entry.epoch === 0) this.#writeEpochActive = true;
        continue;
      }
      const overhead = RECORD_HEADER_SIZE + HANDSHAKE_HEADER_SIZE + (entry.epoch > 0 ? (this.#writeProtection?.overhead ?? 0) : 0);
      const whole = mtu === undefined || entry.message[0] === HandshakeType.CLIENT_HELLO;
      const fragments = whole ? [entry.message] : fragmentMessage(entry.message, mtu - overhead);
      for (const fragment of fragments) records.push(this.#record(ContentType.HANDSHAKE, entry.epoch, fragment));
    }
    let datagram: Uint8Array[] = [];
    let size = 0;
    const flush = (): void => {
      if (datagram.length === 0) return;
      const out = new Uint8Array(size);
      let offset = 0;
      for (const record of datagram) {
        out.set(record, offset);
        offset += record.length;
      }
      this.#transmit.push(out);
      datagram = [];
      size = 0;
    };
    for (const record of records) {
      if (size + record.length > limit) flush();
      datagram.push(record);
      size += record.length;
    }
    flush();
  }

  // --- state -----------------------------------------------------------------------------

  #host(): HandshakeHost {
    const now = (): number => this.#now;
    return {
      get now() {
        return now();
      },
      nextMessageSeq: () => this.#messageSeq++,
      sendFlight: (entries, awaitsReply, answers) => this.#sendFlight(entries, awaitsReply, answers),
      setWriteProtection: (protection) => {
        this.#writeProtection = protection;
      },
      setPendingReadProtection: (protection) => {
        this.#pendingReadProtection = protection;
      },
      activateReadEpoch: () => this.#activateReadEpoch(),
      fail: (error) => this.#fail(error, true),
      established: () => {
        this.#state = 'connected';
        this.#futureRecords = [];
        this.#events.push({ type: 'connected', cipherSuite: this.#handshake?.cipherSuite ?? '' });
      },
    };
  }

  #activateReadEpoch(): void {
    if (this.#pendingReadProtection === undefined) throw new DtlsError('protocol', AlertDescription.UNEXPECTED_MESSAGE, 'ChangeCipherSpec before the key exchange');
    this.#readEpoch = 1;
    this.#readProtection = this.#pendingReadProtection;
    this.#pendingReadProtection = undefined;
    this.#replay = new ReplayWindow(this.limits.replayWindow);
    const buffered = this.#futureRecords;
    this.#futureRecords = [];
    // Records of epoch 1 that arrived before the ChangeCipherSpec (reordering) are read now.
    for (const record of buffered) {
      if (this.#state === 'closed' || this.#state === 'failed') break;
      this.#handleRecord(record);
    }
  }

  #fail(error: DtlsError, sendAlert: boolean): void {
    if (this.#state === 'failed' || this.#state === 'closed') return;
    if (sendAlert) this.#sendAlert(AlertLevel.FATAL, error.alert);
    this.#state = 'failed';
    this.#timer.stop();
    this.#flight = [];
    this.#futureRecords = [];
    this.#events.push({ type: 'error', error });
  }

  /** Runs handshake code; a `DtlsError` or `DecodeError` it throws fails the connection. */
  #guard(body: () => void): void {
    try {
      body();
    } catch (error) {
      if (error instanceof DtlsError) this.#fail(error, true);
      else if (error instanceof DecodeError) this.#fail(new DtlsError('protocol', AlertDescription.DECODE_ERROR, error.message), true);
      else throw error;
    }
  }
}
