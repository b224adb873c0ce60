/**
 * Heap held by a server that never reads, flooded by connections sending tiny packets (issue
 * 9's attack): per connection and per queued packet, for TCP PacketPeerStream frames, WebSocketPeer
 * and WebSocketMultiplayerPeer messages, empty and one-byte. Each case runs in its own process.
 * The figures are bounded by Godot's per-connection limits and by the server's `MemoryBudget`
 * (64 MiB by default: with more connections than fit in it, the total stops growing).
 */
import { fork } from 'node:child_process';

interface Figures {
  held: number;
  packets: number;
}

function run(kind: string, size: number, connections: number): Promise<Figures> {
  const child = fork(new URL('./queue-memory-case.js', import.meta.url), [kind, String(size), String(connections)], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(JSON.parse(String(message)) as Figures));
    child.once('exit', (code) => reject(new Error(`the case process exited with ${code}`)));
  });
}

export async function queueMemoryBench(): Promise<void> {
  const connections = 20;
  console.log(`\nHeap held by a server that never reads, ${connections} connections each flooding 2 MiB of tiny packets`);
  for (const [kind, sizes] of [['tcp', [0, 1]], ['websocket', [0, 1]], ['websocket-multiplayer', [1]]] as const) {
    for (const size of sizes) {
      const { held, packets } = await run(kind, size, connections);
      const perPacket = packets === 0 ? '—' : `${(held / packets).toFixed(0)} B`;
      console.log(`  ${`${kind}, ${size}-byte packets`.padEnd(36)} ${(held / connections / 1024).toFixed(0).padStart(6)} KiB per connection, ${String(packets).padStart(7)} packets queued, ${perPacket.padStart(6)} per queued packet`);
    }
  }
  const many = 100;
  console.log(`\nThe same server with ${many} connections (one-byte packets): the total stays near its 64 MiB budget`);
  for (const kind of ['tcp', 'websocket-multiplayer'] as const) {
    const { held, packets } = await run(kind, 1, many);
    console.log(`  ${kind.padEnd(36)} ${(held / 2 ** 20).toFixed(0).padStart(6)} MiB in all, ${String(packets).padStart(7)} packets queued`);
  }
}
