/**
 * Child process of the idle-connection benchmark: opens `count` raw `ws` clients to
 * 127.0.0.1:`port` (a few hundred at a time), tells the parent "open", and idles until killed.
 */
import { WebSocket } from 'ws';

const [port, count] = process.argv.slice(2).map(Number) as [number, number];
const clients: WebSocket[] = [];
const CONCURRENCY = 200;

function open(): Promise<void> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}`, { perMessageDeflate: false });
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.on('message', () => undefined);
    clients.push(ws);
  });
}

try {
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < count) {
      next++;
      await open();
    }
  }));
  process.send?.('open');
} catch (error) {
  process.send?.(`client error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
