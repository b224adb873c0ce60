/**
 * Godot's `SceneReplicationInterface` (`scene_replication_interface.cpp`): spawning and despawning scenes to peers, SYNC and
 * DELTA of synchronizers, visibility, net ids, and the receiving side of all of it, with every
 * authority check Godot makes. Net ids are per sender: a peer's ids only mean something together
 * with that peer (as in Godot 4.5+).
 */
import { ErrorCode, TransferMode, VariantError, type VariantLike } from '@pp/core';
import type { SceneDecl } from '../declaration/define.js';
import { SyncTemplate, type PropertyInfo } from '../declaration/sync-template.js';
import { DropError, drop } from '../drop-report.js';
import { ByteWriter } from '../protocol/bytes.js';
import { CUSTOM_SPAWN_SCENE_ID, SYNC_PATH_ID_FLAG } from '../protocol/commands.js';
import { readCompressed, readCompressedList, writeCompressed } from '../protocol/compressed-variant.js';
import {
  despawnPacket, packStateEntries, parseDelta, parseDespawn, parseSpawn, parseSync, spawnPacket, type StateEntry,
} from '../protocol/replication-packets.js';
import type { SceneHost } from '../multiplayer/host.js';
import type { PathCache } from '../multiplayer/path-cache.js';
import { isValidNodeName, joinPath } from '../tree/paths.js';
import type { SceneInstance, SceneNode } from '../tree/scene-node.js';
import { SyncState, type VisibilityFilter } from './sync-state.js';

/** Godot's defaults and minimum for `max_sync_packet_size` / `max_delta_packet_size`. */
export const DEFAULT_MAX_SYNC_PACKET_SIZE = 1350;
/** Godot's default `max_delta_packet_size`, in bytes. */
export const DEFAULT_MAX_DELTA_PACKET_SIZE = 65535;
/** The smallest `max_sync_packet_size` / `max_delta_packet_size` Godot accepts, in bytes; a smaller size is refused with a `RangeError`. */
export const MIN_STATE_PACKET_SIZE = 128;

interface PeerState {
  /** Our spawned scenes this peer has. */
  readonly spawned: Set<SceneInstance>;
  /** Our synchronizers visible to this peer. */
  readonly syncs: Set<SceneNode>;
  lastSentSync: number;
  /** Per synchronizer: when the last DELTA went to this peer. */
  readonly lastDelta: Map<SceneNode, number>;
  /** Scenes this peer spawned here, by its net ids. */
  readonly received: Map<number, SceneInstance>;
  /** This peer's spawn-based synchronizer net ids. */
  readonly receivedSyncs: Map<number, SceneNode>;
}

/**
 * How `SceneMultiplayer.spawn` instantiates a scene: the node name, initial property values and authority
 * overrides.
 */
export interface SpawnOptions {
  /** The node name (must be a valid Godot node name, not taken under the spawn path). */
  readonly name: string;
  /** Property values by node path in the scene: `{ '.': { position: new Vector2(1, 2), hp: 100 } }`. */
  readonly props?: Readonly<Record<string, Readonly<Record<string, VariantLike>>>>;
  /** Authority overrides by node path in the scene (Godot: `set_multiplayer_authority` in `_enter_tree`). */
  readonly authority?: Readonly<Record<string, number>>;
}

export class ReplicationInterface {
  readonly #host: SceneHost;
  readonly #cache: PathCache;
  readonly #peers = new Map<number, PeerState>();
  /** Our spawned scenes. */
  readonly #spawned = new Set<SceneInstance>();
  /** Every synchronizer in the tree, with its state. */
  readonly #syncs = new Map<SceneNode, SyncState>();
  #lastNetId = 0;
  #lastNow = 0;
  /** This frame's encoded SYNC state per synchronizer: encoded once, sent to every peer. */
  readonly #frameStates = new Map<SceneNode, Uint8Array>();
  maxSyncPacketSize = DEFAULT_MAX_SYNC_PACKET_SIZE;
  maxDeltaPacketSize = DEFAULT_MAX_DELTA_PACKET_SIZE;

  constructor(host: SceneHost, cache: PathCache) {
    this.#host = host;
    this.#cache = cache;
    if (!host.quirks.delta) {
      const decls = [...host.tree.all()].flatMap((node) => [
        [node.path, node.decl] as const,
        ...(node.decl.spawner?.scenes ?? []).flatMap((scene) => Object.entries(scene.nodes).map(([rel, decl]) => [`${scene.path}:${rel}`, decl] as const)),
      ]);
      for (const [where, decl] of decls) {
        if (decl.synchronizer && SyncTemplate.of(decl.synchronizer).watch.length > 0) {
          throw new RangeError(`${where} has on-change properties, which need Godot 4.1 or later (configured: 4.0)`);
        }
      }
    }
    for (const node of host.tree.all()) this.#startSync(node);
  }

  // --- lifecycle ------------------------------------------------------------------------

  onPeerChange(peer: number, connected: boolean): void {
    if (connected) {
      this.#peers.set(peer, {
        spawned: new Set(), syncs: new Set(), lastSentSync: 0, lastDelta: new Map(), received: new Map(), receivedSyncs: new Map(),
      });
      for (const instance of this.#spawned) this.#updateSpawnVisibility(peer, instance);
      for (const sync of this.#syncs.keys()) this.#updateSyncVisibility(peer, sync);
      return;
    }
    const state = this.#peers.get(peer);
    if (!state) return;
    this.#peers.delete(peer);
    for (const instance of state.received.values()) this.#removeInstance(instance, true);
  }

  /** `on_reset`: the connection is gone; remote scenes are freed, ids start again. */
  reset(): void {
    for (const state of [...this.#peers.values()]) for (const instance of state.received.values()) this.#removeInstance(instance, true);
    this.#peers.clear();
    for (const instance of this.#spawned) instance.netId = 0;
    for (const state of this.#syncs.values()) state.netId = 0;
    this.#lastNetId = 0;
  }

  // --- authority side: spawning ---------------------------------------------------------

  /** Spawns `scene` with `spawner` (we must be its authority) and sends SPAWN to every peer that sees it. */
  spawn(spawner: SceneNode, scene: SceneDecl | number, options: SpawnOptions, customData?: unknown): SceneInstance {
    const decl = spawner.decl.spawner;
    if (!decl) throw new TypeError(`${spawner.path} is not a MultiplayerSpawner in the declaration`);
    if (spawner.authority !== this.#host.getUniqueId()) {
      throw new Error(`only the spawner's authority (peer ${spawner.authority}) spawns with ${spawner.path}; this peer is ${this.#host.getUniqueId()}`);
    }
    let chosen: SceneDecl;
    if (customData !== undefined) {
      if (!decl.custom) throw new TypeError(`${spawner.path} has no custom spawn function in the declaration`);
      chosen = typeof decl.custom.scene === 'function' ? decl.custom.scene(customData) : decl.custom.scene;
    } else {
      const index = typeof scene === 'number' ? scene : decl.scenes.indexOf(scene);
      const found = decl.scenes[index];
      if (index < 0 || !found) throw new RangeError(`${spawner.path} cannot spawn ${typeof scene === 'number' ? `scene #${scene}` : scene.path}`);
      chosen = found;
    }
    if (!isValidNodeName(options.name)) throw new RangeError(`"${options.name}" is not a valid node name`);
    const parent = joinPath(spawner.path, decl.spawnPath);
    if (this.#host.tree.get(joinPath(parent, options.name))) throw new RangeError(`${parent} already has a child named ${options.name}`);
    if (decl.spawnLimit && this.#countSpawnedBy(spawner) >= decl.spawnLimit) throw new RangeError(`spawn limit of ${spawner.path} reached (${decl.spawnLimit})`);

    const instance = this.#host.tree.instantiate(chosen, spawner, parent, options.name, 0, 0, customData);
    for (const [rel, id] of Object.entries(options.authority ?? {})) instance.node(rel).authority = id;
    for (const [rel, values] of Object.entries(options.props ?? {})) {
      const node = instance.node(rel);
      for (const [property, value] of Object.entries(values)) node.set(property, value);
    }
    for (const node of instance.nodes.values()) this.#startSync(node);
    this.#spawned.add(instance);
    this.#updateSpawnVisibility(0, instance);
    return instance;
  }

  /** Removes one of our scenes: DESPAWN to every peer that has it. */
  despawn(instance: SceneInstance): void {
    if (!this.#spawned.has(instance)) throw new Error(`${instance.path} was not spawned by this peer`);
    const packet = despawnPacket(instance.netId);
    for (const [peer, state] of this.#peers) {
      if (state.spawned.delete(instance)) this.#host.sendCommand(peer, packet, 0, TransferMode.RELIABLE);
    }
    this.#spawned.delete(instance);
    this.#removeInstance(instance, false);
  }

  /** Our spawned scenes. */
  spawnedScenes(): SceneInstance[] {
    return [...this.#spawned];
  }

  #countSpawnedBy(spawner: SceneNode): number {
    let count = 0;
    for (const instance of this.#spawned) if (instance.spawner === spawner) count++;
    for (const state of this.#peers.values()) for (const instance of state.received.values()) if (instance.spawner === spawner) count++;
    return count;
  }

  #removeInstance(instance: SceneInstance, emit: boolean): void {
    for (const node of instance.nodes.values()) {
      this.#stopSync(node);
      this.#cache.removeNode(node);
    }
    this.#host.tree.remove(instance);
    if (emit) this.#host.emitEvent('despawned', instance);
  }

  // --- synchronizers and visibility -----------------------------------------------------

  #startSync(node: SceneNode): void {
    const decl = node.decl.synchronizer;
    if (!decl || this.#syncs.has(node)) return;
    this.#syncs.set(node, new SyncState(SyncTemplate.of(decl)));
    this.#updateSyncVisibility(0, node);
  }

  #stopSync(node: SceneNode): void {
    if (!this.#syncs.delete(node)) return;
    for (const state of this.#peers.values()) {
      state.syncs.delete(node);
      state.lastDelta.delete(node);
      for (const [id, sync] of state.receivedSyncs) if (sync === node) state.receivedSyncs.delete(id);
    }
  }

  /** A synchronizer's authority changed: Godot stops and restarts it. */
  authorityChanged(node: SceneNode): void {
    const state = this.#syncs.get(node);
    if (!state) return;
    this.#stopSync(node);
    this.#syncs.set(node, state);
    this.#updateSyncVisibility(0, node);
  }

  syncState(node: SceneNode): SyncState {
    const state = this.#syncs.get(node);
    if (!state) throw new TypeError(`${node.path} is not a MultiplayerSynchronizer in the tree`);
    return state;
  }

  setVisibilityFor(node: SceneNode, peer: number, visible: boolean): void {
    const state = this.syncState(node);
    if (state.visibleTo.has(peer) === visible) return;
    if (visible) state.visibleTo.add(peer);
    else state.visibleTo.delete(peer);
    this.updateVisibility(node, peer);
  }

  addVisibilityFilter(node: SceneNode, filter: VisibilityFilter): void {
    this.syncState(node).filters.add(filter);
  }

  removeVisibilityFilter(node: SceneNode, filter: VisibilityFilter): void {
    this.syncState(node).filters.delete(filter);
  }

  /** `update_visibility(peer)` (0: every peer). */
  updateVisibility(node: SceneNode, peer = 0): void {
    if (!this.#hasAuthority(node)) return;
    const root = this.#host.tree.syncRoot(node);
    if (root?.instance && root.instance.root === root && this.#spawned.has(root.instance) && peer !== this.#host.getUniqueId()) {
      this.#updateSpawnVisibility(peer, root.instance);
    }
    this.#updateSyncVisibility(peer, node);
  }

  #hasAuthority(node: SceneNode): boolean {
    return node.authority === this.#host.getUniqueId();
  }

  /** Our synchronizers rooted at `node`, in tree order (Godot's `TrackedNode.synchronizers`). */
  #syncsRootedAt(node: SceneNode): SceneNode[] {
    const out: SceneNode[] = [];
    for (const sync of this.#syncs.keys()) if (this.#host.tree.syncRoot(sync) === node) out.push(sync);
    return out;
  }

  #updateSyncVisibility(peer: number, node: SceneNode): void {
    const state = this.#syncs.get(node);
    if (!state || !this.#hasAuthority(node) || peer === this.#host.getUniqueId()) return;
    const targets = peer === 0 ? [...this.#peers.keys()] : [peer];
    for (const target of targets) {
      const info = this.#peers.get(target);
      if (!info) continue;
      const visible = state.isVisibleTo(target);
      if (visible === info.syncs.has(node)) continue;
      if (visible) info.syncs.add(node);
      else {
        info.syncs.delete(node);
        info.lastDelta.delete(node);
      }
    }
  }

  #updateSpawnVisibility(peer: number, instance: SceneInstance): void {
    let visible = true;
    const syncs = this.#syncsRootedAt(instance.root);
    for (const sync of syncs) {
      if (!this.#hasAuthority(sync)) continue;
      if (this.syncState(sync).isVisibleTo(peer)) {
        visible = true;
        break;
      }
      visible = false;
    }
    const toSpawn: number[] = [];
    const toDespawn: number[] = [];
    if (peer !== 0) {
      const info = this.#peers.get(peer);
      if (!info || visible === info.spawned.has(instance)) return;
      (visible ? toSpawn : toDespawn).push(peer);
    } else {
      for (const [id, info] of this.#peers) {
        if (visible) {
          if (!info.spawned.has(instance)) toSpawn.push(id);
        } else {
          this.#updateSpawnVisibility(id, instance);
        }
      }
    }
    if (toSpawn.length > 0) {
      const packet = this.#makeSpawnPacket(instance, syncs);
      for (const id of toSpawn) {
        this.#cache.sendObjectCache(instance.spawner, id);
        this.#host.sendCommand(id, packet, 0, TransferMode.RELIABLE);
        this.#peers.get(id)?.spawned.add(instance);
      }
    }
    if (toDespawn.length > 0) {
      const packet = despawnPacket(instance.netId);
      for (const id of toDespawn) {
        this.#peers.get(id)?.spawned.delete(instance);
        this.#host.sendCommand(id, packet, 0, TransferMode.RELIABLE);
      }
    }
  }

  #makeSpawnPacket(instance: SceneInstance, syncs: readonly SceneNode[]): Uint8Array {
    if (instance.netId === 0) instance.netId = ++this.#lastNetId;
    const syncIds: number[] = [];
    const state = new ByteWriter();
    const options = this.#host.compressOptions();
    for (const sync of syncs) {
      if (!this.#hasAuthority(sync)) continue;
      const sstate = this.syncState(sync);
      for (const prop of sstate.template.spawn) writeCompressed(state, this.#propValue(sync, prop), options);
      if (sstate.netId === 0) sstate.netId = ++this.#lastNetId;
      syncIds.push(sstate.netId);
    }
    const decl = instance.spawner.decl.spawner;
    const sceneId = instance.customData !== undefined ? CUSTOM_SPAWN_SCENE_ID : (decl?.scenes.indexOf(instance.scene) ?? 0);
    let customData: Uint8Array | undefined;
    if (instance.customData !== undefined) {
      const w = new ByteWriter();
      const tag = decl?.custom?.data;
      writeCompressed(w, (tag ? tag.toVariant(instance.customData as never) : instance.customData) as VariantLike, { ...options, allowObjects: false });
      customData = w.finish();
    }
    return spawnPacket({
      sceneId, spawnerId: this.#cache.makeObjectCache(instance.spawner), netId: instance.netId, syncIds, name: instance.name, customData, state: state.finish(),
    });
  }

  /** A synchronizer property's current value, typed for the encoder. */
  #propValue(sync: SceneNode, prop: PropertyInfo): VariantLike {
    const target = this.#propTarget(sync, prop);
    if (!target) return prop.type.toVariant((prop.decl.default ?? prop.type.zero()) as never);
    return target.encodable(prop.property);
  }

  #propTarget(sync: SceneNode, prop: PropertyInfo): SceneNode | undefined {
    const root = this.#host.tree.syncRoot(sync);
    return root ? this.#host.tree.get(joinPath(root.path, prop.node)) : undefined;
  }

  /** Godot's RPC visibility of a node (`is_rpc_visible`). */
  isRpcVisible(node: SceneNode, peer: number): boolean {
    const syncs = this.#syncsRootedAt(node);
    const instance = node.instance && node.instance.root === node ? node.instance : null;
    if (syncs.length === 0) return true;
    if (instance && instance.remotePeer !== 0 && instance.remotePeer === peer) return true;
    if (instance && this.#spawned.has(instance)) {
      if (peer !== 0) return this.#peers.get(peer)?.spawned.has(instance) ?? false;
      for (const info of this.#peers.values()) if (!info.spawned.has(instance)) return false;
      return true;
    }
    return syncs.some((sync) => this.syncState(sync).isVisibleTo(peer));
  }

  // --- authority side: the network frame -------------------------------------------------

  /** `on_network_process`: one SYNC (and DELTA) round to every peer with visible synchronizers. */
  tick(clockMs: number): void {
    // Strictly increasing, so that "this frame" is one exact value.
    const now = Math.max(clockMs, this.#lastNow + 0.001);
    this.#lastNow = now;
    this.#frameStates.clear();
    for (const [node, state] of this.#syncs) if (state.filters.size > 0) this.updateVisibility(node, 0);
    for (const [peer, info] of this.#peers) {
      if (info.syncs.size === 0) continue;
      info.lastSentSync = (info.lastSentSync + 1) & 0xffff;
      this.#sendSync(peer, info, now);
      if (this.#host.quirks.delta) this.#sendDelta(peer, info, now);
    }
  }

  /** `_verify_synchronizer`: spawn-based ids are known; path-based ones need a confirmed path. */
  #verify(peer: number, sync: SceneNode, state: SyncState): boolean {
    if (state.netId !== 0 && (state.netId & SYNC_PATH_ID_FLAG) === 0) return true;
    const { id, allConfirmed } = this.#cache.sendObjectCache(sync, peer);
    if (state.netId === 0) state.netId = (SYNC_PATH_ID_FLAG | id) >>> 0;
    return allConfirmed;
  }

  #encode(sync: SceneNode, props: readonly PropertyInfo[]): Uint8Array {
    const w = new ByteWriter();
    const options = this.#host.compressOptions();
    for (const prop of props) writeCompressed(w, this.#propValue(sync, prop), options);
    return w.finish();
  }

  #sendSync(peer: number, info: PeerState, now: number): void {
    const entries: StateEntry[] = [];
    for (const sync of info.syncs) {
      const state = this.#syncs.get(sync);
      if (!state || !this.#hasAuthority(sync) || state.template.sync.length === 0) continue;
      if (!state.updateOutbound(now)) continue;
      if (!this.#host.tree.syncRoot(sync)) continue;
      if (!this.#verify(peer, sync, state)) continue;
      let encoded = this.#frameStates.get(sync);
      if (!encoded) this.#frameStates.set(sync, (encoded = this.#encode(sync, state.template.sync)));
      entries.push({ netId: state.netId, state: encoded });
    }
    this.#send('sync', peer, entries, this.maxSyncPacketSize, info.lastSentSync);
  }

  #sendDelta(peer: number, info: PeerState, now: number): void {
    const entries: StateEntry[] = [];
    for (const sync of info.syncs) {
      const state = this.#syncs.get(sync);
      if (!state || !this.#hasAuthority(sync) || state.template.watch.length === 0) continue;
      if (!this.#verify(peer, sync, state)) continue;
      const watch = state.template.watch;
      const changed = state.deltaIndexes(now, info.lastDelta.get(sync) ?? 0, (i) => this.#encode(sync, [watch[i] as PropertyInfo]).join(','));
      if (changed.length === 0) continue;
      let indexes = 0n;
      for (const i of changed) indexes |= 1n << BigInt(i);
      entries.push({ netId: state.netId, indexes, state: this.#encode(sync, changed.map((i) => watch[i] as PropertyInfo)) });
      info.lastDelta.set(sync, now);
    }
    this.#send('delta', peer, entries, this.maxDeltaPacketSize);
  }

  #send(kind: 'sync' | 'delta', peer: number, entries: StateEntry[], mtu: number, time = 0): void {
    if (entries.length === 0) return;
    const { packets, tooBig } = packStateEntries(kind, entries, mtu, time);
    for (const packet of packets) this.#host.sendCommand(peer, packet, 0, kind === 'sync' ? TransferMode.UNRELIABLE : TransferMode.RELIABLE);
    for (const entry of tooBig) {
      this.#host.report(this.#host.getUniqueId(), 'malformed', `${kind.toUpperCase()} state of net id ${entry.netId} (${entry.state.length} bytes) is bigger than the packet limit (${mtu}); not sent`, entry.state);
    }
  }

  // --- receiving side -------------------------------------------------------------------

  #peer(from: number): PeerState {
    const info = this.#peers.get(from);
    if (!info) drop('unknown-peer', `replication packet from peer ${from}, which is not connected`);
    return info;
  }

  /** `on_spawn_receive`. Throws a `DropError`. */
  processSpawn(from: number, bytes: Uint8Array): void {
    const f = parseSpawn(bytes);
    const spawner = this.#cache.getCachedNode(from, f.spawnerId);
    const decl = spawner.decl.spawner;
    if (!decl) drop('unknown-node', `SPAWN names ${spawner.path}, which is not a spawner in the declaration`);
    if (from !== spawner.authority) drop('not-authority', `SPAWN with ${spawner.path} from peer ${from}; its authority is ${spawner.authority}`);
    if (!isValidNodeName(f.name)) drop('invalid-name', `SPAWN of an invalid node name "${f.name}"`);
    const parent = joinPath(spawner.path, decl.spawnPath);
    if (this.#host.tree.get(joinPath(parent, f.name))) drop('spawn-refused', `SPAWN of ${f.name}: ${parent} already has a child of that name`);
    const info = this.#peer(from);
    let scene: SceneDecl;
    let data: unknown;
    if (f.sceneId === CUSTOM_SPAWN_SCENE_ID) {
      if (!decl.custom) drop('spawn-refused', `custom SPAWN with ${spawner.path}, which has no custom spawn in the declaration`);
      data = this.#decodeOne(f.customData ?? new Uint8Array(0), from, 'custom spawn data');
      if (decl.custom.data) {
        const typed = decl.custom.data.fromVariant(data as never, readCompressed(f.customData as Uint8Array, 0, { allowObjects: false }).type);
        if (typed === undefined) drop('bad-state', `custom SPAWN data should be ${decl.custom.data.name}`);
        data = typed;
      }
      scene = typeof decl.custom.scene === 'function' ? decl.custom.scene(data) : decl.custom.scene;
    } else {
      const found = decl.scenes[f.sceneId];
      if (!found) drop('spawn-refused', `SPAWN of scene #${f.sceneId} with ${spawner.path}, which lists ${decl.scenes.length}`);
      scene = found;
    }
    if (decl.spawnLimit && this.#countSpawnedBy(spawner) >= decl.spawnLimit) drop('spawn-refused', `spawn limit of ${spawner.path} reached (${decl.spawnLimit})`);
    if (info.received.has(f.netId)) drop('duplicate-id', `peer ${from} spawns net id ${f.netId} twice`);

    const instance = this.#host.tree.instantiate(scene, spawner, parent, f.name, from, f.netId, data);
    info.received.set(f.netId, instance);
    // Synchronizers rooted at the new node whose authority is the sender take the ids in order
    // and read their spawn properties from the state (applied before `_ready` in Godot).
    const pending = [...f.syncIds];
    let at = 0;
    for (const node of instance.nodes.values()) {
      const syncDecl = node.decl.synchronizer;
      if (!syncDecl || this.#host.tree.syncRoot(node) !== instance.root || node.authority !== from) continue;
      const id = pending.shift();
      if (id === undefined) break;
      info.receivedSyncs.set(id, node);
      const template = SyncTemplate.of(syncDecl);
      at = this.#applyState(from, node, template.spawn, f.state, at, f.state.length, bytes);
    }
    for (const node of instance.nodes.values()) this.#startSync(node);
    this.#host.emitEvent('spawned', instance);
    if (pending.length > 0) {
      this.#host.report(from, 'bad-state', `SPAWN of ${instance.path} announces ${pending.length} synchronizer id(s) the declaration has no synchronizer for (Godot: "Should have been consumed")`, bytes);
    }
  }

  #decodeOne(bytes: Uint8Array, from: number, what: string): unknown {
    try {
      return readCompressed(bytes, 0, { ...this.#host.compressOptions(), allowObjects: false }).value;
    } catch (error) {
      if (!(error instanceof VariantError)) throw error;
      drop(error.code === ErrorCode.ERR_UNAUTHORIZED ? 'objects-not-allowed' : 'bad-state', `${what} from peer ${from} does not decode (${error.message})`);
    }
  }

  /** Decodes `props` from `state[at, end)` onto their nodes; returns where it stopped. Throws a `DropError`. */
  #applyState(from: number, sync: SceneNode, props: readonly PropertyInfo[], state: Uint8Array, at: number, end: number, _packet: Uint8Array): number {
    let decoded: ReturnType<typeof readCompressedList>;
    try {
      decoded = readCompressedList(state, at, end, props.length, this.#host.compressOptions());
    } catch (error) {
      if (!(error instanceof VariantError)) throw error;
      drop(error.code === ErrorCode.ERR_UNAUTHORIZED ? 'objects-not-allowed' : 'bad-state', `state of ${sync.path} from peer ${from} does not decode (${error.message})`);
    }
    const values = props.map((prop, i) => {
      const raw = decoded.values[i] as (typeof decoded.values)[number];
      const value = prop.type.fromVariant(raw.value as never, raw.type);
      if (value === undefined) drop('bad-state', `${sync.path}: ${prop.path} should be ${prop.type.name}`);
      return value;
    });
    props.forEach((prop, i) => this.#propTarget(sync, prop)?.setReceived(prop.property, values[i] as VariantLike));
    return decoded.end;
  }

  /** `on_despawn_receive`. Throws a `DropError`. */
  processDespawn(from: number, bytes: Uint8Array): void {
    const netId = parseDespawn(bytes);
    const info = this.#peer(from);
    const instance = info.received.get(netId);
    if (!instance) drop('unknown-net-id', `DESPAWN of net id ${netId}, which peer ${from} never spawned here`);
    if (from !== instance.spawner.authority) drop('not-authority', `DESPAWN of ${instance.path} from peer ${from}; the spawner's authority is ${instance.spawner.authority}`);
    info.received.delete(netId);
    this.#removeInstance(instance, true);
  }

  #findSync(from: number, info: PeerState, netId: number): SceneNode | undefined {
    if ((netId & SYNC_PATH_ID_FLAG) !== 0) return this.#cache.getCachedNode(from, netId & 0x7fffffff);
    return info.receivedSyncs.get(netId);
  }

  /**
   * A client's SYNC or DELTA the server relays to others, without the entries of synchronizers
   * that are gone (despawned while the packet was in flight): `null` when nothing is left.
   * Godot relays them and the receivers log "Failed to get cached node"; we spare them. Entries
   * the server cannot judge (ids it was never taught) go through. Throws a `DropError` for a
   * malformed packet, which is not relayed.
   */
  filterRelayedState(from: number, inner: Uint8Array): Uint8Array | null {
    const delta = ((inner[0] as number) & 0x10) !== 0;
    const parsed = delta ? { time: 0, entries: parseDelta(inner) } : parseSync(inner);
    const kept = parsed.entries.filter((e) => (e.netId & SYNC_PATH_ID_FLAG) === 0 || !this.#cache.isGone(from, e.netId & 0x7fffffff));
    if (kept.length === parsed.entries.length) return inner;
    if (kept.length === 0) return null;
    return packStateEntries(delta ? 'delta' : 'sync', kept, Number.MAX_SAFE_INTEGER, parsed.time).packets[0] ?? null;
  }

  /** `on_sync_receive` (and DELTA, by the flag). Entries that cannot apply are reported and skipped. */
  processSync(from: number, bytes: Uint8Array, delta: boolean): void {
    if (delta && !this.#host.quirks.delta) drop('version-mismatch', 'DELTA packet (Godot 4.1+) while the configured Godot version is 4.0');
    const info = this.#peer(from);
    const { time, entries } = delta ? { time: 0, entries: parseDelta(bytes) } : parseSync(bytes);
    for (const entry of entries) {
      let sync: SceneNode | undefined;
      try {
        sync = this.#findSync(from, info, entry.netId);
      } catch (error) {
        if (!(error instanceof DropError)) throw error;
        // A SYNC already in flight when its node left (despawned here): nothing to report.
        if (!delta && error.reason === 'unknown-node') continue;
        this.#host.report(from, error.reason, error.message, bytes);
        continue;
      }
      if (!sync) {
        // SYNC: not spawned here yet (silently skipped, as Godot does); DELTA: Godot logs it.
        if (delta) this.#host.report(from, 'unknown-net-id', `DELTA for net id ${entry.netId}, unknown from peer ${from}`, bytes);
        continue;
      }
      const state = this.#syncs.get(sync);
      if (!state || sync.authority !== from || !this.#host.tree.syncRoot(sync)) {
        this.#host.report(from, 'not-authority', `${delta ? 'DELTA' : 'SYNC'} for ${sync.path} from peer ${from}; its authority is ${sync.authority}`, bytes);
        continue;
      }
      if (delta) {
        const props = state.template.watch.filter((_, i) => ((entry.indexes ?? 0n) >> BigInt(i)) & 1n);
        if (props.length === 0) drop('bad-state', `DELTA for ${sync.path} selects no watched property`);
        const end = this.#applyState(from, sync, props, entry.state, 0, entry.state.length, bytes);
        if (end !== entry.state.length) drop('bad-state', `DELTA for ${sync.path}: ${entry.state.length - end} bytes left over`);
        this.#host.emitEvent('deltaSynchronized', sync);
      } else {
        if (!state.updateInbound(time)) continue;
        this.#applyState(from, sync, state.template.sync, entry.state, 0, entry.state.length, bytes);
        this.#host.emitEvent('synchronized', sync);
      }
    }
  }
}
