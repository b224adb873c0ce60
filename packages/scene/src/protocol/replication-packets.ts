/**
 * Replication packets (`scene_replication_interface.cpp`): SPAWN, DESPAWN, SYNC (unreliable, timestamped) and DELTA (SYNC with
 * flag 0, reliable, changed-mask). Layouts checked against Godot 4.6 in both directions.
 */
import { drop } from '../drop-report.js';
import { ByteWriter, cstringAt, u16At, u32At, u64At } from './bytes.js';
import {
  CUSTOM_SPAWN_SCENE_ID, DELTA_ENTRY_HEADER, DELTA_META, NetworkCommand, SPAWN_HEADER, SYNC_ENTRY_HEADER, SYNC_MIN_SIZE,
} from './commands.js';

const encoder = new TextEncoder();

export interface SpawnFields {
  /** Index in the spawner's scene list, or 0xFF for a custom spawn. */
  readonly sceneId: number;
  /** The sender's cache id of the spawner node. */
  readonly spawnerId: number;
  readonly netId: number;
  /** Net ids of the synchronizers whose spawn state follows, in that order. */
  readonly syncIds: readonly number[];
  readonly name: string;
  /** Custom spawns only: the compressed `spawn(data)` argument. */
  readonly customData?: Uint8Array | undefined;
  /** The spawn properties of every synchronizer, compressed, back to back. */
  readonly state: Uint8Array;
}

export function spawnPacket(f: SpawnFields): Uint8Array {
  const name = encoder.encode(f.name);
  const w = new ByteWriter(SPAWN_HEADER + 4 * f.syncIds.length + name.length + 1 + f.state.length + (f.customData?.length ?? 0) + 4);
  w.u8(NetworkCommand.SPAWN).u8(f.sceneId).u32(f.spawnerId).u32(f.netId).u32(f.syncIds.length).u32(name.length + 1);
  for (const id of f.syncIds) w.u32(id);
  w.bytes(name).u8(0);
  if (f.sceneId === CUSTOM_SPAWN_SCENE_ID) {
    const data = f.customData ?? new Uint8Array(0);
    w.u32(data.length).bytes(data);
  }
  return w.bytes(f.state).finish();
}

/** Parses SPAWN in Godot's order of checks (`on_spawn_receive`). Throws a `DropError`. */
export function parseSpawn(bytes: Uint8Array): SpawnFields {
  if (bytes.length < SPAWN_HEADER) drop('malformed', `SPAWN of ${bytes.length} bytes (at least ${SPAWN_HEADER})`);
  const sceneId = bytes[1] as number;
  const spawnerId = u32At(bytes, 2) as number;
  const netId = u32At(bytes, 6) as number;
  const syncCount = u32At(bytes, 10) as number;
  const nameLength = u32At(bytes, 14) as number;
  let at = SPAWN_HEADER;
  if (nameLength + syncCount * 4 > bytes.length - at) {
    drop('lying-length', `SPAWN claims ${syncCount} synchronizers and a ${nameLength}-byte name in ${bytes.length - at} bytes`);
  }
  const syncIds: number[] = [];
  for (let i = 0; i < syncCount; i++, at += 4) syncIds.push(u32At(bytes, at) as number);
  if (nameLength < 1) drop('malformed', 'SPAWN with an empty name');
  const name = cstringAt(bytes, at, at + nameLength);
  at += nameLength;
  let customData: Uint8Array | undefined;
  if (sceneId === CUSTOM_SPAWN_SCENE_ID) {
    const size = u32At(bytes, at);
    if (size === undefined) drop('malformed', 'custom SPAWN without its data size');
    at += 4;
    if (size > bytes.length - at) drop('lying-length', `custom SPAWN data of ${size} bytes in ${bytes.length - at}`);
    customData = bytes.subarray(at, at + size);
    at += size;
  }
  return { sceneId, spawnerId, netId, syncIds, name, customData, state: bytes.subarray(at) };
}

export function despawnPacket(netId: number): Uint8Array {
  return new ByteWriter(5).u8(NetworkCommand.DESPAWN).u32(netId).finish();
}

export function parseDespawn(bytes: Uint8Array): number {
  const netId = u32At(bytes, 1);
  if (netId === undefined) drop('malformed', `DESPAWN of ${bytes.length} bytes (at least 5)`);
  return netId;
}

/** One synchronizer's entry of a SYNC or DELTA packet. */
export interface StateEntry {
  readonly netId: number;
  /** DELTA only: bit i = the i-th watched property is included. */
  readonly indexes?: bigint;
  readonly state: Uint8Array;
}

/**
 * Packs entries into as few packets as fit `mtu` (Godot's `_send_sync` / `_send_delta`): an
 * entry that would overflow starts a new packet; an entry larger than `mtu` on its own is not
 * sent and is returned in `tooBig`.
 */
export function packStateEntries(
  kind: 'sync' | 'delta', entries: readonly StateEntry[], mtu: number, time = 0,
): { packets: Uint8Array[]; tooBig: StateEntry[] } {
  const header = kind === 'sync' ? 3 : 1;
  const entryHeader = kind === 'sync' ? SYNC_ENTRY_HEADER : DELTA_ENTRY_HEADER;
  const packets: Uint8Array[] = [];
  const tooBig: StateEntry[] = [];
  let w: ByteWriter | null = null;
  const capacity = Math.min(mtu, 1400);
  const start = (): ByteWriter => (kind === 'sync' ? new ByteWriter(capacity).u8(NetworkCommand.SYNC).u16(time) : new ByteWriter(capacity).u8(DELTA_META));
  for (const entry of entries) {
    if (entry.state.length === 0) continue;
    if (entry.state.length > mtu) {
      tooBig.push(entry);
      continue;
    }
    w ??= start();
    if (w.pos + entryHeader + entry.state.length > mtu && w.pos > header) {
      packets.push(w.finish());
      w = start();
    }
    w.u32(entry.netId);
    if (kind === 'delta') w.u64(entry.indexes ?? 0n);
    w.u32(entry.state.length).bytes(entry.state);
  }
  if (w && w.pos > header) packets.push(w.finish());
  return { packets, tooBig };
}

/** Parses a SYNC packet: its time and entries. Throws a `DropError`. */
export function parseSync(bytes: Uint8Array): { time: number; entries: StateEntry[] } {
  if (bytes.length < SYNC_MIN_SIZE) drop('malformed', `SYNC of ${bytes.length} bytes (at least ${SYNC_MIN_SIZE})`);
  const time = u16At(bytes, 1) as number;
  const entries: StateEntry[] = [];
  let at = 3;
  while (at + SYNC_ENTRY_HEADER < bytes.length) {
    const netId = u32At(bytes, at) as number;
    const size = u32At(bytes, at + 4) as number;
    at += SYNC_ENTRY_HEADER;
    if (size > bytes.length - at) drop('lying-length', `SYNC entry for net id ${netId} claims ${size} bytes, ${bytes.length - at} remain`);
    entries.push({ netId, state: bytes.subarray(at, at + size) });
    at += size;
  }
  return { time, entries };
}

/** Parses a DELTA packet's entries. Throws a `DropError`. */
export function parseDelta(bytes: Uint8Array): StateEntry[] {
  // Godot checks the SYNC minimum before it branches to DELTA.
  if (bytes.length < SYNC_MIN_SIZE) drop('malformed', `DELTA of ${bytes.length} bytes (at least ${SYNC_MIN_SIZE})`);
  const entries: StateEntry[] = [];
  let at = 1;
  while (at + DELTA_ENTRY_HEADER < bytes.length) {
    const netId = u32At(bytes, at) as number;
    const indexes = u64At(bytes, at + 4) as bigint;
    const size = u32At(bytes, at + 12) as number;
    at += DELTA_ENTRY_HEADER;
    if (size > bytes.length - at) drop('lying-length', `DELTA entry for net id ${netId} claims ${size} bytes, ${bytes.length - at} remain`);
    entries.push({ netId, indexes, state: bytes.subarray(at, at + size) });
    at += size;
  }
  return entries;
}
