export { md5Hex } from './protocol/md5.js';
export {
  CMD_MASK, CUSTOM_SPAWN_SCENE_ID, DELTA_META, NetworkCommand, NODE_LEVEL_METHOD_FLAG, NODE_PATH_FLAG, SYNC_PATH_ID_FLAG,
  SysCommand,
} from './protocol/commands.js';
