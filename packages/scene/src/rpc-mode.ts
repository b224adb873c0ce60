/**
 * Godot's `MultiplayerAPI.RPCMode` with its numbers (`RpcMode` names the same modes in a
 * declaration: `'disabled'`, `'any_peer'`, `'authority'`).
 */
export const RPCMode = {
  RPC_MODE_DISABLED: 0,
  RPC_MODE_ANY_PEER: 1,
  RPC_MODE_AUTHORITY: 2,
} as const;
export type RPCMode = (typeof RPCMode)[keyof typeof RPCMode];
