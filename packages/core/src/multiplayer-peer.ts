import { checkInt } from './checks.js';
import { ChildRoute, type AnyPacketPeer, type ChildPeerOptions, type RouteHost } from './child-route.js';
import { ErrorCode, GodotError } from './error.js';
import { TransferMode, type MultiplayerPacketInfo } from './multiplayer-packet-info.js';
import { PacketPeer, type PacketPeerEvents, type PacketPeerOptions } from './packet-peer.js';
import type { PacketQueueLimits } from './packet-queue.js';

/** Godot's `MultiplayerPeer.ConnectionStatus`, as `getConnectionStatus()` reports it. */
export const ConnectionStatus = {
  /** `CONNECTION_DISCONNECTED` (0): not connected (never connected, closed, or the connection was lost). */
  DISCONNECTED: 0,
  /** `CONNECTION_CONNECTING` (1): a client is still connecting to the server. */
  CONNECTING: 1,
  /** `CONNECTION_CONNECTED` (2): a server is listening, or a client is connected and has its unique id. */
  CONNECTED: 2,
} as const;
/** A `ConnectionStatus` value (0, 1 or 2). */
export type ConnectionStatus = (typeof ConnectionStatus)[keyof typeof ConnectionStatus];

/** `MultiplayerPeer.TARGET_PEER_BROADCAST`. */
export const TARGET_PEER_BROADCAST = 0;
/** `MultiplayerPeer.TARGET_PEER_SERVER`. */
export const TARGET_PEER_SERVER = 1;

export interface MultiplayerPeerEvents extends PacketPeerEvents<MultiplayerPacketInfo> {
  /** Godot's `peer_connected(id)`. */
  peerConnected: [id: number];
  /** Godot's `peer_disconnected(id)`. */
  peerDisconnected: [id: number];
}

/** The random bytes of `generateUniqueId`: one array for every call (a server calls it per connection). */
const randomId = new Uint32Array(1);

/** Godot's `generate_unique_id()`: a random id in [2, 2^31 - 1]. */
export function generateUniqueId(): number {
  const buffer = randomId;
  for (;;) {
    crypto.getRandomValues(buffer);
    const id = (buffer[0] as number) & 0x7fffffff;
    if (id > 1) return id;
  }
}

/**
 * Godot's `MultiplayerPeer`: a PacketPeer that talks to many peers by id, with transfer modes
 * and channels. The server is peer 1; clients get random ids in [2, 2^31 - 1].
 *
 * Targets (`setTargetPeer`): 0 = every connected peer, 1 = the server, n > 1 = that peer,
 * -n = every peer except n.
 */
export abstract class MultiplayerPeer<
  Events extends MultiplayerPeerEvents = MultiplayerPeerEvents,
> extends PacketPeer<MultiplayerPacketInfo, Events> {
  /** Godot's `MultiplayerPeer` constants, on the class as GDScript finds them (subclasses inherit them). */
  static readonly TARGET_PEER_BROADCAST = TARGET_PEER_BROADCAST;
  /** Godot's `MultiplayerPeer.TARGET_PEER_SERVER` (1): `setTargetPeer` value that sends to the server only. */
  static readonly TARGET_PEER_SERVER = TARGET_PEER_SERVER;
  /** Godot's `MultiplayerPeer.CONNECTION_DISCONNECTED` (0): not connected. */
  static readonly CONNECTION_DISCONNECTED = ConnectionStatus.DISCONNECTED;
  /** Godot's `MultiplayerPeer.CONNECTION_CONNECTING` (1): a client is still connecting. */
  static readonly CONNECTION_CONNECTING = ConnectionStatus.CONNECTING;
  /** Godot's `MultiplayerPeer.CONNECTION_CONNECTED` (2): listening (server) or connected (client). */
  static readonly CONNECTION_CONNECTED = ConnectionStatus.CONNECTED;
  /** Godot's `MultiplayerPeer.TRANSFER_MODE_UNRELIABLE` (0): may be lost, duplicated or reordered. */
  static readonly TRANSFER_MODE_UNRELIABLE = TransferMode.UNRELIABLE;
  /** Godot's `MultiplayerPeer.TRANSFER_MODE_UNRELIABLE_ORDERED` (1): may be lost; older packets are dropped. */
  static readonly TRANSFER_MODE_UNRELIABLE_ORDERED = TransferMode.UNRELIABLE_ORDERED;
  /** Godot's `MultiplayerPeer.TRANSFER_MODE_RELIABLE` (2): retransmitted until acknowledged, in order. */
  static readonly TRANSFER_MODE_RELIABLE = TransferMode.RELIABLE;

  #transferMode: TransferMode = TransferMode.RELIABLE;
  #transferChannel = 0;
  #targetPeer = TARGET_PEER_BROADCAST;
  #refuseNewConnections = false;
  /** Children whose packets wait for room in the queue. */
  #blocked: Set<AnyPacketPeer> | null = null;
  /** Each attached child's route, which counts its share of the queue, by peer id. */
  readonly #shares = new Map<number, ChildRoute<unknown>>();
  /** What the routes of this peer's children need from it; made with the first child. */
  #routeHost: RouteHost | null = null;
  #waitingForBudget = false;

  protected constructor(options: PacketPeerOptions, queueLimits: PacketQueueLimits) {
    super(options, queueLimits);
  }

  /** How `putPacket`/`putVar` send. @default TransferMode.RELIABLE */
  get transferMode(): TransferMode {
    return this.#transferMode;
  }

  set transferMode(mode: TransferMode) {
    if (mode !== 0 && mode !== 1 && mode !== 2) throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `Invalid transfer mode ${String(mode)}`);
    this.#transferMode = mode;
  }

  /** The channel `putPacket`/`putVar` send on, 0 … 255. @default 0 */
  get transferChannel(): number {
    return this.#transferChannel;
  }

  set transferChannel(channel: number) {
    this.#transferChannel = checkInt('transferChannel', channel, { min: 0, max: 255 });
  }

  /** Whether new peers are turned away. @default false */
  get refuseNewConnections(): boolean {
    return this.#refuseNewConnections;
  }

  set refuseNewConnections(refuse: boolean) {
    this.#refuseNewConnections = refuse;
    this._refuseNewConnectionsChanged(refuse);
  }

  /** Where the next `putPacket`/`putVar` goes (see the class description). */
  setTargetPeer(id: number): void {
    if (!Number.isInteger(id)) throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `Invalid target peer ${id}`);
    this.#targetPeer = id;
  }

  /** The current target (not a Godot getter, but handy). */
  get targetPeer(): number {
    return this.#targetPeer;
  }

  /** Sender of the packet the next `getPacket()` returns (0 when none is waiting). */
  getPacketPeer(): number {
    this._poll();
    return this._peekReceived()?.info.peer ?? 0;
  }

  /** Channel of the packet the next `getPacket()` returns. */
  getPacketChannel(): number {
    this._poll();
    return this._peekReceived()?.info.channel ?? 0;
  }

  /** Transfer mode of the packet the next `getPacket()` returns. */
  getPacketMode(): TransferMode {
    this._poll();
    return this._peekReceived()?.info.mode ?? TransferMode.RELIABLE;
  }

  /** Godot's `generate_unique_id()`. */
  generateUniqueId(): number {
    return generateUniqueId();
  }

  /** Whether this peer is the server (unique id 1). */
  isServer(): boolean {
    return this.getUniqueId() === TARGET_PEER_SERVER;
  }

  /** Whether the transport can relay between clients. @default false */
  isServerRelaySupported(): boolean {
    return false;
  }

  /** Processes network events; Godot games call it every frame. */
  abstract poll(): void;

  /** Godot's `get_connection_status()`: `CONNECTION_DISCONNECTED`, `CONNECTION_CONNECTING` or `CONNECTION_CONNECTED`. */
  abstract getConnectionStatus(): ConnectionStatus;

  /** This peer's id: 1 on a server, the assigned id on a client, 0 before it is known. */
  abstract getUniqueId(): number;

  /** Disconnects one peer; with `force` it is forgotten at once, without a clean goodbye. */
  abstract disconnectPeer(id: number, force?: boolean): void;

  protected _putPacket(packet: Uint8Array, owned: boolean): ErrorCode {
    return this._putPacketTo(packet, this.#targetPeer, this.#transferChannel, this.#transferMode, owned);
  }

  /** Sends one packet to `target` (see `setTargetPeer`); `owned` as in `PacketPeer._putPacket`. */
  protected abstract _putPacketTo(
    packet: Uint8Array, target: number, channel: number, mode: TransferMode, owned: boolean,
  ): ErrorCode;

  /** For subclasses: called after `refuseNewConnections` is set, so the transport can start or stop turning peers away. Does nothing by default. */
  protected _refuseNewConnectionsChanged(_refuse: boolean): void {}

  // --- child connections ---------------------------------------------------------------

  /**
   * Makes `child` (one connection of this peer: a WebSocket, an ENet peer, a WebRTC data
   * channel) hand its received packets to this peer's queue, attributed to peer `id`, instead of
   * its own. Back-pressure is shared: while the queue is full the child holds its packets and
   * stops reading (if it can), and it is resumed as soon as the application takes a packet. The
   * child feeds packets through its own `_receive`, as when it is used alone.
   */
  protected _attachChild<ChildInfo>(child: PacketPeer<ChildInfo, PacketPeerEvents<ChildInfo>>, id: number, options?: ChildPeerOptions<ChildInfo>): void {
    const route = new ChildRoute(this.#routeHost ??= this.#makeRouteHost(), child, id, options);
    this.#shares.set(id, route);
    PacketPeer._routeChild(child, route);
  }

  /** Gives `child` its packets back (they go to its own queue again) and forgets it here. */
  protected _detachChild(child: AnyPacketPeer): void {
    this.#blocked?.delete(child);
    PacketPeer._routeChild(child, null);
  }

  /** Forgets that `child` waits for room (it is gone), without touching it. */
  protected _forgetChild(child: AnyPacketPeer): void {
    this.#blocked?.delete(child);
  }

  /** Forgets peer `id`'s share of the queue (its connection is gone; its packets stay readable). */
  protected _forgetShare(id: number): void {
    this.#shares.delete(id);
  }

  /** Drops every received packet, and every child's share of them; children waiting for room go on. */
  protected override _discardReceived(): void {
    for (const route of this.#shares.values()) route.used = 0;
    super._discardReceived();
    this.#resumeChildren();
  }

  /** Room was made: children waiting for it hand their packets on. Call `super` when overriding. */
  protected override _packetTaken(data: Uint8Array, info: MultiplayerPacketInfo): void {
    this.#shares.get(info.peer)?.release(this._costOf(data));
    this.#resumeChildren();
  }

  #makeRouteHost(): RouteHost {
    return {
      costOf: (data) => this._costOf(data),
      fits: (data) => this._queueFits(data),
      block: (child, data) => {
        (this.#blocked ??= new Set()).add(child);
        if (!this.#waitingForBudget && this._waitForBudget(data, this.#onBudgetRoom)) this.#waitingForBudget = true;
      },
      deliver: (data, info) => {
        const queued = this._receivedCount;
        this._deliver(data, info);
        return this._receivedCount > queued;
      },
      shareOf: (id) => this.#shares.get(id),
    };
  }

  readonly #onBudgetRoom = (): void => {
    this.#waitingForBudget = false;
    this.#resumeChildren();
  };

  #resumeChildren(): void {
    const blocked = this.#blocked;
    if (blocked === null || blocked.size === 0) return;
    const children = [...blocked];
    blocked.clear();
    for (const child of children) PacketPeer._resumeChild(child);
  }
}
