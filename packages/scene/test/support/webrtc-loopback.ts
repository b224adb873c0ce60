/**
 * WebRTC for the interop tests, over 127.0.0.1 only: a signalling server (Godot's
 * webrtc_signaling demo protocol) on 127.0.0.1 that relays only 127.0.0.1 candidates (a
 * browser's host candidates moved to 127.0.0.1, where its sockets listen too), Node.js lobby
 * peers whose connections bind 127.0.0.1, and the demo's client scripts for the Godot side.
 * Chromium must run with `enableWebRtcLoopback()` of @pp/interop.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { withTimeout } from '@pp/conformance/testing';
import { LobbyMultiplayer, SignalingServer, isLoopbackCandidate, loopbackOnlyRelay } from '@pp/webrtc';

export async function loopbackSignaling(): Promise<{ server: SignalingServer; url: string }> {
  const server = new SignalingServer({ relay: loopbackOnlyRelay({ rewriteHostCandidates: true }) });
  await server.listen(0, '127.0.0.1');
  return { server, url: `ws://127.0.0.1:${server.getLocalPort()}` };
}

/** A Node.js lobby peer: its connections bind 127.0.0.1 and send only 127.0.0.1 candidates. */
export function loopbackLobbyPeer(): LobbyMultiplayer {
  return new LobbyMultiplayer({ configuration: { bindAddress: '127.0.0.1' }, candidateFilter: isLoopbackCandidate });
}

/** Starts `lobby` (`''`: creates one) and resolves with the lobby's name once the peer has its id. */
export async function joinLobby(peer: LobbyMultiplayer, url: string, lobby = ''): Promise<string> {
  const joined = new Promise<string>((resolve) => peer.once('lobbyJoined', resolve));
  peer.start(url, lobby, false);
  return withTimeout(joined, 10_000, 'the lobby');
}

/**
 * The demo's client scripts (copied from Godot's demo projects, MIT, in @pp/webrtc's interop
 * tests) and @pp/webrtc's test subclass of them (no public STUN server), as `res://` files.
 * `res://test_client.gd`'s `start(url, lobby, mesh)` gives the tree's multiplayer a
 * WebRTCMultiplayerPeer: create_server as the lobby's host, else create_client.
 */
export function webrtcDemoFiles(): Record<string, string> {
  const root = new URL('./test/interop/godot/', `file://${createRequire(import.meta.url).resolve('@pp/webrtc/package.json')}`);
  const read = (path: string): string => readFileSync(new URL(path, root), 'utf8');
  return {
    'ws_webrtc_client.gd': read('demo/ws_webrtc_client.gd'),
    'multiplayer_client.gd': read('demo/multiplayer_client.gd'),
    'test_client.gd': read('test_client.gd'),
  };
}
