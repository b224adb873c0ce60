/**
 * Child process of the tcp-burst benchmark. `server BACKLOG CLIENTS LIMIT_MS`: a `TCPServer` on
 * 127.0.0.1 with that kernel `backlog`, whose application takes every connection as it comes and
 * sends it one byte; it forks the clients (`clients PORT CLIENTS LIMIT_MS`, their own process, as
 * real clients would be), which all connect at once and report how many had their byte within the
 * time limit and when. The figures go to the parent as JSON.
 */
import { fork } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { TCPServer, type StreamPeerTCP } from '@pp/stream';

const [role, first, clients, limitMs] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5])];

async function burst(port: number): Promise<object> {
  const sockets: Socket[] = [];
  const servedAt: number[] = [];
  const started = performance.now();
  let failed = 0;
  for (let i = 0; i < clients; i++) {
    const socket = connect(port, '127.0.0.1');
    socket.once('data', () => {
      servedAt.push(performance.now() - started);
      socket.destroy();
    });
    socket.on('error', () => failed++);
    sockets.push(socket);
  }
  const deadline = started + limitMs;
  while (servedAt.length < clients && performance.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  for (const socket of sockets) socket.destroy();
  servedAt.sort((a, b) => a - b);
  return { served: servedAt.length, failed, medianMs: servedAt[Math.floor(servedAt.length / 2)] ?? 0, lastMs: servedAt.at(-1) ?? 0 };
}

async function serve(backlog: number): Promise<object> {
  const server = new TCPServer({ backlog });
  await server.listenAsync(0, '127.0.0.1');
  const taken: StreamPeerTCP[] = [];
  server.on('connection', () => {
    for (let peer = server.takeConnection(); peer !== null; peer = server.takeConnection()) {
      peer.putU8(1);
      taken.push(peer);
    }
  });
  const child = fork(new URL(import.meta.url), ['clients', String(server.getLocalPort()), String(clients), String(limitMs)], { stdio: 'inherit' });
  const figures = await new Promise<object>((resolve, reject) => {
    child.once('message', (message) => resolve(JSON.parse(String(message)) as object));
    child.once('exit', (code) => reject(new Error(`the clients' process exited with ${code}`)));
  });
  for (const peer of taken) peer.disconnectFromHost();
  server.stop();
  return { ...figures, accepted: taken.length, refused: server.refusedConnections };
}

const figures = role === 'clients' ? await burst(first) : await serve(first);
process.send?.(JSON.stringify(figures));
process.disconnect?.();
