import { createMemoryPair } from '@pp/core';
import { packetPeerSuite } from '../../src/index.js';

packetPeerSuite({
  name: 'in-memory pair',
  connect: async () => {
    const [a, b] = createMemoryPair({ maxPacketSize: 65536 });
    return { a, b, close: () => a.close() };
  },
  capabilities: { reliable: true, ordered: true, maxPacketSize: 65536, refusesOversized: true, closePropagates: true },
});
