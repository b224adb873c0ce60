/**
 * The proof game (test/support/arena-server-game.ts) over WebRTCMultiplayerPeer: our server is
 * the host (id 1, createServer) of a client/server lobby of our signalling server on 127.0.0.1;
 * the Godot 4.6 clients join it with the webrtc_signaling demo's scripts (create_client). Every
 * packet goes over 127.0.0.1: our connections bind it, the signalling relays only 127.0.0.1
 * candidates, Chromium runs with the WebRTC loopback flags.
 */
import { enableWebRtcLoopback } from '@pp/interop';
import { describeWithGodot4 } from '@pp/interop/vitest';
import { beforeAll, it } from 'vitest';
import { runArenaServerGame } from '../support/arena-server-game.js';
import { SYNC_OVERTAKEN_ON_WEBRTC } from '../support/late-sync.js';
import { joinLobby, loopbackLobbyPeer, loopbackSignaling, webrtcDemoFiles } from '../support/webrtc-loopback.js';

describeWithGodot4('SceneMultiplayer: a TS server for a Godot 4.6 game (WebRTC)', () => {
  beforeAll(() => enableWebRtcLoopback());

  it('auth accepted and refused, RPCs both ways, send_bytes, spawn/SYNC/DELTA/despawn, relay between two Godot clients', () => runArenaServerGame({
    lateSync: SYNC_OVERTAKEN_ON_WEBRTC,
    async open() {
      const { server: signaling, url } = await loopbackSignaling();
      const host = loopbackLobbyPeer();
      const lobby = await joinLobby(host, url);
      let closed: Promise<void> | undefined;
      return {
        peer: host.multiplayer,
        values: { TRANSPORT: 'webrtc', URL: url, LOBBY: lobby },
        files: webrtcDemoFiles(),
        close: () => {
          host.stop();
          return (closed ??= signaling.close());
        },
      };
    },
  }), 180_000);
});
