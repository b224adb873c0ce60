import { Emitter, ErrorCode, type EventMap } from '@pp/core';
import { WebSocketPeer, type WebSocketPeerOptions } from '@pp/websocket';
import {
  Message, decodeCandidate, decodeMessage, encodeCandidate, encodeMessage,
} from './protocol.js';

/** Options of a `SignalingClient`. */
export interface SignalingClientOptions {
  /** The lobby `connectToUrl` joins; `''` creates one. @default '' */
  lobby?: string;
  /** Join as a mesh (else client/server with the lobby's host as server). @default true */
  mesh?: boolean;
  /** Join the lobby as soon as the connection is open. @default true */
  autojoin?: boolean;
  /** Settings of the WebSocket. @default {} */
  webSocket?: WebSocketPeerOptions;
}

/** The events of a `SignalingClient`, one per message of the server. */
export interface SignalingClientEvents extends EventMap {
  /** The server confirmed the lobby (the name of the one it created, when joining `''`). */
  lobbyJoined: [lobby: string];
  /** This peer's id in the lobby (1: the host), and whether the lobby is a mesh. */
  connected: [id: number, mesh: boolean];
  /** The connection closed, with the server's code and reason. */
  disconnected: [code: number, reason: string];
  /** Peer `id` is in the lobby (`PEER_CONNECT`): make a connection to it. */
  peerConnected: [id: number];
  /** Peer `id` left the lobby (`PEER_DISCONNECT`). */
  peerDisconnected: [id: number];
  /** Peer `id` sent an SDP offer (`OFFER`). */
  offerReceived: [id: number, offer: string];
  /** Peer `id` sent an SDP answer (`ANSWER`). */
  answerReceived: [id: number, answer: string];
  /**
   * Peer `id` sent an ICE candidate (`CANDIDATE`), already split into media id, line index and candidate
   * line.
   */
  candidateReceived: [id: number, mid: string, index: number, sdp: string];
  /** The host sealed the lobby (`SEAL`); the server will close the connection soon. */
  lobbySealed: [];
  /** A message from the server that could not be read (the demo prints an error and goes on). */
  invalidMessage: [text: string];
}

const decoder = new TextDecoder();

/**
 * The client side of the demo's signalling protocol (`protocol.ts`), as the demo's
 * `ws_webrtc_client.gd`: connect, join (or create) a lobby, relay offers, answers and candidates,
 * seal. On `@pp/websocket`'s `WebSocketPeer` (`ws` in Node.js, the native WebSocket in browsers).
 */
export class SignalingClient extends Emitter<SignalingClientEvents> {
  /** The lobby to join (after `lobbyJoined`: the lobby joined). */
  lobby: string;
  /** Join as a mesh. */
  mesh: boolean;
  /** Join as soon as the connection opens. */
  autojoin: boolean;
  /** The close code of the last connection (1000 until one closed otherwise). */
  code = 1000;
  /** The close reason of the last connection. */
  reason = 'Unknown';
  readonly #webSocket: WebSocketPeerOptions;
  #ws: WebSocketPeer | undefined;

  constructor(options: SignalingClientOptions = {}) {
    super();
    this.lobby = options.lobby ?? '';
    this.mesh = options.mesh ?? true;
    this.autojoin = options.autojoin ?? true;
    this.#webSocket = { ...options.webSocket };
  }

  /** Connects to the signalling server at `url` (closing any earlier connection). */
  connectToUrl(url: string): ErrorCode {
    this.close();
    this.code = 1000;
    this.reason = 'Unknown';
    const ws = new WebSocketPeer(this.#webSocket);
    const error = ws.connectToUrl(url);
    if (error !== ErrorCode.OK) return error;
    this.#ws = ws;
    ws.on('open', () => {
      if (this.autojoin) this.joinLobby(this.lobby);
    });
    ws.on('packet', (data) => this.#receive(decoder.decode(data)));
    ws.once('close', () => {
      if (this.#ws !== ws) return;
      this.#ws = undefined;
      this.code = ws.getCloseCode();
      this.reason = ws.getCloseReason();
      this.emit('disconnected', this.code, this.reason);
    });
    return ErrorCode.OK;
  }

  /** Whether the connection to the server is open. */
  get isOpen(): boolean {
    return this.#ws?.getReadyState() === 1;
  }

  /** Closes the connection (`disconnected` follows). */
  close(): void {
    this.#ws?.close();
  }

  /** Joins `lobby` (`''`: creates one), as a mesh peer or not (`mesh`). */
  joinLobby(lobby: string): ErrorCode {
    return this.#send(Message.JOIN, this.mesh ? 0 : 1, lobby);
  }

  /** Seals the lobby (only its host may): nobody else can join, everyone is disconnected soon after. */
  sealLobby(): ErrorCode {
    return this.#send(Message.SEAL, 0);
  }

  /**
   * Relays an SDP offer to peer `id` (an `OFFER` message). Returns `OK`, `ERR_UNCONFIGURED` before
   * `connectToUrl`, or the error of the WebSocket's `sendText` (e.g. when it is not open).
   */
  sendOffer(id: number, offer: string): ErrorCode {
    return this.#send(Message.OFFER, id, offer);
  }

  /**
   * Relays an SDP answer to peer `id` (an `ANSWER` message). Returns `OK`, `ERR_UNCONFIGURED` before
   * `connectToUrl`, or the error of the WebSocket's `sendText` (e.g. when it is not open).
   */
  sendAnswer(id: number, answer: string): ErrorCode {
    return this.#send(Message.ANSWER, id, answer);
  }

  /**
   * Relays a local ICE candidate (media id, media line index, candidate line) to peer `id` (a `CANDIDATE`
   * message). Returns `OK`, `ERR_UNCONFIGURED` before `connectToUrl`, or the error of the WebSocket's
   * `sendText` (e.g. when it is not open).
   */
  sendCandidate(id: number, mid: string, index: number, sdp: string): ErrorCode {
    return this.#send(Message.CANDIDATE, id, encodeCandidate(mid, index, sdp));
  }

  #send(type: Message, id: number, data = ''): ErrorCode {
    const ws = this.#ws;
    if (ws === undefined) return ErrorCode.ERR_UNCONFIGURED;
    return ws.sendText(encodeMessage(type, id, data));
  }

  #receive(text: string): void {
    const message = decodeMessage(text);
    if (message === null) {
      this.emit('invalidMessage', text);
      return;
    }
    const { type, id, data } = message;
    switch (type) {
      case Message.ID:
        this.emit('connected', id, data === 'true');
        return;
      case Message.JOIN:
        this.lobby = data;
        this.emit('lobbyJoined', data);
        return;
      case Message.SEAL:
        this.emit('lobbySealed');
        return;
      case Message.PEER_CONNECT:
        this.emit('peerConnected', id);
        return;
      case Message.PEER_DISCONNECT:
        this.emit('peerDisconnected', id);
        return;
      case Message.OFFER:
        this.emit('offerReceived', id, data);
        return;
      case Message.ANSWER:
        this.emit('answerReceived', id, data);
        return;
      case Message.CANDIDATE: {
        const candidate = decodeCandidate(data);
        if (candidate === null) this.emit('invalidMessage', text);
        else this.emit('candidateReceived', id, candidate.mid, candidate.index, candidate.sdp);
        return;
      }
    }
  }
}
