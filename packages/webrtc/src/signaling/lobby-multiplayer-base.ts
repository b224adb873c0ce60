import { Emitter, ErrorCode, type EventMap, type TransferMode } from '@pp/core';
import type { WebRTCConfiguration } from '../configuration.js';
import { WebRTCMultiplayerPeer, type WebRTCMultiplayerPeerOptions } from '../webrtc-multiplayer-peer.js';
import type { WebRTCPeerConnectionBase } from '../webrtc-peer-connection-base.js';
import { SignalingClient, type SignalingClientOptions } from './client.js';

/**
 * Options of a `LobbyMultiplayer`: the connections' configuration, the multiplayer peer's channels and
 * options, the signalling WebSocket.
 */
export interface LobbyMultiplayerOptions {
  /** `initialize()` of every connection. @default {} (the demo uses a public STUN server) */
  configuration?: WebRTCConfiguration;
  /** Godot's `channels_config` of the multiplayer peer. @default [] */
  channelsConfig?: readonly TransferMode[];
  /** Options of the `WebRTCMultiplayerPeer`. @default {} */
  multiplayer?: WebRTCMultiplayerPeerOptions;
  /** Settings of the signalling WebSocket. @default {} */
  webSocket?: SignalingClientOptions['webSocket'];
  /** Which local candidates are sent to the other peers (tests: only 127.0.0.1). @default all */
  candidateFilter?: (candidate: string) => boolean;
}

/** The events of a `LobbyMultiplayer`. */
export interface LobbyMultiplayerEvents extends EventMap {
  /** The server confirmed the lobby (the name of the one it created, when joining `''`). */
  lobbyJoined: [lobby: string];
  /** The multiplayer peer was created: this peer's id, and whether it is a mesh. */
  connected: [id: number, mesh: boolean];
  /** The signalling connection closed (unless sealed, the multiplayer peer is closed too). */
  disconnected: [code: number, reason: string];
  /** The host sealed the lobby: the connections made stay, no one else can join. */
  lobbySealed: [];
}

/**
 * A `WebRTCMultiplayerPeer` over the demo's signalling, as the demo's `multiplayer_client.gd`:
 * join a lobby, become server (id 1, the lobby's host), client or mesh peer as the server says,
 * make a connection for every peer it announces (the one with the higher id makes the offer) and
 * relay descriptions and candidates. The Node.js and browser classes choose the connections.
 */
export abstract class LobbyMultiplayerBase extends Emitter<LobbyMultiplayerEvents> {
  /** The signalling client (the demo's `ws_webrtc_client.gd`). */
  readonly signaling: SignalingClient;
  readonly #multiplayer: WebRTCMultiplayerPeer;
  #sealed = false;
  readonly #options: LobbyMultiplayerOptions;

  protected constructor(options: LobbyMultiplayerOptions = {}) {
    super();
    this.#options = options;
    this.#multiplayer = new WebRTCMultiplayerPeer(options.multiplayer);
    this.signaling = new SignalingClient(options.webSocket === undefined ? {} : { webSocket: options.webSocket });
    const s = this.signaling;
    s.on('connected', (id, mesh) => this.#connected(id, mesh));
    s.on('disconnected', (code, reason) => {
      if (!this.#sealed) this.stop();
      this.emit('disconnected', code, reason);
    });
    s.on('lobbyJoined', (lobby) => this.emit('lobbyJoined', lobby));
    s.on('lobbySealed', () => {
      this.#sealed = true;
      this.emit('lobbySealed');
    });
    s.on('peerConnected', (id) => this.#createPeer(id));
    s.on('peerDisconnected', (id) => {
      if (this.#multiplayer.hasPeer(id)) this.#multiplayer.removePeer(id);
    });
    s.on('offerReceived', (id, offer) => this.#multiplayer.getPeer(id)?.connection.setRemoteDescription('offer', offer));
    s.on('answerReceived', (id, answer) => this.#multiplayer.getPeer(id)?.connection.setRemoteDescription('answer', answer));
    s.on('candidateReceived', (id, mid, index, sdp) => this.#multiplayer.getPeer(id)?.connection.addIceCandidate(mid, index, sdp));
  }

  /** The multiplayer peer (the same one across `start`s, as the demo's `rtc_mp`). */
  get multiplayer(): WebRTCMultiplayerPeer {
    return this.#multiplayer;
  }

  /** Whether the lobby was sealed. */
  get sealed(): boolean {
    return this.#sealed;
  }

  /** Connects to the signalling server and joins `lobby` (`''`: creates one), as a mesh or not. */
  start(url: string, lobby = '', mesh = true): ErrorCode {
    this.stop();
    this.#sealed = false;
    this.signaling.lobby = lobby;
    this.signaling.mesh = mesh;
    return this.signaling.connectToUrl(url);
  }

  /** Closes the multiplayer peer (and every connection) and the signalling connection. */
  stop(): void {
    this.#multiplayer.close();
    this.signaling.close();
  }

  /** Seals the lobby (host only). */
  seal(): ErrorCode {
    return this.signaling.sealLobby();
  }

  /** A new connection of this platform. */
  protected abstract _createConnection(): WebRTCPeerConnectionBase;

  #connected(id: number, mesh: boolean): void {
    const channels = this.#options.channelsConfig ?? [];
    this.#multiplayer.close();
    if (mesh) this.#multiplayer.createMesh(id, channels);
    else if (id === 1) this.#multiplayer.createServer(channels);
    else this.#multiplayer.createClient(id, channels);
    this.emit('connected', id, mesh);
  }

  #createPeer(id: number): void {
    const connection = this._createConnection();
    if (connection.initialize(this.#options.configuration ?? {}) !== ErrorCode.OK) return;
    const filter = this.#options.candidateFilter;
    connection.on('sessionDescriptionCreated', (type, sdp) => {
      if (!this.#multiplayer.hasPeer(id)) return;
      connection.setLocalDescription(type, sdp);
      if (type === 'offer') this.signaling.sendOffer(id, sdp);
      else this.signaling.sendAnswer(id, sdp);
    });
    connection.on('iceCandidateCreated', (mid, index, sdp) => {
      if (filter === undefined || filter(sdp)) this.signaling.sendCandidate(id, mid, index, sdp);
    });
    if (this.#multiplayer.addPeer(connection, id) !== ErrorCode.OK) {
      connection.close();
      return;
    }
    // So that the lobby's host never makes offers.
    if (id < this.#multiplayer.getUniqueId()) connection.createOffer();
  }
}
