import { LobbyMultiplayer, WebRTCMultiplayerPeer, type WebRTCPeerConnection } from '@pp/webrtc';
import { WebRTCPeerConnection as SubpathConnection } from '@pp/webrtc/browser';
import { ErrorCode } from '@pp/core';

// Both entry points give the browser classes: a Node-only export here would not compile.
const connection: WebRTCPeerConnection = new SubpathConnection();
const code: ErrorCode = connection.initialize({ iceServers: [{ urls: 'stun:stun.example.test' }] });
const multiplayer = new WebRTCMultiplayerPeer();
const lobby = new LobbyMultiplayer();
export const started: boolean = code === ErrorCode.OK && multiplayer.addPeer(connection, 2) === ErrorCode.OK && lobby.sealed === false;
