/**
 * One WebSocket connection attempt of a `WebSocketPeer`, from the start of its handshake to its
 * end: the platform socket, the handshake timeout, the heartbeat, and the one `CloseOutcome` it
 * ends with. A peer makes a new one for every connection; the events of one it has given up on
 * (`abandon`) are never delivered, so nothing from an old connection reaches a new one.
 */
import { ErrorCode, type Clock, type TimerHandle } from '@pp/core';
import { CloseOutcome, type ConnectionState } from './close-outcome.js';
import { Heartbeat } from './heartbeat.js';
import type { OpenInfo, PlatformSocket, SocketFailure, SocketHandlers } from './platform-socket.js';

/**
 * What a connection reports to its peer, `owner` (only while it is the peer's current one). One
 * object serves every connection of a kind of peer: a server holds thousands of connections, and
 * closures per connection would cost each of them their bytes.
 */
export interface ConnectionEvents<Owner> {
  open(owner: Owner, conn: WebSocketConnection<Owner>, info: OpenInfo): void;
  message(owner: Owner, data: Uint8Array, isText: boolean): void;
  drain(owner: Owner): void;
  /** The connection is over (once). */
  end(owner: Owner, conn: WebSocketConnection<Owner>, outcome: CloseOutcome): void;
}

export class WebSocketConnection<Owner = unknown> implements ConnectionState, SocketHandlers {
  /** The platform socket, once started. */
  socket: PlatformSocket | undefined;
  opened = false;
  readonly accepted: boolean;
  readonly #clock: Clock;
  readonly #owner: Owner;
  readonly #events: ConnectionEvents<Owner>;
  #live = true;
  #handshakeTimer: TimerHandle | undefined;
  #heartbeat: Heartbeat | undefined;

  constructor(clock: Clock, accepted: boolean, owner: Owner, events: ConnectionEvents<Owner>) {
    this.#clock = clock;
    this.accepted = accepted;
    this.#owner = owner;
    this.#events = events;
  }

  /** Whether it is still running (not ended nor abandoned). */
  get live(): boolean {
    return this.#live;
  }

  /**
   * Starts the handshake: `start` gets the socket's handlers (this connection) and returns the
   * socket. Fails the connection after `handshakeTimeoutMs`, or at once (`FAILED`) when `start`
   * throws.
   */
  start(start: (handlers: SocketHandlers) => PlatformSocket, handshakeTimeoutMs: number): ErrorCode {
    this.#handshakeTimer = this.#clock.schedule(handshakeTimeoutMs, () => {
      this.fail(CloseOutcome.failed(`WebSocket handshake timed out after ${handshakeTimeoutMs / 1000} s`, ErrorCode.ERR_TIMEOUT));
    });
    try {
      this.socket = start(this);
    } catch (error) {
      this.end(CloseOutcome.failed(error instanceof Error ? error.message : String(error), undefined, error));
      return ErrorCode.FAILED;
    }
    return ErrorCode.OK;
  }

  // --- SocketHandlers: what the socket reports (methods, so that a connection costs no closures)

  open(info: OpenInfo): void {
    if (!this.#live) return;
    this.#clock.cancel(this.#handshakeTimer);
    // A cancelled timer still holds its callback: an idle server holds thousands of connections.
    this.#handshakeTimer = undefined;
    this.opened = true;
    this.#events.open(this.#owner, this, info);
  }

  message(data: Uint8Array, isText: boolean): void {
    if (this.#live) this.#events.message(this.#owner, data, isText);
  }

  pong(): void {
    this.#heartbeat?.pong();
  }

  drain(): void {
    if (this.#live) this.#events.drain(this.#owner);
  }

  closed(code: number, reason: string, failure?: SocketFailure): void {
    this.end(CloseOutcome.closed(code, reason, failure));
  }

  /** (Re)starts the heartbeat every `intervalMs` (0 stops it); a Ping left unanswered fails the connection. */
  startHeartbeat(intervalMs: number): void {
    const socket = this.socket;
    if (!this.#live || socket === undefined || !socket.canPing) return;
    if (intervalMs === 0 && this.#heartbeat === undefined) return;
    (this.#heartbeat ??= new Heartbeat(this.#clock)).start(intervalMs, () => socket.ping(), () => {
      this.fail(CloseOutcome.failed(`No answer to a heartbeat Ping within ${intervalMs / 1000} s`));
    });
  }

  /** Stops the heartbeat (the closing handshake started). */
  stopHeartbeat(): void {
    this.#heartbeat?.stop();
  }

  /** Drops the socket at once and ends with `outcome`. */
  fail(outcome: CloseOutcome): void {
    if (!this.#live) return;
    this.socket?.terminate();
    this.end(outcome);
  }

  /** The connection is over: timers stop and the peer hears `outcome` (once). */
  end(outcome: CloseOutcome): void {
    if (!this.#live) return;
    this.#stop();
    this.#events.end(this.#owner, this, outcome);
  }

  /** The peer moves on: the socket is dropped and nothing more is reported. */
  abandon(): void {
    if (!this.#live) return;
    this.#stop();
    this.socket?.terminate();
  }

  #stop(): void {
    this.#live = false;
    this.#clock.cancel(this.#handshakeTimer);
    this.#heartbeat?.stop();
  }
}
