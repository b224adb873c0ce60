/**
 * What changes on the wire between Godot 4.0 and 4.6. A SceneMultiplayer peer must be
 * told the Godot version of the game it talks to: Godot itself only promises compatibility
 * between identical versions, and 4.3 broke CONFIRM_PATH.
 */
import type { VariantFormat } from '@pp/core';
import type { GodotVersionName } from './declaration/define.js';

/** The wire behaviour of one Godot 4 version (`godotQuirks(version)`), one flag per difference. */
export interface GodotQuirks {
  /** The version these quirks are for. */
  readonly version: {
    /** Always 4. */
    readonly major: 4;
    /** 0 … 6. */
    readonly minor: number;
    /** The patch release, 0 when not given (`4.2` is 4.2.0). */
    readonly patch: number;
  };
  /** Before 4.3: CONFIRM_PATH carries the path, not the cache id (PR #90027). */
  readonly legacyConfirmPath: boolean;
  /** Before 4.3: a sender's path cache is keyed by NodePath, so a node re-created at a path keeps its id. */
  readonly cacheByPath: boolean;
  /** Before 4.2.2 (and 4.3): once auth completed locally, the first packet of any kind admits the peer (PR #86260). */
  readonly legacyAuth: boolean;
  /** From 4.1: DELTA packets and on-change properties (PR #75467). */
  readonly delta: boolean;
  /** The Variant dialect inside packets: 4.0–4.3 have no typed-container header bits. */
  readonly variantFormat: VariantFormat;
}

/** Parses `'4.6'`, `'4.2.2'`. Throws a `RangeError` for anything else. */
export function godotQuirks(version: GodotVersionName | string): GodotQuirks {
  const match = /^4\.([0-6])(?:\.(\d+))?$/.exec(version);
  if (!match) throw new RangeError(`unsupported Godot version "${version}": @pp/scene speaks SceneMultiplayer of Godot 4.0 … 4.6`);
  const minor = Number(match[1]);
  const patch = Number(match[2] ?? 0);
  return {
    version: { major: 4, minor, patch },
    legacyConfirmPath: minor < 3,
    cacheByPath: minor < 3,
    legacyAuth: minor < 2 || (minor === 2 && patch < 2),
    delta: minor >= 1,
    variantFormat: minor <= 3 ? 'godot4.3' : 'godot4',
  };
}
