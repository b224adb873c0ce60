/** Servers for tests, on 127.0.0.1 and a free port. */
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { AnyMultiplayerPeer, MultiplayerPeerHarness } from '@pp/conformance';
import { WebSocketMultiplayerPeer, WebSocketPeer, type WebSocketPeerOptions } from '../../src/index.js';
import { withTimeout } from './scope.js';

export interface PeerServer {
  readonly port: number;
  readonly url: string;
  /** Every peer the server made, in order. */
  readonly peers: WebSocketPeer[];
  /** Every TCP connection the server accepted, in order. */
  readonly sockets: Socket[];
  /** The next peer the server makes (or the one it already made and nobody took). */
  nextPeer(ms?: number): Promise<WebSocketPeer>;
  /** Calls `listener` with every peer the server made and will make. */
  onPeer(listener: (peer: WebSocketPeer) => void): void;
  close(): Promise<void>;
}

/** Resolves with the port once `server` listens on 127.0.0.1. */
export function listen(server: Server | HttpServer): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Closes a server and drops its remaining connections. */
export function closeServer(server: Server | HttpServer, sockets: Iterable<Socket> = []): Promise<void> {
  for (const socket of sockets) socket.destroy();
  if ('closeAllConnections' in server) server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

function peerServer(
  make: (accept: (peer: WebSocketPeer) => void) => Server | HttpServer,
  scheme: string,
): Promise<PeerServer> {
  const peers: WebSocketPeer[] = [];
  let taken = 0;
  let wake: (() => void) | undefined;
  const listeners: Array<(peer: WebSocketPeer) => void> = [];
  const server = make((peer) => {
    peers.push(peer);
    for (const listener of listeners) listener(peer);
    wake?.();
  });
  const sockets = new Set<Socket>();
  const accepted: Socket[] = [];
  server.on('connection', (socket: Socket) => {
    accepted.push(socket);
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return listen(server).then((port) => ({
    port,
    url: `${scheme}://127.0.0.1:${port}`,
    peers,
    sockets: accepted,
    async nextPeer(ms = 5000) {
      if (taken >= peers.length) {
        await withTimeout(new Promise<void>((resolve) => (wake = resolve)), ms, 'a connection');
      }
      return peers[taken++] as WebSocketPeer;
    },
    onPeer(listener) {
      listeners.push(listener);
      for (const peer of peers) listener(peer);
    },
    async close() {
      for (const peer of peers) peer.close(-1);
      await closeServer(server, sockets);
    },
  }));
}

/** A TCP server whose connections become `WebSocketPeer`s through `acceptStream`. */
export function serveStream(options: WebSocketPeerOptions = {}): Promise<PeerServer> {
  return peerServer((accept) => createServer((socket) => {
    const peer = new WebSocketPeer(options);
    peer.acceptStream(socket);
    accept(peer);
  }), 'ws');
}

/** An `http.Server` (or `https.Server` with `tls`) whose upgrades become `WebSocketPeer`s through `acceptUpgrade`. */
export function serveUpgrade(options: WebSocketPeerOptions = {}, tls?: { key: string; cert: string }): Promise<PeerServer> {
  return peerServer((accept) => {
    const server = tls === undefined ? createHttpServer() : createHttpsServer(tls);
    server.on('upgrade', (request, socket, head: Buffer) => {
      const peer = new WebSocketPeer(options);
      peer.acceptUpgrade(request, socket, head);
      accept(peer);
    });
    return server;
  }, tls === undefined ? 'ws' : 'wss');
}

/** Anything with `createClient(url)`: the Node and the browser WebSocketMultiplayerPeer. */
interface MultiplayerClient extends AnyMultiplayerPeer {
  createClient(url: string): unknown;
}

/**
 * The MultiplayerPeer conformance harness: a Node `WebSocketMultiplayerPeer` server on loopback,
 * clients made by `makeClient` (Node or browser build).
 */
export function multiplayerHarness(name: string, makeClient: () => MultiplayerClient): MultiplayerPeerHarness {
  return {
    name,
    async createServer() {
      const server = new WebSocketMultiplayerPeer();
      server.createServer(0, '127.0.0.1');
      await server.waitForConnected({ timeoutMs: 5000 });
      return server;
    },
    createClient(server) {
      const client = makeClient();
      client.createClient(`ws://127.0.0.1:${(server as WebSocketMultiplayerPeer).getLocalPort()}`);
      return client;
    },
    createIdle: makeClient,
    capabilities: {
      maxPacketSize: 65526,
      reliableOrdered: true,
      serverRelay: true,
      // Over TCP every mode is reliable and ordered; Godot's WebSocket has one channel and reports RELIABLE.
      modes: { 0: { reliable: true, ordered: true }, 1: { reliable: true, ordered: true } },
      channels: 1,
      reportsChannelAndMode: false,
    },
  };
}
