/**
 * What happens to a packet SceneMultiplayer cannot accept: Godot prints an error and drops it;
 * we drop it and emit a `dropped` event with the peer and a machine-readable reason, and the
 * `badPacketPolicy` may disconnect the peer.
 */
export type DropReason =
  /** A packet other than AUTH from a peer still authenticating (Godot: dropped, `ERR_CONTINUE`). */
  | 'not-authenticated'
  /** From a peer that is neither connected nor authenticating. */
  | 'unknown-peer'
  /** Too short, or a field that cannot be read. */
  | 'malformed'
  /** A SYS sub-command, node-id size or relayed command Godot does not know. */
  | 'unknown-command'
  /** A count or size that points past the end of the packet. */
  | 'lying-length'
  /** A node id that is not in the sender's path cache. */
  | 'unknown-path-id'
  /** A path that names no node of the declaration. */
  | 'unknown-node'
  /** A method id the node does not have. */
  | 'unknown-method'
  /** An RPC whose mode refuses this sender (authority-only, disabled). */
  | 'rpc-not-allowed'
  /** Arguments that do not decode, or do not fit the declared count and types. */
  | 'bad-arguments'
  /** An Object inside the packet while `allowObjectDecoding` is false. */
  | 'objects-not-allowed'
  /** SPAWN, DESPAWN, SYNC or DELTA from a peer that is not the authority. */
  | 'not-authority'
  /** RELAY, ADD_PEER or DEL_PEER while relaying is off, or from the wrong side. */
  | 'relay-disabled'
  /** A RELAY to a peer that is not connected (Godot drops it silently: it may have just left). */
  | 'relay-target-missing'
  /** A cache id or net id the sender already used. */
  | 'duplicate-id'
  /** A packet in a form of another Godot version than the configured one. */
  | 'version-mismatch'
  /** A spawned node name Godot's `validate_node_name` would change. */
  | 'invalid-name'
  /** A SPAWN that cannot be honoured (unknown scene, spawn limit, name taken, no parent). */
  | 'spawn-refused'
  /** A SYNC or DELTA state that does not decode to the declared properties. */
  | 'bad-state'
  /** A SYNC/DELTA/DESPAWN net id the sender never announced. */
  | 'unknown-net-id'
  /** A TypeScript handler (`onRpc`, `authCallback`) threw while processing the packet. */
  | 'handler-error'
  /** @pp/scene itself failed on the packet: a bug, worth reporting with the packet's bytes. */
  | 'internal-error';

/** One dropped packet, as emitted by the `dropped` event. */
export interface DropReport {
  /** The peer the packet came from (for relayed packets: the original source). */
  readonly peer: number;
  /** Why it was dropped, a machine-readable {@link DropReason}. */
  readonly reason: DropReason;
  /** A sentence naming what was wrong (node paths and method names where known). */
  readonly message: string;
  /** The packet's command (`bytes[0] & 7`), when it had one. */
  readonly command: number | undefined;
  /** The packet as received. */
  readonly bytes: Uint8Array;
}

/** Thrown by the packet parsers; turned into a {@link DropReport} by the dispatcher. */
export class DropError extends Error {
  override readonly name = 'DropError';
  readonly reason: DropReason;

  constructor(reason: DropReason, message: string) {
    super(message);
    this.reason = reason;
  }
}

/** Shorthand: throws a {@link DropError}. */
export function drop(reason: DropReason, message: string): never {
  throw new DropError(reason, message);
}
