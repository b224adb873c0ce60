import { LobbyMultiplayer, WebRTCMultiplayerPeer, type WebRTCPeerConnection } from '@pp/webrtc';
import { WebRTCPeerConnection as SubpathConnection } from '@pp/webrtc/browser';
import { ErrorCode } from '@pp/core';

// Compiled only (`tsc -p test/browser-types` in lint, noEmit), never run; the STUN address is
// loopback anyway. Both entry points give the browser classes: a Node-only export would not compile.
const connection: WebRTCPeerConnection = new SubpathConnection();
const code: ErrorCode = connection.initialize({ iceServers: [{ urls: 'stun:127.0.0.1:3478' }] });
const multiplayer = new WebRTCMultiplayerPeer();
const lobby = new LobbyMultiplayer();
export const started: boolean = code === ErrorCode.OK && multiplayer.addPeer(connection, 2) === ErrorCode.OK && lobby.sealed === false;
