/**
 * The `ws` side of the socket interface: the only file that touches `ws`. `WsSocket`, a
 * connection over a `ws` WebSocket: client connections, and server handshakes (Godot's checks
 * first, then `ws`). Compression is never negotiated and every message goes out as one frame.
 */
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { Duplex } from 'node:stream';
import { plainBytes } from '@pp/core';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { CloseCode, MAX_PENDING_PONGS } from '../constants.js';
import { selectProtocol, splitProtocolHeader, type HeaderLine } from '../headers.js';
import { WebSocketConnection, type ConnectionLink } from '../connection.js';
import type { ConnectRequest, SocketFailure } from '../platform-socket.js';
import { readUpgradeRequest, rejectHandshake } from './http-upgrade.js';
import { clientTlsOptions } from './tls.js';

const EMPTY = Buffer.alloc(0);

/** Options of `ws.send`, made once: text or binary, always one final frame. */
const TEXT_FRAME = Object.freeze({ binary: false, fin: true });
const BINARY_FRAME = Object.freeze({ binary: true, fin: true });

/**
 * `ws` options both sides share: Godot speaks no permessage-deflate. Pings are answered here
 * (not by `ws`'s `autoPong`), so that a Ping flood ends with a reason (see `MAX_PENDING_PONGS`).
 */
const COMMON = { perMessageDeflate: false, allowSynchronousEvents: true, autoPong: false, skipUTF8Validation: false } as const;

/** The Close code `ws` sent when it failed a connection, by its error code. */
function sentCodeOf(error: Error & { code?: string }): number | undefined {
  switch (error.code) {
    case undefined:
      return undefined;
    case 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH':
      return CloseCode.MESSAGE_TOO_BIG;
    case 'WS_ERR_INVALID_UTF8':
      return CloseCode.INVALID_PAYLOAD;
    case 'WS_ERR_TOO_MANY_BUFFERED_PARTS':
      return CloseCode.POLICY_VIOLATION;
    default:
      return error.code.startsWith('WS_ERR_') ? CloseCode.PROTOCOL_ERROR : undefined;
  }
}

/** A message as a plain `Uint8Array`. `ws` makes a `Buffer` object per message and hands it to this listener only. */
function bytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return plainBytes(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return plainBytes(data);
}

/**
 * Drops the address object a Node socket caches once its `remoteAddress` was read (it asks the
 * OS again if it is read again): the peer keeps the two values it needs, and an idle server
 * holds thousands of sockets.
 */
function forgetPeerName(socket: Socket): void {
  (socket as Socket & { _peername?: unknown })._peername = undefined;
}

function socketOf(duplex: Duplex | undefined): Socket | undefined {
  return duplex !== undefined && 'setNoDelay' in duplex ? (duplex as Socket) : undefined;
}

/** The `WsSocket` a `ws` WebSocket reports to. */
const reportsTo: unique symbol = Symbol('WsSocket');

/**
 * `ws`'s WebSocket, handing its events straight to its `WsSocket` (one field, not five listeners
 * and their closures per connection: a server holds thousands). Other events, and any before
 * the socket is attached, go to listeners as usual.
 */
class ReportingWebSocket extends WebSocket {
  [reportsTo]: WsSocket | undefined = undefined;

  override emit(event: string | symbol, first?: unknown, second?: unknown, ...more: unknown[]): boolean {
    const socket = this[reportsTo];
    if (socket !== undefined) {
      switch (event) {
        case 'message':
          socket.wsMessage(first as RawData, second as boolean);
          return true;
        case 'ping':
          socket.wsPing(first as Buffer);
          return true;
        case 'pong':
          socket.wsPong();
          return true;
        case 'error':
          socket.wsError(first as Error & { code?: string });
          return true;
        case 'close':
          socket.wsClose(first as number, second as Buffer);
          return true;
      }
    }
    if (arguments.length <= 1) return super.emit(event);
    if (arguments.length === 2) return super.emit(event, first);
    return super.emit(event, first, second, ...more);
  }
}

/**
 * A connection over a `ws` WebSocket. Made by a peer (`ConnectionLink`), then started with
 * `connect` (a client) or `accept`/`acceptStream` (the server side of one).
 */
export class WsSocket<Owner = unknown> extends WebSocketConnection<Owner> {
  #ws: ReportingWebSocket | undefined;
  #raw: Socket | undefined;
  /** Server side: the stream the connection arrived on (before `ws` has it). */
  readonly #rawStream: Duplex | undefined;
  #queued = 0;
  #failure: SocketFailure | undefined;
  /** The write callback that counts messages out, made on the first send that waits (idle connections never need it). */
  #onSentCallback: (() => void) | undefined;
  #pendingPongs = 0;
  /** The write callback of Pongs, made with the first Pong. */
  #onPongSentCallback: (() => void) | undefined;

  /** `raw`: the stream of an accepted connection. */
  constructor(link: ConnectionLink<Owner>, raw?: Duplex) {
    super(link);
    this.#raw = socketOf(raw);
    this.#rawStream = raw;
  }

  /** Made on a stream someone accepted: the server side. */
  get accepted(): boolean {
    return this.#rawStream !== undefined;
  }

  get bufferedAmount(): number {
    return this.#ws?.bufferedAmount ?? 0;
  }

  get queuedMessages(): number {
    return this.#queued;
  }

  get remoteClosing(): boolean {
    return this.#ws?.readyState === WebSocket.CLOSING;
  }

  /** Connects as a client (throws for options `ws` refuses). */
  connect(request: ConnectRequest): void {
    const headers: Record<string, string> = {};
    for (const { name, value } of request.headers) headers[name] = value;
    const ws = new ReportingWebSocket(request.url.href, [...request.protocols], {
      ...COMMON,
      ...(request.url.secure ? clientTlsOptions(request.tls) : {}),
      maxPayload: request.maxMessageSize,
      headers,
      followRedirects: false,
    });
    let raw: Socket | undefined;
    ws.once('upgrade', (response: IncomingMessage) => (raw = response.socket));
    ws.once('open', () => this.handshakeDone(ws, raw));
    this.attach(ws);
  }

  /**
   * The server side of the handshake over an upgrade request that was already read (an
   * `http.Server` `upgrade` event) from this connection's stream.
   */
  accept(request: IncomingMessage, head: Buffer, params: AcceptParams): void {
    upgrade(this, request, this.#rawStream as Duplex, head, params);
  }

  /** Godot's `accept_stream`: reads the upgrade request from this connection's stream (TCP or TLS), then as `accept`. */
  acceptStream(params: AcceptParams): void {
    readUpgradeRequest(this.#rawStream as Duplex, (result) => {
      if (result instanceof Error) this.refused(result.message);
      else upgrade(this, result.request, result.socket, result.head, params);
    });
  }

  /** Takes over a `ws` WebSocket (client: just created; server: just upgraded). */
  attach(ws: ReportingWebSocket): void {
    this.#ws = ws;
    ws[reportsTo] = this;
  }

  // --- what the WebSocket reports (see `ReportingWebSocket`)

  wsMessage(data: RawData, isBinary: boolean): void {
    this.message(bytes(data), !isBinary);
  }

  /** Answers a Ping with its Pong, unless too many Pongs wait to be written: a flood is dropped, saying so. */
  wsPing(data: Buffer): void {
    const ws = this.#ws;
    if (ws === undefined || ws.readyState !== WebSocket.OPEN) return;
    if (this.#pendingPongs >= MAX_PENDING_PONGS) {
      this.drop(`Too many Pings: ${MAX_PENDING_PONGS} Pongs were still waiting to be written when another Ping arrived (a Ping flood, or a peer that does not read)`);
      return;
    }
    this.#pendingPongs++;
    ws.pong(data, undefined, (this.#onPongSentCallback ??= (): void => {
      this.#pendingPongs--;
    }));
  }

  wsPong(): void {
    this.pong();
  }

  wsError(error: Error & { code?: string }): void {
    const sentCode = sentCodeOf(error);
    this.#failure ??= sentCode === undefined ? { message: error.message, cause: error } : { message: error.message, sentCode, cause: error };
  }

  wsClose(code: number, reason: Buffer): void {
    this.finish(code === CloseCode.ABNORMAL ? -1 : code, reason.toString());
  }

  /** The handshake finished; `raw` is the TCP or TLS socket underneath. */
  handshakeDone(ws: ReportingWebSocket, raw: Socket | undefined, requestedUrl?: string): void {
    if (!this.live) return;
    const socket = (this.#raw ??= raw);
    const info = {
      protocol: ws.protocol,
      remoteAddress: socket?.remoteAddress ?? '',
      remotePort: socket?.remotePort ?? 0,
    };
    if (socket !== undefined) forgetPeerName(socket);
    this.open(requestedUrl === undefined ? info : { ...info, requestedUrl });
  }

  /** Drops the connection; `message` is its failure (reported through `closed`, on a later microtask at the earliest). */
  drop(message: string, cause?: unknown): void {
    this.#failure ??= { message, cause };
    this.terminate();
  }

  /** The handshake was refused with an HTTP error: reported once that answer is out and the stream closed. */
  refused(message: string): void {
    this.#failure ??= { message };
    const stream = this.#rawStream;
    if (stream === undefined || stream.destroyed) queueMicrotask(() => this.finish(-1, ''));
    else stream.once('close', () => this.finish(-1, ''));
  }

  /** The socket is gone: reported once (`closed` ignores a connection that is no longer live). */
  private finish(code: number, reason: string): void {
    this.closed(code, reason, this.#failure);
  }

  /** The write callback that counts messages out (see `#onSentCallback`). */
  private sentCallback(): () => void {
    return (this.#onSentCallback ??= (): void => {
      this.#queued--;
      if (this.#queued === 0) this.drain();
    });
  }

  send(data: Uint8Array, isText: boolean, owned: boolean): void {
    const ws = this.#ws;
    if (ws === undefined) return;
    // A client's frames are masked into a new buffer; a server's unmasked payload is written by
    // reference and could change before it leaves, so it is copied unless nobody else has it.
    const payload = this.#rawStream === undefined || owned ? data : Buffer.from(data);
    const options = isText ? TEXT_FRAME : BINARY_FRAME;
    if (this.#queued > 0 || ws.bufferedAmount > 0 || this.#raw === undefined) {
      this.#queued++;
      ws.send(payload, options, this.sentCallback());
      return;
    }
    // An idle socket writes at once, and a write callback per message costs about 8% of the
    // throughput of small messages: only when part of it had to wait does an empty write
    // behind it report (in order) when it is out.
    ws.send(payload, options);
    if (ws.bufferedAmount > 0) {
      this.#queued++;
      this.#raw.write(EMPTY, this.sentCallback());
    }
  }

  get canPing(): boolean {
    return true;
  }

  ping(): void {
    this.#ws?.ping();
  }

  close(code: number, reason: string): void {
    if (this.#ws === undefined || this.#ws.readyState === WebSocket.CONNECTING) this.terminate();
    else this.#ws.close(code, reason);
  }

  terminate(): void {
    if (this.#ws !== undefined) {
      this.#ws.terminate();
    } else {
      this.#rawStream?.destroy();
      queueMicrotask(() => this.finish(-1, ''));
    }
  }

  get canPause(): boolean {
    return true;
  }

  pause(): void {
    this.#ws?.pause();
  }

  resume(): void {
    this.#ws?.resume();
  }

  setNoDelay(enabled: boolean): boolean {
    if (this.#raw === undefined) return false;
    this.#raw.setNoDelay(enabled);
    return true;
  }
}

/** What a server-side handshake needs. */
export interface AcceptParams {
  /** The server's `supported_protocols`. */
  readonly protocols: readonly string[];
  readonly headers: readonly HeaderLine[];
  readonly maxMessageSize: number;
}

const KEY = /^[+/0-9A-Za-z]{22}==$/;

/** Godot's server-side request checks (`_parse_client_request`); the reason it fails, or the selected protocol. */
function checkRequest(request: IncomingMessage, supported: readonly string[]): { error: string } | { protocol: string } {
  if (request.method !== 'GET') return { error: `Invalid method ${request.method ?? ''}` };
  if (request.httpVersion !== '1.1') return { error: `Invalid HTTP version ${request.httpVersion}` };
  if (request.headers.upgrade?.toLowerCase() !== 'websocket') return { error: 'Missing or invalid Upgrade header' };
  if (request.headers['sec-websocket-version'] !== '13') return { error: 'Missing or invalid Sec-WebSocket-Version header (expected 13)' };
  const key = request.headers['sec-websocket-key'];
  if (key === undefined || !KEY.test(key)) return { error: 'Missing or invalid Sec-WebSocket-Key header' };
  const offered = splitProtocolHeader(request.headers['sec-websocket-protocol']);
  const protocol = selectProtocol(offered, supported);
  if (protocol === null) {
    return { error: `No common sub-protocol: the client offered [${offered.join(', ')}], the server supports [${supported.join(', ')}]` };
  }
  return { protocol };
}

let lastUrl = '';

/**
 * `url`, or the equal string the previous handshake kept. Every client of a server usually asks
 * for the same URL, and each connection keeps it for as long as it lives: a run of equal URLs
 * shares one string. One entry, so it never grows and a different URL costs what it did.
 */
function sameAsLast(url: string): string {
  if (url !== lastUrl) lastUrl = url;
  return lastUrl;
}

function upgrade<Owner>(socket: WsSocket<Owner>, request: IncomingMessage, raw: Duplex, head: Buffer, params: AcceptParams): void {
  const checked = checkRequest(request, params.protocols);
  if ('error' in checked) {
    socket.refused(`Bad handshake: ${checked.error}`);
    rejectHandshake(raw, 400, checked.error);
    return;
  }
  const server = upgrader(params.maxMessageSize);
  const onClose = (): void => socket.drop('Connection closed during the handshake');
  raw.once('close', onClose);
  const scheme = (raw as Partial<TLSSocket>).encrypted === true ? 'wss' : 'ws';
  // Joined, not concatenated: one flat string, not a rope that keeps its parts (it lives as long as the connection).
  const requestedUrl = sameAsLast([scheme, '://', request.headers.host ?? '', request.url ?? '/'].join(''));
  answers.set(request, { protocol: checked.protocol, headers: params.headers });
  try {
    server.handleUpgrade(request, raw, head, (upgraded) => {
      const ws = upgraded as ReportingWebSocket;
      raw.off('close', onClose);
      socket.attach(ws);
      // Reported on a microtask: the peer is still inside the call that started the handshake.
      queueMicrotask(() => socket.handshakeDone(ws, undefined, requestedUrl));
    });
  } finally {
    answers.delete(request);
  }
}

/** What one handshake answers (see `upgrader`): set around its `handleUpgrade` call, which reads it synchronously. */
interface Answer {
  /** The selected sub-protocol, `''` for none. */
  readonly protocol: string;
  /** Extra header lines of the response. */
  readonly headers: readonly HeaderLine[];
}

const answers = new WeakMap<IncomingMessage, Answer>();

/**
 * `ws` servers that only upgrade (no listening, no client tracking), one per largest message
 * size, shared by every handshake: the rest of a handshake's answer comes from `answers`. Made
 * per handshake, each would cost every connection its setup.
 */
const upgraders = new Map<number, WebSocketServer>();
const MAX_UPGRADERS = 8;

function upgrader(maxPayload: number): WebSocketServer {
  const known = upgraders.get(maxPayload);
  if (known !== undefined) return known;
  const server = new WebSocketServer({
    ...COMMON,
    noServer: true,
    clientTracking: false,
    WebSocket: ReportingWebSocket,
    maxPayload,
    handleProtocols: (_offered, request) => {
      const protocol = answers.get(request)?.protocol ?? '';
      return protocol === '' ? false : protocol;
    },
  });
  server.on('headers', (lines: string[], request: IncomingMessage) => {
    for (const { name, value } of answers.get(request)?.headers ?? []) lines.push(`${name}: ${value}`);
  });
  if (upgraders.size === MAX_UPGRADERS) upgraders.delete(upgraders.keys().next().value as number);
  upgraders.set(maxPayload, server);
  return server;
}
