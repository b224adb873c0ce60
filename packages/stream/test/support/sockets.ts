/** Test helpers: connected TCP pairs and raw sockets that are closed after each test, and condition waits. */
import { connect, type Socket } from 'node:net';
import { useScope } from '@pp/conformance/testing';
import { StreamPeerTCP, TCPServer, type StreamPeerTCPOptions, type TCPServerOptions } from '../../src/index.js';

export { pattern, until, withTimeout } from '@pp/conformance/testing';

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

/**
 * Registers the hooks that close every server, peer and raw socket made during a test, and check
 * that no socket is left open when the file ends.
 */
export function useSockets(): Sockets {
  const scope = useScope();
  const api: Sockets = {
    async server(options) {
      const server = scope.add(new TCPServer(options), (s) => s.stop());
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
      scope.add(socket, (s) => s.destroy());
      const accepted = api.track(await server.accept({ timeoutMs: 5000 }));
      return { socket, accepted };
    },
    track(peer) {
      return scope.add(peer, (p) => p.close());
    },
  };
  return api;
}

/**
 * A connected StreamPeerTCP pair on a fresh server, for conformance harnesses (which close what
 * they open themselves): `close()` disconnects both and stops the server.
 */
export async function tcpStreams(): Promise<{ client: StreamPeerTCP; accepted: StreamPeerTCP; close(): void }> {
  const server = new TCPServer();
  await server.listenAsync(0, '127.0.0.1');
  const client = new StreamPeerTCP();
  const [accepted] = await Promise.all([
    server.accept({ timeoutMs: 5000 }),
    client.connectToHostAsync('127.0.0.1', server.getLocalPort(), { timeoutMs: 5000 }),
  ]);
  return {
    client,
    accepted,
    close: () => {
      client.close();
      accepted.close();
      server.stop();
    },
  };
}
