/**
 * How a WebSocket connection ended, as `WebSocketPeer` reports it: the close code and reason
 * that `getCloseCode()`/`getCloseReason()` return, the error the `error` event carries (if it
 * failed), and why `waitForOpen()` rejects (if it never opened). One value, built where the end
 * is noticed — the socket closed, the handshake or a heartbeat timed out, the peer was closed
 * while connecting — and read once by the peer.
 */
import { ErrorCode, GodotError } from '@pp/core';
import { CloseCode } from './constants.js';
import type { SocketFailure } from './platform-socket.js';

/** Godot's close reason for a connection it failed itself (`modules/websocket/wsl_peer.cpp`). */
export function localCloseReason(code: number): string {
  switch (code) {
    case CloseCode.MESSAGE_TOO_BIG:
      return 'Message too big';
    case CloseCode.PROTOCOL_ERROR:
      return 'Protocol error';
    case CloseCode.ABNORMAL:
      return 'Abnormal closure';
    case CloseCode.INVALID_PAYLOAD:
      return 'Invalid frame payload data';
    default:
      return 'Unknown';
  }
}

/** What the connection was when it ended. */
export interface ConnectionState {
  /** The handshake had finished. */
  readonly opened: boolean;
  /** The server side of an accepted connection (else a client). */
  readonly accepted: boolean;
}

export class CloseOutcome {
  /** The code `getCloseCode()` reports: the remote Close frame's, the one this side sent on a violation, or -1. */
  readonly code: number;
  /** The reason `getCloseReason()` reports. */
  readonly reason: string;
  readonly #failure: SocketFailure | undefined;
  readonly #errorCode: ErrorCode | undefined;
  /** Why `waitForOpen()` rejects when there is no failure (a local close while connecting). */
  readonly #localClose: string | undefined;

  private constructor(code: number, reason: string, failure?: SocketFailure, errorCode?: ErrorCode, localClose?: string) {
    if (failure?.sentCode !== undefined && code === -1) {
      this.code = failure.sentCode;
      this.reason = localCloseReason(failure.sentCode);
    } else {
      this.code = code;
      // Read up to the first NUL, as Godot does: Godot 3.2.3 ends its reasons with one.
      const nul = reason.indexOf('\0');
      this.reason = nul === -1 ? reason : reason.slice(0, nul);
    }
    this.#failure = failure;
    this.#errorCode = errorCode;
    this.#localClose = localClose;
  }

  /** The socket closed: the remote's Close `code` and `reason` (-1 and '' without one), and what failed. */
  static closed(code: number, reason: string, failure?: SocketFailure): CloseOutcome {
    return new CloseOutcome(code, reason, failure);
  }

  /** This side gave up on the connection (a timeout, a socket that could not start): no Close frame. */
  static failed(message: string, errorCode?: ErrorCode, cause?: unknown): CloseOutcome {
    return new CloseOutcome(-1, '', cause === undefined ? { message } : { message, cause }, errorCode);
  }

  /** The application closed the connection while it was being made. */
  static closedLocally(message: string): CloseOutcome {
    return new CloseOutcome(-1, '', undefined, undefined, message);
  }

  /**
   * The error the `error` event reports: `ERR_CANT_CONNECT` for a client that never connected,
   * `ERR_CONNECTION_ERROR` for a broken connection (or the code given to {@link failed});
   * `undefined` for a clean close.
   */
  error(state: ConnectionState): GodotError | undefined {
    const failure = this.#failure;
    if (failure === undefined) return undefined;
    const fallback = state.opened || state.accepted ? ErrorCode.ERR_CONNECTION_ERROR : ErrorCode.ERR_CANT_CONNECT;
    return new GodotError(this.#errorCode ?? fallback, failure.message, { cause: failure.cause });
  }

  /** Why `waitForOpen()` rejects: `error`, or a connection that closed before it opened. `undefined` once opened. */
  openError(state: ConnectionState, error: GodotError | null): GodotError | undefined {
    if (state.opened) return undefined;
    return error ?? new GodotError(
      state.accepted ? ErrorCode.ERR_CONNECTION_ERROR : ErrorCode.ERR_CANT_CONNECT,
      this.#localClose ?? 'The connection closed during the handshake',
    );
  }
}
