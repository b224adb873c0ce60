import { ErrorCode, GodotError, PacketPeer, checkInt, type PacketPeerEvents, type WaitOptions, withWaitOptions } from '@pp/core';
import type { ENetConnection } from './enet-connection.js';
import {
  ENET_MAX_PACKET_SIZE, FLAG_ALLOWED, FLAG_RELIABLE, FLAG_UNRELIABLE_FRAGMENT, FLAG_UNSEQUENCED, PACKET_LOSS_SCALE,
  PACKET_THROTTLE_SCALE, PeerState, PeerStatistic,
} from './godot-constants.js';
import { copyBytes } from './protocol/byte-slab.js';
import { Packet } from './protocol/packet.js';
import type { Peer } from './protocol/peer.js';

/** Where a received packet travelled: its ENet channel and its flags (`FLAG_*`). */
export interface ENetPacketInfo {
  /** The ENet channel the packet came on. */
  readonly channel: number;
  /** The flags it came with: `FLAG_RELIABLE`, `FLAG_UNSEQUENCED`, `FLAG_UNRELIABLE_FRAGMENT` (a reassembled unreliable packet), or 0 (unreliable, sequenced). */
  readonly flags: number;
}

export interface ENetPacketPeerEvents extends PacketPeerEvents<ENetPacketInfo> {
  /** The connection ended (DISCONNECT, timeout, reset or disconnect-now); `data` is the remote's. */
  disconnect: [data: number];
}

const infos = new Map<number, ENetPacketInfo>();

/** Shared frozen info objects, one per channel and flags. */
function infoFor(channel: number, flags: number): ENetPacketInfo {
  const key = channel * 256 + flags;
  let info = infos.get(key);
  if (info === undefined) infos.set(key, (info = Object.freeze({ channel, flags })));
  return info;
}

/**
 * Godot's `ENetPacketPeer`: one connection of an `ENetConnection`, and a core `PacketPeer`
 * (`putPacket` sends reliably on channel 0; received packets of every channel queue up for
 * `getPacket`). A peer object stands for one connection: once it disconnects it stays inactive,
 * and a new connection through the same ENet slot gets a new object, as in Godot.
 */
export class ENetPacketPeer extends PacketPeer<ENetPacketInfo, ENetPacketPeerEvents> {
  /** The scale of `PEER_PACKET_LOSS`: 65536 is 100 % loss. */
  static readonly PACKET_LOSS_SCALE = PACKET_LOSS_SCALE;
  /** The scale of the throttle statistics: 32 is fully open. */
  static readonly PACKET_THROTTLE_SCALE = PACKET_THROTTLE_SCALE;
  /** Send reliably: acknowledged, resent until received, delivered in order on its channel. */
  static readonly FLAG_RELIABLE = FLAG_RELIABLE;
  /**
   * Send unreliably and unordered (ignored together with `FLAG_RELIABLE`); without it unreliable packets are
   * sequenced (late ones dropped).
   */
  static readonly FLAG_UNSEQUENCED = FLAG_UNSEQUENCED;
  /**
   * An unreliable packet too large for one datagram is sent as unreliable fragments (lost whole if one
   * fragment is lost) instead of reliably.
   */
  static readonly FLAG_UNRELIABLE_FRAGMENT = FLAG_UNRELIABLE_FRAGMENT;
  /** No connection (also every inactive peer object). */
  static readonly STATE_DISCONNECTED = PeerState.STATE_DISCONNECTED;
  /** This side sent CONNECT and waits for VERIFY_CONNECT. */
  static readonly STATE_CONNECTING = PeerState.STATE_CONNECTING;
  /** This side got VERIFY_CONNECT and is acknowledging it. */
  static readonly STATE_ACKNOWLEDGING_CONNECT = PeerState.STATE_ACKNOWLEDGING_CONNECT;
  /** The remote's CONNECT was answered; waiting for the acknowledgement of our VERIFY_CONNECT. */
  static readonly STATE_CONNECTION_PENDING = PeerState.STATE_CONNECTION_PENDING;
  /** The handshake is done; the connect event is about to be dispatched. */
  static readonly STATE_CONNECTION_SUCCEEDED = PeerState.STATE_CONNECTION_SUCCEEDED;
  /** Connected: packets flow both ways. */
  static readonly STATE_CONNECTED = PeerState.STATE_CONNECTED;
  /** `peerDisconnectLater` was called; DISCONNECT goes out once the queued packets are sent. */
  static readonly STATE_DISCONNECT_LATER = PeerState.STATE_DISCONNECT_LATER;
  /** DISCONNECT was sent; waiting for its acknowledgement. */
  static readonly STATE_DISCONNECTING = PeerState.STATE_DISCONNECTING;
  /** The remote sent DISCONNECT; its acknowledgement is being sent. */
  static readonly STATE_ACKNOWLEDGING_DISCONNECT = PeerState.STATE_ACKNOWLEDGING_DISCONNECT;
  /** The connection ended; the disconnect event is about to be dispatched. */
  static readonly STATE_ZOMBIE = PeerState.STATE_ZOMBIE;
  /** Mean loss of reliable packets, of `PACKET_LOSS_SCALE` (65536 is 100 %). */
  static readonly PEER_PACKET_LOSS = PeerStatistic.PEER_PACKET_LOSS;
  /** Mean deviation of the packet loss, of `PACKET_LOSS_SCALE`. */
  static readonly PEER_PACKET_LOSS_VARIANCE = PeerStatistic.PEER_PACKET_LOSS_VARIANCE;
  /** When (ms on the connection's clock) the packet-loss figures were last updated. */
  static readonly PEER_PACKET_LOSS_EPOCH = PeerStatistic.PEER_PACKET_LOSS_EPOCH;
  /** Mean round-trip time of reliable packets, in ms. */
  static readonly PEER_ROUND_TRIP_TIME = PeerStatistic.PEER_ROUND_TRIP_TIME;
  /** Mean deviation of the round-trip time, in ms. */
  static readonly PEER_ROUND_TRIP_TIME_VARIANCE = PeerStatistic.PEER_ROUND_TRIP_TIME_VARIANCE;
  /** Lowest round-trip time (ms) of the last throttle interval, the throttle's reference. */
  static readonly PEER_LAST_ROUND_TRIP_TIME = PeerStatistic.PEER_LAST_ROUND_TRIP_TIME;
  /** Highest round-trip deviation (ms) of the last throttle interval. */
  static readonly PEER_LAST_ROUND_TRIP_TIME_VARIANCE = PeerStatistic.PEER_LAST_ROUND_TRIP_TIME_VARIANCE;
  /**
   * The unreliable-packet throttle, of `PACKET_THROTTLE_SCALE` (32 sends every unreliable packet, 0 none).
   */
  static readonly PEER_PACKET_THROTTLE = PeerStatistic.PEER_PACKET_THROTTLE;
  /** The ceiling the bandwidth limits put on the throttle, of `PACKET_THROTTLE_SCALE`. */
  static readonly PEER_PACKET_THROTTLE_LIMIT = PeerStatistic.PEER_PACKET_THROTTLE_LIMIT;
  /** The rotating counter (steps of 7, mod 32) compared with the throttle to drop unreliable packets. */
  static readonly PEER_PACKET_THROTTLE_COUNTER = PeerStatistic.PEER_PACKET_THROTTLE_COUNTER;
  /** When (ms on the connection's clock) the throttle interval last began. */
  static readonly PEER_PACKET_THROTTLE_EPOCH = PeerStatistic.PEER_PACKET_THROTTLE_EPOCH;
  /**
   * The throttle step up after a good round trip, of `PACKET_THROTTLE_SCALE` (default 2;
   * `throttleConfigure`).
   */
  static readonly PEER_PACKET_THROTTLE_ACCELERATION = PeerStatistic.PEER_PACKET_THROTTLE_ACCELERATION;
  /**
   * The throttle step down after a bad round trip, of `PACKET_THROTTLE_SCALE` (default 2;
   * `throttleConfigure`).
   */
  static readonly PEER_PACKET_THROTTLE_DECELERATION = PeerStatistic.PEER_PACKET_THROTTLE_DECELERATION;
  /** The throttle measuring interval in ms (default 5000; `throttleConfigure`). */
  static readonly PEER_PACKET_THROTTLE_INTERVAL = PeerStatistic.PEER_PACKET_THROTTLE_INTERVAL;

  readonly #connection: ENetConnection;
  #slot: Peer | null;
  #disconnectData = 0;
  #disconnected: Array<{ resolve(): void; reject(error: unknown): void }> | null = null;

  /** @internal Made by `ENetConnection` for each connection. */
  constructor(connection: ENetConnection, slot: Peer, queue: { maxPackets: number; maxBytes: number }) {
    super({ clock: connection.clock }, queue);
    this.#connection = connection;
    this.#slot = slot;
    slot.data = this;
  }

  /**
   * The engine peer while this connection lives. Once the engine has let the connection go (its
   * slot forgot us) the peer is inactive, even before the DISCONNECT event is read.
   */
  #live(): Peer | null {
    const slot = this.#slot;
    return slot !== null && slot.data === this ? slot : null;
  }

  /** The connection this peer belongs to. */
  get connection(): ENetConnection {
    return this.#connection;
  }

  /**
   * Queues `packet` on `channel` with `flags` (`FLAG_*`). The bytes are copied.
   * @returns `OK`; `ERR_UNCONFIGURED` when inactive; `ERR_INVALID_PARAMETER` for a channel above
   *   the channel count or unknown flags; `FAILED` when ENet refuses (not connected yet, the
   *   channel equal to the count, larger than `maximumPacketSize`).
   */
  send(channel: number, packet: Uint8Array, flags: number): ErrorCode {
    return this.#send(channel, packet, flags, false);
  }

  #send(channel: number, packet: Uint8Array, flags: number, owned: boolean): ErrorCode {
    const slot = this.#live();
    if (slot === null) return ErrorCode.ERR_UNCONFIGURED;
    if (!Number.isInteger(channel) || channel < 0 || channel > slot.channelCount) return ErrorCode.ERR_INVALID_PARAMETER;
    if (!Number.isInteger(flags) || (flags & ~FLAG_ALLOWED) !== 0) return ErrorCode.ERR_INVALID_PARAMETER;
    const result = slot.send(channel, new Packet(owned ? packet : copyBytes(packet), flags));
    this.#connection._flushSoon();
    return result === 0 ? ErrorCode.OK : ErrorCode.FAILED;
  }

  /** Flags of the packet the next `getPacket()` returns (0 when none waits). */
  getPacketFlags(): number {
    return this._peekReceived()?.info.flags ?? 0;
  }

  /** Channel of the packet the next `getPacket()` returns (not in Godot; 0 when none waits). */
  getPacketChannel(): number {
    return this._peekReceived()?.info.channel ?? 0;
  }

  /** Starts a graceful disconnect; the DISCONNECT event follows (`enet_peer_disconnect`). */
  peerDisconnect(data = 0): void {
    this.#live()?.disconnect(data);
    this.#connection._flushSoon();
  }

  /** Disconnects once the queued outgoing data is sent (`enet_peer_disconnect_later`). */
  peerDisconnectLater(data = 0): void {
    this.#live()?.disconnectLater(data);
    this.#connection._flushSoon();
  }

  /** Sends one DISCONNECT at once and forgets the connection; no DISCONNECT event here. */
  peerDisconnectNow(data = 0): void {
    const slot = this.#live();
    if (slot === null) return;
    slot.disconnectNow(data);
    this.#connection._drain();
    this._onDisconnect(0);
  }

  /** Forgets the connection without telling the remote side (it will time out). */
  reset(): void {
    const slot = this.#live();
    if (slot === null) return;
    slot.reset();
    this._onDisconnect(0);
  }

  /** Sends a PING now (ENet pings by itself every `pingInterval`). */
  ping(): void {
    this.#live()?.ping();
    this.#connection._flushSoon();
  }

  /** Milliseconds between pings on a quiet connection; 0 restores the default 500. */
  pingInterval(interval: number): void {
    this.#live()?.pingInterval(checkInt('interval', interval, { min: 0, max: 0xffffffff }));
  }

  /** Throttle interval (ms), acceleration and deceleration, here and at the remote side. */
  throttleConfigure(interval: number, acceleration: number, deceleration: number): void {
    const slot = this.#live();
    if (slot === null) return;
    slot.throttleConfigure(
      checkInt('interval', interval, { min: 0, max: 0xffffffff }),
      checkInt('acceleration', acceleration, { min: 0, max: 0xffffffff }),
      checkInt('deceleration', deceleration, { min: 0, max: 0xffffffff }),
    );
    this.#connection._flushSoon();
  }

  /**
   * ENet's timeout: `timeout` (the limit, default 32), `timeoutMin` (ms, default 5000) and
   * `timeoutMax` (ms, default 30000); 0 keeps a default. As in Godot, the call is refused (a
   * `GodotError`, `ERR_INVALID_PARAMETER`) unless `timeout ≤ timeoutMin ≤ timeoutMax`.
   */
  setTimeout(timeout: number, timeoutMin: number, timeoutMax: number): void {
    const slot = this.#live();
    if (slot === null) return;
    for (const [name, value] of [['timeout', timeout], ['timeoutMin', timeoutMin], ['timeoutMax', timeoutMax]] as const) {
      checkInt(name, value, { min: 0, max: 0xffffffff });
    }
    if (timeout > timeoutMin || timeoutMin > timeoutMax) {
      throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, 'Timeout limit must be less than minimum timeout, which itself must be less than maximum timeout');
    }
    slot.timeout(timeout, timeoutMin, timeoutMax);
  }

  /** One of ENet's peer figures (`PeerStatistic`); 0 when inactive. */
  getStatistic(statistic: PeerStatistic): number {
    const slot = this.#live();
    if (slot === null) return 0;
    switch (statistic) {
      case PeerStatistic.PEER_PACKET_LOSS: return slot.packetLoss;
      case PeerStatistic.PEER_PACKET_LOSS_VARIANCE: return slot.packetLossVariance;
      case PeerStatistic.PEER_PACKET_LOSS_EPOCH: return slot.packetLossEpoch;
      case PeerStatistic.PEER_ROUND_TRIP_TIME: return slot.roundTripTime;
      case PeerStatistic.PEER_ROUND_TRIP_TIME_VARIANCE: return slot.roundTripTimeVariance;
      case PeerStatistic.PEER_LAST_ROUND_TRIP_TIME: return slot.lastRoundTripTime;
      case PeerStatistic.PEER_LAST_ROUND_TRIP_TIME_VARIANCE: return slot.lastRoundTripTimeVariance;
      case PeerStatistic.PEER_PACKET_THROTTLE: return slot.packetThrottle;
      case PeerStatistic.PEER_PACKET_THROTTLE_LIMIT: return slot.packetThrottleLimit;
      case PeerStatistic.PEER_PACKET_THROTTLE_COUNTER: return slot.packetThrottleCounter;
      case PeerStatistic.PEER_PACKET_THROTTLE_EPOCH: return slot.packetThrottleEpoch;
      case PeerStatistic.PEER_PACKET_THROTTLE_ACCELERATION: return slot.packetThrottleAcceleration;
      case PeerStatistic.PEER_PACKET_THROTTLE_DECELERATION: return slot.packetThrottleDeceleration;
      case PeerStatistic.PEER_PACKET_THROTTLE_INTERVAL: return slot.packetThrottleInterval;
      default: return 0;
    }
  }

  /** ENet's state of this connection (`PeerState`); `STATE_DISCONNECTED` when inactive. */
  getState(): PeerState {
    return (this.#live()?.state ?? PeerState.STATE_DISCONNECTED) as PeerState;
  }

  /** The channel count agreed with the remote side (0 when inactive). */
  getChannels(): number {
    return this.#live()?.channelCount ?? 0;
  }

  /** The remote IP address ('' when inactive). */
  getRemoteAddress(): string {
    return this.#live()?.address.ip ?? '';
  }

  /** The remote port (0 when inactive). */
  getRemotePort(): number {
    return this.#live()?.address.port ?? 0;
  }

  /** Whether this connection still lives (not disconnected, reset or destroyed). */
  isActive(): boolean {
    return this.#live() !== null;
  }

  /**
   * Starts a graceful disconnect (`peerDisconnect`) and resolves when it is complete (the
   * remote acknowledged it, or the connection timed out). Resolves at once when inactive.
   */
  peerDisconnectAsync(data = 0, options: WaitOptions = {}): Promise<void> {
    if (!this.isActive()) return Promise.resolve();
    const done = this.waitForDisconnected(options);
    this.peerDisconnect(data);
    return done;
  }

  /** Resolves when this connection ends (however it ends). */
  waitForDisconnected(options: WaitOptions = {}): Promise<void> {
    if (!this.isActive()) return Promise.resolve();
    return withWaitOptions(options, (waiter) => {
      (this.#disconnected ??= []).push(waiter);
      this.#connection._retain();
      return () => {
        const at = this.#disconnected?.indexOf(waiter) ?? -1;
        if (at !== -1) {
          this.#disconnected?.splice(at, 1);
          this.#connection._release();
        }
      };
    }, 'the disconnection');
  }

  /** The data of the DISCONNECT that ended this connection (0 before, or when it carried none). */
  get disconnectData(): number {
    return this.#disconnectData;
  }

  protected _putPacket(packet: Uint8Array, owned: boolean): ErrorCode {
    return this.#send(0, packet, FLAG_RELIABLE, owned);
  }

  protected _getMaxPacketSize(): number {
    return ENET_MAX_PACKET_SIZE;
  }

  /** `close()`: `peerDisconnectNow(0)`. Queued packets stay readable. */
  protected _close(): void {
    this.peerDisconnectNow(0);
  }

  /** @internal A packet for this connection. */
  _deliverPacket(data: Uint8Array, channel: number, flags: number): void {
    this._receive(data, infoFor(channel, flags));
  }

  /** @internal The connection ended. */
  _onDisconnect(data: number): void {
    const slot = this.#slot;
    if (slot === null) return;
    if (slot.data === this) slot.data = null;
    this.#slot = null;
    this.#disconnectData = data >>> 0;
    this.#connection._peerGone(this);
    const waiters = this.#disconnected;
    this.#disconnected = null;
    for (const waiter of waiters ?? []) {
      this.#connection._release();
      waiter.resolve();
    }
    this.emit('disconnect', this.#disconnectData);
    this._ended();
  }
}
