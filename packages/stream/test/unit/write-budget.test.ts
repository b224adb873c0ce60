/**
 * A server-wide cap on bytes buffered for writing (issue 9 §2): clients that never read made a
 * `TCPServer` buffer `writeBufferMaxSize` (16 MiB) for each of them. Its connections share a
 * `writeBudget`; what they buffer is charged there and released as it is handed to the OS.
 */
import type { Socket } from 'node:net';
import { ErrorCode, MemoryBudget } from '@pp/core';
import { describe, expect, it } from 'vitest';
import type { StreamPeerTCP, TCPServer } from '../../src/index.js';
import { pattern, until, useSockets, withTimeout } from '../support/sockets.js';

const sockets = useSockets();
const CHUNK = pattern(256 * 1024, 9);

/** `count` raw clients that do not read, and the server's side of each. */
async function stalledClients(server: TCPServer, count: number): Promise<Array<{ socket: Socket; accepted: StreamPeerTCP }>> {
  const out = [];
  for (let i = 0; i < count; i++) {
    const client = await sockets.raw(server);
    client.socket.pause();
    out.push(client);
  }
  return out;
}

/** Writes CHUNK to every connection until none takes more (the kernel's buffers fill first). */
async function fill(peers: StreamPeerTCP[]): Promise<number> {
  let written = 0;
  for (let progress = true; progress;) {
    progress = false;
    for (const peer of peers) {
      if (peer.putData(CHUNK) === ErrorCode.OK) {
        written += CHUNK.length;
        progress = true;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return written;
}

/** Reads everything a raw client has been sent, until `bytes` arrived. */
function readAll(socket: Socket, bytes: number): Promise<void> {
  let received = 0;
  return withTimeout(new Promise<void>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received >= bytes) resolve();
    });
    socket.resume();
  }), 10_000, `${bytes} bytes`);
}

describe("TCPServer's writeBudget", () => {
  it('defaults to 64 MiB, shared by every connection it hands out', async () => {
    const server = await sockets.server();
    expect(server.writeBudget?.limit).toBe(64 * 1024 * 1024);
    const [a, b] = await stalledClients(server, 2);
    expect(a?.accepted.writeBudget).toBe(server.writeBudget);
    expect(b?.accepted.writeBudget).toBe(server.writeBudget);
  });

  it('caps what all connections buffer together; the charge is released as bytes leave, and on close', async () => {
    const limit = 1024 * 1024;
    const server = await sockets.server({ writeBudget: new MemoryBudget(limit) });
    const budget = server.writeBudget as MemoryBudget;
    const clients = await stalledClients(server, 4);
    const written = await fill(clients.map(({ accepted }) => accepted));
    expect(budget.used).toBeGreaterThan(0);
    expect(budget.peak).toBeLessThanOrEqual(limit);
    // A connection with nothing of its own waiting is refused too: the budget is the server's.
    const idle = (await stalledClients(server, 1))[0] as { socket: Socket; accepted: StreamPeerTCP };
    expect(idle.accepted.putData(CHUNK)).toBe(ErrorCode.ERR_BUSY);
    const waiting = idle.accepted.putDataAsync(CHUNK, { timeoutMs: 10_000 });
    // One client reads everything: its share comes back, and the waiting write goes out.
    const [first, ...others] = clients;
    const perClient = written / clients.length;
    await readAll((first as { socket: Socket }).socket, Math.floor(perClient * 0.9));
    await waiting;
    // The others close: nothing stays charged for them.
    for (const { accepted } of others) accepted.close();
    await readAll(idle.socket, CHUNK.length);
    await until(() => budget.used === 0, 'the budget to be released');
  });

  it('without a budget each connection buffers up to writeBufferMaxSize (the behaviour before)', async () => {
    const server = await sockets.server({ writeBudget: null, writeBufferMaxSize: 1024 * 1024 });
    expect(server.writeBudget).toBeNull();
    const [client] = await stalledClients(server, 1);
    await fill([(client as { accepted: StreamPeerTCP }).accepted]);
    expect((client as { accepted: StreamPeerTCP }).accepted.putData(CHUNK)).toBe(ErrorCode.ERR_BUSY);
  });
});
