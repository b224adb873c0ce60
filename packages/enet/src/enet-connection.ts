import {
  Emitter, ErrorCode, GodotError, TLSOptions, checkInt, isPort, systemClock, withWaitOptions, type Clock, type DatagramAddress,
  type DatagramEndpoint, type EventMap, type TimerHandle, type WaitOptions,
} from '@pp/core';
import { DtlsEndpoint, type DtlsError, type DtlsSessionEvent } from '@pp/dtls';
import { bindUdpEndpoint, resolveHost } from '@pp/udp';
import { isIP } from 'node:net';
import { CompressionMode, createCompressor } from './compression/compression-mode.js';
import { ENetDtls, type ENetDtlsOptions } from './dtls-setup.js';
import { loadZstd } from './compression/zstd.js';
import { ENetPacketPeer } from './enet-packet-peer.js';
import { EventType, FLAG_ALLOWED, HostStatistic } from './godot-constants.js';
import type { ChecksumFunction } from './protocol/compressor.js';
import {
  EventType as HostEventType, HOST_DEFAULT_MAXIMUM_PACKET_SIZE, HOST_DEFAULT_MAXIMUM_WAITING_DATA, PROTOCOL_MAXIMUM_CHANNEL_COUNT,
  PROTOCOL_MAXIMUM_PEER_ID,
} from './protocol/constants.js';
import { Host, MutableHostEvent, type HostEvent } from './protocol/host.js';
import { copyBytes } from './protocol/byte-slab.js';
import { Packet } from './protocol/packet.js';
import type { Peer } from './protocol/peer.js';

/**
 * Options of an `ENetConnection`: the engine's limits (with ENet's defaults), the socket, the clock and the
 * queues.
 */
export interface ENetConnectionOptions {
  /** Every timer and timestamp of the protocol. @default systemClock */
  clock?: Clock;
  /**
   * Opens the socket of `createHostBound` / `createHost`: `bindUdpEndpoint` of `@pp/udp` by
   * default, with 256 KiB socket buffers as ENet asks. Throws a `GodotError` to refuse. (Or pass an endpoint to `createHostOn`.)
   */
  bindEndpoint?: (bindAddress: string, port: number) => DatagramEndpoint;
  /**
   * The datagram checksum (`crc32` for C ENet applications that set `host->checksum`). Godot
   * never enables one. @default null
   */
  checksum?: ChecksumFunction | null;
  /** Largest packet sent or accepted (ENet's `maximumPacketSize`). @default 33554432 */
  maximumPacketSize?: number;
  /** Most bytes one peer may hold in undelivered packets (`maximumWaitingData`). @default 33554432 */
  maximumWaitingData?: number;
  /** Most simultaneous connections from one IP address (`duplicatePeers`). @default 4095 */
  duplicatePeers?: number;
  /**
   * Bytes of datagrams kept between two `service()` calls in poll style (a socket receive
   * buffer; ENet asks for 256 KiB). Beyond it datagrams are dropped, as a full socket would.
   * @default 262144
   */
  receiveBufferSize?: number;
  /** Most packets each `ENetPacketPeer` keeps for `getPacket()`. @default 65536 */
  peerQueuePackets?: number;
  /** Most bytes each `ENetPacketPeer` keeps for `getPacket()`. @default 33554432 */
  peerQueueBytes?: number;
  /** Seed of the connect ids (tests); random by default. */
  seed?: number;
}

/** One event in `events()` iteration. */
export type ENetConnectionEvent =
  | {
    /** A connection completed (`EVENT_CONNECT`). */
    readonly type: 'connect';
    /** The new connection. */
    readonly peer: ENetPacketPeer;
    /** The remote's CONNECT data on a server (the client's 32-bit value); 0 on a client. */
    readonly data: number;
  }
  | {
    /** A connection ended (`EVENT_DISCONNECT`): remote disconnect, timeout, or our graceful disconnect completed. */
    readonly type: 'disconnect';
    /** The connection that ended (inactive from now on). */
    readonly peer: ENetPacketPeer;
    /** The DISCONNECT data the remote sent (0 on a timeout). */
    readonly data: number;
  }
  | {
    /** A packet arrived (`EVENT_RECEIVE`). */
    readonly type: 'receive';
    /** The connection it came on. */
    readonly peer: ENetPacketPeer;
    /** The payload. */
    readonly packet: Uint8Array;
    /** The ENet channel it came on (0 … channel count − 1). */
    readonly channel: number;
    /** The ENet packet flags it came with (`FLAG_RELIABLE`, `FLAG_UNSEQUENCED`…). */
    readonly flags: number;
  };

/**
 * The events of an `ENetConnection` (listening to `connect`, `receive` or `disconnect` switches it to event
 * style).
 */
export interface ENetConnectionEvents extends EventMap {
  /** A connection completed (`EVENT_CONNECT`); `data` is the remote's CONNECT data (0 on a client). */
  connect: [peer: ENetPacketPeer, data: number];
  /** A connection ended (`EVENT_DISCONNECT`): disconnected by the remote, timed out, or our graceful disconnect completed. */
  disconnect: [peer: ENetPacketPeer, data: number];
  /** A packet arrived. With a listener here it goes to the listener instead of the peer's queue. */
  receive: [peer: ENetPacketPeer, packet: Uint8Array, channel: number, flags: number];
  /** The socket failed after a call returned. */
  error: [error: GodotError];
  /** ENet over DTLS: a DTLS session started, connected, closed or failed (`error` says why). */
  dtlsSession: [remote: DatagramAddress, event: DtlsSessionEvent, error: DtlsError | undefined];
}

/** What `service()` returns: Godot's `[EventType, ENetPacketPeer, data, channel]`. */
export type ENetServiceResult = [type: EventType, peer: ENetPacketPeer | null, data: number, channel: number];

/** ENet's `ENET_HOST_RECEIVE_BUFFER_SIZE` / `SEND_BUFFER_SIZE`, asked of the OS for the socket. */
const SOCKET_BUFFER_SIZE = 256 * 1024;
const defaultBind = (bindAddress: string, port: number): DatagramEndpoint =>
  bindUdpEndpoint(bindAddress, port, { receiveBufferSize: SOCKET_BUFFER_SIZE, sendBufferSize: SOCKET_BUFFER_SIZE });

const NONE: ENetServiceResult = Object.freeze([EventType.EVENT_NONE, null, 0, 0]) as unknown as ENetServiceResult;
const DEFAULT_RECEIVE_BUFFER = 256 * 1024;

function ok(code: () => void): ErrorCode {
  try {
    code();
    return ErrorCode.OK;
  } catch (error) {
    if (error instanceof GodotError) return error.code;
    throw error;
  }
}

/**
 * Godot's `ENetConnection` (an ENet host) over core's `DatagramEndpoint` and `Clock`: the thin
 * driver of the sans-IO engine in `protocol/`.
 *
 * Two ways to run it, over the same engine:
 * - **Godot's poll style.** Nothing happens between calls, exactly as in Godot: received
 *   datagrams wait (bounded, like a socket buffer) until `service()`, which advances the
 *   protocol, sends what is due and returns one event as `[type, peer, data, channel]`.
 * - **Event style.** While anyone listens (`connect` / `receive` / `disconnect` listeners,
 *   `for await` over `events()`, a pending promise, or `autoService = true`), the connection
 *   services itself: datagrams are handled as they arrive, timers run at the engine's deadlines,
 *   and events are emitted. A Node server needs no polling loop.
 */
export class ENetConnection extends Emitter<ENetConnectionEvents> {
  // Godot's `ENetConnection` constants, on the class as GDScript finds them.
  /** No compression (Godot's default): the most bandwidth, the least CPU; useful when debugging the wire. */
  static readonly COMPRESS_NONE = CompressionMode.COMPRESS_NONE;
  /**
   * ENet's built-in range coder (`enet_host_compress_with_range_coder`): good on small packets, weak above
   * about 4 KiB.
   */
  static readonly COMPRESS_RANGE_CODER = CompressionMode.COMPRESS_RANGE_CODER;
  /** FastLZ: less CPU than zlib, more bandwidth. */
  static readonly COMPRESS_FASTLZ = CompressionMode.COMPRESS_FASTLZ;
  /** zlib (deflate with the zlib wrapper): less bandwidth than FastLZ, more CPU. */
  static readonly COMPRESS_ZLIB = CompressionMode.COMPRESS_ZLIB;
  /** Zstandard: weak on packets under about 4 KiB, where the other modes do better. */
  static readonly COMPRESS_ZSTD = CompressionMode.COMPRESS_ZSTD;
  /**
   * `service()` failed: the connection has no host (never created, or destroyed), or an event came for a peer
   * that no longer exists.
   */
  static readonly EVENT_ERROR = EventType.EVENT_ERROR;
  /** No event happened within the service timeout. */
  static readonly EVENT_NONE = EventType.EVENT_NONE;
  /**
   * A connection completed, started by either side; `data` is the remote's CONNECT data on a server (0 on a
   * client).
   */
  static readonly EVENT_CONNECT = EventType.EVENT_CONNECT;
  /**
   * A connection ended: the remote disconnected, it timed out, or our graceful disconnect completed; `data`
   * is the DISCONNECT data (0 on a timeout).
   */
  static readonly EVENT_DISCONNECT = EventType.EVENT_DISCONNECT;
  /**
   * A packet arrived from a peer; its channel is the fourth element; take it with the peer's `getPacket()`.
   */
  static readonly EVENT_RECEIVE = EventType.EVENT_RECEIVE;
  /** Bytes sent in UDP datagrams since the last `popStatistic` of this statistic. */
  static readonly HOST_TOTAL_SENT_DATA = HostStatistic.HOST_TOTAL_SENT_DATA;
  /** UDP datagrams sent since the last `popStatistic` of this statistic. */
  static readonly HOST_TOTAL_SENT_PACKETS = HostStatistic.HOST_TOTAL_SENT_PACKETS;
  /** Bytes received in UDP datagrams since the last `popStatistic` of this statistic. */
  static readonly HOST_TOTAL_RECEIVED_DATA = HostStatistic.HOST_TOTAL_RECEIVED_DATA;
  /** UDP datagrams received since the last `popStatistic` of this statistic. */
  static readonly HOST_TOTAL_RECEIVED_PACKETS = HostStatistic.HOST_TOTAL_RECEIVED_PACKETS;

  /** The clock of this connection and its peers. */
  readonly clock: Clock;
  /**
   * Service in the background even with nothing listening (event style without listeners:
   * packets then go to each peer's own queue and `packet` event).
   * @default false
   */
  #autoService = false;
  readonly #options: ENetConnectionOptions;
  #host: Host | null = null;
  #endpoint: DatagramEndpoint | null = null;
  #dtls: ENetDtls | null = null;
  readonly #peers = new Set<ENetPacketPeer>();
  /** Peers of connections that ended before their CONNECT event was read (keyed by slot and serial). */
  readonly #orphans = new Map<string, ENetPacketPeer>();
  #compression: CompressionMode = CompressionMode.COMPRESS_NONE;
  #refuse = false;
  #buffered: Array<{ data: Uint8Array; from: DatagramAddress }> = [];
  #bufferedBytes = 0;
  #droppedDatagrams = 0;
  #retained = 0;
  #iterators = new Set<EventIterator>();
  #timer: TimerHandle | undefined;
  #timerDue = Infinity;
  #pumpScheduled = false;
  /** See `#eventStyle`. */
  #evented = false;
  readonly #runPump = (): void => {
    this.#pumpScheduled = false;
    this.#pump();
  };
  #pumping = false;
  /** The one record events are taken into for dispatch (read before any handler runs). */
  readonly #event = new MutableHostEvent();

  constructor(options: ENetConnectionOptions = {}) {
    super();
    this.#options = options;
    this.clock = options.clock ?? systemClock;
  }

  // --- Godot's API -----------------------------------------------------------------------

  /**
   * Creates the host on a socket bound to `bindAddress` (`'*'`: every address, IPv4 and IPv6)
   * and `bindPort`: up to `maxPeers` (1 … 4095) connections with up to `maxChannels` channels
   * each (0 … 255, 0 = 255), our incoming and outgoing bandwidth in bytes/s (0 = unlimited).
   * @returns `OK`, `ERR_ALREADY_IN_USE` when a host exists, `ERR_INVALID_PARAMETER` for bad
   *   arguments, `ERR_CANT_CREATE` when the socket cannot be bound.
   */
  createHostBound(bindAddress: string, bindPort: number, maxPeers = 32, maxChannels = 0, inBandwidth = 0, outBandwidth = 0): ErrorCode {
    if (bindAddress !== '*' && isIP(bindAddress) === 0) return ErrorCode.ERR_INVALID_PARAMETER;
    if (!isPort(bindPort, true)) return ErrorCode.ERR_INVALID_PARAMETER;
    return this.#create(() => (this.#options.bindEndpoint ?? defaultBind)(bindAddress, bindPort), maxPeers, maxChannels, inBandwidth, outBandwidth);
  }

  /** `createHostBound('*', 0, …)`: a host on any free port (Godot binds on first send). */
  createHost(maxPeers = 32, maxChannels = 0, inBandwidth = 0, outBandwidth = 0): ErrorCode {
    return this.#create(() => (this.#options.bindEndpoint ?? defaultBind)('*', 0), maxPeers, maxChannels, inBandwidth, outBandwidth);
  }

  /**
   * Not in Godot: creates the host on an endpoint you made (a `MemoryNetwork` endpoint, a DTLS
   * endpoint). The connection owns it from now on and closes it in `destroy()`.
   */
  createHostOn(endpoint: DatagramEndpoint, maxPeers = 32, maxChannels = 0, inBandwidth = 0, outBandwidth = 0): ErrorCode {
    return this.#create(() => endpoint, maxPeers, maxChannels, inBandwidth, outBandwidth);
  }

  #create(open: () => DatagramEndpoint, maxPeers: number, maxChannels: number, inBandwidth: number, outBandwidth: number): ErrorCode {
    if (this.#host !== null) return ErrorCode.ERR_ALREADY_IN_USE;
    const valid = Number.isInteger(maxPeers) && maxPeers >= 1 && maxPeers <= PROTOCOL_MAXIMUM_PEER_ID &&
      Number.isInteger(maxChannels) && maxChannels >= 0 && maxChannels <= PROTOCOL_MAXIMUM_CHANNEL_COUNT &&
      Number.isInteger(inBandwidth) && inBandwidth >= 0 && inBandwidth <= 0xffffffff &&
      Number.isInteger(outBandwidth) && outBandwidth >= 0 && outBandwidth <= 0xffffffff;
    if (!valid) return ErrorCode.ERR_INVALID_PARAMETER;
    const o = this.#options;
    let host: Host;
    try {
      host = new Host({
        peerCount: maxPeers,
        channelLimit: maxChannels,
        incomingBandwidth: inBandwidth,
        outgoingBandwidth: outBandwidth,
        checksum: o.checksum ?? null,
        maximumPacketSize: o.maximumPacketSize ?? HOST_DEFAULT_MAXIMUM_PACKET_SIZE,
        maximumWaitingData: o.maximumWaitingData ?? HOST_DEFAULT_MAXIMUM_WAITING_DATA,
        duplicatePeers: o.duplicatePeers ?? PROTOCOL_MAXIMUM_PEER_ID,
        ...(o.seed === undefined ? {} : { seed: o.seed }),
      });
    } catch (error) {
      if (error instanceof RangeError) return ErrorCode.ERR_INVALID_PARAMETER;
      throw error;
    }
    let endpoint: DatagramEndpoint | undefined;
    const code = ok(() => {
      endpoint = open();
    });
    if (code !== ErrorCode.OK || endpoint === undefined) return code === ErrorCode.OK ? ErrorCode.ERR_CANT_CREATE : code;
    host.compressor = createCompressor(this.#compression);
    this.#host = host;
    this.#endpoint = endpoint;
    endpoint.onDatagram = (data, from) => this.#onDatagram(data, from);
    endpoint.onError = (error) => this.emit('error', error);
    this.#refreshMode();
    return ErrorCode.OK;
  }

  /** Whether a host exists (between `create…` and `destroy`). */
  isActive(): boolean {
    return this.#host !== null;
  }

  /** Resets every peer (nothing is sent; no events) and closes the socket. */
  destroy(): void {
    const host = this.#host;
    if (host === null) return;
    for (const peer of [...this.#peers]) peer._onDisconnect(0);
    this.#peers.clear();
    this.#orphans.clear();
    host.resetAll();
    this.#host = null;
    this.#evented = false;
    this.#dtls?.close();
    this.#dtls = null;
    this.#endpoint?.close();
    this.#endpoint = null;
    this.#buffered = [];
    this.#bufferedBytes = 0;
    this.clock.cancel(this.#timer);
    this.#timer = undefined;
    this.#timerDue = Infinity;
    for (const iterator of [...this.#iterators]) iterator.end();
  }

  /**
   * Starts a connection to `address` (an IP literal here; `connectToHostAsync` also resolves
   * names) and `port`, asking for `channels` channels (0 = 255) and sending `data` in CONNECT.
   * As in Godot, only a connection with no peers yet may connect out. Returns the peer, in
   * `STATE_CONNECTING`, or null.
   */
  connectToHost(address: string, port: number, channels = 0, data = 0): ENetPacketPeer | null {
    const host = this.#host;
    if (host === null || this.#peers.size > 0 || !isPort(port) || isIP(address) === 0) return null;
    if (!Number.isInteger(channels) || channels < 0 || !Number.isInteger(data)) return null;
    const slot = host.connect({ ip: address, port }, channels > 0 ? channels : PROTOCOL_MAXIMUM_CHANNEL_COUNT, data >>> 0, this.clock.now());
    if (slot === null) return null;
    const peer = this.#wrap(slot);
    this._flushSoon();
    return peer;
  }

  /**
   * Services the host (Godot's `service`): returns the next event, advancing the protocol first
   * when none is waiting. `timeout` is accepted for Godot's signature but never waits (Godot's
   * own busy-waits); use `serviceAsync` or the events to wait.
   */
  service(timeout = 0): ENetServiceResult {
    void timeout;
    const host = this.#host;
    if (host === null) return [EventType.EVENT_ERROR, null, 0, 0];
    const queued = host.pollEvent();
    if (queued !== null) return this.#serviceResult(queued);
    const now = this.clock.now();
    host.service(now);
    this._drain();
    const buffered = this.#buffered;
    if (buffered.length > 0) {
      this.#buffered = [];
      this.#bufferedBytes = 0;
      for (const { data, from } of buffered) host.receive(data, from, now);
      host.service(now);
      this._drain();
    }
    const event = host.pollEvent();
    return event === null ? NONE : this.#serviceResult(event);
  }

  /** Sends whatever is queued now (`enet_host_flush`). */
  flush(): void {
    const host = this.#host;
    if (host === null) return;
    host.flush(this.clock.now());
    this._drain();
  }

  /** Our incoming / outgoing bandwidth in bytes/s (0 = unlimited); peers hear of it within a second. */
  bandwidthLimit(inBandwidth = 0, outBandwidth = 0): void {
    checkInt('inBandwidth', inBandwidth, { min: 0, max: 0xffffffff });
    checkInt('outBandwidth', outBandwidth, { min: 0, max: 0xffffffff });
    this.#host?.setBandwidthLimit(inBandwidth, outBandwidth);
    this._flushSoon();
  }

  /** Most channels of future incoming connections (0 = 255). */
  channelLimit(limit: number): void {
    this.#host?.setChannelLimit(checkInt('limit', limit, { min: 0, max: PROTOCOL_MAXIMUM_CHANNEL_COUNT }));
  }

  /** Queues `packet` on `channel` with `flags` to every connected peer. */
  broadcast(channel: number, packet: Uint8Array, flags: number): void {
    const host = this.#host;
    if (host === null) return;
    if (!Number.isInteger(channel) || channel < 0 || channel > host.channelLimit) return;
    if (!Number.isInteger(flags) || (flags & ~FLAG_ALLOWED) !== 0) return;
    host.broadcast(channel, new Packet(copyBytes(packet), flags));
    this._flushSoon();
  }

  /**
   * Compresses every datagram with `mode` (`CompressionMode`); both ends must use the same mode.
   * For `COMPRESS_ZSTD` on Node < 22.15 the WebAssembly zstd loads in the background:
   * `compressAsync` resolves once it is ready.
   */
  compress(mode: CompressionMode): void {
    this.#compression = mode;
    if (this.#host !== null) this.#host.compressor = createCompressor(mode);
  }

  /** `compress(mode)`, resolving once the compressor is ready. */
  async compressAsync(mode: CompressionMode): Promise<void> {
    if (mode === CompressionMode.COMPRESS_ZSTD) await loadZstd();
    this.compress(mode);
  }

  /** The compression mode in use. */
  get compressionMode(): CompressionMode {
    return this.#compression;
  }

  /**
   * A DTLS server (`dtlsServerSetup`) ignores new clients while `refuse` is true, as Godot's
   * does; sessions already open go on. Without DTLS it does nothing, as in Godot (unlike Godot,
   * a call before `dtlsServerSetup` is remembered).
   */
  refuseNewConnections(refuse: boolean): void {
    this.#refuse = refuse;
    if (this.#dtls !== null) this.#dtls.endpoint.refuseNewConnections = refuse;
  }

  /**
   * ENet over DTLS, server side (Godot's `dtls_server_setup`): from now on every datagram is a
   * DTLS record, clients are told apart by address, and a DTLS session that has not become a
   * connected ENet peer within 8 s is dropped. Call it right after `createHost…`, before
   * connections arrive. `options`: `TLSOptions.server(key, certificate)`; `dtls`: the DTLS
   * engine's limits and the 8 s (`bindTimeoutMs`).
   * @returns `OK`; `ERR_UNCONFIGURED` without a host; `ERR_INVALID_PARAMETER` for missing or
   *   client options (and, unlike Godot, which fails every handshake later, for a key that does
   *   not parse or match the certificate); `FAILED` when DTLS is already set up.
   */
  dtlsServerSetup(options: TLSOptions, dtls: ENetDtlsOptions = {}): ErrorCode {
    const host = this.#host;
    return this.#upgrade((inner) => ENetDtls.server(inner, options, host?.peers.length ?? 1, this.clock, dtls, this.#onDtlsSession));
  }

  /**
   * ENet over DTLS, client side (Godot's `dtls_client_setup`): the first datagram ENet sends
   * starts a DTLS handshake with its destination, verified by `options` against `hostname`
   * (`TLSOptions.client(ca)`; `clientUnsafe()` checks nothing); datagrams sent before it
   * completes are lost and ENet sends them again. Call it right after `createHost…`, before the
   * CONNECT leaves (it may follow `connectToHost`, which only queues it).
   * @returns `OK`; `ERR_UNCONFIGURED` without a host; `ERR_INVALID_PARAMETER` for null or server
   *   options; `FAILED` when DTLS is already set up.
   */
  dtlsClientSetup(hostname: string, options: TLSOptions | null = TLSOptions.client(), dtls: ENetDtlsOptions = {}): ErrorCode {
    return this.#upgrade((inner) => ENetDtls.client(inner, hostname, options, this.clock, dtls, this.#onDtlsSession));
  }

  /** The DTLS endpoint under the host once `dtlsServerSetup` / `dtlsClientSetup` succeeded (sessions, statuses), else null. */
  get dtls(): DtlsEndpoint | null {
    return this.#dtls?.endpoint ?? null;
  }

  #upgrade(make: (inner: DatagramEndpoint) => ENetDtls): ErrorCode {
    const inner = this.#endpoint;
    if (this.#host === null || inner === null) return ErrorCode.ERR_UNCONFIGURED;
    if (this.#dtls !== null || inner instanceof DtlsEndpoint) return ErrorCode.FAILED;
    let dtls: ENetDtls | undefined;
    const code = ok(() => {
      dtls = make(inner);
    });
    if (dtls === undefined) return code === ErrorCode.OK ? ErrorCode.FAILED : code;
    const endpoint = dtls.endpoint;
    endpoint.refuseNewConnections = this.#refuse;
    endpoint.onDatagram = (data, from) => this.#onDatagram(data, from);
    endpoint.onError = (error) => this.emit('error', error);
    this.#dtls = dtls;
    this.#endpoint = endpoint;
    return ErrorCode.OK;
  }

  readonly #onDtlsSession = (remote: DatagramAddress, event: DtlsSessionEvent, error: DtlsError | undefined): void => {
    this.emit('dtlsSession', remote, event, error);
  };

  /** Whether `refuseNewConnections(true)` was called. */
  get refusingNewConnections(): boolean {
    return this.#refuse;
  }

  /** Returns one host counter (`HostStatistic`) and sets it back to 0. */
  popStatistic(statistic: HostStatistic): number {
    const host = this.#host;
    if (host === null) return 0;
    let value = 0;
    switch (statistic) {
      case HostStatistic.HOST_TOTAL_SENT_DATA:
        value = host.totalSentData;
        host.totalSentData = 0;
        break;
      case HostStatistic.HOST_TOTAL_SENT_PACKETS:
        value = host.totalSentPackets;
        host.totalSentPackets = 0;
        break;
      case HostStatistic.HOST_TOTAL_RECEIVED_DATA:
        value = host.totalReceivedData;
        host.totalReceivedData = 0;
        break;
      case HostStatistic.HOST_TOTAL_RECEIVED_PACKETS:
        value = host.totalReceivedPackets;
        host.totalReceivedPackets = 0;
        break;
      default:
        break;
    }
    return value;
  }

  /** The host's channel limit. */
  getMaxChannels(): number {
    return this.#host?.channelLimit ?? 0;
  }

  /** The bound port (0 without a host). */
  getLocalPort(): number {
    return this.#endpoint?.localAddress().port ?? 0;
  }

  /** The bound address, `'*'` for the IPv6 wildcard (Godot 4's newest `get_local_address`). */
  getLocalAddress(): string {
    const ip = this.#endpoint?.localAddress().ip ?? '';
    return ip === '::' ? '*' : ip;
  }

  /** The live peers, in the order they appeared. */
  getPeers(): ENetPacketPeer[] {
    return [...this.#peers].filter((peer) => peer.isActive());
  }

  /** Sends `packet` as a raw datagram from the host's socket, outside ENet (NAT punching). */
  socketSend(destinationAddress: string, destinationPort: number, packet: Uint8Array): ErrorCode {
    const endpoint = this.#endpoint;
    if (endpoint === null) return ErrorCode.ERR_UNCONFIGURED;
    if (!isPort(destinationPort) || isIP(destinationAddress) === 0) return ErrorCode.ERR_INVALID_PARAMETER;
    return endpoint.send(packet, { ip: destinationAddress, port: destinationPort });
  }

  // --- TypeScript conveniences ------------------------------------------------------------

  /** The sans-IO engine (for statistics and tests). */
  get host(): Host | null {
    return this.#host;
  }

  /** Datagrams dropped because the poll-style receive buffer was full. */
  get droppedDatagrams(): number {
    return this.#droppedDatagrams;
  }

  /** See {@link ENetConnectionOptions}: service in the background with no listener. */
  get autoService(): boolean {
    return this.#autoService;
  }

  set autoService(on: boolean) {
    this.#autoService = on;
    this.#refreshMode();
  }

  /**
   * `connectToHost` that resolves host names (IPv4 first, like Godot) and resolves once the
   * connection is up. Rejects with a `GodotError`: `ERR_CANT_RESOLVE`, `ERR_CANT_CREATE` (no
   * host, or it has peers), `ERR_CANT_CONNECT` (refused or timed out by ENet; over DTLS also as
   * soon as the handshake fails, with the `DtlsError` as `cause`), `ERR_TIMEOUT`, or the signal's
   * reason (the attempt is then reset).
   */
  async connectToHostAsync(address: string, port: number, channels = 0, data = 0, options: WaitOptions = {}): Promise<ENetPacketPeer> {
    const ip = await resolveHost(address);
    if (ip === undefined) throw new GodotError(ErrorCode.ERR_CANT_RESOLVE, `Could not resolve ${address}`);
    const peer = this.connectToHost(ip, port, channels, data);
    if (peer === null) throw new GodotError(ErrorCode.ERR_CANT_CREATE, `Could not connect to ${address}:${port}`);
    let settled = false;
    try {
      await withWaitOptions(options, (waiter) => {
        const onConnect = (connected: ENetPacketPeer): void => {
          if (connected === peer) waiter.resolve();
        };
        const onDisconnect = (gone: ENetPacketPeer): void => {
          if (gone === peer) waiter.reject(new GodotError(ErrorCode.ERR_CANT_CONNECT, `Connection to ${address}:${port} failed`));
        };
        // Over DTLS, a failed handshake (a refused certificate) is final: Godot would retry it on
        // every ENet retransmission until ENet times out; the promise says why at once.
        const onDtlsSession = (_remote: DatagramAddress, event: DtlsSessionEvent, error: DtlsError | undefined): void => {
          if (event === 'failed') waiter.reject(new GodotError(ErrorCode.ERR_CANT_CONNECT, `DTLS with ${address}:${port} failed: ${error?.message ?? ''}`, { cause: error }));
        };
        this.on('connect', onConnect);
        this.on('disconnect', onDisconnect);
        this.on('dtlsSession', onDtlsSession);
        return () => {
          this.off('connect', onConnect);
          this.off('disconnect', onDisconnect);
          this.off('dtlsSession', onDtlsSession);
        };
      }, 'the connection');
      settled = true;
      return peer;
    } finally {
      if (!settled) peer.reset();
    }
  }

  /** Resolves with the next event (`EVENT_NONE` after `timeoutMs`); the promise form of `service(timeout)`. */
  async serviceAsync(timeoutMs = 0, options: { signal?: AbortSignal } = {}): Promise<ENetServiceResult> {
    const first = this.service();
    if (first[0] !== EventType.EVENT_NONE || timeoutMs <= 0) return first;
    const deadline = this.clock.now() + timeoutMs;
    for (;;) {
      options.signal?.throwIfAborted();
      const wait = Math.max(0, Math.min(deadline - this.clock.now(), this.#host?.timeUntilDeadline(this.clock.now()) ?? Infinity, 5));
      await new Promise<void>((resolve) => this.clock.schedule(wait, resolve));
      const result = this.service();
      if (result[0] !== EventType.EVENT_NONE || this.clock.now() >= deadline) return result;
    }
  }

  /** Every event, as it happens, until `destroy()` (or the signal aborts). Iterating turns on event style. */
  events(options: { signal?: AbortSignal } = {}): AsyncIterableIterator<ENetConnectionEvent> {
    const iterator = new EventIterator(() => {
      this.#iterators.delete(iterator);
      this.#refreshMode();
    }, options.signal);
    this.#iterators.add(iterator);
    this.#refreshMode();
    return iterator;
  }

  /** Iterates over the events, as `events()` with no options (the connection services itself meanwhile). */
  [Symbol.asyncIterator](): AsyncIterableIterator<ENetConnectionEvent> {
    return this.events();
  }

  // --- for ENetPacketPeer ---------------------------------------------------------------

  /**
   * @internal Something was queued: in event style, send it at the end of this turn. During a
   * pump (an event handler answering) the pump sends it itself, with the acknowledgements.
   */
  _flushSoon(): void {
    if (this.#eventStyle() && !this.#pumping) this.#schedulePump();
  }

  /** @internal Hands the engine's finished datagrams to the socket. */
  _drain(): void {
    const host = this.#host;
    const endpoint = this.#endpoint;
    if (host === null || endpoint === null) return;
    this.#sendTo = endpoint;
    host.drainTransmits(this.#sendDatagram);
  }

  /** The endpoint `_drain` is sending to, and the one function it hands the host (no closure per drain). */
  #sendTo: DatagramEndpoint | null = null;
  readonly #sendDatagram = (data: Uint8Array, address: DatagramAddress): void => {
    this.#sendTo?.send(data, address, true);
  };

  /** @internal A promise waits on this connection: service in the background meanwhile. */
  _retain(): void {
    this.#retained++;
    this.#refreshMode();
  }

  /** @internal */
  _release(): void {
    this.#retained = Math.max(0, this.#retained - 1);
    this.#refreshMode();
  }

  /** @internal */
  _peerGone(peer: ENetPacketPeer): void {
    this.#peers.delete(peer);
    this.#dtls?.peerGone(peer);
  }

  // --- internals -------------------------------------------------------------------------

  protected override _listenersChanged(event: keyof ENetConnectionEvents): void {
    if (event === 'connect' || event === 'disconnect' || event === 'receive') this.#refreshMode();
  }

  /** Whether the connection services itself (kept in `#evented`, asked per datagram and per send). */
  #eventStyle(): boolean {
    return this.#evented;
  }

  #refreshMode(): void {
    this.#evented = this.#host !== null && (this.#autoService || this.#retained > 0 || this.#iterators.size > 0 ||
      this.listenerCount('connect') > 0 || this.listenerCount('disconnect') > 0 || this.listenerCount('receive') > 0);
    if (!this.#evented) {
      this.clock.cancel(this.#timer);
      this.#timer = undefined;
      this.#timerDue = Infinity;
      return;
    }
    this.#schedulePump();
  }

  #wrap(slot: Peer): ENetPacketPeer {
    const o = this.#options;
    const peer = new ENetPacketPeer(this, slot, {
      maxPackets: o.peerQueuePackets ?? 65536,
      maxBytes: o.peerQueueBytes ?? HOST_DEFAULT_MAXIMUM_WAITING_DATA,
    });
    this.#peers.add(peer);
    return peer;
  }

  #onDatagram(data: Uint8Array, from: DatagramAddress): void {
    const host = this.#host;
    if (host === null) return;
    if (this.#eventStyle()) {
      host.receive(data, from, this.clock.now());
      this.#schedulePump();
      return;
    }
    const limit = this.#options.receiveBufferSize ?? DEFAULT_RECEIVE_BUFFER;
    if (this.#bufferedBytes + data.length > limit) {
      this.#droppedDatagrams++;
      return;
    }
    this.#buffered.push({ data, from });
    this.#bufferedBytes += data.length;
  }

  #schedulePump(): void {
    if (this.#pumpScheduled || this.#host === null) return;
    this.#pumpScheduled = true;
    // The end of this event-loop turn: after the whole batch of datagrams that woke us (libuv
    // reads a socket dry, up to 32 datagrams, before the check phase), so one service answers
    // them all; a microtask would run after each datagram (tried: twice the CPU per 1000 B echo
    // under a flood, 20 µs against 12, for a ping-pong p99 within the noise). Under a manual
    // clock, the clock's next advance.
    if (this.clock === systemClock) setImmediate(this.#runPump);
    else this.clock.schedule(0, this.#runPump);
  }

  #pump(): void {
    const host = this.#host;
    if (host === null || this.#pumping) return;
    this.#pumping = true;
    try {
      if (this.#buffered.length > 0) {
        const buffered = this.#buffered;
        this.#buffered = [];
        this.#bufferedBytes = 0;
        for (const { data, from } of buffered) host.receive(data, from, this.clock.now());
      }
      // Events first: what their handlers send (an echo, an answer) then leaves in the same
      // datagrams as the acknowledgements of what caused them. One service per batch, unless it
      // raised events (timeouts) whose handlers queue more.
      for (let round = 0; round < 4; round++) {
        const dispatched = this.#evented && this.#dispatchAll();
        if (round > 0 && !dispatched && !host.dirty) break;
        host.service(this.clock.now());
        this._drain();
        if (!host.hasEvents()) break;
      }
    } finally {
      this.#pumping = false;
    }
    this.#armTimer();
  }

  #armTimer(): void {
    const host = this.#host;
    if (host === null || !this.#eventStyle()) return;
    const now = this.clock.now();
    const wait = host.timeUntilDeadline(now);
    if (wait === null) {
      this.clock.cancel(this.#timer);
      this.#timer = undefined;
      this.#timerDue = Infinity;
      return;
    }
    if (wait === 0) {
      this.#schedulePump();
      return;
    }
    const due = now + wait;
    if (this.#timer !== undefined && this.#timerDue <= due) return;
    this.clock.cancel(this.#timer);
    this.#timerDue = due;
    this.#timer = this.clock.schedule(wait, this.#onTimer);
  }

  /**
   * A deadline came. An acknowledgement that arrived meanwhile often moved it later (the
   * retransmission timeout of what it acknowledged): then only the timer is set again, with no
   * service pass over every peer.
   */
  readonly #onTimer = (): void => {
    this.#timer = undefined;
    this.#timerDue = Infinity;
    const host = this.#host;
    if (host !== null && !this.#pumping && !host.hasEvents() && (host.timeUntilDeadline(this.clock.now()) ?? 0) > 0) this.#armTimer();
    else this.#pump();
  };

  /** Emits every waiting event; returns whether there was any. */
  #dispatchAll(): boolean {
    const event = this.#event;
    let any = false;
    for (let host = this.#host; host !== null && host.pollEventInto(event); host = this.#host) {
      any = true;
      this.#dispatch(event);
    }
    return any;
  }

  #dispatch(event: HostEvent): void {
    switch (event.type) {
      case HostEventType.CONNECT: {
        const peer = this.#connectPeer(event);
        for (const iterator of this.#iterators) iterator.push({ type: 'connect', peer, data: event.data });
        this.emit('connect', peer, event.data);
        break;
      }
      case HostEventType.DISCONNECT: {
        const peer = this.#disconnectPeer(event);
        if (peer === null) break;
        for (const iterator of this.#iterators) iterator.push({ type: 'disconnect', peer, data: event.data });
        this.emit('disconnect', peer, event.data);
        break;
      }
      case HostEventType.RECEIVE: {
        const peer = event.peerData;
        const packet = event.packet;
        if (!(peer instanceof ENetPacketPeer) || packet === null) break;
        const channel = event.channelID;
        if (this.#iterators.size > 0 || this.listenerCount('receive') > 0) {
          for (const iterator of this.#iterators) iterator.push({ type: 'receive', peer, packet: packet.data, channel, flags: packet.flags });
          this.emit('receive', peer, packet.data, channel, packet.flags);
        } else {
          peer._deliverPacket(packet.data, channel, packet.flags);
        }
        break;
      }
      default:
        break;
    }
  }

  #serviceResult(event: HostEvent): ENetServiceResult {
    switch (event.type) {
      case HostEventType.CONNECT:
        return [EventType.EVENT_CONNECT, this.#connectPeer(event), event.data, 0];
      case HostEventType.DISCONNECT: {
        const peer = this.#disconnectPeer(event);
        return peer === null ? [EventType.EVENT_ERROR, null, 0, 0] : [EventType.EVENT_DISCONNECT, peer, event.data, 0];
      }
      case HostEventType.RECEIVE: {
        const peer = event.peerData;
        if (!(peer instanceof ENetPacketPeer) || event.packet === null) return [EventType.EVENT_ERROR, null, 0, 0];
        peer._deliverPacket(event.packet.data, event.channelID, event.packet.flags);
        return [EventType.EVENT_RECEIVE, peer, 0, event.channelID];
      }
      default:
        return NONE;
    }
  }

  /** The peer object of a CONNECT event: the client's own, or a new one for an incoming connection. */
  #connectPeer(event: HostEvent): ENetPacketPeer {
    if (event.peerData instanceof ENetPacketPeer) return event.peerData;
    const slot = event.peer;
    if (slot.connectionSerial === event.connection && slot.data === null) {
      const peer = this.#wrap(slot);
      this.#dtls?.peerConnected(peer, slot.address);
      return peer;
    }
    // The connection already ended before this event was read: an inactive peer, found again
    // by its DISCONNECT event.
    const o = this.#options;
    const orphan = new ENetPacketPeer(this, slot, { maxPackets: o.peerQueuePackets ?? 65536, maxBytes: o.peerQueueBytes ?? HOST_DEFAULT_MAXIMUM_WAITING_DATA });
    slot.data = null;
    orphan._onDisconnect(0);
    this.#orphans.set(`${slot.incomingPeerID}:${event.connection}`, orphan);
    return orphan;
  }

  #disconnectPeer(event: HostEvent): ENetPacketPeer | null {
    let peer: ENetPacketPeer | null = event.peerData instanceof ENetPacketPeer ? event.peerData : null;
    const key = `${event.peer.incomingPeerID}:${event.connection}`;
    if (peer === null) peer = this.#orphans.get(key) ?? null;
    this.#orphans.delete(key);
    if (peer === null) return null;
    peer._onDisconnect(event.data);
    return peer;
  }
}

/** One `events()` consumer. */
class EventIterator implements AsyncIterableIterator<ENetConnectionEvent> {
  #queue: ENetConnectionEvent[] = [];
  #pending: ((result: IteratorResult<ENetConnectionEvent>) => void) | null = null;
  #done = false;
  readonly #onAbort = (): void => this.end();

  constructor(readonly onEnd: () => void, readonly signal?: AbortSignal) {
    signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  push(event: ENetConnectionEvent): void {
    if (this.#done) return;
    if (this.#pending !== null) {
      const resolve = this.#pending;
      this.#pending = null;
      resolve({ done: false, value: event });
    } else {
      this.#queue.push(event);
    }
  }

  next(): Promise<IteratorResult<ENetConnectionEvent>> {
    const event = this.#queue.shift();
    if (event !== undefined) return Promise.resolve({ done: false, value: event });
    if (this.#done) return Promise.resolve({ done: true, value: undefined });
    return new Promise((resolve) => (this.#pending = resolve));
  }

  return(): Promise<IteratorResult<ENetConnectionEvent>> {
    this.end();
    return Promise.resolve({ done: true, value: undefined });
  }

  end(): void {
    if (this.#done) return;
    this.#done = true;
    this.signal?.removeEventListener('abort', this.#onAbort);
    this.onEnd();
    const pending = this.#pending;
    this.#pending = null;
    pending?.({ done: true, value: undefined });
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}
