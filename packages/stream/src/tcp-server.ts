import {
  Emitter, ErrorCode, GodotError, MemoryBudget, PendingConnections, checkMilliseconds, checkInt, isPort, type EventMap, type WaitOptions,
} from '@pp/core';
import { DEFAULT_LISTEN_BACKLOG, DEFAULT_MAX_PENDING_CONNECTIONS, DEFAULT_SERVER_WRITE_BUDGET, MAX_LISTEN_BACKLOG } from './limits.js';
import { TcpListener, isIPAddress, type TcpConnection } from './net-socket.js';
import { StreamPeerTCP, adoptConnection, type StreamPeerTCPOptions } from './stream-peer-tcp.js';

/**
 * Options of a `TCPServer`: its own limits, then the `StreamPeerTCP` options it applies to every
 * connection it hands out. Every field is optional.
 */
export interface TCPServerOptions extends StreamPeerTCPOptions {
  /**
   * Accepted connections waiting for `takeConnection()` (Godot's 8). A connection beyond it is
   * closed at once and counted in `refusedConnections` — where Godot leaves it to the OS backlog,
   * whose clients retry.
   * @default 8
   */
  maxPendingConnections?: number;
  /**
   * The kernel's listen backlog: connections the OS completes before they are accepted here
   * (1 … 65535; Linux caps it at `net.core.somaxconn`). Godot passes its 8 pending connections,
   * so a burst of clients overflows it and they wait seconds for SYN retries; this is Node's
   * default instead. Not a Godot property.
   * @default 511
   */
  backlog?: number;
  /**
   * Heap bytes shared by the packet queues of every connection this server hands out: a
   * `PacketPeerStream` over one of them charges its queue here (see `MemoryBudget`), so a
   * server flooded by many connections that the application does not read stays within it.
   * @default new MemoryBudget() (64 MiB)
   */
  memoryBudget?: MemoryBudget | null;
  /**
   * Bytes queued for sending by all the connections this server hands out, together: once they
   * hold it, `putData` on any of them answers `ERR_BUSY` (`putDataAsync` waits for room), so
   * clients that never read cannot make the server buffer `writeBufferMaxSize` (16 MiB) each.
   * `null`: no server-wide limit. Not a Godot setting (Godot blocks in `put_data`).
   * @default new MemoryBudget(64 MiB)
   */
  writeBudget?: MemoryBudget | null;
}

/** The events of a `TCPServer`. */
export interface TCPServerEvents extends EventMap {
  /** A connection waits to be taken with `takeConnection()`. */
  connection: [];
  /**
   * Listening failed after `listen` returned (e.g. the port is taken), or the socket failed
   * later; also kept in `lastError`.
   */
  error: [error: GodotError];
}

/**
 * Godot's `TCPServer` (`TCP_Server` in Godot 3): listens, and hands accepted connections out as
 * `StreamPeerTCP`s (already CONNECTED) through `takeConnection()`.
 */
export class TCPServer extends Emitter<TCPServerEvents> {
  #listener: TcpListener | null = null;
  readonly #pending: PendingConnections<StreamPeerTCP>;
  #lastError: GodotError | null = null;
  readonly #peerOptions: StreamPeerTCPOptions;
  /** See {@link TCPServerOptions.backlog}. */
  readonly backlog: number;

  /** @throws {GodotError} `ERR_INVALID_PARAMETER` for a bad option. */
  constructor(options: TCPServerOptions = {}) {
    super();
    const { maxPendingConnections = DEFAULT_MAX_PENDING_CONNECTIONS, backlog = DEFAULT_LISTEN_BACKLOG, ...peerOptions } = options;
    this.backlog = checkInt('backlog', backlog, { min: 1, max: MAX_LISTEN_BACKLOG });
    this.#pending = new PendingConnections(maxPendingConnections);
    // Checked now: the connections that use it are made later.
    if (peerOptions.idleTimeoutMs !== undefined) checkMilliseconds('idleTimeoutMs', peerOptions.idleTimeoutMs);
    this.#peerOptions = {
      ...peerOptions,
      memoryBudget: options.memoryBudget === undefined ? new MemoryBudget() : options.memoryBudget,
      writeBudget: options.writeBudget === undefined ? new MemoryBudget(DEFAULT_SERVER_WRITE_BUDGET) : options.writeBudget,
    };
  }

  /** The budget shared by the write buffers of this server's connections (see {@link TCPServerOptions.writeBudget}). */
  get writeBudget(): MemoryBudget | null {
    return this.#peerOptions.writeBudget ?? null;
  }

  /** The budget shared by the packet queues of this server's connections (see {@link TCPServerOptions.memoryBudget}). */
  get memoryBudget(): MemoryBudget | null {
    return this.#peerOptions.memoryBudget ?? null;
  }

  /** See {@link TCPServerOptions.maxPendingConnections}. */
  get maxPendingConnections(): number {
    return this.#pending.max;
  }

  /** The error the `error` event reported last, `null` while none did (listening again clears it). */
  get lastError(): GodotError | null {
    return this.#lastError;
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
    if (!isPort(port, true)) return ErrorCode.ERR_INVALID_PARAMETER;
    if (bindAddress !== '*' && !isIPAddress(bindAddress)) return ErrorCode.ERR_INVALID_PARAMETER;
    const listener: TcpListener = new TcpListener(
      {
        host: bindAddress === '*' ? undefined : bindAddress,
        port,
        ipv6Only: bindAddress === '::',
        backlog: this.backlog,
      },
      {
        onConnection: (connection) => this.#accept(connection),
        onError: (error) => {
          const failedToListen = !listener.listening;
          if (failedToListen && this.#listener === listener) this.stop();
          this.#lastError = new GodotError(
            failedToListen ? ErrorCode.ERR_ALREADY_IN_USE : ErrorCode.FAILED,
            `${failedToListen ? `Could not listen on ${bindAddress} port ${port}` : 'TCP server error'}: ${error.message}`,
            { cause: error },
          );
          this.emit('error', this.#lastError);
        },
      },
    );
    if (listener.failedAtOnce) {
      listener.close();
      return ErrorCode.ERR_ALREADY_IN_USE;
    }
    this.#listener = listener;
    this.#lastError = null;
    this.#pending.open();
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
    return this.#pending.available;
  }

  /** The oldest waiting connection (status CONNECTED), or `null`. */
  takeConnection(): StreamPeerTCP | null {
    return this.#pending.take();
  }

  /**
   * Resolves with the next connection (at once if one waits); rejects with `ERR_TIMEOUT` after
   * `timeoutMs`, the signal's reason, or `ERR_UNCONFIGURED` when the server stops.
   */
  accept(options: WaitOptions = {}): Promise<StreamPeerTCP> {
    return this.#pending.accept(options);
  }

  /** Connections waiting to be taken with `takeConnection()`. */
  get pendingConnectionCount(): number {
    return this.#pending.count;
  }

  /** Connections closed at once because `maxPendingConnections` were already waiting. */
  get refusedConnections(): number {
    return this.#pending.refused;
  }

  /** Stops listening and closes the connections not taken yet; taken ones stay open. */
  stop(): void {
    const listener = this.#listener;
    if (listener === null) return;
    this.#listener = null;
    listener.close();
    for (const peer of this.#pending.stop()) peer.disconnectFromHost();
  }

  #accept(connection: TcpConnection): void {
    const peer = this.#pending.offer(() => new StreamPeerTCP(this.#peerOptions));
    if (peer === null) {
      connection.destroy();
      return;
    }
    peer[adoptConnection](connection);
    // A connection that ends before it is taken frees its place.
    peer.once('close', () => this.#pending.remove(peer));
    this.emit('connection');
  }
}
