/**
 * The declaration as plain JSON (what `pp-scene-import --json` writes): serialisable, diffable,
 * loadable at run time with `gameFromJson`. Type tags are spelled by their `t` key (`"int"`,
 * `"vector2"`); values by a small JSON form (`{ "float": 2 }`, `{ "type": "Vector2", "args": [1, 2] }`).
 */
import {
  AABB, Color, Float, NodePath, Plane, Quaternion, Rect2, Rect2i, StringName, Transform2D, Vector2, Vector2i, Vector3, Vector3i,
  Vector4, Vector4i, type VariantLike,
} from '@pp/core';
import {
  defineGame, defineScene, rpc, type AuthorityDecl, type GameDecl, type GodotVersionName, type NodeDecl, type PropertyDecl,
  type ReplicationModeName, type RpcDecl, type RpcMode, type SceneDecl, type TransferName,
} from './define.js';
import { t, type TypeName, type TypeTag } from './types.js';

/** The `format` value of a declaration's JSON form, version 1; `gameFromJson` refuses any other. */
export const GAME_JSON_FORMAT = 'pp-scene-game@1';

/** A value in JSON: an integral number is an int, `{ float }` a float, `{ type, args }` a math type. */
export type ValueJson =
  | null | boolean | number | string
  | {
    /** A float, even when integral (`{ "float": 2 }` is `2.0`). */
    readonly float: number;
  }
  | {
    /** The Godot type: `Vector2`, `Vector3i`, `Color`, `Rect2`, `Transform2D`, `StringName`, `NodePath`… */
    readonly type: string;
    /** Its constructor's numbers in order (`[x, y]`; `Rect2` `[x, y, w, h]`), or the string of a `StringName` / `NodePath`. */
    readonly args: readonly ValueJson[];
  }
  | readonly ValueJson[];

/** An RPC declaration (`RpcDecl`) in JSON; every key is optional with `@rpc`'s default. */
export interface RpcJson {
  /** `authority` (default), `any_peer` or `disabled`. */
  readonly mode?: RpcMode;
  /** `call_local`: also run on the caller. Default false. */
  readonly callLocal?: boolean;
  /** `reliable` (default), `unreliable` or `unreliable_ordered`. */
  readonly transfer?: TransferName;
  /** The transfer channel, 0 … 255. Default 0. */
  readonly channel?: number;
  /** The parameters' types by `t` key (`"int"`, `"vector2"`…); absent: untyped. */
  readonly args?: readonly TypeName[];
  /** Parameters without a default value. Default: all of `args`. */
  readonly minArgs?: number;
}

/** A replicated property (`PropertyDecl`) in JSON. */
export interface PropertyJson {
  /** Relative to the synchronizer's root: `.:position`, `Sprite:modulate`. */
  readonly path: string;
  /** The property's type by `t` key (`"vector2"`, `"int"`…). */
  readonly type: TypeName;
  /** In the SPAWN state. Default true. */
  readonly spawn?: boolean;
  /** `always` (default: every SYNC), `on_change` (in DELTA when changed) or `never`. */
  readonly mode?: ReplicationModeName;
  /** Godot 4.1 only: in the watch (DELTA) list as well as the sync list. Default false. */
  readonly alsoWatch?: boolean;
  /** The value before anything sets it. Default: the type's zero. */
  readonly default?: ValueJson;
}

/** A networked node (`NodeDecl`) in JSON. */
export interface NodeJson {
  /** Script-level RPCs (`@rpc` functions) by name. */
  readonly rpc?: Readonly<Record<string, RpcJson>>;
  /** Node-level RPCs (`rpc_config()` calls) by name. */
  readonly nodeRpc?: Readonly<Record<string, RpcJson>>;
  /**
   * The node's multiplayer authority: a peer id, `name` (the spawned root's name as an int) or `spawner`.
   * Default: the scene's, else 1.
   */
  readonly authority?: number | 'name' | 'spawner';
  /** The `MultiplayerSynchronizer` this node is, if it is one. */
  readonly synchronizer?: {
    /** `root_path`, relative to the synchronizer. Default `..`. */
    readonly root?: string;
    /** The replication config's properties, in config order. */
    readonly properties: readonly PropertyJson[];
    /** `replication_interval` in seconds (0: every network frame). Default 0. */
    readonly replicationInterval?: number;
    /** `delta_interval` in seconds. Default 0. */
    readonly deltaInterval?: number;
    /** `public_visibility`. Default true. */
    readonly publicVisibility?: boolean;
  };
  /** The `MultiplayerSpawner` this node is, if it is one. */
  readonly spawner?: {
    /** `spawn_path`, relative to the spawner. */
    readonly spawnPath: string;
    /** `res://` paths of the spawnable scenes, in order; each is a key of `scenes`. */
    readonly scenes: readonly string[];
    /** `spawn_limit` (0: none). Default 0. */
    readonly spawnLimit?: number;
    /** Authority of every node of a scene this spawner spawns, as `authority`. */
    readonly sceneAuthority?: number | 'name' | 'spawner';
  };
}

/** A spawnable scene (`SceneDecl`) in JSON. */
export interface SceneJson {
  /** The scene's `res://` path, also its key in `GameJson.scenes`. */
  readonly path: string;
  /** Authority of every node of an instance, as `NodeJson.authority`. Default 1. */
  readonly authority?: number | 'name' | 'spawner';
  /** Nodes relative to the scene root (`.` is the root), in tree order. */
  readonly nodes: Readonly<Record<string, NodeJson>>;
}

/** The whole declaration (`GameDecl` and its scenes) in JSON, as `pp-scene-import --json` writes it. */
export interface GameJson {
  /** Always {@link GAME_JSON_FORMAT}. */
  readonly format: typeof GAME_JSON_FORMAT;
  /** The Godot version of the client build (`4.2`, `4.3.1`…). */
  readonly godot: string;
  /** `SceneMultiplayer.root_path`. Default `/root`. */
  readonly rootPath?: string;
  /** Nodes placed in scenes (not spawned), by path below the root. */
  readonly nodes: Readonly<Record<string, NodeJson>>;
  /** Every spawnable scene, by `res://` path. */
  readonly scenes: Readonly<Record<string, SceneJson>>;
}

const MATH: Record<string, (...args: number[]) => VariantLike> = {
  Vector2: (x = 0, y = 0) => new Vector2(x, y),
  Vector2i: (x = 0, y = 0) => new Vector2i(x, y),
  Vector3: (x = 0, y = 0, z = 0) => new Vector3(x, y, z),
  Vector3i: (x = 0, y = 0, z = 0) => new Vector3i(x, y, z),
  Vector4: (x = 0, y = 0, z = 0, w = 0) => new Vector4(x, y, z, w),
  Vector4i: (x = 0, y = 0, z = 0, w = 0) => new Vector4i(x, y, z, w),
  Color: (r = 0, g = 0, b = 0, a = 1) => new Color(r, g, b, a),
  Quaternion: (x = 0, y = 0, z = 0, w = 1) => new Quaternion(x, y, z, w),
  Rect2: (x = 0, y = 0, w = 0, h = 0) => new Rect2(new Vector2(x, y), new Vector2(w, h)),
  Rect2i: (x = 0, y = 0, w = 0, h = 0) => new Rect2i(new Vector2i(x, y), new Vector2i(w, h)),
  Plane: (x = 0, y = 0, z = 0, d = 0) => new Plane(new Vector3(x, y, z), d),
  AABB: (x = 0, y = 0, z = 0, w = 0, h = 0, d = 0) => new AABB(new Vector3(x, y, z), new Vector3(w, h, d)),
  Transform2D: (xx = 1, xy = 0, yx = 0, yy = 1, ox = 0, oy = 0) => new Transform2D(new Vector2(xx, xy), new Vector2(yx, yy), new Vector2(ox, oy)),
};

/** The JS value of a `ValueJson`. */
export function valueFromJson(value: ValueJson): VariantLike {
  if (value === null || typeof value === 'boolean' || typeof value === 'number') return value;
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(valueFromJson);
  if ('float' in value) return new Float(value.float);
  const { type, args } = value as { type: string; args: readonly ValueJson[] };
  if (type === 'StringName') return new StringName(String(args[0] ?? ''));
  if (type === 'NodePath') return new NodePath(String(args[0] ?? ''));
  const make = MATH[type];
  if (!make) throw new TypeError(`no JSON form for ${type}`);
  return make(...args.map(Number));
}

function tag(name: TypeName): TypeTag {
  const found = (t as Record<string, TypeTag>)[name];
  if (!found) throw new TypeError(`unknown type "${name}" (one of: ${Object.keys(t).join(', ')})`);
  return found;
}

function rpcs(list: Readonly<Record<string, RpcJson>> | undefined): Record<string, RpcDecl> | undefined {
  if (!list) return undefined;
  const out: Record<string, RpcDecl> = {};
  for (const [name, r] of Object.entries(list)) {
    const base = { mode: r.mode ?? 'authority', callLocal: r.callLocal ?? false, transfer: r.transfer ?? 'reliable', channel: r.channel ?? 0 } as const;
    out[name] = r.args ? rpc({ ...base, args: r.args.map(tag), ...(r.minArgs === undefined ? {} : { minArgs: r.minArgs }) }) : rpc(base);
  }
  return out;
}

/**
 * Builds a declaration from its JSON form. Scenes are built once each, so a scene listed by two
 * spawners is the same `SceneDecl` (handlers registered on it apply to every instance).
 */
export function gameFromJson(json: GameJson): {
  /** The game declaration, for `SceneMultiplayer`'s `game` option. */
  game: GameDecl;
  /** Every scene declaration, by `res://` path, to register handlers on. */
  scenes: Record<string, SceneDecl>;
} {
  if (json.format !== GAME_JSON_FORMAT) throw new TypeError(`not a ${GAME_JSON_FORMAT} declaration (format: ${String(json.format)})`);
  const scenes: Record<string, SceneDecl> = {};
  const building = new Set<string>();
  const scene = (path: string): SceneDecl => {
    const done = scenes[path];
    if (done) return done;
    const s = json.scenes[path];
    if (!s) throw new TypeError(`a spawner lists ${path}, which the declaration does not describe`);
    if (building.has(path)) throw new TypeError(`scene ${path} spawns itself`);
    building.add(path);
    const nodes: Record<string, NodeDecl> = {};
    for (const [rel, n] of Object.entries(s.nodes)) nodes[rel] = node(n);
    const built = defineScene(path, { nodes, ...(s.authority === undefined ? {} : { authority: s.authority as AuthorityDecl }) });
    scenes[path] = built;
    building.delete(path);
    return built;
  };
  const node = (n: NodeJson): NodeDecl => {
    const out: { -readonly [K in keyof NodeDecl]: NodeDecl[K] } = {};
    const r = rpcs(n.rpc);
    if (r) out.rpc = r;
    const nr = rpcs(n.nodeRpc);
    if (nr) out.nodeRpc = nr;
    if (n.authority !== undefined) out.authority = n.authority;
    if (n.synchronizer) {
      const { properties, ...rest } = n.synchronizer;
      out.synchronizer = {
        ...rest,
        properties: properties.map((p): PropertyDecl => {
          const { type, default: value, ...fields } = p;
          return { ...fields, type: tag(type), ...(value === undefined ? {} : { default: valueFromJson(value) }) };
        }),
      };
    }
    if (n.spawner) {
      const { scenes: list, ...rest } = n.spawner;
      out.spawner = { ...rest, scenes: list.map(scene) };
    }
    return out;
  };
  const nodes: Record<string, NodeDecl> = {};
  for (const [path, n] of Object.entries(json.nodes)) nodes[path] = node(n);
  for (const path of Object.keys(json.scenes)) scene(path);
  const game = defineGame({ godot: json.godot as GodotVersionName, nodes, ...(json.rootPath === undefined ? {} : { rootPath: json.rootPath }) });
  return { game, scenes };
}
