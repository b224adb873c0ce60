// examples/recipes/src/auth-handshake.ts
import { Dictionary } from '@pp/core';
import { PacketPeerStream, type StreamPeerTCP, type TCPServer } from '@pp/stream';

/**
 * The server side of a token handshake over TCP: the client's first packet must be
 * `{ "token": … }` within `timeoutMs`; the server answers `{ "ok": true }` and returns the peer,
 * or answers `{ "ok": false }`, disconnects, and returns `null`. Godot: `godot/auth_client.gd`.
 */
export async function acceptAuthenticated(
  server: TCPServer, token: string, timeoutMs = 3000,
): Promise<PacketPeerStream | null> {
  const tcp: StreamPeerTCP = await server.accept();
  const peer = new PacketPeerStream({ streamPeer: tcp });
  let hello: unknown;
  try {
    await peer.waitForPacket({ timeoutMs });
    hello = peer.getVar();
  } catch {
    hello = null; // no packet in time, or not a Variant
  }
  const ok = hello instanceof Dictionary && hello.get('token') === token;
  peer.putVar(new Dictionary([['ok', ok]]));
  if (ok) return peer;
  tcp.disconnectFromHost();
  return null;
}
