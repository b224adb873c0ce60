/** The events of a `SceneMultiplayer`: Godot's signals (camelCase) and what @pp adds. */
import type { EventMap } from '@pp/core';
import type { DropReport } from './drop-report.js';
import type { SceneInstance, SceneNode } from './tree/scene-node.js';

/** An md5 mismatch: the peer's RPC list for a node differs from the declaration's. */
export interface ChecksumMismatch {
  /** The peer whose RPC list differs. */
  readonly peer: number;
  /** The node's path below the multiplayer root. */
  readonly node: string;
  /** Our method names in id order (node-level, then script-level). */
  readonly methods: readonly string[];
  /** The md5 of our method names (`MethodTable.md5`). */
  readonly ourMd5: string;
  /** The peer's md5 (from its SIMPLIFY_PATH), or `undefined` when the peer reported the mismatch (CONFIRM_PATH valid = 0). */
  readonly peerMd5: string | undefined;
  /** Our methods the peer lacks, when exactly one is missing; else `[]`. */
  readonly missingOnPeer: readonly string[];
  /** A sentence naming the node, both lists' md5 and the method the peer seems to lack. */
  readonly message: string;
}

/** A received RPC, whether or not a handler took it. */
export interface RpcCall {
  /** The caller's peer id (the original client for relayed calls; our own id for `call_local`). */
  readonly sender: number;
  /** The node the RPC was called on. */
  readonly node: SceneNode;
  /** The method name. */
  readonly method: string;
  /** The decoded arguments (typed values when the method declares `args`). */
  readonly args: readonly unknown[];
}

/**
 * The events of a `SceneMultiplayer`: Godot's signals in camelCase, and what this package adds (`dropped`,
 * `checksumMismatch`, `rpc`, spawns and syncs).
 */
export interface SceneMultiplayerEvents extends EventMap {
  /** `peer_connected(id)`: a peer was admitted (after auth, if any). */
  peerConnected: [id: number];
  /** `peer_disconnected(id)`. */
  peerDisconnected: [id: number];
  /** `connected_to_server`: a client admitted the server. */
  connectedToServer: [];
  /** `connection_failed`: a client's transport failed while connecting. */
  connectionFailed: [];
  /** `server_disconnected`: the transport went from connected to disconnected. */
  serverDisconnected: [];
  /** `peer_authenticating(id)`: a peer entered authentication (an `authCallback` is set). */
  peerAuthenticating: [id: number];
  /** `peer_authentication_failed(id)`: a pending peer timed out or left before admission. */
  peerAuthenticationFailed: [id: number];
  /** `peer_packet(id, packet)`: bytes from `send_bytes`. */
  peerPacket: [id: number, packet: Uint8Array];
  /** A packet was dropped (never a crash): who sent it and why. */
  dropped: [report: DropReport];
  /** A node's RPC list differs between the peer and the declaration. */
  checksumMismatch: [mismatch: ChecksumMismatch];
  /** An RPC arrived and passed every check (emitted before the handler runs). */
  rpc: [call: RpcCall];
  /** A remote authority spawned a scene here (`MultiplayerSpawner.spawned`). */
  spawned: [instance: SceneInstance];
  /** A spawned scene left (`MultiplayerSpawner.despawned`): despawned by its authority, or its peer left. */
  despawned: [instance: SceneInstance];
  /** A synchronizer's SYNC state was applied (`MultiplayerSynchronizer.synchronized`). */
  synchronized: [synchronizer: SceneNode];
  /** A synchronizer's DELTA state was applied (`MultiplayerSynchronizer.delta_synchronized`). */
  deltaSynchronized: [synchronizer: SceneNode];
}
