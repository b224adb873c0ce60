import { NODE_LEVEL_METHOD_FLAG } from '../protocol/commands.js';
import { md5Hex } from '../protocol/md5.js';
import type { NodeDecl, RpcDecl } from './define.js';

/** One RPC method of a node, with the id it travels as. */
export interface MethodInfo {
  /** The method name. */
  readonly name: string;
  /** Its id on the wire: `i` for script-level methods, `0x8000 | i` for node-level ones. */
  readonly id: number;
  /** Whether it is node-level (`rpc_config()`) rather than script-level (`@rpc`). */
  readonly nodeLevel: boolean;
  /** Its declaration: mode, transfer, channel, argument types. */
  readonly decl: RpcDecl;
}

/** Godot's `String` order: by code point (not by UTF-16 unit, which differs above U+FFFF). */
export function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i] as string).codePointAt(0)! - (y[i] as string).codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

/**
 * The method ids of a node (`scene_rpc_interface.cpp`, checked against Godot 4.6): node-level names (`rpc_config()`)
 * sorted, ids `0x8000 | i`; then script-level names (`@rpc`) sorted, ids `i`. Sorting compares
 * code points, as Godot's `String <` does. The md5 Godot sends in SIMPLIFY_PATH is that of all
 * names concatenated in id order.
 */
export class MethodTable {
  /** The methods by wire id. */
  readonly byId = new Map<number, MethodInfo>();
  /** The methods by name. */
  readonly byName = new Map<string, MethodInfo>();
  /** Names in id order: node-level, then script-level. */
  readonly names: readonly string[];
  /**
   * The lowercase hex md5 of all names concatenated in id order, as Godot sends it in SIMPLIFY_PATH to check
   * both sides agree.
   */
  readonly md5: string;

  static readonly #cache = new WeakMap<NodeDecl, MethodTable>();
  /** The table of a node without RPCs (md5 of the empty string). */
  static readonly EMPTY = new MethodTable({});

  /** The table of a declared node (computed once per declaration object). */
  static of(decl: NodeDecl): MethodTable {
    let table = MethodTable.#cache.get(decl);
    if (!table) MethodTable.#cache.set(decl, (table = new MethodTable(decl)));
    return table;
  }

  private constructor(decl: NodeDecl) {
    const names: string[] = [];
    const add = (list: Readonly<Record<string, RpcDecl>> | undefined, nodeLevel: boolean): void => {
      const sorted = Object.keys(list ?? {}).sort(compareCodePoints);
      sorted.forEach((name, index) => {
        const info: MethodInfo = { name, id: nodeLevel ? NODE_LEVEL_METHOD_FLAG | index : index, nodeLevel, decl: (list as Record<string, RpcDecl>)[name] as RpcDecl };
        this.byId.set(info.id, info);
        this.byName.set(name, info);
        names.push(name);
      });
    };
    add(decl.nodeRpc, true);
    add(decl.rpc, false);
    this.names = names;
    this.md5 = md5Hex(names.join(''));
  }

  /**
   * Which of our methods the peer probably lacks, when its md5 is that of our list with exactly
   * one name missing; otherwise `[]`.
   */
  guessMissing(peerMd5: string): string[] {
    for (let i = 0; i < this.names.length; i++) {
      const rest = [...this.names.slice(0, i), ...this.names.slice(i + 1)];
      if (md5Hex(rest.join('')) === peerMd5) return [this.names[i] as string];
    }
    return [];
  }
}
