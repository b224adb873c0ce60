import { checkSeconds } from '@pp/core';
import type { PropertyDecl, SynchronizerDecl } from './define.js';
import type { TypeTag } from './types.js';
import { splitPropertyPath } from '../tree/paths.js';

/** One property of a compiled replication config, split into node and property name. */
export interface PropertyInfo {
  /** As declared: `.:position`. */
  readonly path: string;
  /** The node below the synchronizer's root: `.` or `Sprite`. */
  readonly node: string;
  /** The property (and sub-names): `position`, `modulate:a`. */
  readonly property: string;
  /** Its Variant type (from the declaration). */
  readonly type: TypeTag;
  /** Its declaration. */
  readonly decl: PropertyDecl;
}

/**
 * A synchronizer's replication config, compiled: the spawn, sync and watch property lists in
 * config order (`scene_replication_config.cpp`), each property split into the node it lives on and its property
 * name. Godot 4.2+ makes sync and watch exclusive (`replication_mode`); 4.1 allowed both.
 */
export class SyncTemplate {
  /** `root_path`, relative to the synchronizer (default `..`). */
  readonly root: string;
  /** The properties sent in SPAWN, in config order. */
  readonly spawn: readonly PropertyInfo[];
  /** The properties sent in every SYNC (`always`), in config order. */
  readonly sync: readonly PropertyInfo[];
  /**
   * The properties sent in DELTA when changed (`on_change`, or `alsoWatch` on 4.1), in config order; at most
   * 64.
   */
  readonly watch: readonly PropertyInfo[];
  /** `replication_interval` / `delta_interval` in milliseconds. */
  readonly replicationIntervalMs: number;
  /** `delta_interval` in milliseconds (0: every network frame). */
  readonly deltaIntervalMs: number;
  /** `public_visibility`: whether every peer sees this synchronizer unless a filter says otherwise. */
  readonly publicVisibility: boolean;

  static readonly #cache = new WeakMap<SynchronizerDecl, SyncTemplate>();

  /**
   * The compiled template of a synchronizer declaration (computed once per declaration object). Throws a
   * `RangeError` for more than 64 watched properties, and `ERR_INVALID_PARAMETER` (`GodotError`) for an
   * interval that is not 0 … 3600 seconds.
   */
  static of(decl: SynchronizerDecl): SyncTemplate {
    let template = SyncTemplate.#cache.get(decl);
    if (!template) SyncTemplate.#cache.set(decl, (template = new SyncTemplate(decl)));
    return template;
  }

  private constructor(decl: SynchronizerDecl) {
    this.root = decl.root ?? '..';
    const all = decl.properties.map((p): PropertyInfo => ({ path: p.path, ...splitPropertyPath(p.path), type: p.type, decl: p }));
    this.spawn = all.filter((p) => p.decl.spawn !== false);
    this.sync = all.filter((p) => (p.decl.mode ?? 'always') === 'always');
    this.watch = all.filter((p) => p.decl.mode === 'on_change' || p.decl.alsoWatch === true);
    if (this.watch.length > 64) throw new RangeError(`a synchronizer watches at most 64 properties, got ${this.watch.length}`);
    const interval = (s: number | undefined, what: string): number => {
      if (s === undefined) return 0;
      return checkSeconds(what, s) * 1000;
    };
    this.replicationIntervalMs = interval(decl.replicationInterval, 'replicationInterval');
    this.deltaIntervalMs = interval(decl.deltaInterval, 'deltaInterval');
    this.publicVisibility = decl.publicVisibility ?? true;
  }
}
