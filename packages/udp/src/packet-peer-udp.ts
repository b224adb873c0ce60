import {
  ErrorCode, GodotError, IdleTimer, PacketPeer, checkInt, isPort, type DatagramLink, type PacketPeerEvents, type PacketPeerOptions,
  type WaitOptions,
} from '@pp/core';
import { bindFamily, destinationFor, displayAddress, ipFamily, type SocketFamily } from './address.js';
import { DatagramSocket, bindSocket, resolveHost, type SocketError } from './dgram-socket.js';
import {
  DEFAULT_RECV_BUF_SIZE, DEFAULT_RING_SIZE, MAX_DATAGRAM_IPV4, MAX_DATAGRAM_IPV6, ringLimits, ringSize,
} from './limits.js';
import { attachToServer, detachFromServer } from './server-link.js';

/** Where a packet came from. */
export interface UDPPacketInfo {
  /** The sender's IP address (IPv4 senders on a dual-stack socket show as plain IPv4). */
  readonly ip: string;
  /** The sender's UDP port (Godot's `get_packet_port()`). */
  readonly port: number;
}

/** Options of {@link PacketPeerUDP}: those of every packet peer, and an optional idle timeout. */
export interface PacketPeerUDPOptions extends PacketPeerOptions {
  /**
   * Milliseconds a connected peer (`connectToHost`, or a peer from `UDPServer`) may receive no
   * datagram before it is closed, with an `ERR_TIMEOUT` `error` event (a peer from `UDPServer`
   * then leaves it: the sender's next datagram is a new pending connection). 0 waits forever, as
   * Godot does. A `UDPServer` given it applies it to every peer it hands out.
   * @default 0
   */
  idleTimeoutMs?: number;
}

/**
 * Events of a `PacketPeerUDP`. Its `error` event reports what failed after the call that caused it
 * had returned: a datagram the OS refused to send (Node reports send errors asynchronously), or
 * a socket error. Never thrown.
 */
export type PacketPeerUDPEvents = PacketPeerEvents<UDPPacketInfo>;

/** Options of the promise forms that resolve host names. */
export interface ResolveOptions {
  /** Rejects with the signal's reason when aborted before the name is resolved. */
  signal?: AbortSignal;
}

const EMPTY = new Uint8Array(0);

interface Route {
  readonly socket: DatagramSocket;
  /** The address as the socket needs it, `undefined` on a connected socket. */
  readonly target: string | undefined;
  readonly port: number;
  /** Largest payload for the destination's IP version. */
  readonly max: number;
}

/**
 * Godot's `PacketPeerUDP`: one UDP datagram is one packet, no framing. A thin adapter over
 * `PacketPeer` from `@pp/core`: datagrams go into the base's bounded queue sized like Godot's
 * receive ring, and every call returns Godot's `Error` at once.
 */
export class PacketPeerUDP extends PacketPeer<UDPPacketInfo, PacketPeerUDPEvents> {
  #socket: DatagramSocket | null = null;
  /** A peer from `UDPServer`: its link to one sender of the server's endpoint. */
  #server: DatagramLink | null = null;
  #serverMax = MAX_DATAGRAM_IPV4;
  #destIp: string | null = null;
  #destPort = 0;
  #connected = false;
  #broadcast = false;
  /** Why the last call returned an error: the message of the `GodotError` its promise form throws. */
  #failure = '';
  /** Where `putPacket` sends, worked out once per destination and socket. */
  #route: Route | null = null;

  readonly #idle: IdleTimer;

  constructor(options: PacketPeerUDPOptions = {}) {
    super(options, ringLimits(DEFAULT_RING_SIZE));
    this.#idle = new IdleTimer(this._clock, options.idleTimeoutMs ?? 0, () => {
      this._emitError(new GodotError(ErrorCode.ERR_TIMEOUT, `No datagram received for ${this.#idle.timeoutMs} ms (idleTimeoutMs)`));
      this.close();
    });
  }

  /** See {@link PacketPeerUDPOptions.idleTimeoutMs}; a change applies from the next connection. */
  get idleTimeoutMs(): number {
    return this.#idle.timeoutMs;
  }

  set idleTimeoutMs(timeoutMs: number) {
    this.#idle.timeoutMs = timeoutMs;
  }

  // --- Godot's PacketPeerUDP API -------------------------------------------------------

  /**
   * Binds to `port` (0 = any free port) on `bindAddress`: `'*'` for every IPv4 and IPv6 address
   * (dual stack), `'0.0.0.0'` or `'::'` for every address of one family, or one IP address.
   * Sizes the receive queue to 2^nearest_shift(`recvBufSize`) bytes (131072 by default), each
   * packet costing 24 bytes plus its length. Completes before it returns.
   *
   * @returns `OK`; `ERR_ALREADY_IN_USE` if the socket is already open; `ERR_INVALID_PARAMETER`
   *   for a bad port, address or size; `ERR_UNAVAILABLE` when the OS refuses the bind (e.g. the
   *   port is taken).
   */
  bind(port: number, bindAddress = '*', recvBufSize = DEFAULT_RECV_BUF_SIZE): ErrorCode {
    if (this.isBound()) return this.#fail(ErrorCode.ERR_ALREADY_IN_USE, 'The socket is already open');
    const family = bindFamily(bindAddress);
    if (family === undefined) return this.#fail(ErrorCode.ERR_INVALID_PARAMETER, `Invalid bind address ${JSON.stringify(bindAddress)}`);
    if (!isPort(port, true)) return this.#fail(ErrorCode.ERR_INVALID_PARAMETER, `The local port number must be between 0 and 65535, got ${port}`);
    try {
      checkInt('recvBufSize', recvBufSize, { min: 0, max: 0x7fffffff });
    } catch (error) {
      return this.#fail((error as GodotError).code, (error as GodotError).message);
    }
    const socket = bindSocket((kind) => this.#createSocket(kind), family, bindAddress, port);
    if (!(socket instanceof DatagramSocket)) {
      return this.#fail(ErrorCode.ERR_UNAVAILABLE, `Failed to bind ${bindAddress} port ${port}: ${socket.message}`);
    }
    this.#adopt(socket);
    this._setReceiveLimits(ringLimits(ringSize(recvBufSize)));
    return ErrorCode.OK;
  }

  /**
   * Makes the OS deliver only datagrams from `host:port` and sends every packet there. Opens
   * (and binds to a free port) the socket if needed, and drops the packets already queued.
   * `host` must be an IP address, as in Godot; {@link connectToHostAsync} also resolves names.
   *
   * @returns `OK`; `ERR_LOCKED` on a peer from `UDPServer`; `ERR_INVALID_PARAMETER` for a bad
   *   address or port (1 … 65535); `ERR_CANT_OPEN` if no socket could be opened; `FAILED` when
   *   the OS refuses (the socket is then closed).
   */
  connectToHost(host: string, port: number): ErrorCode {
    if (this.#server !== null) return this.#fail(ErrorCode.ERR_LOCKED, 'A peer from UDPServer cannot connect elsewhere');
    const family = ipFamily(host);
    if (family === undefined) {
      return this.#fail(ErrorCode.ERR_INVALID_PARAMETER, `${JSON.stringify(host)} is not an IP address (connectToHostAsync resolves host names)`);
    }
    if (!isPort(port)) return this.#fail(ErrorCode.ERR_INVALID_PARAMETER, `The remote port number must be between 1 and 65535, got ${port}`);
    const opened = this.#ensureOpen(family);
    if (opened !== ErrorCode.OK) return opened === ErrorCode.ERR_UNAVAILABLE ? ErrorCode.ERR_CANT_OPEN : opened;
    const socket = this.#socket as DatagramSocket;
    const target = destinationFor(socket.family, host);
    const error: Error | undefined = target === undefined
      ? new Error(`an ${socket.family} socket cannot reach ${host}`)
      : socket.connect(target, port);
    if (error !== undefined) {
      this.close();
      return this.#fail(ErrorCode.FAILED, `Unable to connect to ${host} port ${port}: ${error.message}`);
    }
    this.#connected = true;
    this.#destIp = displayAddress(host);
    this.#destPort = port;
    this.#route = null;
    this.#idle.start();
    this._discardReceived();
    return ErrorCode.OK;
  }

  /** Whether `connectToHost` succeeded (always true for a peer from `UDPServer`). */
  isSocketConnected(): boolean {
    return this.#connected;
  }

  /**
   * Where `putPacket` sends. `host` must be an IP address ({@link setDestAddressAsync} resolves
   * names: Godot resolves them synchronously, Node cannot).
   *
   * @returns `OK`; `ERR_ALREADY_IN_USE` on a connected socket (Godot logs an error and returns
   *   `OK`); `ERR_CANT_RESOLVE` for a host name; `ERR_INVALID_PARAMETER` for a bad port.
   */
  setDestAddress(host: string, port: number): ErrorCode {
    if (this.#connected) return this.#fail(ErrorCode.ERR_ALREADY_IN_USE, 'Destination address cannot be set for connected sockets');
    if (ipFamily(host) === undefined) {
      return this.#fail(ErrorCode.ERR_CANT_RESOLVE, `${JSON.stringify(host)} is not an IP address (setDestAddressAsync resolves host names)`);
    }
    if (!isPort(port)) return this.#fail(ErrorCode.ERR_INVALID_PARAMETER, `The remote port number must be between 1 and 65535, got ${port}`);
    this.#destIp = displayAddress(host);
    this.#destPort = port;
    this.#route = null;
    return ErrorCode.OK;
  }

  /** Sender address of the packet `getPacket` returned last (a `UDPServer` peer starts with its remote's). */
  getPacketIp(): string {
    return this._lastInfo?.ip ?? '';
  }

  /** Sender port of the packet `getPacket` returned last. */
  getPacketPort(): number {
    return this._lastInfo?.port ?? 0;
  }

  /** The bound port (a `UDPServer` peer: the server's), 0 when not bound. */
  getLocalPort(): number {
    if (this.#server !== null) return this.#server.endpoint.localAddress().port;
    return this.#socket?.localPort() ?? 0;
  }

  /** Whether the socket is open (bound explicitly, or by `connectToHost`, `putPacket` or a multicast join). */
  isBound(): boolean {
    return this.#server !== null || this.#socket !== null;
  }

  /**
   * Packets waiting, or -1 when the socket is not open (as in Godot). Datagrams are queued as
   * they arrive; those that do not fit the queue are dropped and counted in `droppedPackets`.
   */
  override getAvailablePacketCount(): number {
    if (!this.isBound()) return -1;
    return super.getAvailablePacketCount();
  }

  /**
   * Godot's blocking `wait()`, as a promise: resolves once a packet is waiting.
   * Rejects with `ERR_UNCONFIGURED` when the socket is not open, `ERR_TIMEOUT` after
   * `timeoutMs`, or the signal's reason.
   */
  wait(options: WaitOptions = {}): Promise<void> {
    if (!this.isBound()) return Promise.reject(new GodotError(ErrorCode.ERR_UNCONFIGURED, 'wait() needs an open socket'));
    return this.waitForPacket(options);
  }

  /**
   * Allows sending to broadcast addresses (`SO_BROADCAST`), now or when the socket opens.
   * Ignored on a peer from `UDPServer`, as in Godot.
   * @default false
   */
  setBroadcastEnabled(enabled: boolean): void {
    if (this.#server !== null) return;
    this.#broadcast = enabled;
    const error = this.#socket?.setBroadcast(enabled);
    if (error !== undefined) this.#emitSocketError(`Could not ${enabled ? 'enable' : 'disable'} broadcast`, error);
  }

  /**
   * Joins the multicast group `multicastAddress` on the network interface named
   * `interfaceName` (as in `IP.get_local_interfaces()`, e.g. `'eth0'`). Opens the socket (bound
   * to a free port) if needed: bind first to receive the group's port.
   *
   * @returns `OK`; `ERR_LOCKED` on a peer from `UDPServer`; `ERR_INVALID_PARAMETER` for a bad
   *   address or (IPv4) an unknown interface; `FAILED` when the OS refuses.
   */
  joinMulticastGroup(multicastAddress: string, interfaceName: string): ErrorCode {
    return this.#changeMembership(multicastAddress, interfaceName, true);
  }

  /**
   * Leaves a group joined with `joinMulticastGroup`.
   *
   * @returns as `joinMulticastGroup`, and `ERR_UNCONFIGURED` when the socket is not open.
   */
  leaveMulticastGroup(multicastAddress: string, interfaceName: string): ErrorCode {
    return this.#changeMembership(multicastAddress, interfaceName, false);
  }

  // --- promise forms -------------------------------------------------------------------

  /** {@link bind} that rejects with a `GodotError` instead of returning an error code. */
  async bindAsync(port: number, bindAddress = '*', recvBufSize = DEFAULT_RECV_BUF_SIZE): Promise<void> {
    this.#throwUnlessOk(this.bind(port, bindAddress, recvBufSize));
  }

  /**
   * {@link connectToHost} that also resolves host names (`ERR_CANT_RESOLVE` when it cannot) and
   * rejects with a `GodotError` instead of returning an error code.
   */
  async connectToHostAsync(host: string, port: number, options: ResolveOptions = {}): Promise<void> {
    const ip = await this.#resolve(host, options);
    this.#throwUnlessOk(this.connectToHost(ip, port));
  }

  /** {@link setDestAddress} that also resolves host names, rejecting with a `GodotError` on failure. */
  async setDestAddressAsync(host: string, port: number, options: ResolveOptions = {}): Promise<void> {
    const ip = await this.#resolve(host, options);
    this.#throwUnlessOk(this.setDestAddress(ip, port));
  }

  // --- PacketPeer hooks ----------------------------------------------------------------

  protected _putPacket(packet: Uint8Array, owned: boolean): ErrorCode {
    const server = this.#server;
    if (server !== null) {
      if (packet.length > this.#serverMax) return this.#fail(ErrorCode.FAILED, `Packet of ${packet.length} bytes exceeds the ${this.#serverMax}-byte UDP maximum`);
      return server.send(packet, owned);
    }
    let route = this.#route;
    if (route === null || route.socket.closed) {
      const code = this.#findRoute();
      if (code !== ErrorCode.OK) return code;
      route = this.#route as Route;
    }
    if (packet.length > route.max) return this.#fail(ErrorCode.FAILED, `Packet of ${packet.length} bytes exceeds the ${route.max}-byte UDP maximum`);
    route.socket.sendTo(packet, route.target, route.port, owned);
    return ErrorCode.OK;
  }

  protected override _getPacket(): {
    /** `OK`, or `ERR_UNAVAILABLE` when no packet is waiting. */
    error: ErrorCode;
    /** The packet's bytes (empty unless `error` is `OK`). */
    data: Uint8Array;
  } {
    if (!this.isBound()) return { error: ErrorCode.FAILED, data: EMPTY };
    return super._getPacket();
  }

  /** The largest payload a datagram can carry: 65507 bytes (65527 on an IPv6-only socket). Godot returns 512. */
  protected _getMaxPacketSize(): number {
    return this.#socket?.family === 'ipv6' ? MAX_DATAGRAM_IPV6 : MAX_DATAGRAM_IPV4;
  }

  /**
   * Godot's `close()`: closes the socket, drops the queued packets and forgets the connection;
   * the peer can be bound again. A peer from `UDPServer` leaves it, so the remote's next
   * datagram becomes a new pending connection there.
   */
  protected _close(): void {
    this.#idle.stop();
    const server = this.#server;
    this.#server = null;
    server?.close();
    this.#socket?.close();
    this.#socket = null;
    this.#route = null;
    this.#connected = false;
    this._discardReceived();
    this._setReceiveLimits(ringLimits(DEFAULT_RING_SIZE));
  }

  // --- UDPServer side (see server-link.ts) ---------------------------------------------

  /** @internal The server's datagrams from this sender now come here (Godot's `connect_shared_socket`). */
  [attachToServer](link: DatagramLink): void {
    const info: UDPPacketInfo = link.remote;
    this.#server = link;
    this.#serverMax = ipFamily(info.ip) === 'ipv6' ? MAX_DATAGRAM_IPV6 : MAX_DATAGRAM_IPV4;
    this.#connected = true;
    this.#destIp = info.ip;
    this.#destPort = info.port;
    this.#route = null;
    this._lastInfo = info;
    this._opened();
    this.#idle.start();
    link.onDatagram = (data) => {
      this.#idle.touch();
      this._deliver(data, info);
    };
  }

  /** @internal Godot's `disconnect_shared_socket`: the server stopped or forgot this sender. */
  [detachFromServer](link: DatagramLink): void {
    if (this.#server !== link) return;
    this.#server = null;
    this.close();
  }

  protected override _listenersChanged(event: keyof PacketPeerUDPEvents): void {
    super._listenersChanged(event);
    if (event === 'error' && this.#socket !== null) this.#socket.reportSendErrors = this.listenerCount('error') > 0;
  }

  // --- internals -----------------------------------------------------------------------

  #createSocket(family: SocketFamily): DatagramSocket {
    const socket = new DatagramSocket({ family });
    socket.onDatagram = (data, from) => {
      this.#idle.touch();
      this._deliver(data, from);
    };
    socket.onError = (error) => this._emitError(error);
    return socket;
  }

  #adopt(socket: DatagramSocket): void {
    this.#socket = socket;
    socket.reportSendErrors = this.listenerCount('error') > 0;
    this._opened();
    if (this.#broadcast) {
      const error = socket.setBroadcast(true);
      if (error !== undefined) this.#emitSocketError('Could not enable broadcast', error);
    }
  }

  /** Godot opens the socket lazily, in the family of the address it first needs. */
  #ensureOpen(family: 'ipv4' | 'ipv6'): ErrorCode {
    if (this.#socket !== null) return ErrorCode.OK;
    const socket = this.#createSocket(family);
    const error = socket.bindAny();
    if (error !== undefined) {
      socket.close();
      return this.#fail(ErrorCode.ERR_UNAVAILABLE, `Could not open a socket: ${error.message}`);
    }
    this.#adopt(socket);
    return ErrorCode.OK;
  }

  /** Works out where `putPacket` sends, opening the socket if needed (Godot opens it lazily). */
  #findRoute(): ErrorCode {
    const ip = this.#destIp;
    if (ip === null) return this.#fail(ErrorCode.ERR_UNCONFIGURED, 'No destination: call setDestAddress or connectToHost');
    const family = ipFamily(ip) as 'ipv4' | 'ipv6';
    const max = family === 'ipv6' ? MAX_DATAGRAM_IPV6 : MAX_DATAGRAM_IPV4;
    const opened = this.#ensureOpen(family);
    if (opened !== ErrorCode.OK) return opened;
    const socket = this.#socket as DatagramSocket;
    if (this.#connected) {
      this.#route = { socket, target: undefined, port: 0, max };
      return ErrorCode.OK;
    }
    const target = destinationFor(socket.family, ip);
    if (target === undefined) return this.#fail(ErrorCode.FAILED, `An ${socket.family} socket cannot send to ${ip}`);
    this.#route = { socket, target, port: this.#destPort, max };
    return ErrorCode.OK;
  }

  #changeMembership(group: string, interfaceName: string, join: boolean): ErrorCode {
    if (this.#server !== null) return this.#fail(ErrorCode.ERR_LOCKED, 'A peer from UDPServer cannot change multicast groups');
    const family = ipFamily(group);
    if (family === undefined) return this.#fail(ErrorCode.ERR_INVALID_PARAMETER, `Invalid multicast address ${JSON.stringify(group)}`);
    if (join) {
      const opened = this.#ensureOpen(family);
      if (opened !== ErrorCode.OK) return opened;
    } else if (this.#socket === null) {
      return this.#fail(ErrorCode.ERR_UNCONFIGURED, 'The socket is not open');
    }
    const socket = this.#socket as DatagramSocket;
    const target = socket.family === 'ipv4' ? displayAddress(group) : group;
    const result = socket.changeMembership(target, interfaceName, join);
    if (result === 'unknown-interface') {
      return this.#fail(ErrorCode.ERR_INVALID_PARAMETER, `No IPv4 interface named ${JSON.stringify(interfaceName)}`);
    }
    if (result !== undefined) return this.#fail(ErrorCode.FAILED, `Could not ${join ? 'join' : 'leave'} ${group}: ${result.message}`);
    return ErrorCode.OK;
  }

  async #resolve(host: string, options: ResolveOptions): Promise<string> {
    options.signal?.throwIfAborted();
    const ip = await resolveHost(host);
    options.signal?.throwIfAborted();
    if (ip === undefined) throw new GodotError(ErrorCode.ERR_CANT_RESOLVE, `Cannot resolve ${JSON.stringify(host)}`);
    return ip;
  }

  #fail(code: ErrorCode, message: string): ErrorCode {
    this.#failure = message;
    return code;
  }

  #throwUnlessOk(code: ErrorCode): void {
    if (code !== ErrorCode.OK) throw new GodotError(code, this.#failure);
  }

  #emitSocketError(what: string, error: SocketError): void {
    this._emitError(new GodotError(ErrorCode.FAILED, `${what}: ${error.message}`, { cause: error }));
  }
}
