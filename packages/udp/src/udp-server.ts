import {
  DatagramDemux, Emitter, ErrorCode, GodotError, MemoryBudget, PendingConnections, checkMilliseconds, isPort, type DatagramEndpoint,
  type DatagramLink, type EventMap, type WaitOptions,
} from '@pp/core';
import { bindFamily, type SocketFamily } from './address.js';
import { DatagramSocket, bindSocket } from './dgram-socket.js';
import { DEFAULT_MAX_PENDING_CONNECTIONS } from './limits.js';
import { PacketPeerUDP, type PacketPeerUDPOptions } from './packet-peer-udp.js';
import { attachToServer, detachFromServer } from './server-link.js';

export interface UDPServerOptions extends PacketPeerUDPOptions {
  /**
   * Most senders waiting to be taken with `takeConnection()`; datagrams from further new senders
   * are dropped. 0 refuses every new sender.
   * @default 16
   */
  maxPendingConnections?: number;
  /**
   * Heap bytes shared by the receive queues of every peer this server hands out (see
   * `MemoryBudget`): datagrams that do not fit are dropped, as by a full queue.
   * @default new MemoryBudget() (64 MiB)
   */
  memoryBudget?: MemoryBudget | null;
}

/** The events of a `UDPServer`. */
export interface UDPServerEvents extends EventMap {
  /** A new sender is waiting to be taken with `takeConnection()`. */
  connection: [];
  /** The server socket failed after `listen` returned; also kept in `lastError`. */
  error: [error: GodotError];
}

/**
 * Godot's `UDPServer`: "accepting connections" over one datagram endpoint. Every datagram is
 * routed by its sender address (core's `DatagramDemux`): to the peer already taken or pending for
 * that address, or, while fewer than `maxPendingConnections` are pending, to a new pending peer
 * (core's `PendingConnections`); otherwise it is dropped (that is how new connections are
 * refused). `takeConnection()` hands out the oldest pending peer.
 */
export class UDPServer extends Emitter<UDPServerEvents> {
  #demux: DatagramDemux | null = null;
  readonly #pending: PendingConnections<PacketPeerUDP>;
  #unreported: GodotError | null = null;
  #lastError: GodotError | null = null;
  #failure = '';
  readonly #peerOptions: PacketPeerUDPOptions;

  /** @throws {GodotError} `ERR_INVALID_PARAMETER` for a bad option. */
  constructor(options: UDPServerOptions = {}) {
    super();
    const { maxPendingConnections = DEFAULT_MAX_PENDING_CONNECTIONS, ...peerOptions } = options;
    this.#pending = new PendingConnections(maxPendingConnections);
    // Checked now: the peers that use it are made later.
    if (peerOptions.idleTimeoutMs !== undefined) checkMilliseconds('idleTimeoutMs', peerOptions.idleTimeoutMs);
    this.#peerOptions = { ...peerOptions, memoryBudget: options.memoryBudget === undefined ? new MemoryBudget() : options.memoryBudget };
  }

  /** The budget shared by the receive queues of this server's peers (see {@link UDPServerOptions.memoryBudget}). */
  get memoryBudget(): MemoryBudget | null {
    return this.#peerOptions.memoryBudget ?? null;
  }

  /**
   * Opens the server socket (with `SO_REUSEADDR`, as Godot) on `port` (0 = any free port) and
   * `bindAddress` (`'*'` = every IPv4 and IPv6 address). Completes before it returns.
   *
   * @returns `OK`; `ERR_ALREADY_IN_USE` when already listening; `ERR_INVALID_PARAMETER` for a
   *   bad port or address; `ERR_UNAVAILABLE` when the OS refuses the bind.
   */
  listen(port: number, bindAddress = '*'): ErrorCode {
    if (this.#demux !== null) return this.#fail(ErrorCode.ERR_ALREADY_IN_USE, 'Already listening');
    const family = bindFamily(bindAddress);
    if (family === undefined) return this.#fail(ErrorCode.ERR_INVALID_PARAMETER, `Invalid bind address ${JSON.stringify(bindAddress)}`);
    if (!isPort(port, true)) {
      return this.#fail(ErrorCode.ERR_INVALID_PARAMETER, `The local port number must be between 0 and 65535, got ${port}`);
    }
    const socket = bindSocket((kind) => this.#createSocket(kind), family, bindAddress, port);
    if (!(socket instanceof DatagramSocket)) {
      return this.#fail(ErrorCode.ERR_UNAVAILABLE, `Failed to bind ${bindAddress} port ${port}: ${socket.message}`);
    }
    socket.reportSendErrors = this.listenerCount('error') > 0;
    return this.listenOn(socket);
  }

  /**
   * Serves on an endpoint you made instead of a UDP socket: core's `MemoryNetwork` in tests, or
   * any other `DatagramEndpoint`. The server owns it from now on (`stop()` closes it).
   *
   * @returns `OK`; `ERR_ALREADY_IN_USE` when already listening; `ERR_UNAVAILABLE` for a closed endpoint.
   */
  listenOn(endpoint: DatagramEndpoint): ErrorCode {
    if (this.#demux !== null) return this.#fail(ErrorCode.ERR_ALREADY_IN_USE, 'Already listening');
    if (endpoint.closed) return this.#fail(ErrorCode.ERR_UNAVAILABLE, 'The endpoint is closed');
    endpoint.onError = (error) => {
      const cause = error.cause instanceof Error ? error.cause : error;
      this.#lastError = this.#unreported = new GodotError(ErrorCode.FAILED, `UDP server socket error: ${cause.message}`, { cause });
      this.emit('error', this.#lastError);
    };
    this.#demux = new DatagramDemux(endpoint, (link, data) => this.#newSender(link, data));
    this.#unreported = null;
    this.#lastError = null;
    this.#pending.open();
    return ErrorCode.OK;
  }

  /** {@link listen} that rejects with a `GodotError` instead of returning an error code. */
  async listenAsync(port: number, bindAddress = '*'): Promise<void> {
    const code = this.listen(port, bindAddress);
    if (code !== ErrorCode.OK) throw new GodotError(code, this.#failure);
  }

  /**
   * Godot's `poll()`. Datagrams are routed to their peers as they arrive, so there is nothing to
   * read here; it reports the server's state.
   *
   * @returns `OK`; `ERR_UNCONFIGURED` when not listening; `FAILED` once after a socket error.
   */
  poll(): ErrorCode {
    if (this.#demux === null) return ErrorCode.ERR_UNCONFIGURED;
    if (this.#unreported !== null) {
      this.#unreported = null;
      return ErrorCode.FAILED;
    }
    return ErrorCode.OK;
  }

  /** Whether a new sender waits to be taken. */
  isConnectionAvailable(): boolean {
    return this.#pending.available;
  }

  /**
   * The oldest pending sender, as a `PacketPeerUDP` connected to it and holding its datagrams so
   * far, or `null` when none waits. Its packets arrive only through this server's socket: keep
   * the server listening while you use it.
   */
  takeConnection(): PacketPeerUDP | null {
    return this.#pending.take();
  }

  /**
   * Resolves with the next connection (at once if one waits); rejects with `ERR_TIMEOUT` after
   * `timeoutMs`, the signal's reason, or `ERR_UNCONFIGURED` when the server stops.
   */
  accept(options: WaitOptions = {}): Promise<PacketPeerUDP> {
    return this.#pending.accept(options);
  }

  /** The bound port, 0 when not listening. */
  getLocalPort(): number {
    return this.#demux?.endpoint.localAddress().port ?? 0;
  }

  /** Whether `listen` succeeded and `stop` was not called. */
  isListening(): boolean {
    return this.#demux !== null;
  }

  /**
   * Most senders waiting to be taken; datagrams from further new senders are dropped. Changing
   * it never discards pending peers (Godot's setter discards them all when raised, a bug not
   * reproduced here). A negative or non-integer value throws `ERR_INVALID_PARAMETER`.
   * @default 16
   */
  get maxPendingConnections(): number {
    return this.#pending.max;
  }

  set maxPendingConnections(max: number) {
    this.#pending.max = max;
  }

  /** Senders waiting to be taken with `takeConnection()`. */
  get pendingConnectionCount(): number {
    return this.#pending.count;
  }

  /** Datagrams dropped because they came from a new sender while `maxPendingConnections` were pending. */
  get refusedConnections(): number {
    return this.#pending.refused;
  }

  /** The socket error the `error` event reported last, `null` while none did (listening again clears it). */
  get lastError(): GodotError | null {
    return this.#lastError;
  }

  /**
   * Closes the socket. Peers already taken are detached (unbound, `close` emitted); pending ones
   * are discarded; `accept()` calls reject.
   */
  stop(): void {
    const demux = this.#demux;
    if (demux === null) return;
    this.#demux = null;
    this.#pending.stop();
    demux.close();
  }

  protected override _listenersChanged(event: keyof UDPServerEvents): void {
    const endpoint = this.#demux?.endpoint;
    if (event === 'error' && endpoint instanceof DatagramSocket) endpoint.reportSendErrors = this.listenerCount('error') > 0;
  }

  #createSocket(family: SocketFamily): DatagramSocket {
    return new DatagramSocket({ family, reuseAddress: true });
  }

  #newSender(link: DatagramLink, data: Uint8Array): boolean {
    const peer = this.#pending.offer(() => new PacketPeerUDP(this.#peerOptions));
    if (peer === null) return false;
    peer[attachToServer](link);
    // The peer was closed, or the server stopped: the sender's next datagram is a new connection.
    link.onClose = () => {
      this.#pending.remove(peer);
      peer[detachFromServer](link);
    };
    link.onDatagram?.(data);
    this.emit('connection');
    return true;
  }

  #fail(code: ErrorCode, message: string): ErrorCode {
    this.#failure = message;
    return code;
  }
}
