/**
 * Godot's `SceneCacheInterface` (`scene_cache_interface.cpp`): each side numbers the nodes it talks about (cache ids from
 * 1) and teaches every peer the number once with SIMPLIFY_PATH, per peer and per direction; the
 * peer answers CONFIRM_PATH, after which calls may use the short id. Received ids resolve by path,
 * so a node re-created at the same path keeps working (as since Godot 4.3, PR #94984).
 */
import { TransferMode } from '@pp/core';
import { drop } from '../drop-report.js';
import { confirmPathLegacyPacket, confirmPathPacket, parseConfirmPath, parseSimplifyPath, simplifyPathPacket } from '../protocol/path-packets.js';
import type { SceneNode } from '../tree/scene-node.js';
import type { SceneHost } from './host.js';

interface SentEntry {
  readonly id: number;
  /** Path at the time the id was assigned. */
  readonly path: string;
  node: SceneNode;
  /** Peers that were offered the id: true once they confirmed. */
  readonly confirmed: Map<number, boolean>;
}

export class PathCache {
  readonly #host: SceneHost;
  /** Keyed by node (4.3+) or by path (4.0–4.2, where the sender's cache is keyed by NodePath). */
  readonly #sent = new Map<SceneNode | string, SentEntry>();
  readonly #byId = new Map<number, SentEntry>();
  /** Per peer: its cache id → path. */
  readonly #received = new Map<number, Map<number, string>>();
  #lastId = 1;

  constructor(host: SceneHost) {
    this.#host = host;
  }

  onPeerChange(peer: number, connected: boolean): void {
    if (connected) {
      this.#received.set(peer, new Map());
      return;
    }
    this.#received.delete(peer);
    for (const entry of this.#sent.values()) entry.confirmed.delete(peer);
  }

  clear(): void {
    this.#sent.clear();
    this.#byId.clear();
    this.#received.clear();
    this.#lastId = 1;
  }

  /** A node left the tree: from 4.3 its id is dropped, and a node re-created there gets a new one. */
  removeNode(node: SceneNode): void {
    if (this.#host.quirks.cacheByPath) return;
    const entry = this.#sent.get(node);
    if (!entry) return;
    this.#sent.delete(node);
    this.#byId.delete(entry.id);
  }

  #entry(node: SceneNode): SentEntry {
    const key = this.#host.quirks.cacheByPath ? node.path : node;
    let entry = this.#sent.get(key);
    if (!entry) {
      entry = { id: this.#lastId++, path: node.path, node, confirmed: new Map() };
      this.#sent.set(key, entry);
      this.#byId.set(entry.id, entry);
    }
    entry.node = node;
    return entry;
  }

  /** `make_object_cache`: our id for `node`, assigning one if needed. */
  makeObjectCache(node: SceneNode): number {
    return this.#entry(node).id;
  }

  /**
   * `send_object_cache`: sends SIMPLIFY_PATH to each target (`peer` > 0, 0 = every peer, -n = all
   * but n) that was never offered the node, and says whether every target has confirmed it.
   */
  sendObjectCache(node: SceneNode, peer: number): { id: number; allConfirmed: boolean } {
    const entry = this.#entry(node);
    const targets = peer > 0 ? [peer] : [...this.#received.keys()].filter((p) => p !== -peer);
    let allConfirmed = true;
    const toOffer: number[] = [];
    for (const target of targets) {
      const confirmed = entry.confirmed.get(target);
      if (confirmed === undefined) toOffer.push(target);
      if (confirmed !== true) allConfirmed = false;
    }
    if (toOffer.length > 0) {
      const packet = simplifyPathPacket(node.methods.md5, entry.id, node.path);
      for (const target of toOffer) {
        this.#host.sendCommand(target, packet, 0, TransferMode.RELIABLE);
        entry.confirmed.set(target, false);
      }
    }
    return { id: entry.id, allConfirmed };
  }

  isConfirmed(node: SceneNode, peer: number): boolean {
    const entry = this.#sent.get(this.#host.quirks.cacheByPath ? node.path : node);
    return entry?.confirmed.get(peer) === true;
  }

  /** `get_cached_object`: the node behind a peer's cache id. Throws a `DropError`. */
  getCachedNode(peer: number, id: number): SceneNode {
    const path = this.#received.get(peer)?.get(id);
    if (path === undefined) drop('unknown-path-id', `id ${id} is not in the path cache of peer ${peer}`);
    const node = this.#host.tree.get(path);
    if (!node) drop('unknown-node', `peer ${peer}'s cache id ${id} names ${path}, which is not in the tree`);
    return node;
  }

  /** Whether `peer` taught us `id` and the node it names has left the tree. */
  isGone(peer: number, id: number): boolean {
    const path = this.#received.get(peer)?.get(id);
    return path !== undefined && this.#host.tree.get(path) === undefined;
  }

  processSimplifyPath(peer: number, bytes: Uint8Array): void {
    const received = this.#received.get(peer);
    if (!received) drop('unknown-peer', `SIMPLIFY_PATH from peer ${peer}, which has no cache`);
    const { md5, cacheId, path } = parseSimplifyPath(bytes);
    const known = received.get(cacheId);
    // A repeated offer of the same id and path is confirmed again (Godot PR #115717 would resend
    // until confirmed); another path under a used id is refused, as Godot does.
    if (known !== undefined && known !== path) drop('duplicate-id', `peer ${peer} reuses cache id ${cacheId} for ${path} (it names ${known})`);
    const node = this.#host.tree.get(path);
    if (!node) drop('unknown-node', `peer ${peer} offers ${path}, which the declaration does not have`);
    const valid = node.methods.md5 === md5;
    if (!valid) this.#mismatch(peer, node, md5);
    // One id per path: a 4.3+ sender gives a re-created node a new id and never uses the old one
    // again, so the old entry goes. This also bounds the table by the tree's size, whatever ids a
    // hostile peer invents.
    for (const [id, known] of received) if (known === path && id !== cacheId) received.delete(id);
    received.set(cacheId, path);
    const reply = this.#host.quirks.legacyConfirmPath ? confirmPathLegacyPacket(valid, path) : confirmPathPacket(valid, cacheId);
    this.#host.sendCommand(peer, reply, 0, TransferMode.RELIABLE);
  }

  processConfirmPath(peer: number, bytes: Uint8Array): void {
    const confirm = parseConfirmPath(bytes, this.#host.quirks.legacyConfirmPath);
    let entry: SentEntry | undefined;
    if (confirm.cacheId !== undefined) {
      entry = this.#byId.get(confirm.cacheId);
      if (!entry) return; // May confirm a node that was removed meanwhile (Godot: ignored).
    } else {
      entry = [...this.#sent.values()].find((e) => e.path === confirm.path);
      if (!entry) drop('unknown-node', `peer ${peer} confirms ${confirm.path}, which was never offered`);
    }
    if (!confirm.valid) this.#mismatch(peer, entry.node, undefined);
    if (!entry.confirmed.has(peer)) drop('malformed', `peer ${peer} confirms ${entry.path}, which was not offered to it`);
    entry.confirmed.set(peer, true);
  }

  #mismatch(peer: number, node: SceneNode, peerMd5: string | undefined): void {
    const missing = peerMd5 === undefined ? [] : node.methods.guessMissing(peerMd5);
    const methods = node.methods.names;
    const list = methods.length > 0 ? methods.join(', ') : 'none';
    const detail = missing.length > 0 ? `; the peer seems to lack ${missing.join(', ')}` : '';
    const message = peerMd5 === undefined
      ? `peer ${peer} reports that node ${node.path} has other RPC methods than ours (ours: ${list})`
      : `node ${node.path}: the peer's RPC methods differ from the declaration (ours: ${list}; md5 ${node.methods.md5}, peer ${peerMd5})${detail}`;
    this.#host.emitEvent('checksumMismatch', {
      peer, node: node.path, methods, ourMd5: node.methods.md5, peerMd5, missingOnPeer: missing, message,
    });
  }
}
