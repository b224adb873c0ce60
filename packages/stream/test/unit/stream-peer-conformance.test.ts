import { streamPeerSuite } from '@pp/conformance';
import { memoryStreamPair } from '../support/memory-stream.js';
import { tcpStreams } from '../support/sockets.js';

streamPeerSuite({
  name: 'StreamPeerTCP',
  connect: async () => {
    const { client, accepted, close } = await tcpStreams();
    return { a: client, b: accepted, close };
  },
  capabilities: { closePropagates: true },
});

streamPeerSuite({
  name: 'in-memory stream pair',
  connect: async () => {
    const [a, b] = memoryStreamPair();
    return { a, b, close: () => { a.close(); b.close(); } };
  },
  capabilities: { closePropagates: true },
});
