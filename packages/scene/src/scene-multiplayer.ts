import {
  ConnectionStatus, Emitter, ErrorCode, GodotError, OfflineMultiplayerPeer, TransferMode, checkSeconds, systemClock,
  type Clock, type MultiplayerPeer, type TimerHandle, type VariantLike,
} from '@pp/core';
import { DEFAULT_AUTH_TIMEOUT, type AuthCallback, type PendingPeer } from './auth.js';
import type { GameDecl, HandlerArgs, MethodArgs, MethodName, NodeDecl, NodeDecls, SceneDecl } from './declaration/define.js';
import { DropError, type DropReason, type DropReport } from './drop-report.js';
import type { SceneMultiplayerEvents } from './events.js';
import { godotQuirks, type GodotQuirks } from './godot-version.js';
import type { SceneHost } from './multiplayer/host.js';
import { PathCache } from './multiplayer/path-cache.js';
import { RpcInterface, type RpcContext, type RpcHandler } from './multiplayer/rpc-interface.js';
import { CMD_MASK, DELTA_META, NetworkCommand, SysCommand } from './protocol/commands.js';
import type { CompressOptions } from './protocol/compressed-variant.js';
import { authPacket, isAuthPacket, parseSys, peerNoticePacket, relayPacket } from './protocol/sys-packets.js';
import {
  DEFAULT_MAX_DELTA_PACKET_SIZE, DEFAULT_MAX_SYNC_PACKET_SIZE, MIN_STATE_PACKET_SIZE, ReplicationInterface, type SpawnOptions,
} from './replication/replication-interface.js';
import type { VisibilityFilter } from './replication/sync-state.js';
import { RPCMode } from './rpc-mode.js';
import type { SceneInstance, SceneNode } from './tree/scene-node.js';
import { SceneTreeMirror } from './tree/scene-tree.js';

/** What to do with the peer after a dropped packet. */
export type BadPacketAction = 'drop' | 'disconnect';

/**
 * Options of a `SceneMultiplayer`: the game declaration, the transport and Godot's `SceneMultiplayer`
 * properties, with Godot's defaults.
 */
export interface SceneMultiplayerOptions<G extends GameDecl = GameDecl> {
  /** The game's shape (see `defineGame`). */
  readonly game: G;
  /** The transport; same as setting `multiplayerPeer` afterwards. @default an `OfflineMultiplayerPeer` */
  readonly multiplayerPeer?: MultiplayerPeer;
  /** The peer's Godot version, when it differs from `game.godot`. */
  readonly godot?: GameDecl['godot'];
  /** See {@link SceneMultiplayer.authCallback}. @default null */
  readonly authCallback?: AuthCallback | null;
  /** See {@link SceneMultiplayer.authTimeout}. @default 3 */
  readonly authTimeout?: number;
  /** See {@link SceneMultiplayer.serverRelay}. @default true */
  readonly serverRelay?: boolean;
  /** See {@link SceneMultiplayer.allowObjectDecoding}. @default false */
  readonly allowObjectDecoding?: boolean;
  /** See {@link SceneMultiplayer.maxSyncPacketSize}. @default 1350 */
  readonly maxSyncPacketSize?: number;
  /** See {@link SceneMultiplayer.maxDeltaPacketSize}. @default 65535 */
  readonly maxDeltaPacketSize?: number;
  /**
   * After a packet is dropped: keep the peer (Godot's behaviour), disconnect it, or decide per
   * report. Only a server disconnects, and only the peer the packet came from.
   * @default 'drop'
   */
  readonly badPacketPolicy?: BadPacketAction | ((report: DropReport) => BadPacketAction);
  /**
   * Server only: whether to relay a client's packet to `to` (a peer, 0 = everyone, -n = all but
   * n). Refused relays are reported as `relay-disabled`. @default every relay is allowed
   */
  readonly relayFilter?: (from: number, to: number, packet: Uint8Array) => boolean;
  /** The clock of auth timeouts, replication intervals and `start()` (a `ManualClock` in tests). @default systemClock */
  readonly clock?: Clock;
}

type StaticPath<G extends GameDecl> = Extract<keyof G['nodes'], string>;
/** A declared static path (autocompleted) or any path of the tree (`Main/Players/7`). */
type NodePathLike<G extends GameDecl> = StaticPath<G> | (string & Record<never, never>);
type NodeOf<G extends GameDecl, P extends string> = P extends keyof G['nodes'] ? G['nodes'][P] : NodeDecl;

/**
 * Godot's `SceneMultiplayer` over any `@pp` `MultiplayerPeer`: authentication, server relay and peer
 * discovery, RAW packets, RPCs and replication, byte-compatible with a stock Godot 4 game (checked
 * against Godot 4.6). Godot's surface in camelCase; on top, typed RPC handlers and calls from the
 * game's declaration, events for everything Godot only prints, and a policy for bad input.
 *
 * Like Godot, it advances in `poll()`: call it every frame (or `start()` a timer) — it reads every
 * packet the transport queued, then sends one round of SYNC/DELTA.
 */
export class SceneMultiplayer<G extends GameDecl = GameDecl> extends Emitter<SceneMultiplayerEvents> {
  // Godot's `MultiplayerAPI.RPCMode` constants, which GDScript finds on `SceneMultiplayer` too.
  /** The method cannot be called over the network; a remote call is dropped as `rpc-not-allowed`. */
  static readonly RPC_MODE_DISABLED = RPCMode.RPC_MODE_DISABLED;
  /** Any peer may call the method (`@rpc("any_peer")`); others' calls are not refused by mode. */
  static readonly RPC_MODE_ANY_PEER = RPCMode.RPC_MODE_ANY_PEER;
  /**
   * Only the node's multiplayer authority may call the method (`@rpc("authority")`, the default); others'
   * calls are dropped as `rpc-not-allowed`.
   */
  static readonly RPC_MODE_AUTHORITY = RPCMode.RPC_MODE_AUTHORITY;

  /** The game's declaration (`defineGame`), as given in the options. */
  readonly game: G;
  /** The wire behaviour of the peer's Godot version (`godot` option, else `game.godot`). */
  readonly quirks: GodotQuirks;
  /** The mirror of the game's tree (declared nodes and spawned scenes). */
  readonly tree: SceneTreeMirror;
  /**
   * `auth_callback`: when set as a peer connects, the peer must authenticate. Called for every
   * AUTH packet with data; answer with `sendAuth`, accept with `completeAuth`, refuse with
   * `disconnectPeer`.
   */
  authCallback: AuthCallback | null;
  /** `allow_object_decoding`: accept (and send) full Objects in RPC arguments and states. @default false */
  allowObjectDecoding: boolean;
  /** `server_relay`: a server relays between clients and tells them about each other; a client sends through it. @default true */
  serverRelay: boolean;
  /**
   * What happens to the sender after a dropped packet: `drop` (keep it, Godot's behaviour), `disconnect` (a
   * server disconnects it), or a function deciding per `DropReport`. @defaultValue 'drop'
   */
  badPacketPolicy: BadPacketAction | ((report: DropReport) => BadPacketAction);
  /**
   * Server only: whether to relay a client's packet to `to` (a peer, 0 = everyone, -n = all but n); refused
   * relays are dropped as `relay-disabled`. null relays everything. @defaultValue null
   */
  relayFilter: ((from: number, to: number, packet: Uint8Array) => boolean) | null;

  #peer: MultiplayerPeer = new OfflineMultiplayerPeer();
  #lastStatus: ConnectionStatus = ConnectionStatus.DISCONNECTED;
  readonly #pending = new Map<number, PendingPeer>();
  readonly #connected = new Set<number>();
  /**
   * Peers whose connection closed since the last poll. They stay admitted until `poll()` has
   * processed what they sent before leaving (a goodbye RPC right before `close()` arrives; Godot
   * drops it), then leave.
   */
  readonly #departures = new Set<number>();
  #remoteSender = 0;
  #authTimeoutMs = DEFAULT_AUTH_TIMEOUT * 1000;
  #blockEvents = false;
  #timer: TimerHandle | undefined;
  readonly #clock: Clock;
  readonly #cache: PathCache;
  readonly #rpc: RpcInterface;
  readonly #replication: ReplicationInterface;
  readonly #listeners = {
    peerConnected: (id: number): void => {
      this.#updateStatus();
      this.#addPeer(id);
    },
    peerDisconnected: (id: number): void => {
      if (this.#pending.has(id)) this.#delPeer(id);
      else if (this.#connected.has(id)) this.#departures.add(id);
    },
    close: (): void => this.#updateStatus(),
  };

  constructor(options: SceneMultiplayerOptions<G>) {
    super();
    this.game = options.game;
    this.quirks = godotQuirks(options.godot ?? options.game.godot);
    this.tree = new SceneTreeMirror(options.game);
    this.authCallback = options.authCallback ?? null;
    this.allowObjectDecoding = options.allowObjectDecoding ?? false;
    this.serverRelay = options.serverRelay ?? true;
    this.badPacketPolicy = options.badPacketPolicy ?? 'drop';
    this.relayFilter = options.relayFilter ?? null;
    this.#clock = options.clock ?? systemClock;
    const host = this.#host();
    this.#cache = new PathCache(host);
    this.#replication = new ReplicationInterface(host, this.#cache);
    this.#rpc = new RpcInterface(host, this.#cache, (node, peer) => this.#replication.isRpcVisible(node, peer));
    if (options.authTimeout !== undefined) this.authTimeout = options.authTimeout;
    if (options.maxSyncPacketSize !== undefined) this.maxSyncPacketSize = options.maxSyncPacketSize;
    if (options.maxDeltaPacketSize !== undefined) this.maxDeltaPacketSize = options.maxDeltaPacketSize;
    this.#attach(this.#peer);
    if (options.multiplayerPeer) this.multiplayerPeer = options.multiplayerPeer;
  }

  // --- Godot's properties ----------------------------------------------------------------

  /**
   * `multiplayer_peer`: the transport. It must be connecting or connected (a `GodotError`
   * `ERR_INVALID_PARAMETER` otherwise). Replacing it forgets every peer. Do not read its packets
   * yourself: `poll()` does.
   */
  get multiplayerPeer(): MultiplayerPeer {
    return this.#peer;
  }

  set multiplayerPeer(peer: MultiplayerPeer | null) {
    const next = peer ?? new OfflineMultiplayerPeer();
    if (next === this.#peer) return;
    if (next.getConnectionStatus() === ConnectionStatus.DISCONNECTED) {
      throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, 'Supplied MultiplayerPeer must be connecting or connected.');
    }
    this.#detach(this.#peer);
    this.clear();
    this.#peer = next;
    this.#attach(next);
    this.#updateStatus();
  }

  /** `root_path`: paths on the wire are relative to it. @default '/root' */
  get rootPath(): string {
    return this.game.rootPath;
  }

  /**
   * Godot's `auth_timeout`, in seconds (0: none). A value outside 0 … 3600 throws a `GodotError`
   * (`ERR_INVALID_PARAMETER`).
   * @default 3
   */
  get authTimeout(): number {
    return this.#authTimeoutMs / 1000;
  }

  set authTimeout(seconds: number) {
    this.#authTimeoutMs = Math.floor(checkSeconds('authTimeout', seconds) * 1000);
  }

  /** `refuse_new_connections`, proxied to the transport. @default false */
  get refuseNewConnections(): boolean {
    return this.#peer.refuseNewConnections;
  }

  set refuseNewConnections(refuse: boolean) {
    this.#peer.refuseNewConnections = refuse;
  }

  /** `max_sync_packet_size`: SYNC packets are split to stay within it (at least 128). @default 1350 */
  get maxSyncPacketSize(): number {
    return this.#replication.maxSyncPacketSize;
  }

  set maxSyncPacketSize(size: number) {
    this.#replication.maxSyncPacketSize = checkPacketSize(size);
  }

  /** `max_delta_packet_size` (at least 128). @default 65535 */
  get maxDeltaPacketSize(): number {
    return this.#replication.maxDeltaPacketSize;
  }

  set maxDeltaPacketSize(size: number) {
    this.#replication.maxDeltaPacketSize = checkPacketSize(size);
  }

  // --- Godot's methods -------------------------------------------------------------------

  /** `get_unique_id()`: 1 on a server, the transport's id on a client. */
  getUniqueId(): number {
    return this.#peer.getUniqueId();
  }

  /** `is_server()`. */
  isServer(): boolean {
    return this.getUniqueId() === 1;
  }

  /** `get_peers()`: admitted peers. */
  getPeers(): number[] {
    return [...this.#connected];
  }

  /** `get_authenticating_peers()`. */
  getAuthenticatingPeers(): number[] {
    return [...this.#pending.keys()];
  }

  /** `get_remote_sender_id()`: the sender of the packet being processed (0 outside one). */
  getRemoteSenderId(): number {
    return this.#remoteSender;
  }

  /** `has_multiplayer_peer()`: whether a real (not offline) peer is set. */
  hasMultiplayerPeer(): boolean {
    return !(this.#peer instanceof OfflineMultiplayerPeer);
  }

  /**
   * `poll()`: processes every packet the transport has queued, auth timeouts, then one network
   * frame of replication (SYNC and DELTA).
   */
  poll(): ErrorCode {
    this.#updateStatus();
    if (this.#lastStatus === ConnectionStatus.DISCONNECTED) return ErrorCode.OK;
    this.#peer.poll();
    this.#updateStatus();
    if (this.#lastStatus !== ConnectionStatus.CONNECTED) return ErrorCode.OK;
    while (this.#peer.getAvailablePacketCount() > 0) {
      const from = this.#peer.getPacketPeer();
      const channel = this.#peer.getPacketChannel();
      const mode = this.#peer.getPacketMode();
      const packet = this.#peer.getPacket();
      if (this.#peer.getPacketError() !== ErrorCode.OK) return this.#peer.getPacketError();
      this.#receive(from, packet, channel, mode);
      this.#updateStatus();
      if (this.#lastStatus !== ConnectionStatus.CONNECTED) return ErrorCode.OK;
    }
    this.#processDepartures();
    this.#updateStatus();
    if (this.#lastStatus !== ConnectionStatus.CONNECTED) return ErrorCode.OK;
    if (this.#pending.size > 0 && this.#authTimeoutMs > 0) {
      const now = this.#clock.now();
      const expired = [...this.#pending].filter(([, p]) => p.since + this.#authTimeoutMs <= now).map(([id]) => id);
      for (const id of expired) this.#peer.disconnectPeer(id);
      for (const id of expired) {
        this.#pending.delete(id);
        this.#emit('peerAuthenticationFailed', id);
      }
    }
    this.#updateStatus();
    if (this.#lastStatus !== ConnectionStatus.CONNECTED) return ErrorCode.OK;
    this.#replication.tick(this.#clock.now());
    return ErrorCode.OK;
  }

  /** `clear()`: forgets every peer, pending auth, path cache and remote spawn. */
  clear(): void {
    this.#lastStatus = ConnectionStatus.DISCONNECTED;
    this.#departures.clear();
    this.#pending.clear();
    this.#connected.clear();
    this.#replication.reset();
    this.#cache.clear();
  }

  /**
   * `send_bytes(bytes, id = 0, mode = RELIABLE, channel = 0)`: a RAW packet; the receiver gets
   * `peerPacket(ourId, bytes)`. A client sends anything not for the server through it (relay).
   */
  sendBytes(bytes: Uint8Array, id = 0, mode: TransferMode = TransferMode.RELIABLE, channel = 0): ErrorCode {
    if (bytes.length === 0) return ErrorCode.ERR_INVALID_DATA;
    if (this.#peer.getConnectionStatus() !== ConnectionStatus.CONNECTED || !this.hasMultiplayerPeer()) return ErrorCode.ERR_UNCONFIGURED;
    const packet = new Uint8Array(bytes.length + 1);
    packet[0] = NetworkCommand.RAW;
    packet.set(bytes, 1);
    return this.#sendCommand(id, packet, channel, mode);
  }

  /** `send_auth(id, data)`: AUTH data to a pending peer (neither side completed yet). */
  sendAuth(id: number, data: Uint8Array): ErrorCode {
    if (this.#peer.getConnectionStatus() !== ConnectionStatus.CONNECTED) return ErrorCode.ERR_UNCONFIGURED;
    const pending = this.#pending.get(id);
    if (!pending || data.length === 0) return ErrorCode.ERR_INVALID_PARAMETER;
    if (pending.local || pending.remote) return ErrorCode.ERR_FILE_CANT_WRITE;
    return this.#put(id, authPacket(data), 0, TransferMode.RELIABLE);
  }

  /** `complete_auth(id)`: our side accepts; the peer is admitted once it completed too. */
  completeAuth(id: number): ErrorCode {
    if (this.#peer.getConnectionStatus() !== ConnectionStatus.CONNECTED) return ErrorCode.ERR_UNCONFIGURED;
    const pending = this.#pending.get(id);
    if (!pending) return ErrorCode.ERR_INVALID_PARAMETER;
    if (pending.local) return ErrorCode.ERR_FILE_CANT_WRITE;
    pending.local = true;
    const error = this.#put(id, authPacket(), 0, TransferMode.RELIABLE);
    // Admission may send packets: after the marker.
    if (pending.remote) {
      this.#pending.delete(id);
      this.#admitPeer(id);
    }
    return error;
  }

  /**
   * `disconnect_peer(id)`: drops the peer at once, without `peerDisconnected` (as Godot blocks the
   * signal), and closes its transport connection.
   */
  disconnectPeer(id: number): void {
    if (this.#peer.getConnectionStatus() !== ConnectionStatus.CONNECTED) return;
    this.#blockEvents = true;
    try {
      this.#delPeer(id);
    } finally {
      this.#blockEvents = false;
    }
    this.#peer.disconnectPeer(id);
  }

  /** `get_rpc_md5(node)`: the md5 of a node's RPC list, as sent in SIMPLIFY_PATH. */
  getRpcMd5(node: SceneNode | NodePathLike<G>): string {
    return this.#resolve(node).methods.md5;
  }

  // --- TypeScript surface: nodes and RPCs ------------------------------------------------

  /** A declared static node, or any node of the tree by path (`Main/Players/7`). */
  node<P extends StaticPath<G>>(path: P): SceneNode<NodeOf<G, P>>;
  node(path: string): SceneNode;
  node(path: string): SceneNode {
    return this.#resolve(path);
  }

  /**
   * Calls `method` on `node` at `target` — 0 every peer, n peer n, -n all but n — as GDScript's
   * `node.rpc(...)` / `rpc_id(...)`, with `callLocal` honoured. Arguments are checked against
   * the declaration (a `TypeError` if they do not fit). Returns Godot's `Error`. For a node
   * known only at run time, pass `mp.node(path)` (its methods are then untyped).
   */
  rpc<P extends StaticPath<G>, M extends MethodName<NodeOf<G, P>>>(node: P, method: M, target: number, ...args: MethodArgs<NodeOf<G, P>, M>): ErrorCode;
  rpc<D extends NodeDecl, M extends MethodName<D>>(node: SceneNode<D>, method: M, target: number, ...args: MethodArgs<D, M>): ErrorCode;
  rpc(node: SceneNode | string, method: string, target: number, ...args: unknown[]): ErrorCode {
    if (this.#peer.getConnectionStatus() !== ConnectionStatus.CONNECTED || !this.hasMultiplayerPeer()) return ErrorCode.ERR_CONNECTION_ERROR;
    return this.#rpc.call(this.#resolve(node), method, target, args);
  }

  /**
   * Handles `method` of a static node (`onRpc('Main', 'hello', (ctx, who) => …)`) or of a node of
   * a scene, for every instance (`onRpc(Player, '.', 'jump', (ctx) => …)`). Arguments arrive
   * checked against the declared types; `ctx.sender` is the caller. A handler that throws has its
   * packet reported as `handler-error`.
   */
  onRpc<P extends StaticPath<G>, M extends MethodName<NodeOf<G, P>>>(
    node: P, method: M, handler: (context: RpcContext<NodeOf<G, P>>, ...args: HandlerArgs<NodeOf<G, P>, M>) => unknown): this;
  onRpc<N extends NodeDecls, K extends Extract<keyof N, string>, M extends MethodName<N[K]>>(
    scene: SceneDecl<N>, node: K, method: M, handler: (context: RpcContext<N[K] & NodeDecl>, ...args: HandlerArgs<N[K], M>) => unknown): this;
  onRpc(...params: unknown[]): this {
    const [decl, method, handler] = this.#handlerTarget(params);
    this.#rpc.on(decl, method, handler);
    return this;
  }

  /** Removes the handler of `onRpc(...)` (same first arguments, without the handler). */
  offRpc(...params: unknown[]): this {
    const [decl, method] = this.#handlerTarget([...params, () => undefined]);
    this.#rpc.off(decl, method);
    return this;
  }

  #handlerTarget(params: unknown[]): [NodeDecl, string, RpcHandler] {
    if (typeof params[0] === 'string') {
      const decl = this.game.nodes[params[0]];
      if (!decl) throw new RangeError(`the declaration has no node "${params[0]}"`);
      return [decl, this.#checkMethod(decl, params[0], params[1] as string), params[2] as RpcHandler];
    }
    const scene = params[0] as SceneDecl;
    const decl = scene.nodes[params[1] as string];
    if (!decl) throw new RangeError(`scene ${scene.path} declares no node "${String(params[1])}"`);
    return [decl, this.#checkMethod(decl, `${scene.path}:${String(params[1])}`, params[2] as string), params[3] as RpcHandler];
  }

  #checkMethod(decl: NodeDecl, where: string, method: string): string {
    if (decl.rpc?.[method] === undefined && decl.nodeRpc?.[method] === undefined) throw new RangeError(`${where} declares no RPC "${method}"`);
    return method;
  }

  /** `set_multiplayer_authority(id, recursive = true)` on our mirror of `node`. */
  setMultiplayerAuthority(node: SceneNode | NodePathLike<G>, id: number, recursive = true): void {
    const target = this.#resolve(node);
    for (const n of recursive ? this.tree.subtree(target) : [target]) {
      if (n.authority === id) continue;
      n.authority = id;
      this.#replication.authorityChanged(n);
    }
  }

  // --- TypeScript surface: replication --------------------------------------------------

  /**
   * Spawns `scene` (a `SceneDecl` or its index in the spawner's list) with `spawner` — we must be
   * the spawner's authority — as `MultiplayerSpawner` does when a listed scene is added under its
   * spawn path: SPAWN goes to every peer that sees it, with the spawn properties' values.
   */
  spawn<S extends SceneDecl>(spawner: SceneNode | NodePathLike<G>, scene: S | number, options: SpawnOptions): SceneInstance<S> {
    return this.#replication.spawn(this.#resolve(spawner), scene, options) as SceneInstance<S>;
  }

  /** `MultiplayerSpawner.spawn(data)`: a custom spawn (scene id 0xFF) carrying `data`. */
  spawnCustom(spawner: SceneNode | NodePathLike<G>, data: VariantLike, options: SpawnOptions): SceneInstance {
    if (data === undefined) throw new TypeError('spawnCustom needs data');
    return this.#replication.spawn(this.#resolve(spawner), 0, options, data);
  }

  /** Removes a scene we spawned: DESPAWN to every peer that has it. */
  despawn(instance: SceneInstance): void {
    this.#replication.despawn(instance);
  }

  /** Scenes we spawned, still in the tree. */
  spawnedScenes(): SceneInstance[] {
    return this.#replication.spawnedScenes();
  }

  /** `MultiplayerSynchronizer.set_visibility_for(peer, visible)` (0: public). */
  setVisibilityFor(synchronizer: SceneNode | NodePathLike<G>, peer: number, visible: boolean): void {
    this.#replication.setVisibilityFor(this.#resolve(synchronizer), peer, visible);
  }

  /** `MultiplayerSynchronizer.public_visibility`. */
  setVisibilityPublic(synchronizer: SceneNode | NodePathLike<G>, visible: boolean): void {
    this.#replication.setVisibilityFor(this.#resolve(synchronizer), 0, visible);
  }

  /** `add_visibility_filter(filter)`: re-evaluated every network frame. */
  addVisibilityFilter(synchronizer: SceneNode | NodePathLike<G>, filter: VisibilityFilter): void {
    this.#replication.addVisibilityFilter(this.#resolve(synchronizer), filter);
  }

  /**
   * `remove_visibility_filter(filter)`: removes a filter added with `addVisibilityFilter` (the same function
   * object).
   */
  removeVisibilityFilter(synchronizer: SceneNode | NodePathLike<G>, filter: VisibilityFilter): void {
    this.#replication.removeVisibilityFilter(this.#resolve(synchronizer), filter);
  }

  /** `update_visibility(peer = 0)`. */
  updateVisibility(synchronizer: SceneNode | NodePathLike<G>, peer = 0): void {
    this.#replication.updateVisibility(this.#resolve(synchronizer), peer);
  }

  // --- TypeScript surface: running -------------------------------------------------------

  /**
   * Calls `poll()` every `intervalMs` on the clock (a network frame; Godot polls once per process
   * frame, ~16 ms) until `stop()`. The timer does not keep Node.js alive: the transport's sockets do.
   */
  start(intervalMs = 1000 / 60): this {
    if (!(intervalMs > 0)) throw new RangeError(`start() needs an interval > 0 ms, got ${intervalMs}`);
    this.stop();
    const tick = (): void => {
      this.#timer = this.#clock.schedule(intervalMs, tick);
      this.poll();
    };
    this.#timer = this.#clock.schedule(intervalMs, tick);
    return this;
  }

  /** Stops what `start()` started. */
  stop(): this {
    this.#clock.cancel(this.#timer);
    this.#timer = undefined;
    return this;
  }

  // --- internals ------------------------------------------------------------------------

  #resolve(node: SceneNode | string): SceneNode {
    if (typeof node !== 'string') return node;
    const found = this.tree.get(node);
    if (!found) throw new RangeError(`no node ${node} in the tree (declared: ${Object.keys(this.game.nodes).join(', ')})`);
    return found;
  }

  #host(): SceneHost {
    return {
      tree: this.tree,
      quirks: this.quirks,
      getUniqueId: () => this.getUniqueId(),
      connected: this.#connected,
      sendCommand: (to, packet, channel, mode) => this.#sendCommand(to, packet, channel, mode),
      compressOptions: (): CompressOptions => ({ allowObjects: this.allowObjectDecoding, format: this.quirks.variantFormat }),
      report: (peer, reason, message, bytes) => this.#report(peer, reason, message, bytes),
      emitEvent: (event, ...args) => this.#emit(event, ...args),
    };
  }

  #emit<E extends keyof SceneMultiplayerEvents>(event: E, ...args: SceneMultiplayerEvents[E]): void {
    if (!this.#blockEvents) this.emit(event, ...args);
  }

  #attach(peer: MultiplayerPeer): void {
    peer.on('peerConnected', this.#listeners.peerConnected);
    peer.on('peerDisconnected', this.#listeners.peerDisconnected);
    peer.on('close', this.#listeners.close);
  }

  #detach(peer: MultiplayerPeer): void {
    peer.off('peerConnected', this.#listeners.peerConnected);
    peer.off('peerDisconnected', this.#listeners.peerDisconnected);
    peer.off('close', this.#listeners.close);
  }

  #processDepartures(): void {
    const gone = [...this.#departures];
    this.#departures.clear();
    for (const id of gone) this.#delPeer(id);
  }

  #updateStatus(): void {
    const status = this.#peer.getConnectionStatus();
    if (status === this.#lastStatus) return;
    if (status === ConnectionStatus.DISCONNECTED) {
      // As Godot: peer_disconnected for the peers still admitted, then server_disconnected.
      this.#processDepartures();
      const wasConnecting = this.#lastStatus === ConnectionStatus.CONNECTING;
      this.clear();
      this.#emit(wasConnecting ? 'connectionFailed' : 'serverDisconnected');
    }
    this.#lastStatus = status;
  }

  #relayActive(): boolean {
    return this.serverRelay && this.#peer.isServerRelaySupported();
  }

  #put(to: number, packet: Uint8Array, channel: number, mode: TransferMode): ErrorCode {
    this.#peer.setTargetPeer(to);
    this.#peer.transferChannel = channel;
    this.#peer.transferMode = mode;
    return this.#peer.putPacket(packet);
  }

  /** Godot's `send_command`. */
  #sendCommand(to: number, packet: Uint8Array, channel: number, mode: TransferMode): ErrorCode {
    if (this.#relayActive() && this.getUniqueId() !== 1 && to !== 1) return this.#put(1, relayPacket(to, packet), channel, mode);
    if (to > 0) {
      if (!this.#connected.has(to)) return ErrorCode.ERR_BUG;
      return this.#put(to, packet, channel, mode);
    }
    for (const peer of this.#connected) if (to === 0 || peer !== -to) this.#put(peer, packet, channel, mode);
    return ErrorCode.OK;
  }

  #addPeer(id: number): void {
    if (this.#connected.has(id) || this.#pending.has(id)) return;
    if (this.authCallback) {
      this.#pending.set(id, { local: false, remote: false, since: this.#clock.now() });
      this.#emit('peerAuthenticating', id);
    } else {
      this.#admitPeer(id);
    }
  }

  #admitPeer(id: number): void {
    if (this.#connected.has(id)) return;
    if (this.#relayActive() && this.getUniqueId() === 1) {
      for (const peer of this.#connected) {
        this.#put(peer, peerNoticePacket(SysCommand.ADD_PEER, id), 0, TransferMode.RELIABLE);
        this.#put(id, peerNoticePacket(SysCommand.ADD_PEER, peer), 0, TransferMode.RELIABLE);
      }
    }
    this.#connected.add(id);
    this.#cache.onPeerChange(id, true);
    this.#replication.onPeerChange(id, true);
    if (id === 1) this.#emit('connectedToServer');
    this.#emit('peerConnected', id);
  }

  #delPeer(id: number): void {
    if (this.#pending.delete(id)) {
      this.#emit('peerAuthenticationFailed', id);
      return;
    }
    if (!this.#connected.has(id)) return;
    if (this.#relayActive() && this.getUniqueId() === 1) {
      const notice = peerNoticePacket(SysCommand.DEL_PEER, id);
      for (const peer of this.#connected) if (peer !== id) this.#put(peer, notice, 0, TransferMode.RELIABLE);
    }
    this.#replication.onPeerChange(id, false);
    this.#cache.onPeerChange(id, false);
    this.#connected.delete(id);
    this.#emit('peerDisconnected', id);
  }

  /** One packet from the transport (Godot's loop body in `poll`). */
  #receive(from: number, packet: Uint8Array, channel: number, mode: TransferMode): void {
    const pending = this.#pending.get(from);
    if (pending) {
      if (this.quirks.legacyAuth && pending.local) {
        // Godot ≤ 4.2.1: once we completed, the peer's first packet of any kind admits it.
        this.#pending.delete(from);
        this.#admitPeer(from);
      } else {
        this.#receiveAuth(from, packet, pending);
        return;
      }
    }
    if (!this.#connected.has(from)) {
      this.#report(from, 'unknown-peer', `packet from peer ${from}, which is not connected`, packet);
      return;
    }
    if (packet.length === 0) {
      this.#report(from, 'malformed', `empty packet from peer ${from}`, packet);
      return;
    }
    if (packet.length > 0 && ((packet[0] as number) & CMD_MASK) === NetworkCommand.SYS) {
      if (packet.length > 1 && packet[1] === SysCommand.AUTH) {
        // After admission only the bare completion marker is expected; it is swallowed.
        if (packet.length !== 2) this.#report(from, 'malformed', `AUTH data from peer ${from} after it was admitted`, packet);
        return;
      }
      this.#guard(from, packet, () => this.#processSys(from, packet, channel, mode));
      return;
    }
    this.#processPacket(from, packet);
  }

  #receiveAuth(from: number, packet: Uint8Array, pending: PendingPeer): void {
    if (!isAuthPacket(packet)) {
      this.#report(from, 'not-authenticated', `packet from peer ${from} before authentication completed`, packet);
      return;
    }
    if (packet.length > 2) {
      const callback = this.authCallback;
      if (!callback) return;
      try {
        callback(from, packet.slice(2));
      } catch (error) {
        this.#report(from, 'handler-error', `authCallback threw: ${error instanceof Error ? error.message : String(error)}`, packet);
      }
      return;
    }
    pending.remote = true;
    if (pending.local) {
      this.#pending.delete(from);
      this.#admitPeer(from);
    }
  }

  /** Godot's `_process_sys` for ADD_PEER, DEL_PEER and RELAY. Throws a `DropError`. */
  #processSys(from: number, packet: Uint8Array, channel: number, mode: TransferMode): void {
    const sys = parseSys(packet);
    const server = this.getUniqueId() === 1;
    if (sys.command === SysCommand.ADD_PEER || sys.command === SysCommand.DEL_PEER) {
      if (!this.#relayActive() || server || from !== 1) {
        throw new DropError('relay-disabled', `${sys.command === SysCommand.ADD_PEER ? 'ADD_PEER' : 'DEL_PEER'} from peer ${from}, only the server of a relaying client sends it`);
      }
      if (sys.command === SysCommand.ADD_PEER) this.#admitPeer(sys.peer);
      else this.#delPeer(sys.peer);
      return;
    }
    if (!this.#relayActive()) throw new DropError('relay-disabled', `RELAY from peer ${from} while server relay is off`);
    const inner = sys.payload;
    if (((inner[0] as number) & CMD_MASK) === NetworkCommand.SYS) throw new DropError('unknown-command', `RELAY from peer ${from} wraps a SYS packet`);
    if (!server) {
      if (from !== 1) throw new DropError('relay-disabled', `RELAY from peer ${from}; only the server relays`);
      if (!this.#connected.has(sys.peer)) throw new DropError('unknown-peer', `RELAY from peer ${sys.peer}, which the server never announced`);
      this.#processPacket(sys.peer, inner);
      return;
    }
    const to = sys.peer;
    if (to > 0 && !this.#connected.has(to)) {
      throw new DropError('relay-target-missing', `RELAY from peer ${from} to peer ${to}, which is not connected`);
    }
    if (this.relayFilter && !this.relayFilter(from, to, inner)) throw new DropError('relay-disabled', `RELAY from peer ${from} to ${to} refused by relayFilter`);
    const forward = ((inner[0] as number) & CMD_MASK) === NetworkCommand.SYNC ? this.#replication.filterRelayedState(from, inner) : inner;
    if (forward === null) return;
    const relayed = relayPacket(from, forward);
    if (to > 0) {
      this.#put(to, relayed, channel, mode);
      return;
    }
    for (const peer of this.#connected) if (peer !== from && peer !== -to) this.#put(peer, relayed, channel, mode);
    if (to !== -1) this.#processPacket(from, inner);
  }

  /** Godot's `_process_packet`: one non-SYS packet from `from` (or relayed from it). */
  #processPacket(from: number, packet: Uint8Array): void {
    this.#guard(from, packet, () => {
      this.#remoteSender = from;
      try {
        this.#dispatch(from, packet);
      } finally {
        this.#remoteSender = 0;
      }
    });
  }

  #dispatch(from: number, packet: Uint8Array): void {
    const command = (packet[0] as number) & CMD_MASK;
    switch (command) {
      case NetworkCommand.REMOTE_CALL:
        return this.#rpc.process(from, packet);
      case NetworkCommand.SIMPLIFY_PATH:
        return this.#cache.processSimplifyPath(from, packet);
      case NetworkCommand.CONFIRM_PATH:
        return this.#cache.processConfirmPath(from, packet);
      case NetworkCommand.RAW:
        if (packet.length < 2) throw new DropError('malformed', 'RAW packet without bytes');
        this.#emit('peerPacket', from, packet.slice(1));
        return;
      case NetworkCommand.SPAWN:
        return this.#replication.processSpawn(from, packet);
      case NetworkCommand.DESPAWN:
        return this.#replication.processDespawn(from, packet);
      case NetworkCommand.SYNC:
        return this.#replication.processSync(from, packet, ((packet[0] as number) & DELTA_META) === DELTA_META);
      default:
        throw new DropError('unknown-command', `command ${command} cannot be relayed`);
    }
  }

  /** Runs `work`; a `DropError` becomes a report, and so does anything else thrown (`internal-error`). Never throws. */
  #guard(from: number, packet: Uint8Array, work: () => void): void {
    try {
      work();
    } catch (error) {
      if (error instanceof DropError) this.#report(from, error.reason, error.message, packet);
      else this.#report(from, 'internal-error', `${error instanceof Error ? error.message : String(error)}`, packet);
    }
  }

  #report(peer: number, reason: DropReason, message: string, bytes: Uint8Array): void {
    const report: DropReport = { peer, reason, message, command: bytes.length > 0 ? (bytes[0] as number) & CMD_MASK : undefined, bytes };
    this.#emit('dropped', report);
    const policy = this.badPacketPolicy;
    const action = typeof policy === 'function' ? policy(report) : policy;
    if (action === 'disconnect' && this.isServer() && peer !== 1 && (this.#connected.has(peer) || this.#pending.has(peer))) this.disconnectPeer(peer);
  }
}

function checkPacketSize(size: number): number {
  if (!Number.isInteger(size) || size < MIN_STATE_PACKET_SIZE) throw new RangeError(`Sync maximum packet size must be at least ${MIN_STATE_PACKET_SIZE} bytes, got ${size}`);
  return size;
}

export { DEFAULT_MAX_DELTA_PACKET_SIZE, DEFAULT_MAX_SYNC_PACKET_SIZE };
