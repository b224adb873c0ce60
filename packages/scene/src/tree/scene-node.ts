import type { VariantLike } from '@pp/core';
import type { NodeDecl, SceneDecl } from '../declaration/define.js';
import { MethodTable } from '../declaration/method-table.js';
import type { PropertyInfo } from '../declaration/sync-template.js';
import { nameOf } from './paths.js';

/**
 * Our mirror of one Godot node that touches the network: its path below the multiplayer root,
 * its declaration, its multiplayer authority and the values of its replicated properties.
 */
export class SceneNode<D extends NodeDecl = NodeDecl> {
  /** Path below the multiplayer root (`Main/Players/7`). */
  readonly path: string;
  /** The node's declaration (RPCs, synchronizer, spawner). */
  readonly decl: D;
  /** The node's RPC methods with their wire ids and md5. */
  readonly methods: MethodTable;
  /** The spawned scene this node belongs to, `null` for nodes placed in the game's scenes. */
  readonly instance: SceneInstance | null;
  /** Whether the node is still in the tree (false once despawned). */
  inTree = true;
  /** `get_multiplayer_authority()`. Change it with `SceneMultiplayer.setMultiplayerAuthority`. */
  authority: number;
  readonly #values = new Map<string, VariantLike>();
  /** Replicated properties on this node, registered by the synchronizers that name them. */
  readonly propertyTypes = new Map<string, PropertyInfo>();

  constructor(path: string, decl: D, instance: SceneInstance | null, authority: number) {
    this.path = path;
    this.decl = decl;
    this.methods = MethodTable.of(decl);
    this.instance = instance;
    this.authority = authority;
  }

  /** The node's name: the last part of its path. */
  get name(): string {
    return nameOf(this.path);
  }

  /** `get_multiplayer_authority()`. */
  getMultiplayerAuthority(): number {
    return this.authority;
  }

  /**
   * A replicated property's value (`position`, `modulate:a`): what was set or received, else the
   * declared default, else the type's zero value.
   */
  get(property: string): VariantLike {
    const value = this.#values.get(property);
    if (value !== undefined) return value;
    const info = this.propertyTypes.get(property);
    if (info === undefined) return null;
    return info.decl.default ?? (info.type.zero() as VariantLike);
  }

  /**
   * Sets a property. A replicated property is checked against its declared type (a `TypeError`
   * if it does not fit) and goes out with the next SYNC or DELTA when this peer is authority.
   */
  set(property: string, value: VariantLike): void {
    const info = this.propertyTypes.get(property);
    if (info) info.type.toVariant(value as never);
    this.#values.set(property, value);
  }

  /** Stores a received value without the type check (the receiver already checked it). */
  setReceived(property: string, value: VariantLike): void {
    this.#values.set(property, value);
  }

  /** The value the encoder gets (typed per the declaration). */
  encodable(property: string): VariantLike {
    const info = this.propertyTypes.get(property);
    const value = this.get(property);
    return info ? info.type.toVariant(value as never) : value;
  }
}

/** One spawned scene: its root and the declared nodes below it. */
export class SceneInstance<S extends SceneDecl = SceneDecl> {
  /** The scene's declaration. */
  readonly scene: S;
  /** The spawner node that spawned it (ours or the remote authority's). */
  readonly spawner: SceneNode;
  /** The peer that spawned it, 0 when it was spawned here. */
  readonly remotePeer: number;
  /** The net id: ours when spawned here, the sender's otherwise (0 until first sent). */
  netId: number;
  /** Custom spawns: the `spawn(data)` argument. */
  readonly customData: VariantLike | undefined;
  /** The declared nodes of the instance by path in the scene (`.` is the root). */
  readonly nodes = new Map<string, SceneNode>();

  constructor(scene: S, spawner: SceneNode, remotePeer: number, netId: number, customData: VariantLike | undefined) {
    this.scene = scene;
    this.spawner = spawner;
    this.remotePeer = remotePeer;
    this.netId = netId;
    this.customData = customData;
  }

  /** The instance's root node. */
  get root(): SceneNode {
    return this.nodes.get('.') as SceneNode;
  }

  /** The root node's name (the name it was spawned with). */
  get name(): string {
    return this.root.name;
  }

  /** The root node's path below the multiplayer root. */
  get path(): string {
    return this.root.path;
  }

  /** A declared node of the instance, by its path in the scene (`'.'`, `'Sync'`). */
  node<K extends keyof S['nodes'] & string>(relative: K): SceneNode<S['nodes'][K]> {
    const node = this.nodes.get(relative);
    if (!node) throw new RangeError(`scene ${this.scene.path} declares no node "${relative}"`);
    return node as SceneNode<S['nodes'][K]>;
  }
}
