/**
 * Godot's `MultiplayerAPI.RPCMode` with its numbers (`RpcMode` names the same modes in a
 * declaration: `'disabled'`, `'any_peer'`, `'authority'`).
 */
export const RPCMode = {
  /** The method cannot be called over the network; a remote call is dropped as `rpc-not-allowed`. */
  RPC_MODE_DISABLED: 0,
  /** Any peer may call the method (`@rpc("any_peer")`); others' calls are not refused by mode. */
  RPC_MODE_ANY_PEER: 1,
  /**
   * Only the node's multiplayer authority may call the method (`@rpc("authority")`, the default); others'
   * calls are dropped as `rpc-not-allowed`.
   */
  RPC_MODE_AUTHORITY: 2,
} as const;
export type RPCMode = (typeof RPCMode)[keyof typeof RPCMode];
