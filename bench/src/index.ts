/**
 * `pnpm bench [name…]`: runs the named benchmark groups (all by default), each against its
 * alternatives in the same process.
 */
import { codecBench } from './codec.js';
import { dtlsBench } from './dtls.js';
import { enetBench } from './enet.js';
import { queueMemoryBench } from './queue-memory.js';
import { streamBench } from './stream.js';
import { tcpBurstBench } from './tcp-burst.js';
import { tcpWriteMemoryBench } from './tcp-write-memory.js';
import { udpBench } from './udp.js';
import { webrtcBench } from './webrtc.js';
import { websocketIdleBench, websocketThroughputBench } from './websocket.js';

const groups: Record<string, () => void | Promise<void>> = {
  codec: codecBench,
  udp: udpBench,
  stream: streamBench,
  websocket: websocketThroughputBench,
  'websocket-idle': websocketIdleBench,
  'queue-memory': queueMemoryBench,
  'tcp-burst': tcpBurstBench,
  'tcp-write-memory': tcpWriteMemoryBench,
  dtls: dtlsBench,
  enet: enetBench,
  webrtc: webrtcBench,
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !(name in groups));
if (unknown.length > 0) {
  console.error(`unknown benchmark group(s): ${unknown.join(', ')}; known: ${Object.keys(groups).join(', ')}`);
  process.exit(2);
}
console.log(`node ${process.version}, ${process.platform}/${process.arch}`);
for (const [name, run] of Object.entries(groups)) {
  if (wanted.length === 0 || wanted.includes(name)) await run();
}
