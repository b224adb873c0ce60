/** Test helpers: condition waits with deadlines, and peers that are closed after each test. */
import { afterEach } from 'vitest';
import { PacketPeerUDP, UDPServer } from '../src/index.js';

/** Re-checks `condition` every 2 ms (for counters that have no event) until it holds, or fails after `ms`. */
export async function until(condition: () => boolean, ms = 5000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} not met within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/**
 * Registers an `afterEach` that closes every peer and server made through the returned
 * factories during the test.
 */
export function useSockets(): { peer: () => PacketPeerUDP; server: (options?: ConstructorParameters<typeof UDPServer>[0]) => UDPServer } {
  const peers: PacketPeerUDP[] = [];
  const servers: UDPServer[] = [];
  afterEach(() => {
    for (const server of servers.splice(0)) server.stop();
    for (const peer of peers.splice(0)) peer.close();
  });
  return {
    peer: () => {
      const peer = new PacketPeerUDP();
      peers.push(peer);
      return peer;
    },
    server: (options) => {
      const server = new UDPServer(options);
      servers.push(server);
      return server;
    },
  };
}

/** A payload whose bytes depend on `seed`. */
export function pattern(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * 31 + seed * 7) & 0xff);
}
