/**
 * Issue 9's "queues bounded in wire bytes, not memory", for WebSocket: many connections that the
 * application never reads, each flooding empty or one-byte messages. Before queues charged real
 * memory, each such WebSocketPeer held some 1.7 MiB (4096 queued messages and a socket read's
 * worth of messages waiting as objects), and a WebSocketMultiplayerPeer's queue grew with every
 * connection. Now every queue charges its packets' heap cost against the server's budget, and
 * what arrives after reading paused waits compactly: the heap stays within the budget plus a
 * fixed amount per connection, however much the clients send.
 */
import { MemoryBudget, packetMemoryCost } from '@pp/core';
import { settledHeap, whenSteady } from '@pp/conformance/testing';
import { describe, expect, it } from 'vitest';
import { WebSocketMultiplayerPeer } from '../../src/index.js';
import { RawClient } from '../support/raw-client.js';
import { until, useScope } from '../support/scope.js';
import { serveStream } from '../support/servers.js';

const scope = useScope();

const CONNECTIONS = 40;
const BUDGET = 4 * 1024 * 1024;
/** Bytes each client sends: far more than any queue takes. */
const FLOOD = 2 * 1024 * 1024;
/** What a connection may hold besides its queued packets: `ws`'s buffers and one socket read. */
const PER_CONNECTION = 400 * 1024;

/** Masked binary frames of `size` (0 or 1) bytes; mask key 0, so the payload goes out as it is. */
function flood(size: 0 | 1): Buffer {
  const frame = Buffer.from(size === 0 ? [0x82, 0x80, 0, 0, 0, 0] : [0x82, 0x81, 0, 0, 0, 0, 7]);
  const out = Buffer.alloc(Math.floor(FLOOD / frame.length) * frame.length);
  for (let at = 0; at < out.length; at += frame.length) frame.copy(out, at);
  return out;
}

async function clients(port: number, count: number, afterHandshake?: (client: RawClient) => Promise<void>): Promise<RawClient[]> {
  const out: RawClient[] = [];
  for (let i = 0; i < count; i++) {
    const { client, response } = await RawClient.handshake(port);
    expect(response.status).toBe(101);
    scope.add(client, (c) => c.destroy());
    await afterHandshake?.(client);
    out.push(client);
  }
  return out;
}

describe('a WebSocket server flooded by connections it never reads', () => {
  it('WebSocketPeers sharing a budget: no more queued than the budget, a flat heap', async () => {
    const budget = new MemoryBudget(BUDGET);
    const server = scope.add(await serveStream({ memoryBudget: budget, handshakeTimeout: 30 }), (s) => s.close());
    const before = await settledHeap();
    const floods = [flood(0), flood(1)];
    const raws = await clients(server.port, CONNECTIONS);
    await until(() => server.peers.length === CONNECTIONS, 'every connection');
    for (const peer of server.peers) await peer.waitForOpen({ timeoutMs: 5000 });
    raws.forEach((raw, i) => raw.socket.write(floods[i % 2] as Buffer));
    await whenSteady(() => budget.used, 'the queued memory');
    const heap = (await settledHeap()) - before;
    expect(budget.peak).toBeLessThanOrEqual(BUDGET);
    expect(budget.used).toBeGreaterThan(BUDGET - 1024);
    // Before the change: about 1.5–1.75 MiB per connection, 65 MiB in all.
    expect(heap, `heap growth ${(heap / 2 ** 20).toFixed(1)} MiB`).toBeLessThan(BUDGET + CONNECTIONS * PER_CONNECTION);
    expect(server.peers.reduce((sum, peer) => sum + peer.queuedMemory, 0)).toBe(budget.used);

    // Reading one connection makes room for the others, in turn.
    const reader = server.peers.find((peer) => peer.queuedMemory > 0);
    const starved = server.peers.find((peer) => peer.queuedMemory === 0);
    if (reader === undefined || starved === undefined) throw new Error('expected a full and an empty queue');
    await until(() => {
      for (let i = 0; i < 1000 && reader.getAvailablePacketCount() > 0; i++) reader.getPacket();
      return starved.queuedMemory > 0;
    }, 'a waiting connection to get room', 10_000);
    expect(budget.peak).toBeLessThanOrEqual(BUDGET);
  }, 60_000);

  it('a WebSocketMultiplayerPeer: its budget bounds the whole queue, each connection its share', async () => {
    // 40 shares of 64 KiB are more than the 2 MiB budget: both limits bind.
    const SHARE = 64 * 1024;
    const budget = new MemoryBudget(BUDGET / 2);
    const server = scope.add(new WebSocketMultiplayerPeer({ memoryBudget: budget, maxQueuedMemory: SHARE, handshakeTimeout: 30 }), (s) => s.close());
    expect(server.memoryBudget).toBe(budget);
    server.createServer(0, '127.0.0.1');
    await server.waitForConnected({ timeoutMs: 5000 });
    let joined = 0;
    server.on('peerConnected', () => joined++);
    const before = await settledHeap();
    // Empty messages are skipped by Godot's multiplayer peer: one-byte ones are what queues.
    const ones = flood(1);
    const raws = await clients(server.getLocalPort(), CONNECTIONS, async (raw) => {
      expect((await raw.readFrame()).payload).toHaveLength(4); // the client's id
    });
    await until(() => joined === CONNECTIONS, 'every client joining');
    for (const raw of raws) raw.socket.write(ones);
    await whenSteady(() => budget.used, 'the queued memory');
    const heap = (await settledHeap()) - before;
    expect(budget.peak).toBeLessThanOrEqual(BUDGET / 2);
    expect(server.queuedMemory).toBe(budget.used);
    expect(budget.used).toBeGreaterThan(BUDGET / 2 - 1024);
    // No connection holds more than its maxQueuedMemory (64 KiB of one-byte messages), most hold that.
    // (Reading makes room that others fill, behind the packets counted here.)
    const counts = new Map<number, number>();
    const queued = server.getAvailablePacketCount();
    for (let i = 0; i < queued; i++) {
      const from = server.getPacketPeer();
      counts.set(from, (counts.get(from) ?? 0) + 1);
      server.getPacket();
    }
    const oneByte = packetMemoryCost(new Uint8Array(8).subarray(0, 1));
    for (const count of counts.values()) expect(count * oneByte).toBeLessThanOrEqual(SHARE);
    const full = [...counts.values()].filter((count) => count * oneByte > SHARE - oneByte).length;
    expect(full).toBeGreaterThanOrEqual(BUDGET / 2 / SHARE - 1);
    expect(heap, `heap growth ${(heap / 2 ** 20).toFixed(1)} MiB`).toBeLessThan(BUDGET / 2 + CONNECTIONS * PER_CONNECTION);
  }, 60_000);
});
