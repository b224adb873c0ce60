/**
 * SceneMultiplayer's packet command byte (Godot's `SceneMultiplayer::NetworkCommands`): bits 0–2
 * hold the command, bits 4–7 per-command flags. Values and sizes checked against Godot 4.6.
 */
export const NetworkCommand = {
  /** An RPC: node id (or path), method id, arguments. */
  REMOTE_CALL: 0,
  /** Announces a node path and the sender's cache id for it, with the md5 of the node's RPC names. */
  SIMPLIFY_PATH: 1,
  /** Answers SIMPLIFY_PATH: whether the md5 matched, and the cache id (the path before 4.3). */
  CONFIRM_PATH: 2,
  /** Raw bytes from `send_bytes`, delivered as `peer_packet`. */
  RAW: 3,
  /**
   * A `MultiplayerSpawner` spawned a scene: net id, scene id, node name, spawn state (custom data for a spawn
   * function).
   */
  SPAWN: 4,
  /** A spawned scene was removed: its net id. */
  DESPAWN: 5,
  /** A synchronizer's SYNC state (with flag 0 set: a DELTA state of changed properties). */
  SYNC: 6,
  /** A system message: a {@link SysCommand} in the second byte. */
  SYS: 7,
} as const;
export type NetworkCommand = (typeof NetworkCommand)[keyof typeof NetworkCommand];

/** `CMD_MASK`: the command is the low three bits of the first byte. */
export const CMD_MASK = 7;
/** `CMD_FLAG_0_SHIFT`: on SYNC it marks a DELTA (meta byte `0x16`). */
export const CMD_FLAG_0_SHIFT = 4;
/** The meta byte of a DELTA packet: SYNC with flag 0. */
export const DELTA_META = NetworkCommand.SYNC | (1 << CMD_FLAG_0_SHIFT);

/** SYS sub-commands (second byte of a SYS packet). */
export const SysCommand = {
  /** Authentication bytes (`send_auth`); with no data it is the `07 00` marker of `complete_auth`. */
  AUTH: 0,
  /** Server → client: peer `id` joined (server relay on). */
  ADD_PEER: 1,
  /** Server → client: peer `id` left (server relay on). */
  DEL_PEER: 2,
  /** A packet through the server: client → server names the target, server → client names the source. */
  RELAY: 3,
} as const;
export type SysCommand = (typeof SysCommand)[keyof typeof SysCommand];

/** `SYS_CMD_SIZE`: command, sub-command, i32 peer id. */
export const SYS_CMD_SIZE = 6;

/** REMOTE_CALL meta bits. */
export const RpcMeta = {
  /** Bits 4–5: node id size, 0 = 1 byte, 1 = 2 bytes, 2 = 4 bytes. */
  NODE_ID_SHIFT: 4,
  /** Bit 6: method id size, 0 = 1 byte, 1 = 2 bytes. */
  NAME_ID_SHIFT: 6,
  /** Bit 7: no argument count; the payload is empty or one raw PackedByteArray. */
  BYTE_ONLY_OR_NO_ARGS: 1 << 7,
} as const;

/** A REMOTE_CALL node id with this bit carries the offset of a path appended to the packet. */
export const NODE_PATH_FLAG = 0x80000000;
/** Method ids of node-level (`rpc_config()`) methods carry this bit. */
export const NODE_LEVEL_METHOD_FLAG = 0x8000;
/** A synchronizer net id with this bit is a path-cache id (scene-placed synchronizers). */
export const SYNC_PATH_ID_FLAG = 0x80000000;
/** `MultiplayerSpawner::INVALID_ID`: the scene id of a custom spawn (`spawn(data)`). */
export const CUSTOM_SPAWN_SCENE_ID = 0xff;

/** SIMPLIFY_PATH: command, 32 md5 characters, NUL, u32 cache id; the path follows. */
export const SIMPLIFY_PATH_HEADER = 38;
/** SPAWN: command, scene id, spawner id, net id, synchronizer count, name length. */
export const SPAWN_HEADER = 18;
/** SYNC: command and u16 time; a packet shorter than 11 bytes is dropped. */
export const SYNC_MIN_SIZE = 11;
/** A DELTA entry: net id, u64 indexes, u32 size. */
export const DELTA_ENTRY_HEADER = 16;
/** A SYNC entry: net id, u32 size. */
export const SYNC_ENTRY_HEADER = 8;
