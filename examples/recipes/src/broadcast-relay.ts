// examples/recipes/src/broadcast-relay.ts
import { bytesToVar, type VariantLike } from '@pp/core';
import { WebSocketMultiplayerPeer } from '@pp/websocket';

/**
 * A relay: every Variant a client sends is broadcast to every other client as `[from, value]`.
 * Godot clients use `godot/relay_client.gd`.
 */
export async function startRelay(port = 9080, bindAddress = '*'): Promise<WebSocketMultiplayerPeer> {
  const server = new WebSocketMultiplayerPeer();
  server.createServer(port, bindAddress);
  await server.waitForConnected({ timeoutMs: 5000 });
  server.on('packet', (packet, { peer: from }) => {
    let value: VariantLike;
    try {
      value = bytesToVar(packet) as VariantLike;
    } catch {
      return; // not a Variant: dropped, the sender stays connected
    }
    server.setTargetPeer(-from); // a negative target: everyone but `from`, as in Godot
    server.putVar([from, value]);
  });
  return server;
}
