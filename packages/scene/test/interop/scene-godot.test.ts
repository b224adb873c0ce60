/**
 * The proof game (test/support/arena-server-game.ts) over WebSocketMultiplayerPeer: our server
 * listens on 127.0.0.1, the Godot 4.6 clients connect with WebSocketMultiplayerPeer.create_client.
 */
import { describeWithGodot4 } from '@pp/interop/vitest';
import { WebSocketMultiplayerPeer } from '@pp/websocket';
import { it } from 'vitest';
import { runArenaServerGame } from '../support/arena-server-game.js';

describeWithGodot4('SceneMultiplayer: a TS server for a Godot 4.6 game (WebSocket)', () => {
  it('auth accepted and refused, RPCs both ways, send_bytes, spawn/SYNC/DELTA/despawn, relay between two Godot clients', () => runArenaServerGame({
    async open() {
      const peer = new WebSocketMultiplayerPeer();
      peer.createServer(0, '127.0.0.1');
      await peer.waitForConnected({ timeoutMs: 5000 });
      return {
        peer,
        values: { TRANSPORT: 'websocket', URL: `ws://127.0.0.1:${peer.getLocalPort()}`, LOBBY: '' },
        close: () => Promise.resolve(peer.close()),
      };
    },
  }), 180_000);
});
