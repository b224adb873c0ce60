/**
 * Connections a `TCPServer` serves from a burst of simultaneous loopback clients (issue 9 §2):
 * with the kernel listen backlog Godot uses (its 8 pending connections, what `TCPServer` passed
 * before it had a `backlog` option) and with the default of 511. The server and the clients run in
 * processes of their own.
 */
import { fork } from 'node:child_process';

interface Figures {
  served: number;
  failed: number;
  refused: number;
  accepted: number;
  medianMs: number;
  lastMs: number;
}

function run(backlog: number, clients: number, limitMs: number): Promise<Figures> {
  const child = fork(new URL('./tcp-burst-case.js', import.meta.url), ['server', String(backlog), String(clients), String(limitMs)], { stdio: 'inherit' });
  return new Promise((resolve, reject) => {
    child.once('message', (message) => resolve(JSON.parse(String(message)) as Figures));
    child.once('exit', (code) => reject(new Error(`the case process exited with ${code}`)));
  });
}

export async function tcpBurstBench(): Promise<void> {
  const clients = 2000;
  const limitMs = 20_000;
  console.log(`\nTCPServer: ${clients} loopback clients connecting at once, served (one byte each) within ${limitMs / 1000} s`);
  for (const [label, backlog] of [["backlog 8 (Godot's, as before)", 8], ['backlog 511 (the default)', 511]] as const) {
    const f = await run(backlog, clients, limitMs);
    console.log(`  ${label.padEnd(32)} ${String(f.served).padStart(5)} served, median ${(f.medianMs / 1000).toFixed(2)} s, last ${(f.lastMs / 1000).toFixed(2)} s, ${f.accepted} accepted, ${f.failed} client errors`);
  }
}
