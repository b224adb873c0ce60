/** Test helpers: peers and servers that are closed after each test (and no socket left at the end). */
import { useScope } from '@pp/conformance/testing';
import { PacketPeerUDP, UDPServer } from '../../src/index.js';

export { pattern, until } from '@pp/conformance/testing';

/**
 * Registers the hooks that close every peer and server made through the returned factories
 * after each test, and check that no socket is left open when the file ends.
 */
export function useSockets(): { peer: (options?: ConstructorParameters<typeof PacketPeerUDP>[0]) => PacketPeerUDP; server: (options?: ConstructorParameters<typeof UDPServer>[0]) => UDPServer } {
  const scope = useScope();
  return {
    peer: (options) => scope.add(new PacketPeerUDP(options), (peer) => peer.close()),
    server: (options) => scope.add(new UDPServer(options), (server) => server.stop()),
  };
}
