import type { AuthorityDecl, GameDecl, NodeDecl, SceneDecl } from '../declaration/define.js';
import { SyncTemplate } from '../declaration/sync-template.js';
import { godotToInt, joinPath, nameOf } from './paths.js';
import { SceneInstance, SceneNode } from './scene-node.js';

/**
 * The mirror of the game's tree below the multiplayer root: the declared static nodes, plus the
 * nodes of every spawned scene. Both ends must have the same tree shape below the root, so a path
 * is enough to name a node.
 */
export class SceneTreeMirror {
  readonly #nodes = new Map<string, SceneNode>();

  constructor(game: GameDecl) {
    for (const [path, decl] of Object.entries(game.nodes)) {
      const node = new SceneNode(path, decl, null, resolveAuthority(decl.authority, path, nameOf(path), 1));
      this.#nodes.set(path, node);
    }
    for (const node of this.#nodes.values()) this.#registerProperties(node);
  }

  /**
   * The node at `path` below the multiplayer root (`Main/Players/7`), or `undefined` if none is mirrored
   * there.
   */
  get(path: string): SceneNode | undefined {
    return this.#nodes.get(path);
  }

  /** Every node, in insertion (tree) order. */
  all(): IterableIterator<SceneNode> {
    return this.#nodes.values();
  }

  /** `node` and every node below it. */
  subtree(node: SceneNode): SceneNode[] {
    const prefix = `${node.path}/`;
    return [...this.#nodes.values()].filter((n) => n === node || n.path.startsWith(prefix));
  }

  /** Adds the nodes of a scene spawned under `parentPath` as `name`. */
  instantiate(scene: SceneDecl, spawner: SceneNode, parentPath: string, name: string, remotePeer: number, netId: number, customData?: unknown): SceneInstance {
    const instance = new SceneInstance(scene, spawner, remotePeer, netId, customData as never);
    const rootPath = joinPath(parentPath, name);
    const rootDecl: NodeDecl = scene.nodes['.'] ?? {};
    const entries: Array<[string, NodeDecl]> = [['.', rootDecl], ...Object.entries(scene.nodes).filter(([rel]) => rel !== '.')];
    for (const [rel, decl] of entries) {
      const path = rel === '.' ? rootPath : joinPath(rootPath, rel);
      const declared = decl.authority ?? spawner.decl.spawner?.sceneAuthority ?? scene.authority;
      const node = new SceneNode(path, decl, instance, resolveAuthority(declared, path, name, spawner.authority));
      instance.nodes.set(rel, node);
      this.#nodes.set(path, node);
    }
    for (const node of instance.nodes.values()) this.#registerProperties(node);
    return instance;
  }

  /** Removes a spawned scene's nodes. */
  remove(instance: SceneInstance): void {
    for (const node of instance.nodes.values()) {
      node.inTree = false;
      if (this.#nodes.get(node.path) === node) this.#nodes.delete(node.path);
    }
  }

  /** The node a synchronizer's properties are relative to (`root_path`). */
  syncRoot(sync: SceneNode): SceneNode | undefined {
    const decl = sync.decl.synchronizer;
    return decl ? this.#nodes.get(joinPath(sync.path, SyncTemplate.of(decl).root)) : undefined;
  }

  /** Tells each node which of its properties a synchronizer replicates, with what type. */
  #registerProperties(node: SceneNode): void {
    const decl = node.decl.synchronizer;
    if (!decl) return;
    const template = SyncTemplate.of(decl);
    const root = joinPath(node.path, template.root);
    for (const list of [template.spawn, template.sync, template.watch]) {
      for (const info of list) this.#nodes.get(joinPath(root, info.node))?.propertyTypes.set(info.property, info);
    }
  }
}

/** The authority a declaration gives a node at `path` in a scene whose root is named `sceneRootName`. */
export function resolveAuthority(decl: AuthorityDecl | undefined, path: string, sceneRootName: string, spawnerAuthority: number): number {
  if (decl === undefined) return 1;
  if (typeof decl === 'number') return decl;
  if (decl === 'name') return godotToInt(sceneRootName);
  if (decl === 'spawner') return spawnerAuthority;
  return decl({ path, sceneRootName, spawnerAuthority });
}
