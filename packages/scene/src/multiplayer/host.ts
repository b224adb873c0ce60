/**
 * What the path cache, the RPC interface and the replication interface need from the
 * SceneMultiplayer that owns them (Godot passes them the `SceneMultiplayer` itself).
 */
import type { ErrorCode, TransferMode } from '@pp/core';
import type { DropReason } from '../drop-report.js';
import type { SceneMultiplayerEvents } from '../events.js';
import type { GodotQuirks } from '../godot-version.js';
import type { CompressOptions } from '../protocol/compressed-variant.js';
import type { SceneTreeMirror } from '../tree/scene-tree.js';

export interface SceneHost {
  readonly tree: SceneTreeMirror;
  readonly quirks: GodotQuirks;
  getUniqueId(): number;
  /** Admitted peers, in admission order. */
  readonly connected: ReadonlySet<number>;
  /** Godot's `send_command`: a client relays anything not for the server through it. */
  sendCommand(to: number, packet: Uint8Array, channel: number, mode: TransferMode): ErrorCode;
  /** How compressed variants are written and read (`allowObjectDecoding`, the Variant dialect). */
  compressOptions(): CompressOptions;
  /** A non-fatal problem in part of a packet: reported, and processing goes on. */
  report(peer: number, reason: DropReason, message: string, bytes: Uint8Array): void;
  emitEvent<E extends keyof SceneMultiplayerEvents>(event: E, ...args: SceneMultiplayerEvents[E]): void;
}
