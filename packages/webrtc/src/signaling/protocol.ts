/**
 * The signalling protocol of Godot's official demo `networking/webrtc_signaling` (Godot 4):
 * JSON text messages `{"type": n, "id": n, "data": "…"}` over a WebSocket.
 *
 * - `JOIN` (client → server): `id` 0 for a mesh lobby, anything else for client/server; `data`
 *   the lobby to join, `''` to create one. The server answers `ID`, a `PEER_CONNECT` per peer
 *   already there, then `JOIN` with the lobby name.
 * - `ID` (server → client): `id` the peer id (1 for the lobby's host), `data` `"true"` in a mesh.
 * - `PEER_CONNECT` / `PEER_DISCONNECT` (server → client): `id` the peer.
 * - `OFFER`, `ANSWER`, `CANDIDATE`: relayed; the sender sets `id` to the destination (1 = the
 *   host), the server replaces it with the sender's id. A candidate's `data` is
 *   `"\n<mid>\n<index>\n<sdp>"`.
 * - `SEAL`: the host closes the lobby to newcomers; the server tells everyone and closes the
 *   connections a while later.
 */

/** The message types of the demo's signalling protocol (the `type` key). */
export const Message = {
  /**
   * Client → server: join the lobby named in `data` (`''` creates one); `id` 0 asks for a mesh, anything else
   * for client/server. The server answers `ID`, a `PEER_CONNECT` per peer present, then `JOIN` with the lobby
   * name.
   */
  JOIN: 0,
  /**
   * Server → client: `id` is the peer id given in the lobby (1 for its host); `data` is `"true"` in a mesh
   * lobby.
   */
  ID: 1,
  /** Server → client: peer `id` is in the lobby (joined, or was there first). */
  PEER_CONNECT: 2,
  /** Server → client: peer `id` left the lobby. */
  PEER_DISCONNECT: 3,
  /**
   * Relayed SDP offer in `data`; the sender sets `id` to the destination, the server replaces it with the
   * sender's.
   */
  OFFER: 4,
  /** Relayed SDP answer in `data`; `id` as for `OFFER`. */
  ANSWER: 5,
  /** Relayed ICE candidate, `data` `"\n<mid>\n<index>\n<sdp>"`; `id` as for `OFFER`. */
  CANDIDATE: 6,
  /**
   * The lobby's host closes it to newcomers; the server tells every member and closes their connections after
   * `sealCloseTimeoutMs`.
   */
  SEAL: 7,
} as const;
export type Message = (typeof Message)[keyof typeof Message];

/** One decoded signalling message. */
export interface SignalingMessage {
  /** The message type, a {@link Message} value. */
  readonly type: Message;
  /**
   * A peer id: the destination when a client sends, the sender when the server relays (see {@link Message}).
   */
  readonly id: number;
  /** The payload: a lobby name, an SDP, an encoded candidate, or `""`. */
  readonly data: string;
}

/** A message as JSON text, with the demo's key order. */
export function encodeMessage(type: Message, id: number, data = ''): string {
  return JSON.stringify({ type, id, data });
}

/**
 * Reads a message the way the demo's scripts do: a JSON object with numeric `type` and `id` and
 * a string `data`. Returns `null` for anything else.
 */
export function decodeMessage(text: string): SignalingMessage | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const { type, id, data } = parsed as Record<string, unknown>;
  if (typeof type !== 'number' || typeof id !== 'number' || typeof data !== 'string') return null;
  const kind = Math.floor(type);
  if (!Number.isFinite(id) || id < 0 || kind < Message.JOIN || kind > Message.SEAL) return null;
  return { type: kind as Message, id: Math.floor(id), data };
}

/** A `CANDIDATE` message's data. */
export function encodeCandidate(mid: string, index: number, sdp: string): string {
  return `\n${mid}\n${index}\n${sdp}`;
}

/** Reads a `CANDIDATE` message's data as the demo does; `null` when malformed. */
export function decodeCandidate(data: string): {
  /** The candidate's media stream id (`sdpMid`). */
  mid: string;
  /** The candidate's media line index (`sdpMLineIndex`). */
  index: number;
  /** The candidate line itself (`candidate:…`). */
  sdp: string;
} | null {
  const parts = data.split('\n').filter((part) => part !== '');
  if (parts.length !== 3 || !/^[+-]?\d+$/.test(parts[1] as string)) return null;
  return { mid: parts[0] as string, index: Number(parts[1]), sdp: parts[2] as string };
}
