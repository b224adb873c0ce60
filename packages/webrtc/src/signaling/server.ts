import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import {
  Emitter, checkInt, checkMilliseconds, generateUniqueId, systemClock, type Clock, type EventMap, type TimerHandle,
} from '@pp/core';
import { WebSocketPeer, type WebSocketPeerOptions } from '@pp/websocket';
import { Message, decodeMessage, encodeMessage, type SignalingMessage } from './protocol.js';

export interface SignalingServerOptions {
  /** Connections accepted at once; more are closed with 4000. @default 4096 */
  maxPeers?: number;
  /** Lobbies open at once; creating one more closes the connection with 4000. @default 1024 */
  maxLobbies?: number;
  /** Milliseconds a connection may take to join a lobby before it is closed (the demo's 1 s). @default 1000 */
  joinTimeoutMs?: number;
  /** Milliseconds after `SEAL` until the lobby's connections are closed (the demo's 10 s). @default 10000 */
  sealCloseTimeoutMs?: number;
  /**
   * Sees every relayed `OFFER`, `ANSWER` and `CANDIDATE` and returns the data to relay, or `null`
   * to drop the message. Tests keep only 127.0.0.1 candidates with `loopbackOnlyRelay`.
   */
  relay?: (message: SignalingMessage, from: number, to: number) => string | null;
  /** Settings of every WebSocket connection. @default {} (Godot's WebSocketPeer defaults) */
  webSocket?: WebSocketPeerOptions;
  /** The clock of the join and seal timers. @default systemClock */
  clock?: Clock;
}

/** What `lobbies` shows of a lobby. */
export interface LobbyInfo {
  readonly name: string;
  readonly mesh: boolean;
  readonly sealed: boolean;
  /** The peers' ids as the lobby knows them (the host is 1). */
  readonly peers: readonly number[];
}

export interface SignalingServerEvents extends EventMap {
  /** A peer joined `lobby` as `id` (1 for the host, who created it). */
  peerJoined: [lobby: string, id: number];
  /** A peer of `lobby` left. */
  peerLeft: [lobby: string, id: number];
  /** A lobby was sealed by its host. */
  lobbySealed: [lobby: string];
  /** A lobby is gone (its host left, or it was sealed and closed). */
  lobbyClosed: [lobby: string];
}

/** The demo's reasons, sent with close code 4000. */
const Reason = {
  NO_LOBBY: 'Have not joined lobby yet',
  HOST_DISCONNECTED: 'Room host has disconnected',
  ONLY_HOST_CAN_SEAL: 'Only host can seal the lobby',
  SEAL_COMPLETE: 'Seal complete',
  TOO_MANY_LOBBIES: 'Too many lobbies open, disconnecting',
  ALREADY_IN_LOBBY: 'Already in a lobby',
  LOBBY_DOES_NOT_EXIST: 'Lobby does not exists',
  LOBBY_IS_SEALED: 'Lobby is sealed',
  INVALID_FORMAT: 'Invalid message format',
  NEED_LOBBY: 'Invalid message when not in a lobby',
  INVALID_DEST: 'Invalid destination',
  INVALID_CMD: 'Invalid command',
  TOO_MANY_PEERS: 'Too many peers connected',
  INVALID_TRANSFER_MODE: 'Invalid transfer mode, must be text',
} as const;

const PROTOCOL_ERROR = 4000;
const LOBBY_NAME_LENGTH = 32;
const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

interface Peer {
  readonly id: number;
  readonly ws: WebSocketPeer;
  lobby: Lobby | undefined;
  joinTimer: TimerHandle | undefined;
}

interface Lobby {
  readonly name: string;
  readonly host: number;
  readonly mesh: boolean;
  sealed: boolean;
  readonly peers: Map<number, Peer>;
  closeTimer: TimerHandle | undefined;
}

class ProtocolError extends Error {}

function lobbyName(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(LOBBY_NAME_LENGTH));
  let name = '';
  for (const byte of bytes) name += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return name;
}

/**
 * A signalling server for the protocol of Godot's demo `networking/webrtc_signaling`
 * (`protocol.ts`), on `@pp/websocket`: the demo's own client script (and `SignalingClient`) use
 * it unchanged. Lobbies, ids (the host is 1 to its lobby), offer/answer/candidate relay, seal.
 * It behaves like the demo's current GDScript server (in a client/server lobby only the host is
 * visible to the others) and closes a misbehaving connection with code 4000 and a reason, as the
 * demo's Node.js server does.
 */
export class SignalingServer extends Emitter<SignalingServerEvents> {
  readonly #maxPeers: number;
  readonly #maxLobbies: number;
  readonly #joinTimeoutMs: number;
  readonly #sealCloseMs: number;
  readonly #relay: SignalingServerOptions['relay'];
  readonly #webSocket: WebSocketPeerOptions;
  readonly #clock: Clock;
  readonly #peers = new Map<number, Peer>();
  readonly #lobbies = new Map<string, Lobby>();
  #http: Server | undefined;

  constructor(options: SignalingServerOptions = {}) {
    super();
    this.#maxPeers = checkInt('maxPeers', options.maxPeers ?? 4096, { min: 1 });
    this.#maxLobbies = checkInt('maxLobbies', options.maxLobbies ?? 1024, { min: 1 });
    this.#joinTimeoutMs = checkMilliseconds('joinTimeoutMs', options.joinTimeoutMs ?? 1000, { min: 1 });
    this.#sealCloseMs = checkMilliseconds('sealCloseTimeoutMs', options.sealCloseTimeoutMs ?? 10_000);
    this.#relay = options.relay;
    this.#webSocket = { ...options.webSocket };
    this.#clock = options.clock ?? systemClock;
  }

  /**
   * Listens on `port` (0: any free one, see `getLocalPort()`) on every interface (`'*'`) or
   * `host`. Plain HTTP requests get 426.
   */
  async listen(port: number, host = '*'): Promise<void> {
    if (this.#http !== undefined) throw new Error('The signalling server is already listening');
    const http = createServer((_request, response) => {
      response.writeHead(426, { 'Content-Type': 'text/plain' });
      response.end('This is a WebRTC signalling server: connect with a WebSocket.\n');
    });
    http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => this.handleUpgrade(request, socket, head));
    this.#http = http;
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(port, host === '*' ? undefined : host, () => {
        http.off('error', reject);
        resolve();
      });
    });
  }

  /** The port `listen` bound (0 when not listening). */
  getLocalPort(): number {
    const address = this.#http?.address();
    return typeof address === 'object' && address !== null ? (address as AddressInfo).port : 0;
  }

  /** Takes a WebSocket upgrade of your own `http.Server` (its `upgrade` event's arguments). */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Uint8Array = new Uint8Array(0)): void {
    const ws = new WebSocketPeer(this.#webSocket);
    ws.acceptUpgrade(request, socket, head);
    if (this.#peers.size >= this.#maxPeers) {
      ws.once('open', () => ws.close(PROTOCOL_ERROR, Reason.TOO_MANY_PEERS));
      return;
    }
    let id = generateUniqueId();
    while (this.#peers.has(id)) id = generateUniqueId();
    const peer: Peer = { id, ws, lobby: undefined, joinTimer: undefined };
    this.#peers.set(id, peer);
    peer.joinTimer = this.#clock.schedule(this.#joinTimeoutMs, () => {
      if (peer.lobby === undefined) ws.close(PROTOCOL_ERROR, Reason.NO_LOBBY);
    });
    ws.on('packet', (data, { wasString }) => {
      if (!wasString) {
        ws.close(PROTOCOL_ERROR, Reason.INVALID_TRANSFER_MODE);
        return;
      }
      try {
        this.#handle(peer, new TextDecoder().decode(data));
      } catch (error) {
        if (!(error instanceof ProtocolError)) throw error;
        ws.close(PROTOCOL_ERROR, error.message);
      }
    });
    ws.once('close', () => this.#left(peer));
  }

  /** The open lobbies. */
  get lobbies(): ReadonlyMap<string, LobbyInfo> {
    const out = new Map<string, LobbyInfo>();
    for (const lobby of this.#lobbies.values()) {
      out.set(lobby.name, {
        name: lobby.name, mesh: lobby.mesh, sealed: lobby.sealed, peers: [...lobby.peers.values()].map((p) => this.#idIn(lobby, p)),
      });
    }
    return out;
  }

  /** Closes every connection and stops listening. */
  async close(): Promise<void> {
    for (const peer of [...this.#peers.values()]) peer.ws.close(-1);
    for (const lobby of this.#lobbies.values()) this.#clock.cancel(lobby.closeTimer);
    this.#lobbies.clear();
    const http = this.#http;
    this.#http = undefined;
    if (http === undefined) return;
    await new Promise<void>((resolve) => {
      http.close(() => resolve());
      http.closeAllConnections();
    });
  }

  // --- the protocol ---------------------------------------------------------------------

  #handle(peer: Peer, text: string): void {
    const message = decodeMessage(text);
    if (message === null) throw new ProtocolError(Reason.INVALID_FORMAT);
    if (message.type === Message.JOIN) {
      this.#join(peer, message.data, message.id === 0);
      return;
    }
    const lobby = peer.lobby;
    if (lobby === undefined) throw new ProtocolError(Reason.NEED_LOBBY);
    if (message.type === Message.SEAL) {
      this.#seal(peer, lobby);
      return;
    }
    if (message.type !== Message.OFFER && message.type !== Message.ANSWER && message.type !== Message.CANDIDATE) {
      throw new ProtocolError(Reason.INVALID_CMD);
    }
    const dest = lobby.peers.get(message.id === 1 ? lobby.host : message.id);
    if (dest === undefined || dest === peer) throw new ProtocolError(Reason.INVALID_DEST);
    const from = this.#idIn(lobby, peer);
    const data = this.#relay === undefined ? message.data : this.#relay(message, from, this.#idIn(lobby, dest));
    if (data !== null) this.#send(dest, message.type, from, data);
  }

  #join(peer: Peer, name: string, mesh: boolean): void {
    if (peer.lobby !== undefined) throw new ProtocolError(Reason.ALREADY_IN_LOBBY);
    let lobby: Lobby | undefined;
    if (name === '') {
      if (this.#lobbies.size >= this.#maxLobbies) throw new ProtocolError(Reason.TOO_MANY_LOBBIES);
      let fresh = lobbyName();
      while (this.#lobbies.has(fresh)) fresh = lobbyName();
      lobby = { name: fresh, host: peer.id, mesh, sealed: false, peers: new Map(), closeTimer: undefined };
      this.#lobbies.set(fresh, lobby);
    } else {
      lobby = this.#lobbies.get(name);
      if (lobby === undefined) throw new ProtocolError(Reason.LOBBY_DOES_NOT_EXIST);
      if (lobby.sealed) throw new ProtocolError(Reason.LOBBY_IS_SEALED);
    }
    peer.lobby = lobby;
    this.#clock.cancel(peer.joinTimer);
    const id = this.#idIn(lobby, peer);
    this.#send(peer, Message.ID, id, lobby.mesh ? 'true' : '');
    for (const other of lobby.peers.values()) {
      // In a client/server lobby the peers only see the host, and the host sees them all.
      if (!this.#visible(lobby, peer, other)) continue;
      this.#send(other, Message.PEER_CONNECT, id);
      this.#send(peer, Message.PEER_CONNECT, this.#idIn(lobby, other));
    }
    lobby.peers.set(peer.id, peer);
    this.#send(peer, Message.JOIN, 0, lobby.name);
    this.emit('peerJoined', lobby.name, id);
  }

  #seal(peer: Peer, lobby: Lobby): void {
    if (peer.id !== lobby.host) throw new ProtocolError(Reason.ONLY_HOST_CAN_SEAL);
    if (lobby.sealed) return;
    lobby.sealed = true;
    for (const other of lobby.peers.values()) this.#send(other, Message.SEAL, 0);
    lobby.closeTimer = this.#clock.schedule(this.#sealCloseMs, () => {
      for (const other of [...lobby.peers.values()]) other.ws.close(1000, Reason.SEAL_COMPLETE);
    });
    this.emit('lobbySealed', lobby.name);
  }

  #left(peer: Peer): void {
    this.#peers.delete(peer.id);
    this.#clock.cancel(peer.joinTimer);
    const lobby = peer.lobby;
    if (lobby === undefined || lobby.peers.get(peer.id) !== peer) return;
    lobby.peers.delete(peer.id);
    const id = this.#idIn(lobby, peer);
    this.emit('peerLeft', lobby.name, id);
    if (peer.id === lobby.host) {
      // The host is gone: so is the lobby.
      this.#lobbies.delete(lobby.name);
      this.#clock.cancel(lobby.closeTimer);
      for (const other of [...lobby.peers.values()]) other.ws.close(PROTOCOL_ERROR, Reason.HOST_DISCONNECTED);
      this.emit('lobbyClosed', lobby.name);
      return;
    }
    if (!lobby.sealed) {
      for (const other of lobby.peers.values()) if (this.#visible(lobby, peer, other)) this.#send(other, Message.PEER_DISCONNECT, id);
    }
    if (lobby.sealed && lobby.peers.size === 0) {
      this.#lobbies.delete(lobby.name);
      this.emit('lobbyClosed', lobby.name);
    }
  }

  /** The id of `peer` in `lobby`: 1 for its host. */
  #idIn(lobby: Lobby, peer: Peer): number {
    return peer.id === lobby.host ? 1 : peer.id;
  }

  #visible(lobby: Lobby, a: Peer, b: Peer): boolean {
    return lobby.mesh || a.id === lobby.host || b.id === lobby.host;
  }

  #send(peer: Peer, type: Message, id: number, data = ''): void {
    peer.ws.sendText(encodeMessage(type, id, data));
  }
}
