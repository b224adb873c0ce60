/**
 * Errors a Godot 4.6 peer logs, correctly, for a SYNC that arrives after the reliable packet that
 * removed its subject; the tests tolerate them only once the run printed that packet's effect
 * (`after`, a PP| tag) and only where the race exists. A Godot peer on the other side would cause
 * the same, with the same packets on the same channels.
 */
import type { GodotOutputView } from '@pp/interop';

export interface LateSync {
  /** Part of the logged message. */
  readonly message: string;
  /** The tag the game prints when the reliable packet arrived; the error must come after it. */
  readonly after: string;
}

/**
 * Over WebRTC (unreliable and reliable channels are separate SCTP streams, not ordered with each
 * other): a SYNC sent right before a DESPAWN arrives after it (scene_replication_interface.cpp,
 * on_sync_receive), and a relayed path-based SYNC of a peer right before its DEL_PEER
 * (scene_cache_interface.cpp, get_cached_object).
 */
export const SYNC_OVERTAKEN_ON_WEBRTC: readonly LateSync[] = [
  { message: 'Ignoring sync data from non-authority or for missing node.', after: 'despawned' },
  { message: 'Parameter "pinfo" is null.', after: 'peer_disconnected' },
];

/**
 * On any transport: a client keeps syncing what it owns until the host's DESPAWN reaches it, so
 * the host gets the path-based SYNC of a node it just freed (node.cpp get_node, then
 * scene_cache_interface.cpp get_cached_object).
 */
export const CLIENT_SYNC_AFTER_DESPAWN: readonly LateSync[] = [
  { message: 'Node not found: ', after: 'despawned' },
  { message: 'Failed to get cached node from peer ', after: 'despawned' },
];

/** A run's errors, without those of `tolerated` that all come after their `after` line. */
export function errorsOf(run: GodotOutputView, tolerated: readonly LateSync[] = []): string[] {
  const skip: string[] = [];
  for (const { message, after } of tolerated) {
    const first = run.lines.findIndex((l) => l.tag === after);
    const late = run.lines.flatMap((l, i) => (l.text.includes(message) ? [i] : []));
    if (first !== -1 && late.every((i) => i > first)) skip.push(message);
  }
  return run.errors.map((e) => e.message).filter((message) => !skip.some((s) => message.includes(s)));
}
