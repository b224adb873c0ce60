export { SceneMultiplayer, type BadPacketAction, type SceneMultiplayerOptions } from './scene-multiplayer.js';
export { RPCMode } from './rpc-mode.js';
export type { ChecksumMismatch, RpcCall, SceneMultiplayerEvents } from './events.js';
export type { DropReason, DropReport } from './drop-report.js';
export type { RpcContext } from './multiplayer/rpc-interface.js';
export {
  DEFAULT_MAX_DELTA_PACKET_SIZE, DEFAULT_MAX_SYNC_PACKET_SIZE, MIN_STATE_PACKET_SIZE, type SpawnOptions,
} from './replication/replication-interface.js';
export type { VisibilityFilter } from './replication/sync-state.js';
export { DEFAULT_AUTH_TIMEOUT, type AuthCallback } from './auth.js';
export { godotQuirks, type GodotQuirks } from './godot-version.js';

export {
  defineGame, defineScene, rpc,
  type AuthorityContext, type AuthorityDecl, type GameDecl, type GodotVersionName, type HandlerArgs, type MethodArgs, type MethodName,
  type NodeDecl, type NodeDecls, type PropertyDecl, type ReplicationModeName, type RpcDecl, type RpcMode, type SceneDecl,
  type SpawnerDecl, type SynchronizerDecl, type TransferName,
} from './declaration/define.js';
export { t, tagOfGodotType, type TypeName, type TypeOf, type TypeTag, type TypesOf } from './declaration/types.js';
export { MethodTable, compareCodePoints, type MethodInfo } from './declaration/method-table.js';
export { SyncTemplate, type PropertyInfo } from './declaration/sync-template.js';
export { SceneInstance, SceneNode } from './tree/scene-node.js';
export { SceneTreeMirror } from './tree/scene-tree.js';

export { md5Hex } from './protocol/md5.js';
export {
  CMD_MASK, CUSTOM_SPAWN_SCENE_ID, DELTA_META, NetworkCommand, NODE_LEVEL_METHOD_FLAG, NODE_PATH_FLAG, SYNC_PATH_ID_FLAG,
  SysCommand,
} from './protocol/commands.js';
