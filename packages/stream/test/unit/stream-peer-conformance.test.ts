import { streamPeerSuite } from '@pp/conformance';
import { StreamPeerTCP, TCPServer } from '../../src/index.js';
import { memoryStreamPair } from '../support/memory-stream.js';

streamPeerSuite({
  name: 'StreamPeerTCP',
  connect: async () => {
    const server = new TCPServer();
    await server.listenAsync(0, '127.0.0.1');
    const client = new StreamPeerTCP();
    const [accepted] = await Promise.all([
      server.accept({ timeoutMs: 5000 }),
      client.connectToHostAsync('127.0.0.1', server.getLocalPort(), { timeoutMs: 5000 }),
    ]);
    return {
      a: client,
      b: accepted,
      close: () => {
        client.close();
        accepted.close();
        server.stop();
      },
    };
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
