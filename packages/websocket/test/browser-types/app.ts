import { WebSocketMultiplayerPeer, type WebSocketPeer } from '@pp/websocket';
import { WebSocketPeer as SubpathPeer } from '@pp/websocket/browser';
import { ErrorCode } from '@pp/core';

// Both entry points give the browser classes: a Node-only member here would not compile.
const peer: WebSocketPeer = new SubpathPeer();
const code: ErrorCode = peer.connectToUrl('wss://example.test/game');
const multiplayer = new WebSocketMultiplayerPeer();
export const started: boolean = code === ErrorCode.OK && multiplayer.getUniqueId() >= 0;
