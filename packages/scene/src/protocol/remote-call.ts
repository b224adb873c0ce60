/**
 * REMOTE_CALL (`scene_rpc_interface.cpp`). Meta byte: command 0, bits 4–5 node id size (1/2/4 bytes), bit 6 method id
 * size (1/2 bytes), bit 7 "byte only or no args". The node id is the sender's cache id, or —
 * 4-byte form only — `0x80000000 | P` with the node's path appended at byte offset P. Checked
 * against Godot 4.6 in both directions.
 */
import { drop } from '../drop-report.js';
import { ByteWriter, cstringAt, u16At, u32At } from './bytes.js';
import { NODE_PATH_FLAG, NetworkCommand, RpcMeta } from './commands.js';

const NODE_ID_SIZES = [1, 2, 4] as const;

/** How the node is named in an outgoing call. */
export type NodeTarget =
  /** The cache id every target confirmed: the smallest width that fits. */
  | { readonly kind: 'id'; readonly id: number }
  /** Some target has not confirmed: 4-byte id for confirmed targets… */
  | { readonly kind: 'wide-id'; readonly id: number }
  /** …and the path appended for the others. */
  | { readonly kind: 'path'; readonly path: string };

/**
 * Builds a REMOTE_CALL. `args` is the encoded argument block: with `byteOnly` the raw bytes of a
 * single PackedByteArray argument (or nothing for no arguments), else `argc` compressed values.
 */
export function remoteCallPacket(target: NodeTarget, methodId: number, args: Uint8Array, argc: number, byteOnly: boolean): Uint8Array {
  const w = new ByteWriter(16 + args.length);
  w.u8(0);
  let nodeSize: 0 | 1 | 2;
  if (target.kind === 'id' && target.id <= 0xff) {
    nodeSize = 0;
    w.u8(target.id);
  } else if (target.kind === 'id' && target.id <= 0xffff) {
    nodeSize = 1;
    w.u16(target.id);
  } else {
    nodeSize = 2;
    w.u32(target.kind === 'path' ? 0 : target.id);
  }
  const wideMethod = methodId > 0xff;
  if (wideMethod) w.u16(methodId);
  else w.u8(methodId);
  if (!byteOnly) w.u8(argc);
  w.bytes(args);
  if (target.kind === 'path') {
    w.setU32(1, (NODE_PATH_FLAG | w.pos) >>> 0);
    w.cstring(target.path);
  }
  const out = w.finish();
  out[0] = NetworkCommand.REMOTE_CALL | (nodeSize << RpcMeta.NODE_ID_SHIFT) | ((wideMethod ? 1 : 0) << RpcMeta.NAME_ID_SHIFT) | (byteOnly ? RpcMeta.BYTE_ONLY_OR_NO_ARGS : 0);
  return out;
}

export interface RemoteCall {
  /** The sender's cache id, or the path when the call carries one. */
  readonly node: { readonly id: number; readonly path?: undefined } | { readonly path: string; readonly id?: undefined };
  readonly methodId: number;
  readonly byteOnly: boolean;
  /** Where the argument block starts (after the argc byte when there is one). */
  readonly argsStart: number;
  /** Where it ends: the packet end, or the appended path's offset. */
  readonly argsEnd: number;
  /** The argument count (byte-only: 0 or 1). */
  readonly argc: number;
}

/** Parses a REMOTE_CALL like Godot's `process_rpc`. Throws a `DropError`. */
export function parseRemoteCall(bytes: Uint8Array): RemoteCall {
  const meta = bytes[0] as number;
  const nodeSizeCode = (meta >> RpcMeta.NODE_ID_SHIFT) & 3;
  if (nodeSizeCode === 3) drop('unknown-command', 'REMOTE_CALL with node id size code 3');
  const nodeSize = NODE_ID_SIZES[nodeSizeCode] as number;
  const methodSize = (meta >> RpcMeta.NAME_ID_SHIFT) & 1 ? 2 : 1;
  const byteOnly = (meta & RpcMeta.BYTE_ONLY_OR_NO_ARGS) !== 0;
  let at = 1 + nodeSize + methodSize;
  if (bytes.length < at) drop('malformed', `REMOTE_CALL of ${bytes.length} bytes (at least ${at})`);
  const rawNode = nodeSize === 1 ? (bytes[1] as number) : nodeSize === 2 ? (u16At(bytes, 1) as number) : (u32At(bytes, 1) as number);
  const methodId = methodSize === 1 ? (bytes[1 + nodeSize] as number) : (u16At(bytes, 1 + nodeSize) as number);
  let argsEnd = bytes.length;
  let node: RemoteCall['node'];
  if (nodeSize === 4 && (rawNode & NODE_PATH_FLAG) !== 0) {
    const offset = rawNode & 0x7fffffff;
    if (offset >= bytes.length) drop('lying-length', `REMOTE_CALL path offset ${offset} is past the end (${bytes.length} bytes)`);
    if (offset < at) drop('lying-length', `REMOTE_CALL path offset ${offset} overlaps the header`);
    node = { path: cstringAt(bytes, offset) };
    argsEnd = offset;
  } else {
    node = { id: rawNode };
  }
  let argc: number;
  if (byteOnly) {
    argc = at < argsEnd ? 1 : 0;
  } else {
    if (at >= argsEnd) drop('malformed', 'REMOTE_CALL without its argument count');
    argc = bytes[at] as number;
    at += 1;
  }
  return { node, methodId, byteOnly, argsStart: at, argsEnd, argc };
}
