/**
 * One child connection's way into its multiplayer peer's queue (see `MultiplayerPeer._attachChild`):
 * what its packets become there, and its share of that queue. One object per child, since a
 * server holds one per connection.
 */
import { TransferMode, type MultiplayerPacketInfo } from './multiplayer-packet-info.js';
import type { PacketPeer, PacketPeerEvents } from './packet-peer.js';
import type { PacketRoute } from './receive-flow.js';

/**
 * How a child connection's packets enter its multiplayer peer (see
 * `MultiplayerPeer._attachChild`). `ChildInfo` is the child's own packet info.
 */
export interface ChildPeerOptions<ChildInfo> {
  /**
   * Sees every packet first; returns true when it consumed the packet (a handshake message, an
   * empty message Godot skips), which is then not queued.
   */
  intercept?(data: Uint8Array, info: ChildInfo): boolean;
  /**
   * The packet's info in the multiplayer peer: its channel and mode, from the child's info (an
   * ENet channel and flags, a WebRTC channel index). Called per packet: return shared frozen
   * objects. By default every packet is `{ peer: id, channel: 0, mode: RELIABLE }`.
   */
  describe?(info: ChildInfo, data: Uint8Array): MultiplayerPacketInfo;
}

// Any packet peer: children have their own packet info and events.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPacketPeer = PacketPeer<any, any>;

/** What routes need from their multiplayer peer: one object per multiplayer peer, shared by its routes. */
export interface RouteHost {
  /** What `data` is charged in the queue. */
  costOf(data: Uint8Array): number;
  /** Whether the queue has room for `data`. */
  fits(data: Uint8Array): boolean;
  /** `child` holds `data` for lack of room: it is resumed once room is made. */
  block(child: AnyPacketPeer, data: Uint8Array): void;
  /** Hands a packet to the queue (or its consumers); whether it was queued. */
  deliver(data: Uint8Array, info: MultiplayerPacketInfo): boolean;
  /** The route peer `id`'s queued packets are charged to, while the peer is known. */
  shareOf(id: number): ChildRoute<unknown> | undefined;
}

/**
 * Routes one child's packets into its multiplayer peer's queue, attributed to peer `id`, and
 * counts what they hold there: the child's share of the queue, bounded by the child's own
 * `maxQueuedMemory`.
 */
export class ChildRoute<ChildInfo> implements PacketRoute<ChildInfo> {
  /** Heap bytes this child's packets hold in the queue. */
  used = 0;
  readonly #host: RouteHost;
  readonly #child: PacketPeer<ChildInfo, PacketPeerEvents<ChildInfo>>;
  readonly #id: number;
  readonly #intercept: ChildPeerOptions<ChildInfo>['intercept'];
  readonly #describe: ChildPeerOptions<ChildInfo>['describe'];
  /** The info of every packet when there is no `describe`; made with the first packet (an idle connection needs none). */
  #fixed: MultiplayerPacketInfo | undefined;

  constructor(host: RouteHost, child: PacketPeer<ChildInfo, PacketPeerEvents<ChildInfo>>, id: number, options: ChildPeerOptions<ChildInfo> | undefined) {
    this.#host = host;
    this.#child = child;
    this.#id = id;
    this.#intercept = options?.intercept;
    this.#describe = options?.describe;
  }

  offer(data: Uint8Array, info: ChildInfo, force: boolean): boolean {
    if (this.#intercept?.(data, info) === true) return true;
    const host = this.#host;
    const cost = host.costOf(data);
    // The child's limit is read here, not copied: a copy would cost every connection a heap number.
    if (!force && (this.used + cost > this.#child.maxQueuedMemory || !host.fits(data))) {
      host.block(this.#child, data);
      return false;
    }
    const described = this.#describe === undefined
      ? (this.#fixed ??= Object.freeze({ peer: this.#id, channel: 0, mode: TransferMode.RELIABLE }))
      : this.#describe(info, data);
    // Charged while it waits in the queue (a packet handed to a listener is not).
    if (host.deliver(data, described) && host.shareOf(described.peer) === this) this.used += cost;
    return true;
  }

  /** A packet of this child's, costing `cost`, left the queue. */
  release(cost: number): void {
    this.used = Math.max(0, this.used - cost);
  }
}
