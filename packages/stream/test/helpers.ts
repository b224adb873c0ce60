/** Test helpers: connected TCP pairs and raw sockets that are closed after each test, and condition waits. */
import { connect, type Socket } from 'node:net';
import { afterEach } from 'vitest';
import { StreamPeerTCP, TCPServer, type StreamPeerTCPOptions, type TCPServerOptions } from '../src/index.js';

/** Re-checks `condition` every 2 ms (for state that has no event) until it holds, or fails after `ms`. */
export async function until(condition: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Rejects after `ms` unless `promise` settles first. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** A payload whose bytes depend on `seed`. */
export function pattern(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed * 7) & 0xff);
}

/** Little-endian u32 length + payload: one PacketPeerStream frame. */
export function frame(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + payload.length);
  new DataView(out.buffer).setUint32(0, payload.length, true);
  out.set(payload, 4);
  return out;
}

export interface Sockets {
  /** A listening server on 127.0.0.1, port 0. */
  server(options?: TCPServerOptions): Promise<TCPServer>;
  /** A StreamPeerTCP client and the server's side of it, both CONNECTED. */
  pair(options?: StreamPeerTCPOptions): Promise<{ client: StreamPeerTCP; accepted: StreamPeerTCP; server: TCPServer }>;
  /** A raw node:net client connected to `server`, and the server's side of it. */
  raw(server: TCPServer): Promise<{ socket: Socket; accepted: StreamPeerTCP }>;
  /** Registers a peer to disconnect after the test. */
  track<T extends { close(): void }>(peer: T): T;
}

/** Registers an `afterEach` that closes every server, peer and raw socket made during the test. */
export function useSockets(): Sockets {
  const servers: TCPServer[] = [];
  const peers: Array<{ close(): void }> = [];
  const raws: Socket[] = [];
  afterEach(() => {
    for (const socket of raws.splice(0)) socket.destroy();
    for (const peer of peers.splice(0)) peer.close();
    for (const server of servers.splice(0)) server.stop();
  });
  const api: Sockets = {
    async server(options) {
      const server = new TCPServer(options);
      servers.push(server);
      await server.listenAsync(0, '127.0.0.1');
      return server;
    },
    async pair(options) {
      const server = await api.server(options);
      const client = api.track(new StreamPeerTCP(options));
      const [accepted] = await Promise.all([
        server.accept({ timeoutMs: 5000 }),
        client.connectToHostAsync('127.0.0.1', server.getLocalPort(), { timeoutMs: 5000 }),
      ]);
      return { client, accepted: api.track(accepted), server };
    },
    async raw(server) {
      const socket = connect(server.getLocalPort(), '127.0.0.1');
      socket.on('error', () => undefined);
      raws.push(socket);
      const accepted = api.track(await server.accept({ timeoutMs: 5000 }));
      return { socket, accepted };
    },
    track(peer) {
      peers.push(peer);
      return peer;
    },
  };
  return api;
}
