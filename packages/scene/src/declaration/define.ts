/**
 * The game's shape, declared in TypeScript: the nodes, RPCs, spawners, scenes and
 * replication configs that touch the network, as the *client build* has them. Nothing on the
 * wire names a method, a property or a scene — only positions in sorted lists — so this mirror
 * is what gives the bytes their meaning. Write it by hand or generate it with `pp-scene-import`.
 */
import type { Variant, VariantLike } from '@pp/core';
import type { TypeTag, TypesOf } from './types.js';

/** `@rpc("authority")` (the default), `@rpc("any_peer")`, or disabled. */
export type RpcMode = 'authority' | 'any_peer' | 'disabled';
/** `@rpc("reliable")` (the default), `"unreliable"`, `"unreliable_ordered"`. */
export type TransferName = 'reliable' | 'unreliable' | 'unreliable_ordered';

/** One RPC method, as `@rpc(...)` (script-level) or `rpc_config(...)` (node-level) declares it. */
export interface RpcDecl<
  Args extends readonly TypeTag[] | undefined = readonly TypeTag[] | undefined,
  Min extends number = number,
> {
  /** @default 'authority' */
  readonly mode: RpcMode;
  /** Also run on the caller (`call_local`). Only the sender looks at it. @default false */
  readonly callLocal: boolean;
  /** @default 'reliable' */
  readonly transfer: TransferName;
  /** @default 0 */
  readonly channel: number;
  /**
   * The parameters' types, in order. `undefined`: not declared — any count of any values is
   * accepted (as an untyped GDScript function with enough parameters would).
   */
  readonly args: Args;
  /** Parameters without a default value (GDScript `func f(a, b = 1)`: 1). @default args.length */
  readonly minArgs: Min;
}

interface RpcOptions {
  readonly mode?: RpcMode;
  readonly callLocal?: boolean;
  readonly transfer?: TransferName;
  readonly channel?: number;
}

/**
 * Fills `@rpc`'s defaults: `rpc({ mode: 'any_peer', args: [t.string] })`. Without `args` the
 * method is untyped; `minArgs` marks trailing parameters with default values as optional.
 */
export function rpc(config?: RpcOptions): RpcDecl<undefined, number>;
export function rpc<const Args extends readonly TypeTag[], const Min extends number = Args['length']>(
  config: RpcOptions & { readonly args: Args; readonly minArgs?: Min },
): RpcDecl<Args, Min>;
export function rpc(config: RpcOptions & { readonly args?: readonly TypeTag[]; readonly minArgs?: number } = {}): RpcDecl {
  const channel = config.channel ?? 0;
  if (!Number.isInteger(channel) || channel < 0 || channel > 255) throw new RangeError(`RPC channel must be 0 … 255, got ${channel}`);
  const minArgs = config.minArgs ?? config.args?.length ?? 0;
  if (config.args && (minArgs < 0 || minArgs > config.args.length)) throw new RangeError(`minArgs must be 0 … ${config.args.length}, got ${minArgs}`);
  return {
    mode: config.mode ?? 'authority',
    callLocal: config.callLocal ?? false,
    transfer: config.transfer ?? 'reliable',
    channel,
    args: config.args,
    minArgs,
  };
}

/**
 * Who is a node's multiplayer authority: a peer id; `'name'`, the spawned scene root's name read
 * as an int (`set_multiplayer_authority(name.to_int())`, the usual player pattern); `'spawner'`,
 * the authority of the spawner that spawned the scene; or a function.
 */
export type AuthorityDecl = number | 'name' | 'spawner' | ((context: AuthorityContext) => number);

/** What an authority function (`AuthorityDecl`) is given to pick a node's authority. */
export interface AuthorityContext {
  /** The node's path below the multiplayer root. */
  readonly path: string;
  /** The name of the spawned scene's root (for static nodes: the node's own name). */
  readonly sceneRootName: string;
  /** The authority of the spawner that spawned the scene (1 for static nodes). */
  readonly spawnerAuthority: number;
}

/** `SceneReplicationConfig.ReplicationMode`: never, every SYNC, or in DELTA when changed. */
export type ReplicationModeName = 'never' | 'always' | 'on_change';

/** One property of a `SceneReplicationConfig`, in config order. */
export interface PropertyDecl {
  /** Relative to the synchronizer's root: `.:position`, `Sprite:modulate`, `.:velocity:x`. */
  readonly path: string;
  /** The property's Variant type (a `t.*` tag): how its value is encoded in SPAWN and SYNC/DELTA states. */
  readonly type: TypeTag;
  /** In the SPAWN state. @default true */
  readonly spawn?: boolean;
  /** @default 'always' */
  readonly mode?: ReplicationModeName;
  /** Godot 4.1 only: in the watch (DELTA) list as well as the sync list. @default false */
  readonly alsoWatch?: boolean;
  /** The value before anything sets it (the scene's or script's default). @default the type's zero */
  readonly default?: VariantLike;
}

/**
 * A `MultiplayerSynchronizer` and its `SceneReplicationConfig`: which properties of which root it replicates,
 * and how often.
 */
export interface SynchronizerDecl {
  /** `root_path`, relative to the synchronizer. @default '..' */
  readonly root?: string;
  /** The replication config's properties, in config order (their order on the wire). */
  readonly properties: readonly PropertyDecl[];
  /** `replication_interval` in seconds (0: every network frame). @default 0 */
  readonly replicationInterval?: number;
  /** `delta_interval` in seconds. @default 0 */
  readonly deltaInterval?: number;
  /** `public_visibility`. @default true */
  readonly publicVisibility?: boolean;
}

/** A `MultiplayerSpawner`: where it spawns, which scenes it may spawn, and with whose authority. */
export interface SpawnerDecl {
  /** `spawn_path`, relative to the spawner. */
  readonly spawnPath: string;
  /** `_spawnable_scenes` in order: the index is the scene id on the wire. */
  readonly scenes: readonly SceneDecl[];
  /** `spawn_limit` (0: none). @default 0 */
  readonly spawnLimit?: number;
  /**
   * Authority of every node of a scene this spawner spawns (a node's own `authority` wins; this
   * wins over the scene's). For authority the game sets in code around `add_child`.
   */
  readonly sceneAuthority?: AuthorityDecl;
  /**
   * The game sets a `spawn_function` and calls `spawn(data)`: which scene the function builds for
   * `data` (the receiver mirrors that node), and the type of `data`.
   */
  readonly custom?: {
    /** The scene the spawn function builds: one scene, or a function of the spawn `data`. */
    readonly scene: SceneDecl | ((data: unknown) => SceneDecl);
    /** The type of the spawn `data` (a `t.*` tag). @default any Variant */
    readonly data?: TypeTag;
  };
}

/** A node that touches the network. */
export interface NodeDecl {
  /** Script-level RPCs (`@rpc` functions, inherited ones included). */
  readonly rpc?: Readonly<Record<string, RpcDecl>>;
  /** Node-level RPCs (`Node.rpc_config()` calls, GDExtension classes): ids `0x8000 | i`. */
  readonly nodeRpc?: Readonly<Record<string, RpcDecl>>;
  /** @default the scene's authority, else 1 */
  readonly authority?: AuthorityDecl;
  /** The `MultiplayerSynchronizer` this node is, if it is one. */
  readonly synchronizer?: SynchronizerDecl;
  /** The `MultiplayerSpawner` this node is, if it is one. */
  readonly spawner?: SpawnerDecl;
}

/**
 * Node declarations by path (below the multiplayer root for a game, relative to the scene root for a scene).
 */
export type NodeDecls = Readonly<Record<string, NodeDecl>>;

/** A scene a spawner can instantiate. */
export interface SceneDecl<Nodes extends NodeDecls = NodeDecls> {
  /** Tells a `SceneDecl` from a `GameDecl`. */
  readonly kind: 'scene';
  /** `res://player.tscn`. */
  readonly path: string;
  /** Nodes relative to the scene root (`'.'` is the root), in tree order. */
  readonly nodes: Nodes;
  /** Authority of every node of an instance (a node's own `authority` wins). @default 1 */
  readonly authority?: AuthorityDecl;
}

/**
 * Declares a scene a spawner can instantiate: its `res://` path, its networked nodes and their default
 * authority. Typed: the node names and RPC signatures flow into `SceneMultiplayer`'s methods.
 */
export function defineScene<const Nodes extends NodeDecls>(path: string, scene: { readonly nodes: Nodes; readonly authority?: AuthorityDecl }): SceneDecl<Nodes> {
  return { kind: 'scene', path, nodes: scene.nodes, ...(scene.authority === undefined ? {} : { authority: scene.authority }) };
}

/** Godot versions with distinct SceneMultiplayer wire behaviour (see `godot-version.ts`). */
export type GodotVersionName = `4.${0 | 1 | 2 | 3 | 4 | 5 | 6}` | `4.${0 | 1 | 2 | 3 | 4 | 5 | 6}.${number}`;

/**
 * The whole game as the client build has it: the Godot version, `root_path` and the nodes placed in scenes;
 * spawnable scenes hang off its spawners.
 */
export interface GameDecl<Nodes extends NodeDecls = NodeDecls> {
  /** Tells a `GameDecl` from a `SceneDecl`. */
  readonly kind: 'game';
  /** The Godot version of the client build. */
  readonly godot: GodotVersionName;
  /** `SceneMultiplayer.root_path`. @default '/root' */
  readonly rootPath: string;
  /** Nodes placed in scenes (not spawned), by path below the root: `Main`, `Main/Lobby`. */
  readonly nodes: Nodes;
}

/**
 * Declares the game: fills `rootPath` with Godot's default `/root`. The result is what `SceneMultiplayer`
 * takes as `game`.
 */
export function defineGame<const Nodes extends NodeDecls>(game: {
  readonly godot: GodotVersionName;
  readonly rootPath?: string;
  readonly nodes: Nodes;
}): GameDecl<Nodes> {
  return { kind: 'game', godot: game.godot, rootPath: game.rootPath ?? '/root', nodes: game.nodes };
}

// --- types derived from a declaration --------------------------------------------------------

type RpcsOf<D> = (D extends { readonly rpc?: infer R } ? NonNullable<R> : unknown) & (D extends { readonly nodeRpc?: infer R } ? NonNullable<R> : unknown);
/** Method names of a node declaration. */
export type MethodName<D> = Extract<keyof RpcsOf<D>, string>;

/** A tuple whose first `N` elements are required and the rest optional. */
type WithMin<T extends unknown[], N extends number, Head extends unknown[] = []> =
  Head['length'] extends N ? [...Head, ...Partial<T>]
    : T extends [infer First, ...infer Rest] ? WithMin<Rest, N, [...Head, First]> : Head;

type ArgsOfDecl<R, Untyped> = R extends RpcDecl<infer A, infer N>
  ? [A] extends [readonly TypeTag[]] ? (number extends N ? TypesOf<A> : WithMin<TypesOf<A>, N>) : Untyped
  : Untyped;

/** What a caller passes to a method: the declared types, or any Variants when untyped. */
export type MethodArgs<D, M extends string> = RpcsOf<D> extends Record<M, infer R> ? ArgsOfDecl<R, VariantLike[]> : VariantLike[];
/** What a handler of a method receives: the declared types, or decoded Variants when untyped. */
export type HandlerArgs<D, M extends string> = RpcsOf<D> extends Record<M, infer R> ? ArgsOfDecl<R, Variant[]> : Variant[];
