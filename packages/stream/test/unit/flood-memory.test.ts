/**
 * Issue 9's "queues bounded in wire bytes, not memory": many connections that the application
 * never reads, each flooding tiny PacketPeerStream frames. Before queues charged real memory,
 * each such connection held 16384 empty frames (64 KiB on the wire) as 2.5 MiB of heap and a
 * few hundred connections took a server down. Now every queue charges what its packets cost
 * against the server's budget: the heap stays within the budget plus a fixed amount per
 * connection (its socket's read buffer), however much the clients send.
 */
import { connect, type Socket } from 'node:net';
import { MemoryBudget, packetMemoryCost } from '@pp/core';
import { settledHeap, whenSteady } from '@pp/conformance/testing';
import { describe, expect, it } from 'vitest';
import { PacketPeerStream, type StreamPeerTCP } from '../../src/index.js';
import { until, useSockets } from '../support/sockets.js';

const sockets = useSockets();

const CONNECTIONS = 40;
const BUDGET = 4 * 1024 * 1024;
/** Bytes each client sends: far more than any queue takes. */
const FLOOD = 2 * 1024 * 1024;
/** What a connection may hold besides its packets: the stream's read buffer (64 KiB) and a socket read. */
const PER_CONNECTION = 400 * 1024;

/** What one queued one-byte frame costs (a view of a shared slab). */
const ONE_BYTE = packetMemoryCost(new Uint8Array(8).subarray(0, 1));
/** Room a waiting queue may leave unused: it asks for the most a frame could cost. */
const SLACK = 1024;

function flood(frameSize: number): Buffer {
  const frame = Buffer.alloc(4 + frameSize);
  frame.writeUInt32LE(frameSize, 0);
  const out = Buffer.alloc(Math.floor(FLOOD / frame.length) * frame.length);
  for (let at = 0; at < out.length; at += frame.length) frame.copy(out, at);
  return out;
}

describe('a TCP server flooded by connections it never reads', () => {
  it('holds no more than its memory budget in queued packets, and a flat heap', async () => {
    const budget = new MemoryBudget(BUDGET);
    const server = await sockets.server({ maxPendingConnections: CONNECTIONS, memoryBudget: budget });
    expect(server.memoryBudget).toBe(budget);
    const peers: PacketPeerStream[] = [];
    const clients: Socket[] = [];
    const before = await settledHeap();
    const floods = [flood(0), flood(1)];
    for (let i = 0; i < CONNECTIONS; i++) {
      const socket = connect(server.getLocalPort(), '127.0.0.1');
      socket.on('error', () => undefined);
      clients.push(socket);
      const accepted: StreamPeerTCP = sockets.track(await server.accept({ timeoutMs: 5000 }));
      // The stream's budget is the server's: the framing peer charges it without being told.
      const peer = sockets.track(new PacketPeerStream({ streamPeer: accepted }));
      expect(peer.memoryBudget).toBe(budget);
      peers.push(peer);
      socket.write(floods[i % 2] as Buffer);
    }
    const queued = await whenSteady(() => budget.used, 'the queued memory');
    const heap = (await settledHeap()) - before;
    expect(budget.peak).toBeLessThanOrEqual(BUDGET);
    expect(queued).toBeGreaterThan(BUDGET - SLACK);
    // Today's figures before the change: about 2.3–2.6 MiB per connection, 100 MiB in all.
    expect(heap, `heap growth ${(heap / 2 ** 20).toFixed(1)} MiB`).toBeLessThan(BUDGET + CONNECTIONS * PER_CONNECTION);
    const perPeer = peers.map((peer) => peer.queuedMemory);
    expect(perPeer.reduce((sum, bytes) => sum + bytes, 0)).toBe(budget.used);

    // Reading one connection makes room for the others, which move on in turn.
    const waiting = peers.findIndex((peer) => peer.queuedMemory === 0);
    expect(waiting, 'a connection that got no room').not.toBe(-1);
    const reader = peers.find((peer) => peer.queuedMemory > 0) as PacketPeerStream;
    const starved = peers[waiting] as PacketPeerStream;
    await until(() => {
      for (let i = 0; i < 1000 && reader.getAvailablePacketCount() > 0; i++) reader.getPacket();
      return starved.queuedMemory > 0;
    }, 'a waiting connection to get room', 10_000);
    expect(budget.peak).toBeLessThanOrEqual(BUDGET);

    // A closed connection gives its share back (others take it), though its packets stay readable.
    const held = reader.getAvailablePacketCount();
    reader.close();
    expect(reader.getAvailablePacketCount()).toBe(held);
    expect(reader.queuedMemory).toBeGreaterThan(0);
    const others = peers.filter((peer) => peer !== reader).reduce((sum, peer) => sum + peer.queuedMemory, 0);
    expect(budget.used).toBe(others);
    expect(budget.peak).toBeLessThanOrEqual(BUDGET);
    for (const client of clients) client.destroy();
  }, 60_000);

  it('a peer alone is bounded by maxQueuedMemory as well as by Godot\'s 64 KiB input buffer', async () => {
    const server = await sockets.server({ memoryBudget: null });
    const socket = connect(server.getLocalPort(), '127.0.0.1');
    socket.on('error', () => undefined);
    const accepted = sockets.track(await server.accept({ timeoutMs: 5000 }));
    const peer = sockets.track(new PacketPeerStream({ streamPeer: accepted, maxQueuedMemory: 100_000 }));
    expect(peer.memoryBudget).toBeNull();
    socket.write(flood(1));
    await whenSteady(() => peer.getAvailablePacketCount(), 'the queue');
    // 13107 one-byte frames fit Godot's buffer; memory stops the queue long before.
    expect(peer.queuedMemory).toBeLessThanOrEqual(100_000);
    expect(peer.queuedMemory).toBeGreaterThan(100_000 - SLACK);
    expect(peer.queuedMemory).toBe(peer.getAvailablePacketCount() * ONE_BYTE);
    socket.destroy();
  }, 30_000);
});
