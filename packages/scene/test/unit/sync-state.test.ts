/** A synchronizer's clocks: the inbound stale check (the sequence Godot 4.6 was shown in the wire probe), intervals, watchers. */
import { describe, expect, it } from 'vitest';
import { SyncTemplate, t } from '../../src/index.js';
import { SyncState } from '../../src/replication/sync-state.js';

const template = (decl: Partial<Parameters<typeof SyncTemplate.of>[0]> = {}): SyncTemplate =>
  SyncTemplate.of({ properties: [{ path: '.:a', type: t.int, mode: 'on_change' }, { path: '.:b', type: t.int, mode: 'on_change' }], ...decl });

describe('SyncState', () => {
  it('accepts newer SYNC times, ignores older and equal ones, and wraps at half the u16 range — as Godot 4.6 did', () => {
    const state = new SyncState(template());
    expect([1, 3, 2, 3, 0x8010, 5, 4].map((time) => state.updateInbound(time))).toEqual([true, true, false, false, true, true, false]);
  });

  it('replication_interval: at most one SYNC per interval, several calls in one frame agree', () => {
    const state = new SyncState(template({ replicationInterval: 0.1 }));
    expect([100, 100, 150, 199, 200, 250, 300.5].map((now) => state.updateOutbound(now))).toEqual([true, true, false, false, true, false, true]);
  });

  it('watchers: the first DELTA to a peer has everything, then only what changed since that peer last got one', () => {
    const state = new SyncState(template());
    const values = ['1', '2'];
    const enc = (i: number): string => values[i] as string;
    expect(state.deltaIndexes(10, 0, enc)).toEqual([0, 1]);
    expect(state.deltaIndexes(11, 10, enc)).toEqual([]);
    values[1] = '3';
    expect(state.deltaIndexes(12, 11, enc)).toEqual([1]);
    // Another peer whose last DELTA was at 10 gets the same change within the frame.
    expect(state.deltaIndexes(12, 10, enc)).toEqual([1]);
    // A new peer (never sent) still gets everything.
    expect(state.deltaIndexes(12, 0, enc)).toEqual([0, 1]);
  });

  it('visibility: public, per peer, filters (a throwing filter hides)', () => {
    const state = new SyncState(template({ publicVisibility: false }));
    expect(state.isVisibleTo(5)).toBe(false);
    state.visibleTo.add(5);
    expect(state.isVisibleTo(5)).toBe(true);
    state.filters.add((peer) => peer !== 5);
    expect(state.isVisibleTo(5)).toBe(false);
    state.filters.clear();
    state.filters.add(() => {
      throw new Error('x');
    });
    expect(state.isVisibleTo(5)).toBe(false);
  });
});
