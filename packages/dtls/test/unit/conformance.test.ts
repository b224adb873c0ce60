import { packetPeerSuite } from '@pp/conformance';
import { loopbackPair } from '../support/loopback.js';

packetPeerSuite({
  name: 'PacketPeerDTLS over loopback UDP (client and DTLSServer session)',
  connect: async () => {
    const pair = await loopbackPair('ec');
    return { a: pair.client, b: pair.server, close: () => pair.close() };
  },
  capabilities: {
    // UDP underneath: a burst can overflow the kernel's receive buffer.
    reliable: false,
    ordered: true,
    maxPacketSize: 16_384,
    refusesOversized: true,
    closePropagates: true,
  },
});
