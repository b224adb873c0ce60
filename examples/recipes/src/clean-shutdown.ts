// examples/recipes/src/clean-shutdown.ts
import type { WebSocketMultiplayerPeer } from '@pp/websocket';

/**
 * Stops a WebSocket server cleanly when `signal` aborts (e.g. on SIGINT): no new connections,
 * every client gets a Close frame (1000) and Godot's `peer_disconnected`, then the server closes
 * once they are gone, or after `timeoutMs`. Resolves when it is closed. Godot clients see
 * `CONNECTION_DISCONNECTED` (`godot/relay_client.gd` prints it).
 */
export function closeOnAbort(server: WebSocketMultiplayerPeer, signal: AbortSignal, timeoutMs = 2000): Promise<void> {
  const connected = new Set<number>();
  server.on('peerConnected', (id) => connected.add(id));
  server.on('peerDisconnected', (id) => connected.delete(id));
  return new Promise((resolve) => {
    const shutdown = (): void => {
      server.refuseNewConnections = true;
      const finish = (): void => {
        clearTimeout(timer);
        server.close();
        resolve();
      };
      const timer = setTimeout(finish, timeoutMs);
      server.on('peerDisconnected', () => {
        if (connected.size === 0) finish();
      });
      if (connected.size === 0) finish();
      for (const id of connected) server.disconnectPeer(id); // a Close frame, 1000
    };
    if (signal.aborted) shutdown();
    else signal.addEventListener('abort', shutdown, { once: true });
  });
}

// In a program:
//   const controller = new AbortController();
//   process.once('SIGINT', () => controller.abort());
//   await closeOnAbort(await startRelay(9080), controller.signal);
