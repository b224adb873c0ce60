/**
 * Godot's `SceneRPCInterface` (`scene_rpc_interface.cpp`): sending an RPC (path cache, node and method id compression,
 * argument encoding, per-target packets) and receiving one (node lookup, method id, `rpc_mode`
 * permission, argument decoding), with the declaration's types checked both ways.
 */
import { ErrorCode, TransferMode, VariantError, type VariantLike } from '@pp/core';
import type { NodeDecl, RpcDecl, TransferName } from '../declaration/define.js';
import type { MethodInfo } from '../declaration/method-table.js';
import { drop } from '../drop-report.js';
import { ByteWriter } from '../protocol/bytes.js';
import { readCompressedList, writeCompressedList } from '../protocol/compressed-variant.js';
import { parseRemoteCall, remoteCallPacket, type NodeTarget } from '../protocol/remote-call.js';
import type { SceneNode } from '../tree/scene-node.js';
import type { SceneHost } from './host.js';
import type { PathCache } from './path-cache.js';

/** What a handler learns about a call besides its arguments. */
export interface RpcContext<D extends NodeDecl = NodeDecl> {
  /** `get_remote_sender_id()`: the caller (the original client for relayed calls; our own id for `call_local`). */
  readonly sender: number;
  /** The node the method was called on. */
  readonly node: SceneNode<D>;
  /** The method name. */
  readonly method: string;
}

export type RpcHandler = (context: RpcContext, ...args: never[]) => unknown;

const TRANSFER: Record<TransferName, TransferMode> = {
  reliable: TransferMode.RELIABLE,
  unreliable: TransferMode.UNRELIABLE,
  unreliable_ordered: TransferMode.UNRELIABLE_ORDERED,
};

export class RpcInterface {
  readonly #host: SceneHost;
  readonly #cache: PathCache;
  readonly #visible: (node: SceneNode, peer: number) => boolean;
  /** Handlers by declaration object (a static node, or a node of a scene: one per scene node). */
  readonly #handlers = new Map<NodeDecl, Map<string, RpcHandler>>();

  constructor(host: SceneHost, cache: PathCache, visible: (node: SceneNode, peer: number) => boolean) {
    this.#host = host;
    this.#cache = cache;
    this.#visible = visible;
  }

  on(decl: NodeDecl, method: string, handler: RpcHandler): void {
    let map = this.#handlers.get(decl);
    if (!map) this.#handlers.set(decl, (map = new Map()));
    map.set(method, handler);
  }

  off(decl: NodeDecl, method: string): void {
    this.#handlers.get(decl)?.delete(method);
  }

  /**
   * Godot's `rpcp`: calls `method` on `node` at `target` (0 = everyone, n = peer n, -n = all but
   * n), and locally too with `callLocal`. Returns Godot's error codes; a wrong argument type
   * throws a `TypeError` (a programming error, not a network condition).
   */
  call(node: SceneNode, method: string, target: number, args: readonly unknown[]): ErrorCode {
    const info = node.methods.byName.get(method);
    if (!info) throw new RangeError(`node ${node.path} declares no RPC "${method}" (declared: ${node.methods.names.join(', ') || 'none'})`);
    if (!node.inTree) return ErrorCode.ERR_INVALID_PARAMETER;
    const self = this.#host.getUniqueId();
    const decl = info.decl;
    if (target === self && !decl.callLocal) return ErrorCode.ERR_INVALID_PARAMETER;
    const values = this.#encodeArgs(node, info, args);
    let error: ErrorCode = ErrorCode.OK;
    if (target !== self) error = this.#send(node, info, target, values);
    if (decl.callLocal && (target === 0 || target === self || (target < 0 && target !== -self))) {
      this.#dispatch(node, info, self, args, false);
    }
    return error;
  }

  #encodeArgs(node: SceneNode, info: MethodInfo, args: readonly unknown[]): VariantLike[] {
    const declared = info.decl.args;
    if (args.length > 255) throw new RangeError('an RPC takes at most 255 arguments');
    if (!declared) return args as VariantLike[];
    if (args.length < info.decl.minArgs || args.length > declared.length) {
      throw new TypeError(`${node.path}.${info.name} takes ${arity(info.decl)} arguments, got ${args.length}`);
    }
    return args.map((value, i) => {
      try {
        return (declared[i] as (typeof declared)[number]).toVariant(value as never);
      } catch (error) {
        throw new TypeError(`${node.path}.${info.name} argument ${i + 1}: ${(error as Error).message}`);
      }
    });
  }

  #send(node: SceneNode, info: MethodInfo, to: number, values: readonly VariantLike[]): ErrorCode {
    const connected = this.#host.connected;
    if (to !== 0 && !connected.has(Math.abs(to))) return ErrorCode.ERR_INVALID_PARAMETER;
    const targets: number[] = [];
    let id = 0;
    let allConfirmed = true;
    if (to > 0) {
      if (!this.#visible(node, to)) return ErrorCode.ERR_INVALID_PARAMETER;
      targets.push(to);
      ({ id, allConfirmed } = this.#cache.sendObjectCache(node, to));
    } else {
      for (const peer of connected) {
        if (to < 0 && peer === -to) continue;
        if (!this.#visible(node, peer)) continue;
        targets.push(peer);
        const sent = this.#cache.sendObjectCache(node, peer);
        id = sent.id;
        allConfirmed &&= sent.allConfirmed;
      }
    }
    if (targets.length === 0) return ErrorCode.OK;

    const byteOnly = values.length === 0 || (values.length === 1 && values[0] instanceof Uint8Array);
    let block: Uint8Array;
    if (byteOnly) {
      block = values.length === 0 ? new Uint8Array(0) : (values[0] as Uint8Array);
    } else {
      const w = new ByteWriter();
      writeCompressedList(w, values, this.#host.compressOptions());
      block = w.finish();
    }
    const channel = info.decl.channel;
    const mode = TRANSFER[info.decl.transfer];
    const build = (target: NodeTarget): Uint8Array => remoteCallPacket(target, info.id, block, values.length, byteOnly);
    if (allConfirmed) {
      const packet = build({ kind: 'id', id });
      for (const peer of targets) this.#host.sendCommand(peer, packet, channel, mode);
      return ErrorCode.OK;
    }
    // Some target has not confirmed the path: 4-byte ids for those that have, the path for the rest.
    let wide: Uint8Array | undefined;
    let withPath: Uint8Array | undefined;
    for (const peer of targets) {
      const packet = this.#cache.isConfirmed(node, peer)
        ? (wide ??= build({ kind: 'wide-id', id }))
        : (withPath ??= build({ kind: 'path', path: node.path }));
      this.#host.sendCommand(peer, packet, channel, mode);
    }
    return ErrorCode.OK;
  }

  /** Godot's `process_rpc`: every check, then the handler. Throws a `DropError`. */
  process(from: number, bytes: Uint8Array): void {
    const call = parseRemoteCall(bytes);
    let node: SceneNode;
    if (call.node.path !== undefined) {
      const found = this.#host.tree.get(call.node.path);
      if (!found) drop('unknown-node', `RPC for ${call.node.path}, which the declaration does not have`);
      node = found;
    } else {
      node = this.#cache.getCachedNode(from, call.node.id);
    }
    const info = node.methods.byId.get(call.methodId);
    if (!info) {
      drop('unknown-method', `RPC method id ${call.methodId} on ${node.path}, which declares ${node.methods.names.length} (${node.methods.names.join(', ') || 'none'})`);
    }
    const mode = info.decl.mode;
    if (mode === 'disabled' || (mode === 'authority' && from !== node.authority)) {
      drop('rpc-not-allowed', `RPC '${info.name}' is not allowed on node ${node.path} from: ${from}. Mode is "${mode}", authority is ${node.authority}.`);
    }
    const args = this.#decodeArgs(node, info, bytes, call);
    this.#dispatch(node, info, from, args, true);
  }

  #decodeArgs(node: SceneNode, info: MethodInfo, bytes: Uint8Array, call: ReturnType<typeof parseRemoteCall>): unknown[] {
    let raw: Array<{ value: unknown; type: number }>;
    if (call.byteOnly) {
      raw = call.argc === 0 ? [] : [{ value: bytes.slice(call.argsStart, call.argsEnd), type: 29 }];
    } else {
      try {
        raw = readCompressedList(bytes, call.argsStart, call.argsEnd, call.argc, this.#host.compressOptions()).values;
      } catch (error) {
        if (!(error instanceof VariantError)) throw error;
        const reason = error.code === ErrorCode.ERR_UNAUTHORIZED ? 'objects-not-allowed' : 'bad-arguments';
        drop(reason, `${node.path}.${info.name}: arguments do not decode (${error.message})`);
      }
    }
    const declared = info.decl.args;
    if (!declared) return raw.map((r) => r.value);
    if (raw.length < info.decl.minArgs || raw.length > declared.length) {
      drop('bad-arguments', `${node.path}.${info.name} takes ${arity(info.decl)} arguments, got ${raw.length}`);
    }
    return raw.map((r, i) => {
      const tag = declared[i] as (typeof declared)[number];
      const value = tag.fromVariant(r.value as never, r.type as never);
      if (value === undefined) drop('bad-arguments', `${node.path}.${info.name} argument ${i + 1} should be ${tag.name}`);
      return value;
    });
  }

  /** Runs the handler; for a remote call its exception becomes a `handler-error` drop, for a local one it reaches the caller. */
  #dispatch(node: SceneNode, info: MethodInfo, sender: number, args: readonly unknown[], remote: boolean): void {
    this.#host.emitEvent('rpc', { sender, node, method: info.name, args });
    const handler = this.#handlers.get(node.decl)?.get(info.name);
    if (!handler) return;
    if (!remote) {
      handler({ sender, node, method: info.name }, ...(args as never[]));
      return;
    }
    try {
      handler({ sender, node, method: info.name }, ...(args as never[]));
    } catch (error) {
      drop('handler-error', `the handler of ${node.path}.${info.name} threw: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

function arity(decl: RpcDecl): string {
  const max = decl.args?.length ?? 0;
  return decl.minArgs === max ? String(max) : `${decl.minArgs} … ${max}`;
}
