/**
 * Reads the HTTP upgrade request from a raw stream, the way Godot's `accept_stream` reads it
 * from a TCP or TLS connection: the stream is handed to one never-listening `http.Server`, whose
 * parser emits `upgrade` with the request. Requests that are not WebSocket upgrades and
 * malformed HTTP are answered with an error status and the stream is destroyed.
 */
import { STATUS_CODES, createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';

export interface UpgradeRequest {
  readonly request: IncomingMessage;
  readonly socket: Duplex;
  readonly head: Buffer;
}

type Outcome = (result: UpgradeRequest | Error) => void;

const waiting = new WeakMap<Duplex, Outcome>();
let parser: Server | undefined;

function settle(socket: Duplex, result: UpgradeRequest | Error): void {
  const outcome = waiting.get(socket);
  if (outcome === undefined) return;
  waiting.delete(socket);
  socket.off('close', closedWhileWaiting);
  socket.off('error', ignoreError);
  outcome(result);
}

// Listeners shared by every stream (Node calls them with the stream as `this`): a server reads
// many requests at once, and closures for each would outlive the handshake in the old heap.
function closedWhileWaiting(this: Duplex): void {
  settle(this, new Error('Connection closed during the handshake'));
}

/** The close that follows an error reports it. */
const ignoreError = (): void => undefined;

function hiddenServer(): Server {
  parser ??= createServer({ requestTimeout: 0 })
    .on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => settle(socket, { request, socket, head }))
    .on('request', (request: IncomingMessage) => {
      const socket = request.socket;
      settle(socket, new Error('Not a WebSocket upgrade request (no "Connection: Upgrade")'));
      rejectHandshake(socket, 426, 'This is a WebSocket endpoint');
    })
    .on('clientError', (error: Error & { code?: string }, socket: Duplex) => {
      settle(socket, new Error(`Malformed handshake request (${error.code ?? error.message})`, { cause: error }));
      rejectHandshake(socket, 400, 'Bad Request');
    });
  return parser;
}

/**
 * Waits for the upgrade request on `stream`. `done` is called once: with the request, or with
 * an Error when the stream ends or sends something else first.
 */
export function readUpgradeRequest(stream: Duplex, done: Outcome): void {
  stream.on('close', closedWhileWaiting);
  stream.on('error', ignoreError);
  waiting.set(stream, done);
  hiddenServer().emit('connection', stream);
  // A stream handed over by another holder (a StreamPeerTCP) comes paused.
  stream.resume();
}

/** Answers a failed handshake with an HTTP error and closes the stream. */
export function rejectHandshake(socket: Duplex, status: number, message: string): void {
  if (socket.destroyed) return;
  socket.once('error', () => undefined);
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const body = Buffer.from(message);
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nConnection: close\r\nContent-Type: text/plain\r\n`
    + `Content-Length: ${body.length}\r\n\r\n${message}`,
  );
}
