/**
 * Memory of a `TCPServer` writing to clients that never read (issue 9 §2): what the write
 * buffers hold when every connection is full, and what is left after the clients went away. Side
 * by side: without a server-wide cap (each connection may buffer `writeBufferMaxSize`, 16 MiB: the
 * behaviour before `writeBudget`), and with the default cap. Each run in its own process.
 */
import { fork } from 'node:child_process';

interface Memory {
  rss: number;
  heap: number;
}

interface Figures {
  written: number;
  base: Memory;
  full: Memory;
  left: Memory;
}

function run(clients: number, options: object): Promise<Figures> {
  const child = fork(new URL('./tcp-write-memory-case.js', import.meta.url), [String(clients), JSON.stringify(options)], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(JSON.parse(String(message)) as Figures));
    child.once('exit', (code) => reject(new Error(`the case process exited with ${code}`)));
  });
}

const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0).padStart(5)} MiB`;

export async function tcpWriteMemoryBench(): Promise<void> {
  const clients = 100;
  console.log(`\nTCPServer writing to ${clients} clients that never read, until putData answers ERR_BUSY (RSS, and heap + array buffers)`);
  for (const [label, options] of [['no server-wide cap (as before)', { writeBudget: null }], ['default writeBudget', {}]] as const) {
    const f = await run(clients, options);
    console.log(`  ${label.padEnd(32)} ${mib(f.written)} accepted; full: rss ${mib(f.full.rss)}, heap ${mib(f.full.heap)}; after the clients left: rss ${mib(f.left.rss)}, heap ${mib(f.left.heap)} (at start: rss ${mib(f.base.rss)})`);
  }
}
