import { bandwidthThrottle } from './bandwidth.js';
import type { ChecksumFunction, Compressor } from './compressor.js';
import {
  EventType, HOST_BANDWIDTH_THROTTLE_INTERVAL, HOST_DEFAULT_MAXIMUM_PACKET_SIZE, HOST_DEFAULT_MAXIMUM_WAITING_DATA,
  HOST_DEFAULT_MTU, PROTOCOL_MAXIMUM_CHANNEL_COUNT, PROTOCOL_MAXIMUM_MTU, PROTOCOL_MAXIMUM_PEER_ID, PROTOCOL_MINIMUM_CHANNEL_COUNT,
  PROTOCOL_MINIMUM_MTU, PeerState,
} from './constants.js';
import { connectPeer } from './handshake.js';
import { List } from './list.js';
import type { Packet } from './packet.js';
import { PEER_FLAG_NEEDS_DISPATCH, Peer, type PeerAddress } from './peer.js';
import { handleIncomingCommands } from './receive.js';
import { sendOutgoingCommands } from './send.js';
import { changeState } from './state.js';
import { timeDifference, timeLess } from './time.js';

/**
 * The parameters of `enet_host_create` and the host fields C ENet applications set (`checksum`,
 * `maximumPacketSize`…).
 */
export interface HostOptions {
  /** Peer slots, 1 … 4095 (`peerCount` of `enet_host_create`). @default 32 */
  peerCount?: number;
  /** Most channels an incoming connection gets; 0 means 255. @default 0 */
  channelLimit?: number;
  /** Our downstream bandwidth in bytes/s; 0 = unlimited. @default 0 */
  incomingBandwidth?: number;
  /** Our upstream bandwidth in bytes/s; 0 = unlimited. @default 0 */
  outgoingBandwidth?: number;
  /** The MTU this host offers, 576 … 4096. @default 1392 */
  mtu?: number;
  /** The datagram checksum (`host->checksum`), e.g. `crc32`; null: none, as Godot. @default null */
  checksum?: ChecksumFunction | null;
  /** The datagram compressor; null: none. @default null */
  compressor?: Compressor | null;
  /** Most simultaneous peers from one IP address. @default 4095 */
  duplicatePeers?: number;
  /** Largest packet sent or accepted, in bytes. @default 33554432 */
  maximumPacketSize?: number;
  /** Most bytes one peer may hold in packets waiting for delivery. @default 33554432 */
  maximumWaitingData?: number;
  /** Seed of the connect-id generator (ENet's Mulberry32); random when absent. */
  seed?: number;
}

/** An event from {@link Host.pollEvent} (`ENetEvent`), with what the slot was when it happened. */
export interface HostEvent {
  /** CONNECT, DISCONNECT or RECEIVE. */
  readonly type: EventType;
  /** The peer slot the event is about. */
  readonly peer: Peer;
  /** `peer.data` when the event happened (the slot may since carry another connection). */
  readonly peerData: unknown;
  /** The slot's `connectionSerial` when the event happened. */
  readonly connection: number;
  /** CONNECT / DISCONNECT user data. */
  readonly data: number;
  /** RECEIVE: the channel the packet came on; 0 otherwise. */
  readonly channelID: number;
  /** RECEIVE: the packet; null otherwise. */
  readonly packet: Packet | null;
}

/** A {@link HostEvent} to fill (see {@link Host.pollEventInto}). */
export class MutableHostEvent implements HostEvent {
  /** CONNECT, DISCONNECT or RECEIVE (NONE until filled). */
  type: EventType = EventType.NONE;
  /** The peer slot the event is about. */
  peer: Peer = undefined as unknown as Peer;
  /** `peer.data` when the event happened. */
  peerData: unknown = null;
  /** The slot's `connectionSerial` when the event happened. */
  connection = 0;
  /** CONNECT / DISCONNECT user data. */
  data = 0;
  /** RECEIVE: the channel the packet came on; 0 otherwise. */
  channelID = 0;
  /** RECEIVE: the packet; null otherwise. */
  packet: Packet | null = null;
}

/** One datagram the host wants sent, from {@link Host.pollTransmit}. */
export interface Transmit {
  /** The whole datagram: header, optional checksum, commands (compressed if the compressor helped). */
  readonly data: Uint8Array;
  /** Where to send it. */
  readonly address: PeerAddress;
}

/** Milliseconds from `time` until `deadline` (both mod 2^32), 0 once it passed. */
function waitUntil(time: number, deadline: number): number {
  return timeLess(time, deadline) ? ((deadline - time) >>> 0) : 0;
}

function integerIn(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${name} must be an integer in [${min}, ${max}], got ${value}`);
  return value;
}

/**
 * The sans-IO ENet host (`ENetHost`): datagrams and the time go in, datagrams to send, events and
 * the next deadline come out. It owns no socket and no timer; a driver feeds it what the socket
 * receives (`receive`), calls `service` when `timeUntilDeadline` says so or after feeding it, and
 * sends what `pollTransmit` yields. Times are milliseconds on any monotonic clock, taken mod 2^32.
 */
export class Host {
  /** Every peer slot, indexed by incoming peer ID (`host->peers`). */
  readonly peers: Peer[];
  /** Most channels an incoming connection gets (1 … 255). */
  channelLimit: number;
  /** Our download limit in bytes per second, 0 unlimited (announced to peers). */
  incomingBandwidth: number;
  /** Our upload limit in bytes per second, 0 unlimited (the bandwidth throttle keeps within it). */
  outgoingBandwidth: number;
  /** When (host ms) the bandwidth throttle last ran; it runs every 1000 ms. */
  bandwidthThrottleEpoch = 0;
  /** Set when a bandwidth changed or a peer left: the next throttle pass re-sends BANDWIDTH_LIMIT. */
  recalculateBandwidthLimits = false;
  /** The MTU in bytes this host offers to new connections. */
  readonly mtu: number;
  /** The host clock (ms, mod 2^32) of the current or last call that took a time. */
  serviceTime = 0;
  /** Peers with events to dispatch (`host->dispatchQueue`), in order. */
  readonly dispatchQueue = new List<Peer>();
  /** The datagram checksum (`host->checksum`), or null (Godot's setting). */
  checksum: ChecksumFunction | null;
  /** The datagram compressor (`host->compressor`), or null. */
  compressor: Compressor | null;
  /** Bytes sent in datagrams (`host->totalSentData`, wraps at 2^32). */
  totalSentData = 0;
  /** Datagrams sent (`host->totalSentPackets`, wraps at 2^32). */
  totalSentPackets = 0;
  /** Bytes received in datagrams (`host->totalReceivedData`, wraps at 2^32). */
  totalReceivedData = 0;
  /** Datagrams received (`host->totalReceivedPackets`, wraps at 2^32). */
  totalReceivedPackets = 0;
  /** Peers in CONNECTED or DISCONNECT_LATER. */
  connectedPeers = 0;
  /** Connected peers that announced a download limit. */
  bandwidthLimitedPeers = 0;
  /** Most simultaneous connections from one IP address (`host->duplicatePeers`); more are refused. */
  duplicatePeers: number;
  /** Largest packet in bytes sent or reassembled (`host->maximumPacketSize`). */
  maximumPacketSize: number;
  /** Most bytes one peer may hold in undelivered packets (`host->maximumWaitingData`). */
  maximumWaitingData: number;
  /** Where the datagram being handled came from. */
  receivedAddress: PeerAddress = { ip: '', port: 0 };
  /** Something was queued since the last send pass: service is due now. */
  dirty = false;

  #totalQueued = 0;
  #randomSeed: number;
  readonly #events: HostEvent[] = [];
  #eventsHead = 0;
  // The datagrams waiting for the driver, as two parallel queues (no object per datagram):
  // `#transmitsHead … #transmitsCount - 1` are waiting.
  readonly #transmitData: Array<Uint8Array | undefined> = [];
  readonly #transmitAddress: Array<PeerAddress | undefined> = [];
  #transmitsHead = 0;
  #transmitsCount = 0;

  constructor(options: HostOptions = {}) {
    const peerCount = integerIn('peerCount', options.peerCount ?? 32, 1, PROTOCOL_MAXIMUM_PEER_ID);
    this.mtu = integerIn('mtu', options.mtu ?? HOST_DEFAULT_MTU, PROTOCOL_MINIMUM_MTU, PROTOCOL_MAXIMUM_MTU);
    this.channelLimit = Host.#clampChannelLimit(integerIn('channelLimit', options.channelLimit ?? 0, 0, PROTOCOL_MAXIMUM_CHANNEL_COUNT));
    this.incomingBandwidth = integerIn('incomingBandwidth', options.incomingBandwidth ?? 0, 0, 0xffffffff);
    this.outgoingBandwidth = integerIn('outgoingBandwidth', options.outgoingBandwidth ?? 0, 0, 0xffffffff);
    this.checksum = options.checksum ?? null;
    this.compressor = options.compressor ?? null;
    this.duplicatePeers = integerIn('duplicatePeers', options.duplicatePeers ?? PROTOCOL_MAXIMUM_PEER_ID, 1, PROTOCOL_MAXIMUM_PEER_ID);
    this.maximumPacketSize = integerIn('maximumPacketSize', options.maximumPacketSize ?? HOST_DEFAULT_MAXIMUM_PACKET_SIZE, 1, 0xffffffff);
    this.maximumWaitingData = integerIn('maximumWaitingData', options.maximumWaitingData ?? HOST_DEFAULT_MAXIMUM_WAITING_DATA, 1, 0xffffffff);
    let seed = options.seed;
    if (seed === undefined) {
      const buffer = new Uint32Array(1);
      globalThis.crypto.getRandomValues(buffer);
      seed = buffer[0] as number;
    }
    this.#randomSeed = seed >>> 0;
    this.peers = Array.from({ length: peerCount }, (_, index) => new Peer(this, index));
  }

  static #clampChannelLimit(limit: number): number {
    if (limit === 0 || limit > PROTOCOL_MAXIMUM_CHANNEL_COUNT) return PROTOCOL_MAXIMUM_CHANNEL_COUNT;
    return Math.max(limit, PROTOCOL_MINIMUM_CHANNEL_COUNT);
  }

  /** ENet's Mulberry32 (`enet_host_random`), for connect ids. */
  random(): number {
    this.#randomSeed = (this.#randomSeed + 0x6d2b79f5) >>> 0;
    let n = this.#randomSeed;
    n = Math.imul(n ^ (n >>> 15), n | 1) >>> 0;
    n = (n ^ ((n + Math.imul(n ^ (n >>> 7), n | 61)) >>> 0)) >>> 0;
    return (n ^ (n >>> 14)) >>> 0;
  }

  /** @internal */
  nextQueueTime(): number {
    this.#totalQueued = (this.#totalQueued + 1) >>> 0;
    return this.#totalQueued;
  }

  /** Starts a connection (`enet_host_connect`); null when every slot is in use. */
  connect(address: PeerAddress, channelCount: number, data: number, now = this.serviceTime): Peer | null {
    this.serviceTime = now >>> 0;
    return connectPeer(this, address, channelCount, data);
  }

  /**
   * Handles one received datagram. The datagram belongs to the host from now on (core's
   * `DatagramReceiver` contract): the packets it carries are delivered as views into it, not
   * copies, so it must not be changed or reused afterwards.
   */
  receive(datagram: Uint8Array, from: PeerAddress, now: number): void {
    this.serviceTime = now >>> 0;
    this.receivedAddress = from;
    this.totalReceivedData = (this.totalReceivedData + datagram.length) >>> 0;
    this.totalReceivedPackets = (this.totalReceivedPackets + 1) >>> 0;
    handleIncomingCommands(this, datagram);
  }

  /** Runs the timers (bandwidth throttle, retransmission, timeouts, pings) and sends what is due. */
  service(now: number): void {
    this.serviceTime = now >>> 0;
    if (timeDifference(this.serviceTime, this.bandwidthThrottleEpoch) >= HOST_BANDWIDTH_THROTTLE_INTERVAL) bandwidthThrottle(this);
    this.dirty = false;
    sendOutgoingCommands(this, true);
  }

  /** Sends what is queued, without running timeouts (`enet_host_flush`). */
  flush(now = this.serviceTime): void {
    this.serviceTime = now >>> 0;
    this.dirty = false;
    sendOutgoingCommands(this, false);
  }

  /** Queues `packet` to every CONNECTED peer (`enet_host_broadcast`). */
  broadcast(channelID: number, packet: Packet): void {
    for (const peer of this.peers) {
      if (peer.state === PeerState.CONNECTED) peer.send(channelID, packet);
    }
  }

  /** Limits the channels of future incoming connections; 0 means 255. */
  setChannelLimit(limit: number): void {
    this.channelLimit = Host.#clampChannelLimit(limit >>> 0);
  }

  /** Changes our bandwidths; peers hear of it at the next throttle epoch (BANDWIDTH_LIMIT). */
  setBandwidthLimit(incoming: number, outgoing: number): void {
    this.incomingBandwidth = incoming >>> 0;
    this.outgoingBandwidth = outgoing >>> 0;
    this.recalculateBandwidthLimits = true;
  }

  /** Forgets every peer without telling them (`enet_host_destroy`'s resets). */
  resetAll(): void {
    for (const peer of this.peers) peer.reset();
    this.#events.length = 0;
    this.#eventsHead = 0;
  }

  /** @internal Raises an event at once (ENet's `event != NULL` paths). */
  pushEvent(type: EventType, peer: Peer, data: number, channelID = 0, packet: Packet | null = null): void {
    this.#events.push({ type, peer, peerData: peer.data, connection: peer.connectionSerial, data: data >>> 0, channelID, packet });
  }

  /** @internal A finished datagram. */
  output(data: Uint8Array, address: PeerAddress): void {
    this.#transmitData[this.#transmitsCount] = data;
    this.#transmitAddress[this.#transmitsCount] = address;
    this.#transmitsCount++;
  }

  /** The next datagram to send, or null. */
  pollTransmit(): Transmit | null {
    const at = this.#transmitsHead;
    if (at >= this.#transmitsCount) {
      this.#transmitsHead = this.#transmitsCount = 0;
      return null;
    }
    const transmit: Transmit = { data: this.#transmitData[at] as Uint8Array, address: this.#transmitAddress[at] as PeerAddress };
    this.#transmitData[at] = undefined;
    this.#transmitAddress[at] = undefined;
    this.#transmitsHead = at + 1;
    return transmit;
  }

  /**
   * Hands every waiting datagram to `send`, in order, without a `Transmit` object each (what a
   * driver does after each service; `pollTransmit` one by one is the same).
   */
  drainTransmits(send: (data: Uint8Array, address: PeerAddress) => void): void {
    // Re-entrant: a `send` that services this host again drains the rest, and this loop ends.
    while (this.#transmitsHead < this.#transmitsCount) {
      const at = this.#transmitsHead++;
      const data = this.#transmitData[at] as Uint8Array;
      const address = this.#transmitAddress[at] as PeerAddress;
      this.#transmitData[at] = undefined;
      this.#transmitAddress[at] = undefined;
      send(data, address);
    }
    this.#transmitsHead = this.#transmitsCount = 0;
  }

  /** The next event (`enet_host_check_events`), or null. */
  pollEvent(): HostEvent | null {
    const e = this.#nextEvent();
    if (e !== this.#dispatched) return e;
    return { type: e.type, peer: e.peer, peerData: e.peerData, connection: e.connection, data: e.data, channelID: e.channelID, packet: e.packet };
  }

  /**
   * {@link pollEvent} into `into` (a driver's one reused record) instead of a new object per
   * event; false, and `into` unchanged, when there is none. `into` is the caller's until its
   * next call.
   */
  pollEventInto(into: MutableHostEvent): boolean {
    const e = this.#nextEvent();
    if (e === null) return false;
    into.type = e.type;
    into.peer = e.peer;
    into.peerData = e.peerData;
    into.connection = e.connection;
    into.data = e.data;
    into.channelID = e.channelID;
    into.packet = e.packet;
    return true;
  }

  /** A queued event, else one dispatched into `#dispatched` (valid until the next call), else null. */
  #nextEvent(): HostEvent | null {
    const next = this.#events[this.#eventsHead];
    if (next !== undefined) {
      this.#shiftEvent();
      return next;
    }
    return this.#dispatch() ? this.#dispatched : null;
  }

  #shiftEvent(): void {
    this.#events[this.#eventsHead++] = undefined as unknown as HostEvent;
    if (this.#eventsHead === this.#events.length) {
      this.#events.length = 0;
      this.#eventsHead = 0;
    }
  }

  /** Takes the next event of the dispatch queue into `#dispatched`; false when there is none. */
  #dispatch(): boolean {
    while (!this.dispatchQueue.isEmpty()) {
      const peer = List.remove(this.dispatchQueue.front());
      peer.flags &= ~PEER_FLAG_NEEDS_DISPATCH;
      switch (peer.state) {
        case PeerState.CONNECTION_PENDING:
        case PeerState.CONNECTION_SUCCEEDED:
          changeState(peer, PeerState.CONNECTED);
          this.#record(EventType.CONNECT, peer, peer.eventData, 0, null);
          return true;
        case PeerState.ZOMBIE: {
          this.recalculateBandwidthLimits = true;
          this.#record(EventType.DISCONNECT, peer, peer.eventData, 0, null);
          peer.reset();
          return true;
        }
        case PeerState.CONNECTED: {
          const received = peer.receive();
          if (received === null) continue;
          if (!peer.dispatchedCommands.isEmpty()) {
            peer.flags |= PEER_FLAG_NEEDS_DISPATCH;
            this.dispatchQueue.pushBack(peer);
          }
          this.#record(EventType.RECEIVE, peer, 0, received.channelID, received.packet);
          return true;
        }
        default:
          break;
      }
    }
    return false;
  }

  /** The event being taken from the dispatch queue, with what the slot was at that moment. */
  readonly #dispatched: MutableHostEvent = new MutableHostEvent();

  #record(type: EventType, peer: Peer, data: number, channelID: number, packet: Packet | null): void {
    const e = this.#dispatched;
    e.type = type;
    e.peer = peer;
    e.peerData = peer.data;
    e.connection = peer.connectionSerial;
    e.data = data >>> 0;
    e.channelID = channelID;
    e.packet = packet;
  }

  /** Whether events are waiting for `pollEvent`. */
  hasEvents(): boolean {
    return this.#eventsHead < this.#events.length || !this.dispatchQueue.isEmpty();
  }

  /**
   * Milliseconds until `service` must run (0: now), or null when nothing is pending: no
   * queued data, no unacknowledged command, no connected peer to ping or throttle.
   *
   * Commands still queued after a send pass (not `dirty`) wait for the reliable window or the
   * throttle window to open, which only an acknowledgement (a datagram, which services the host
   * anyway) or a retransmission timeout does: while anything is in flight they wait for
   * `nextTimeout`, not for "now".
   */
  timeUntilDeadline(now: number): number | null {
    if (this.dirty) return 0;
    const time = now >>> 0;
    let best = Infinity;
    if (this.connectedPeers > 0) best = waitUntil(time, (this.bandwidthThrottleEpoch + HOST_BANDWIDTH_THROTTLE_INTERVAL) >>> 0);
    for (const peer of this.peers) {
      const state = peer.state;
      if (state === PeerState.DISCONNECTED || state === PeerState.ZOMBIE) continue;
      if (!peer.acknowledgements.isEmpty()) return 0;
      let wait: number;
      if (!peer.sentReliableCommands.isEmpty()) wait = waitUntil(time, peer.nextTimeout);
      else if (!peer.outgoingCommands.isEmpty() || !peer.outgoingSendReliableCommands.isEmpty()) return 0;
      else if (state === PeerState.CONNECTED) wait = waitUntil(time, (peer.lastReceiveTime + peer.pingIntervalMs) >>> 0);
      else continue;
      if (wait < best) best = wait;
    }
    return best === Infinity ? null : best;
  }
}
