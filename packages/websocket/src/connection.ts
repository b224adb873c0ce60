/**
 * One WebSocket connection attempt of a `WebSocketPeer`, from the start of its handshake to its
 * end: the handshake timeout, the heartbeat, and the one `CloseOutcome` it ends with. Each
 * platform's socket (`WsSocket` on `ws`, `NativeSocket` in browsers) extends it, so that a
 * connection is one object, not a socket and a connection pointing at each other (an idle
 * server holds thousands). A peer makes a new one for every connection; the events of one it has
 * given up on (`abandon`) are never delivered, so nothing from an old connection reaches a new one.
 */
import { ErrorCode, type Clock, type TimerHandle } from '@pp/core';
import { CloseOutcome, type ConnectionState } from './close-outcome.js';
import { Heartbeat } from './heartbeat.js';
import type { OpenInfo, PlatformSocket, SocketFailure, SocketHandlers } from './platform-socket.js';

/**
 * What a connection reports to its peer, `owner` (only while it is the peer's current one), and
 * the one thing it asks it: its clock (asked, not kept). One object serves every connection of
 * a kind of peer: a server holds thousands of connections, and closures or fields per
 * connection would cost each of them their bytes.
 */
export interface ConnectionEvents<Owner> {
  clockOf(owner: Owner): Clock;
  open(owner: Owner, conn: WebSocketConnection<Owner>, info: OpenInfo): void;
  message(owner: Owner, data: Uint8Array, isText: boolean): void;
  oversized(owner: Owner): void;
  drain(owner: Owner): void;
  /** The connection is over (once). */
  end(owner: Owner, conn: WebSocketConnection<Owner>, outcome: CloseOutcome): void;
}

/** What a peer gives the connection it makes: whom to report to. */
export interface ConnectionLink<Owner> {
  readonly owner: Owner;
  readonly events: ConnectionEvents<Owner>;
}

/**
 * The platform-independent half of a connection. A platform's socket extends it, implements
 * `PlatformSocket`, and reports what happens on the network by calling the `SocketHandlers`
 * methods on itself.
 */
export abstract class WebSocketConnection<Owner = unknown> implements ConnectionState, SocketHandlers, PlatformSocket {
  opened = false;
  /** The server side of an accepted connection (else a client). */
  abstract readonly accepted: boolean;
  readonly #owner: Owner;
  readonly #events: ConnectionEvents<Owner>;
  #live = true;
  #handshakeTimer: TimerHandle | undefined;
  #heartbeat: Heartbeat | undefined;

  constructor(link: ConnectionLink<Owner>) {
    this.#owner = link.owner;
    this.#events = link.events;
  }

  /** Whether it is still running (not ended nor abandoned). */
  get live(): boolean {
    return this.#live;
  }

  /** The peer's clock. */
  protected get _clock(): Clock {
    return this.#events.clockOf(this.#owner);
  }

  /**
   * Starts the handshake with `begin` (the platform's: it opens or accepts the socket). Fails
   * the connection after `handshakeTimeoutMs`, or at once (`FAILED`) when `begin` throws.
   */
  start(begin: () => void, handshakeTimeoutMs: number): ErrorCode {
    this.#handshakeTimer = this._clock.schedule(handshakeTimeoutMs, () => {
      this.fail(CloseOutcome.failed(`WebSocket handshake timed out after ${handshakeTimeoutMs / 1000} s`, ErrorCode.ERR_TIMEOUT));
    });
    try {
      begin();
    } catch (error) {
      this.end(CloseOutcome.failed(error instanceof Error ? error.message : String(error), undefined, error));
      return ErrorCode.FAILED;
    }
    return ErrorCode.OK;
  }

  // --- PlatformSocket: what each platform implements

  abstract readonly bufferedAmount: number;
  abstract readonly queuedMessages: number;
  abstract readonly remoteClosing: boolean;
  abstract readonly canPing: boolean;
  abstract readonly canPause: boolean;
  abstract send(data: Uint8Array, isText: boolean, owned: boolean): void;
  abstract ping(): void;
  abstract close(code: number, reason: string): void;
  abstract terminate(): void;
  abstract pause(): void;
  abstract resume(): void;
  abstract setNoDelay(enabled: boolean): boolean;

  // --- SocketHandlers: what the platform's socket reports (methods, so that a connection costs no closures)

  open(info: OpenInfo): void {
    if (!this.#live) return;
    this._clock.cancel(this.#handshakeTimer);
    // A cancelled timer still holds its callback: an idle server holds thousands of connections.
    this.#handshakeTimer = undefined;
    this.opened = true;
    this.#events.open(this.#owner, this, info);
  }

  message(data: Uint8Array, isText: boolean): void {
    if (this.#live) this.#events.message(this.#owner, data, isText);
  }

  oversized(): void {
    if (this.#live) this.#events.oversized(this.#owner);
  }

  pong(): void {
    this.#heartbeat?.pong();
  }

  drain(): void {
    if (this.#live) this.#events.drain(this.#owner);
  }

  closed(code: number, reason: string, failure?: SocketFailure): void {
    if (this.#live) this.end(CloseOutcome.closed(code, reason, failure));
  }

  // --- what the peer asks

  /** (Re)starts the heartbeat every `intervalMs` (0 stops it); a Ping left unanswered fails the connection. */
  startHeartbeat(intervalMs: number): void {
    if (!this.#live || !this.canPing) return;
    if (intervalMs === 0 && this.#heartbeat === undefined) return;
    (this.#heartbeat ??= new Heartbeat(this._clock)).start(intervalMs, () => this.ping(), () => {
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
    this.terminate();
    this.end(outcome);
  }

  // No private methods in this class and its subclasses: V8 gives each instance of a class with
  // one a brand field, and an idle server holds thousands of connections.

  /** The connection is over: timers stop and the peer hears `outcome` (once). */
  end(outcome: CloseOutcome): void {
    if (!this.#live) return;
    this.#live = false;
    this._clock.cancel(this.#handshakeTimer);
    this.#heartbeat?.stop();
    this.#events.end(this.#owner, this, outcome);
  }

  /** The peer moves on: the socket is dropped and nothing more is reported. */
  abandon(): void {
    if (!this.#live) return;
    this.#live = false;
    this._clock.cancel(this.#handshakeTimer);
    this.#heartbeat?.stop();
    this.terminate();
  }
}
