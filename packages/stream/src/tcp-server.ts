/**
 * Godot's `TCPServer` (`TCP_Server` in Godot 3): listens, and hands accepted connections out as
 * `StreamPeerTCP`s (already CONNECTED) through `takeConnection()`.
 */
import {
  Emitter, ErrorCode, GodotError, WaiterList, type EventMap, type WaitOptions,
} from '@pp/core';
import { DEFAULT_MAX_PENDING_CONNECTIONS } from './limits.js';
import { TcpListener, isIPAddress, type TcpConnection } from './net-socket.js';
import { StreamPeerTCP, adoptConnection, type StreamPeerTCPOptions } from './stream-peer-tcp.js';

export interface TCPServerOptions extends StreamPeerTCPOptions {
  /**
   * Accepted connections waiting for `takeConnection()` (also the OS listen backlog, Godot's 8).
   * A connection beyond it is closed at once and counted in `refusedConnections` — where Godot
   * leaves it to the OS backlog, whose clients retry.
   * @default 8
   */
  maxPendingConnections?: number;
}

export interface TCPServerEvents extends EventMap {
  /** A connection waits to be taken with `takeConnection()`. */
  connection: [];
  /** Listening failed after `listen` returned (e.g. the port is taken), or the socket failed later. */
  error: [error: GodotError];
}

export class TCPServer extends Emitter<TCPServerEvents> {
  /** See {@link TCPServerOptions.maxPendingConnections}. */
  readonly maxPendingConnections: number;
  #listener: TcpListener | null = null;
  #pending: StreamPeerTCP[] = [];
  readonly #waiters = new WaiterList('a connection');
  #refused = 0;
  readonly #peerOptions: StreamPeerTCPOptions;

  constructor(options: TCPServerOptions = {}) {
    super();
    const { maxPendingConnections = DEFAULT_MAX_PENDING_CONNECTIONS, ...peerOptions } = options;
    if (!Number.isInteger(maxPendingConnections) || maxPendingConnections < 0) {
      throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `maxPendingConnections must be an integer ≥ 0, got ${maxPendingConnections}`);
    }
    this.maxPendingConnections = maxPendingConnections;
    this.#peerOptions = peerOptions;
  }

  /**
   * Listens on `port` (0 = any free port) and `bindAddress` (`'*'` = every IPv4 and IPv6
   * address, `'0.0.0.0'` / `'::'` = every address of one family, or one IP). Returns at once:
   * with `'*'` Node binds before returning, so a taken port gives `ERR_ALREADY_IN_USE` here;
   * with an IP address the bind completes on the event loop, and a failure comes as an `error`
   * event (`isListening()` then turns false). {@link listenAsync} waits for the outcome.
   *
   * @returns `OK`; `ERR_ALREADY_IN_USE` when already listening or the port is taken;
   *   `ERR_INVALID_PARAMETER` for a bad port or address.
   */
  listen(port: number, bindAddress = '*'): ErrorCode {
    if (this.#listener !== null) return ErrorCode.ERR_ALREADY_IN_USE;
    if (!Number.isInteger(port) || port < 0 || port > 65535) return ErrorCode.ERR_INVALID_PARAMETER;
    if (bindAddress !== '*' && !isIPAddress(bindAddress)) return ErrorCode.ERR_INVALID_PARAMETER;
    const listener: TcpListener = new TcpListener(
      {
        host: bindAddress === '*' ? undefined : bindAddress,
        port,
        ipv6Only: bindAddress === '::',
        backlog: this.maxPendingConnections,
      },
      {
        onConnection: (connection) => this.#accept(connection),
        onError: (error) => {
          const failedToListen = !listener.listening;
          if (failedToListen && this.#listener === listener) this.stop();
          this.emit('error', new GodotError(
            failedToListen ? ErrorCode.ERR_ALREADY_IN_USE : ErrorCode.FAILED,
            `${failedToListen ? `Could not listen on ${bindAddress} port ${port}` : 'TCP server error'}: ${error.message}`,
            { cause: error },
          ));
        },
      },
    );
    if (listener.failedAtOnce) {
      listener.close();
      return ErrorCode.ERR_ALREADY_IN_USE;
    }
    this.#listener = listener;
    return ErrorCode.OK;
  }

  /** {@link listen}, resolving once listening; rejects with a `GodotError` carrying the code. */
  async listenAsync(port: number, bindAddress = '*'): Promise<void> {
    const code = this.listen(port, bindAddress);
    if (code !== ErrorCode.OK) throw new GodotError(code, `Cannot listen on ${bindAddress} port ${port}`);
    const listener = this.#listener as TcpListener;
    try {
      await listener.whenListening();
    } catch (error) {
      throw new GodotError(ErrorCode.ERR_ALREADY_IN_USE, `Cannot listen on ${bindAddress} port ${port}: ${(error as Error).message}`, { cause: error });
    }
    if (this.#listener !== listener) throw new GodotError(ErrorCode.ERR_UNCONFIGURED, 'The server stopped');
  }

  /** Whether `listen` succeeded and `stop` was not called (false again once a late bind failure is known). */
  isListening(): boolean {
    return this.#listener !== null;
  }

  /** The bound port, 0 until bound or when not listening. */
  getLocalPort(): number {
    return this.#listener?.localPort() ?? 0;
  }

  /** Whether a connection waits to be taken. */
  isConnectionAvailable(): boolean {
    return this.#listener !== null && this.#pending.length > 0;
  }

  /** The oldest waiting connection (status CONNECTED), or `null`. */
  takeConnection(): StreamPeerTCP | null {
    if (this.#listener === null) return null;
    return this.#pending.shift() ?? null;
  }

  /**
   * Resolves with the next connection (at once if one waits); rejects with `ERR_TIMEOUT` after
   * `timeoutMs`, the signal's reason, or `ERR_UNCONFIGURED` when the server stops.
   */
  async accept(options: WaitOptions = {}): Promise<StreamPeerTCP> {
    while (!this.isConnectionAvailable()) {
      if (this.#listener === null) throw new GodotError(ErrorCode.ERR_UNCONFIGURED, 'The server is not listening');
      await this.#waiters.wait(options);
    }
    return this.takeConnection() as StreamPeerTCP;
  }

  /** Connections waiting to be taken with `takeConnection()`. */
  get pendingConnectionCount(): number {
    return this.#pending.length;
  }

  /** Connections closed at once because `maxPendingConnections` were already waiting. */
  get refusedConnections(): number {
    return this.#refused;
  }

  /** Stops listening and closes the connections not taken yet; taken ones stay open. */
  stop(): void {
    const listener = this.#listener;
    if (listener === null) return;
    this.#listener = null;
    listener.close();
    const pending = this.#pending;
    this.#pending = [];
    for (const peer of pending) peer.disconnectFromHost();
    this.#waiters.fail(new GodotError(ErrorCode.ERR_UNCONFIGURED, 'The server stopped'));
  }

  #accept(connection: TcpConnection): void {
    if (this.#pending.length >= this.maxPendingConnections) {
      this.#refused++;
      connection.destroy();
      return;
    }
    const peer = new StreamPeerTCP(this.#peerOptions);
    peer[adoptConnection](connection);
    // A connection that ends before it is taken frees its place.
    peer.once('close', () => {
      const at = this.#pending.indexOf(peer);
      if (at !== -1) this.#pending.splice(at, 1);
    });
    this.#pending.push(peer);
    this.#waiters.wake();
    this.emit('connection');
  }
}
