/**
 * The run-time state of one `MultiplayerSynchronizer` (Godot keeps it on the node): its net id,
 * the replication and delta interval clocks, the inbound SYNC time for the stale check, the
 * watchers that detect on-change properties, and its visibility.
 */
import type { SyncTemplate } from '../declaration/sync-template.js';

/**
 * A visibility filter (`add_visibility_filter`): whether the synchronizer is visible to `peer`; re-evaluated
 * every network frame.
 */
export type VisibilityFilter = (peer: number) => boolean;

/** Half the u16 range: a SYNC time this far behind the last one has wrapped around. */
const WRAP = 32767;

export class SyncState {
  readonly template: SyncTemplate;
  /** Ours: spawn-based (bit 31 clear) or path-based (`0x80000000 | cache id`); 0 until first needed. */
  netId = 0;
  #lastSync = 0;
  #lastInbound = 0;
  #inboundStarted = false;
  /** Per watched property: its last encoded value and when it last changed. */
  readonly #watchers: Array<{ bytes: string | undefined; changedAt: number }>;
  #lastWatch = -1;
  /** Peer ids it is explicitly visible to; 0 = public. */
  readonly visibleTo = new Set<number>();
  readonly filters = new Set<VisibilityFilter>();

  constructor(template: SyncTemplate) {
    this.template = template;
    this.#watchers = template.watch.map(() => ({ bytes: undefined, changedAt: 0 }));
    if (template.publicVisibility) this.visibleTo.add(0);
  }

  /** `update_outbound_sync_time`: whether this frame (time `now`, ms) sends a SYNC. */
  updateOutbound(now: number): boolean {
    if (this.#lastSync === now) return true;
    if (now < this.#lastSync + this.template.replicationIntervalMs) return false;
    this.#lastSync = now;
    return true;
  }

  /** `update_inbound_sync_time`: false for a SYNC older than (or as old as) the last one. */
  updateInbound(time: number): boolean {
    if (!this.#inboundStarted) this.#inboundStarted = true;
    else if (time <= this.#lastInbound && this.#lastInbound - time < WRAP) return false;
    this.#lastInbound = time;
    return true;
  }

  /**
   * `get_delta_state`: the indexes of watched properties that changed since `lastSent` (the time
   * of the last DELTA to that peer). `encoded(i)` gives watched property i's current bytes.
   */
  deltaIndexes(now: number, lastSent: number, encoded: (index: number) => string): number[] {
    if (this.#lastWatch !== now) {
      if (now < lastSent + this.template.deltaIntervalMs) return [];
      this.#watchers.forEach((watcher, i) => {
        const bytes = encoded(i);
        if (watcher.bytes !== bytes) {
          watcher.bytes = bytes;
          watcher.changedAt = now;
        }
      });
      this.#lastWatch = now;
    }
    const out: number[] = [];
    this.#watchers.forEach((watcher, i) => {
      if (watcher.changedAt > lastSent) out.push(i);
    });
    return out;
  }

  /** `is_visible_to`: every filter agrees, and the synchronizer is public or visible to `peer`. */
  isVisibleTo(peer: number): boolean {
    for (const filter of this.filters) {
      let visible: unknown;
      try {
        visible = filter(peer);
      } catch {
        visible = false; // Godot: a failing filter makes the synchronizer invisible.
      }
      if (visible !== true) return false;
    }
    return this.visibleTo.has(0) || this.visibleTo.has(peer);
  }
}
