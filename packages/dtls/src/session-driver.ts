/**
 * Binds one engine (`DtlsConnection`) to a way of sending datagrams and to the core `Clock`:
 * the engine's datagrams are sent, its events handed to the owner, and a timer follows its next
 * deadline. Shared by `PacketPeerDTLS` (over a `PacketPeerUDP`) and `DtlsEndpoint` (over any
 * `DatagramEndpoint`, for ENet).
 */
import { ErrorCode, type Clock, type TimerHandle } from '@pp/core';
import type { DtlsConnection } from './engine/connection.js';
import type { DtlsError } from './engine/dtls-error.js';

export interface SessionHandlers {
  connected(cipherSuite: string): void;
  data(data: Uint8Array): void;
  /** close_notify (sent or received): the session is over. */
  closed(): void;
  failed(error: DtlsError): void;
}

export class DtlsSessionDriver {
  readonly engine: DtlsConnection;
  readonly #send: (datagram: Uint8Array) => void;
  readonly #clock: Clock;
  readonly #handlers: SessionHandlers;
  #timer: TimerHandle | undefined;
  #timerAt: number | undefined;
  #done = false;

  constructor(engine: DtlsConnection, send: (datagram: Uint8Array) => void, clock: Clock, handlers: SessionHandlers) {
    this.engine = engine;
    this.#send = send;
    this.#clock = clock;
    this.#handlers = handlers;
    this.pump();
  }

  /** Whether the session ended (closed or failed). */
  get done(): boolean {
    return this.#done;
  }

  receive(datagram: Uint8Array): void {
    if (this.#done) return;
    this.engine.handleDatagram(datagram, this.#clock.now());
    this.pump();
  }

  /** One application record; see `DtlsConnection.send`. */
  send(data: Uint8Array): ErrorCode {
    if (this.#done) return ErrorCode.ERR_UNCONFIGURED;
    const code = this.engine.send(data);
    this.pump();
    return code;
  }

  /** Handles due timeouts now (Godot-style `poll`). */
  poll(): void {
    if (this.#done) return;
    this.engine.handleTimeout(this.#clock.now());
    this.pump();
  }

  /** close_notify, then the session ends. */
  close(): void {
    if (this.#done) return;
    this.engine.close();
    this.pump();
  }

  /** Stops without a word to the peer (the owner is going away). */
  stop(): void {
    this.#done = true;
    this.#schedule(undefined);
  }

  /** Sends what the engine wrote, hands its events over and follows its deadline. */
  pump(): void {
    const engine = this.engine;
    for (let datagram = engine.pollTransmit(); datagram !== undefined; datagram = engine.pollTransmit()) this.#send(datagram);
    for (let event = engine.pollEvent(); event !== undefined && !this.#done; event = engine.pollEvent()) {
      switch (event.type) {
        case 'connected':
          this.#handlers.connected(event.cipherSuite);
          break;
        case 'data':
          this.#handlers.data(event.data);
          break;
        case 'closed':
          this.stop();
          this.#handlers.closed();
          break;
        case 'error':
          this.stop();
          this.#handlers.failed(event.error);
          break;
      }
    }
    // Whatever the engine still had to say when it ended (an alert, close_notify) goes out too.
    for (let datagram = engine.pollTransmit(); datagram !== undefined; datagram = engine.pollTransmit()) this.#send(datagram);
    if (!this.#done) this.#schedule(engine.pollTimeout());
  }

  #schedule(deadline: number | undefined): void {
    if (deadline === this.#timerAt) return;
    this.#clock.cancel(this.#timer);
    this.#timer = undefined;
    this.#timerAt = deadline;
    if (deadline === undefined) return;
    this.#timer = this.#clock.schedule(Math.max(0, deadline - this.#clock.now()), () => {
      this.#timer = undefined;
      this.#timerAt = undefined;
      this.poll();
    });
  }
}
