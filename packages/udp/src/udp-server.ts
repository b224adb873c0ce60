/**
 * Godot's `UDPServer`: "accepting connections" over one UDP socket. Every datagram is routed by
 * its sender address: to the peer already taken or pending for that address, or, while fewer than
 * `maxPendingConnections` are pending, to a new pending peer; otherwise it is dropped (that is how
 * new connections are refused). `takeConnection()` hands out the oldest pending peer.
 */
import {
  Emitter, ErrorCode, GodotError, WaiterList, type EventMap, type PacketPeerOptions, type WaitOptions,
} from '@pp/core';
import { bindFamily, type SocketFamily } from './address.js';
import { DatagramSocket, bindSocket } from './dgram-socket.js';
import { DEFAULT_MAX_PENDING_CONNECTIONS } from './limits.js';
import { PacketPeerUDP } from './packet-peer-udp.js';
import { attachToServer, detachFromServer, storePacket } from './server-link.js';

export interface UDPServerOptions extends PacketPeerOptions {
  /**
   * Most senders waiting to be taken with `takeConnection()`; datagrams from further new senders
   * are dropped. 0 refuses every new sender.
   * @default 16
   */
  maxPendingConnections?: number;
}

export interface UDPServerEvents extends EventMap {
  /** A new sender is waiting to be taken with `takeConnection()`. */
  connection: [];
  /** The server socket failed after `listen` returned. */
  error: [error: GodotError];
}

export class UDPServer extends Emitter<UDPServerEvents> {
  #socket: DatagramSocket | null = null;
  /** Taken and pending peers by sender address. */
  readonly #peers = new Map<string, PacketPeerUDP>();
  #pending: PacketPeerUDP[] = [];
  #maxPending = DEFAULT_MAX_PENDING_CONNECTIONS;
  #refused = 0;
  #socketError: GodotError | null = null;
  #failure = '';
  readonly #waiters = new WaiterList('a connection');
  readonly #peerOptions: PacketPeerOptions;

  constructor(options: UDPServerOptions = {}) {
    super();
    const { maxPendingConnections, ...peerOptions } = options;
    this.#peerOptions = peerOptions;
    if (maxPendingConnections !== undefined) this.maxPendingConnections = maxPendingConnections;
  }

  /**
   * Opens the server socket (with `SO_REUSEADDR`, as Godot) on `port` (0 = any free port) and
   * `bindAddress` (`'*'` = every IPv4 and IPv6 address). Completes before it returns.
   *
   * @returns `OK`; `ERR_ALREADY_IN_USE` when already listening; `ERR_INVALID_PARAMETER` for a
   *   bad port or address; `ERR_UNAVAILABLE` when the OS refuses the bind.
   */
  listen(port: number, bindAddress = '*'): ErrorCode {
    if (this.#socket !== null) return this.#fail(ErrorCode.ERR_ALREADY_IN_USE, 'Already listening');
    const family = bindFamily(bindAddress);
    if (family === undefined) return this.#fail(ErrorCode.ERR_INVALID_PARAMETER, `Invalid bind address ${JSON.stringify(bindAddress)}`);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      return this.#fail(ErrorCode.ERR_INVALID_PARAMETER, `The local port number must be between 0 and 65535, got ${port}`);
    }
    const socket = bindSocket((kind) => this.#createSocket(kind), family, bindAddress, port);
    if (!(socket instanceof DatagramSocket)) {
      return this.#fail(ErrorCode.ERR_UNAVAILABLE, `Failed to bind ${bindAddress} port ${port}: ${socket.message}`);
    }
    this.#socket = socket;
    socket.reportSendErrors = this.listenerCount('error') > 0;
    this.#socketError = null;
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
    if (this.#socket === null) return ErrorCode.ERR_UNCONFIGURED;
    if (this.#socketError !== null) {
      this.#socketError = null;
      return ErrorCode.FAILED;
    }
    return ErrorCode.OK;
  }

  /** Whether a new sender waits to be taken. */
  isConnectionAvailable(): boolean {
    return this.#socket !== null && this.#pending.length > 0;
  }

  /**
   * The oldest pending sender, as a `PacketPeerUDP` connected to it and holding its datagrams so
   * far, or `null` when none waits. Its packets arrive only through this server's socket: keep
   * the server listening while you use it.
   */
  takeConnection(): PacketPeerUDP | null {
    if (this.#socket === null) return null;
    return this.#pending.shift() ?? null;
  }

  /**
   * Resolves with the next connection (at once if one waits); rejects with `ERR_TIMEOUT` after
   * `timeoutMs`, the signal's reason, or `ERR_UNCONFIGURED` when the server stops.
   */
  async accept(options: WaitOptions = {}): Promise<PacketPeerUDP> {
    while (!this.isConnectionAvailable()) {
      if (this.#socket === null) throw new GodotError(ErrorCode.ERR_UNCONFIGURED, 'The server is not listening');
      await this.#waiters.wait(options);
    }
    return this.takeConnection() as PacketPeerUDP;
  }

  /** The bound port, 0 when not listening. */
  getLocalPort(): number {
    return this.#socket?.localPort() ?? 0;
  }

  /** Whether `listen` succeeded and `stop` was not called. */
  isListening(): boolean {
    return this.#socket !== null;
  }

  /**
   * Most senders waiting to be taken; datagrams from further new senders are dropped. Changing
   * it never discards pending peers (Godot's setter discards them all when raised, a bug not
   * reproduced here). A negative or non-integer value throws `ERR_INVALID_PARAMETER`.
   * @default 16
   */
  get maxPendingConnections(): number {
    return this.#maxPending;
  }

  set maxPendingConnections(max: number) {
    if (!Number.isInteger(max) || max < 0) {
      throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `Max pending connections value must be a positive number (0 means refuse new connections), got ${max}`);
    }
    this.#maxPending = max;
  }

  /** Senders waiting to be taken with `takeConnection()`. */
  get pendingConnectionCount(): number {
    return this.#pending.length;
  }

  /** Datagrams dropped because they came from a new sender while the pending list was full. */
  get refusedPackets(): number {
    return this.#refused;
  }

  /**
   * Closes the socket. Peers already taken are detached (unbound, `close` emitted); pending ones
   * are discarded; `accept()` calls reject.
   */
  stop(): void {
    const socket = this.#socket;
    if (socket === null) return;
    this.#socket = null;
    socket.close();
    const peers = [...this.#peers.values()];
    this.#peers.clear();
    this.#pending = [];
    for (const peer of peers) peer[detachFromServer]();
    this.#waiters.fail(new GodotError(ErrorCode.ERR_UNCONFIGURED, 'The server stopped'));
  }

  protected override _listenersChanged(event: keyof UDPServerEvents): void {
    if (event === 'error' && this.#socket !== null) this.#socket.reportSendErrors = this.listenerCount('error') > 0;
  }

  #createSocket(family: SocketFamily): DatagramSocket {
    const socket: DatagramSocket = new DatagramSocket({
      family,
      reuseAddress: true,
      onMessage: (data, ip, port) => this.#route(socket, data, ip, port),
      onError: (error) => {
        this.#socketError = new GodotError(ErrorCode.FAILED, `UDP server socket error: ${error.message}`, { cause: error });
        this.emit('error', this.#socketError);
      },
    });
    return socket;
  }

  #route(socket: DatagramSocket, data: Uint8Array, ip: string, port: number): void {
    const key = `${port}|${ip}`;
    const known = this.#peers.get(key);
    if (known !== undefined) {
      known[storePacket](data);
      return;
    }
    if (this.#pending.length >= this.#maxPending) {
      this.#refused++;
      return;
    }
    const peer = new PacketPeerUDP(this.#peerOptions);
    peer[attachToServer]({
      socket,
      ip,
      port,
      release: () => {
        if (this.#peers.get(key) === peer) this.#peers.delete(key);
        const at = this.#pending.indexOf(peer);
        if (at !== -1) this.#pending.splice(at, 1);
      },
    });
    peer[storePacket](data);
    this.#peers.set(key, peer);
    this.#pending.push(peer);
    this.#waiters.wake();
    this.emit('connection');
  }

  #fail(code: ErrorCode, message: string): ErrorCode {
    this.#failure = message;
    return code;
  }
}
