/**
 * The status of a TLS or DTLS connection: Godot's `StreamPeerTLS.Status` and
 * `PacketPeerDTLS.Status`, which have the same members and numbers.
 */
export const TLSStatus = {
  /** Not connected (never connected, disconnected, or the peer sent close_notify). */
  STATUS_DISCONNECTED: 0,
  /** The handshake is in progress. */
  STATUS_HANDSHAKING: 1,
  /** The handshake is done: application data can flow. */
  STATUS_CONNECTED: 2,
  /** The handshake failed or the connection broke (`lastError` says why). */
  STATUS_ERROR: 3,
  /** The peer's certificate is valid but not for the host name asked for. */
  STATUS_ERROR_HOSTNAME_MISMATCH: 4,
} as const;
export type TLSStatus = (typeof TLSStatus)[keyof typeof TLSStatus];
