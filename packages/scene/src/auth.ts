/**
 * SceneMultiplayer's authentication state per connecting peer (`scene_multiplayer.cpp`): a peer is *pending* from the
 * transport's connect until both sides have sent the `07 00` completion marker. While pending only
 * AUTH packets are accepted; everything else is dropped, not queued.
 */
export interface PendingPeer {
  /** We called `completeAuth`. */
  local: boolean;
  /** The peer sent its `07 00`. */
  remote: boolean;
  /** When the transport connected it (ms, the multiplayer's clock). */
  readonly since: number;
}

/** Godot's default `auth_timeout`: 3 s. */
export const DEFAULT_AUTH_TIMEOUT = 3;

/**
 * `auth_callback(peer, data)`: called for every AUTH packet with data from a pending peer; answer with
 * `sendAuth`, admit with `completeAuth`, refuse with `disconnectPeer`. If it throws, the packet is dropped as
 * `handler-error`.
 */
export type AuthCallback = (peer: number, data: Uint8Array) => void;
