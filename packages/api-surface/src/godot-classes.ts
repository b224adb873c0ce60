/**
 * Which export of which public @pp package implements each class of Godot 4.6's ClassDB dump
 * (`@pp/interop`'s fixture), and why the others have none. Every class of the dump is in exactly
 * one of the two tables, so a class added to the dump must be placed here.
 */
import { CryptoKey, Marshalls, MultiplayerPeer, OfflineMultiplayerPeer, PacketPeer, TLSOptions, X509Certificate } from '@pp/core';
import { DTLSServer, PacketPeerDTLS } from '@pp/dtls';
import { ENetConnection, ENetMultiplayerPeer, ENetPacketPeer } from '@pp/enet';
import { SceneMultiplayer } from '@pp/scene';
import { PacketPeerStream, StreamPeer, StreamPeerBuffer, StreamPeerTCP, StreamPeerTLS, TCPServer } from '@pp/stream';
import { PacketPeerUDP, UDPServer } from '@pp/udp';
import { WebRTCDataChannel, WebRTCMultiplayerPeer, WebRTCPeerConnection } from '@pp/webrtc';
import { WebRTCPeerConnection as BrowserWebRTCPeerConnection } from '@pp/webrtc/browser';
import { WebSocketMultiplayerPeer, WebSocketPeer } from '@pp/websocket';
import {
  WebSocketMultiplayerPeer as BrowserWebSocketMultiplayerPeer, WebSocketPeer as BrowserWebSocketPeer,
} from '@pp/websocket/browser';

/** One export that stands for a Godot class: a class (its statics and prototype) or a namespace object. */
export interface Implementation {
  /** `package:export`, for messages. */
  readonly name: string;
  readonly target: object;
}

const at = (name: string, target: object): Implementation => ({ name, target });

/** Godot class → the exports implementing it (both platform builds where a package has two). */
export const IMPLEMENTED: Readonly<Record<string, readonly Implementation[]>> = {
  PacketPeer: [at('@pp/core:PacketPeer', PacketPeer)],
  PacketPeerUDP: [at('@pp/udp:PacketPeerUDP', PacketPeerUDP)],
  UDPServer: [at('@pp/udp:UDPServer', UDPServer)],
  StreamPeer: [at('@pp/stream:StreamPeer', StreamPeer)],
  StreamPeerTCP: [at('@pp/stream:StreamPeerTCP', StreamPeerTCP)],
  TCPServer: [at('@pp/stream:TCPServer', TCPServer)],
  PacketPeerStream: [at('@pp/stream:PacketPeerStream', PacketPeerStream)],
  StreamPeerBuffer: [at('@pp/stream:StreamPeerBuffer', StreamPeerBuffer)],
  StreamPeerTLS: [at('@pp/stream:StreamPeerTLS', StreamPeerTLS)],
  PacketPeerDTLS: [at('@pp/dtls:PacketPeerDTLS', PacketPeerDTLS)],
  DTLSServer: [at('@pp/dtls:DTLSServer', DTLSServer)],
  TLSOptions: [at('@pp/core:TLSOptions', TLSOptions)],
  X509Certificate: [at('@pp/core:X509Certificate', X509Certificate)],
  CryptoKey: [at('@pp/core:CryptoKey', CryptoKey)],
  WebSocketPeer: [at('@pp/websocket:WebSocketPeer', WebSocketPeer), at('@pp/websocket/browser:WebSocketPeer', BrowserWebSocketPeer)],
  WebSocketMultiplayerPeer: [
    at('@pp/websocket:WebSocketMultiplayerPeer', WebSocketMultiplayerPeer),
    at('@pp/websocket/browser:WebSocketMultiplayerPeer', BrowserWebSocketMultiplayerPeer),
  ],
  MultiplayerPeer: [at('@pp/core:MultiplayerPeer', MultiplayerPeer)],
  OfflineMultiplayerPeer: [at('@pp/core:OfflineMultiplayerPeer', OfflineMultiplayerPeer)],
  SceneMultiplayer: [at('@pp/scene:SceneMultiplayer', SceneMultiplayer)],
  ENetConnection: [at('@pp/enet:ENetConnection', ENetConnection)],
  ENetPacketPeer: [at('@pp/enet:ENetPacketPeer', ENetPacketPeer)],
  ENetMultiplayerPeer: [at('@pp/enet:ENetMultiplayerPeer', ENetMultiplayerPeer)],
  WebRTCPeerConnection: [
    at('@pp/webrtc:WebRTCPeerConnection', WebRTCPeerConnection),
    at('@pp/webrtc/browser:WebRTCPeerConnection', BrowserWebRTCPeerConnection),
  ],
  WebRTCDataChannel: [at('@pp/webrtc:WebRTCDataChannel', WebRTCDataChannel)],
  WebRTCMultiplayerPeer: [at('@pp/webrtc:WebRTCMultiplayerPeer', WebRTCMultiplayerPeer)],
  Marshalls: [at('@pp/core:Marshalls', Marshalls)],
};

/** Godot classes of the dump with no export of their own, and why (their constants are checked where they are inherited). */
export const NOT_IMPLEMENTED: Readonly<Record<string, string>> = {
  StreamPeerSocket: "Godot 4.5's base of StreamPeerTCP (and StreamPeerUDS, which Node has no use for); StreamPeerTCP carries its STATUS_* and methods",
  SocketServer: "Godot 4.5's base of TCPServer; TCPServer carries its methods",
  MultiplayerAPI: 'SceneMultiplayer is the only implementation; it carries RPC_MODE_* and the methods',
  SceneReplicationConfig: 'replication is declared in TypeScript (defineScene, sync properties with a mode name), not built from resources',
  MultiplayerSpawner: 'spawners are declared in TypeScript (defineScene, SceneMultiplayer.spawn), there is no node tree',
  MultiplayerSynchronizer: 'synchronizers are declared in TypeScript (defineScene), there is no node tree',
  JSON: "a resource class in Godot; @pp/core has its JSON conversions as functions (jsonFromNative, jsonToNative)",
  IP: 'Node resolves and lists addresses itself (node:dns, node:os); transports take host names directly',
};
