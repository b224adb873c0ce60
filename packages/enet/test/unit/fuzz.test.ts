/**
 * Seeded fuzzing of the engine: random datagrams and mutations of real ones, fed to a host with
 * live connections, uncompressed and with each compressor. The invariants: nothing throws, the
 * per-peer buffers stay within their limits, and the host still serves an honest client after.
 */
import { describe, expect, it } from 'vitest';
import { CompressionMode, createCompressor } from '../../src/compression/compression-mode.js';
import { loadZstd } from '../../src/compression/zstd.js';
import { EventType, Packet, PacketFlag } from '../../src/protocol/index.js';
import { pattern } from '../support/bytes.js';
import { SimNetwork, rng } from '../support/sim.js';

const RANDOM = 6000;
const MUTATED = 6000;

/** A session whose client datagrams become the mutation corpus. */
function corpusSession(mode: CompressionMode) {
  const net = new SimNetwork();
  const server = net.add({ peerCount: 8, maximumWaitingData: 2_000_000, maximumPacketSize: 1_000_000, compressor: createCompressor(mode) });
  const client = net.add({ peerCount: 1, compressor: createCompressor(mode) });
  const peer = client.host.connect(server.address, 4, 5, net.now)!;
  net.until(() => server.events.some((e) => e.type === EventType.CONNECT));
  for (let i = 0; i < 40; i++) {
    peer.send(i % 4, new Packet(pattern(i % 7 === 0 ? 4000 : 30 + i, i), [PacketFlag.RELIABLE, 0, PacketFlag.UNSEQUENCED, PacketFlag.UNRELIABLE_FRAGMENT][i % 4]!));
  }
  peer.throttleConfigure(3000, 3, 3);
  net.run(2000);
  return { net, server, client, corpus: client.sent.map((s) => s.data) };
}

function fuzz(mode: CompressionMode, seed: number) {
  const { net, server, client, corpus } = corpusSession(mode);
  const random = rng(seed);
  const byte = () => Math.floor(random() * 256);
  const slot = server.host.peers.find((p) => p.address.port === client.address.port)!;
  const started = performance.now();
  let fed = 0;

  for (let i = 0; i < RANDOM; i++) {
    const length = Math.floor(random() * 200);
    const data = new Uint8Array(length);
    for (let j = 0; j < length; j++) data[j] = byte();
    if (length >= 2 && random() < 0.7) {
      // Address the live slot with its session so the commands get parsed.
      const word = (data[0]! & 0xc0) << 8 | (slot.incomingSessionID << 12) | slot.incomingPeerID;
      data[0] = word >> 8;
      data[1] = word & 0xff;
    }
    server.host.receive(data, client.address, net.now);
    fed++;
    if (i % 500 === 0) net.run(20);
  }

  for (let i = 0; i < MUTATED; i++) {
    const base = corpus[Math.floor(random() * corpus.length)]!;
    let data = base.slice();
    const edits = 1 + Math.floor(random() * 4);
    for (let e = 0; e < edits; e++) {
      const kind = random();
      if (kind < 0.6 && data.length > 0) data[Math.floor(random() * data.length)] = byte();
      else if (kind < 0.8) data = data.subarray(0, Math.floor(random() * (data.length + 1)));
      else {
        const grown = new Uint8Array(data.length + 1 + Math.floor(random() * 40));
        grown.set(data);
        for (let j = data.length; j < grown.length; j++) grown[j] = byte();
        data = grown;
      }
    }
    server.host.receive(data, client.address, net.now);
    fed++;
    if (i % 500 === 0) net.run(20);
    for (const peer of server.host.peers) {
      expect(peer.totalWaitingData).toBeLessThanOrEqual(server.host.maximumWaitingData + server.host.maximumPacketSize);
    }
  }
  const elapsed = performance.now() - started;
  net.run(40_000);
  return { net, server, fed, elapsed };
}

describe('fuzz', () => {
  for (const [mode, seed] of [[CompressionMode.COMPRESS_NONE, 1], [CompressionMode.COMPRESS_RANGE_CODER, 2], [CompressionMode.COMPRESS_FASTLZ, 3], [CompressionMode.COMPRESS_ZLIB, 4], [CompressionMode.COMPRESS_ZSTD, 5]] as const) {
    it(`mode ${mode}: ${RANDOM} random and ${MUTATED} mutated datagrams, no throw, bounded, still serving`, async () => {
      await loadZstd();
      const { net, server, fed, elapsed } = fuzz(mode, seed);
      console.log(`fuzz mode ${mode}: ${fed} datagrams in ${elapsed.toFixed(0)} ms (${((elapsed * 1000) / fed).toFixed(1)} µs each)`);
      const honest = net.add({ peerCount: 1, compressor: createCompressor(mode) });
      const peer = honest.host.connect(server.address, 1, 77, net.now)!;
      net.until(() => honest.events.some((e) => e.type === EventType.CONNECT), 10_000);
      peer.send(0, new Packet(pattern(5000, 9), PacketFlag.RELIABLE));
      net.run(1000);
      expect(server.take(EventType.RECEIVE).some((e) => e.packet!.data.length === 5000)).toBe(true);
    }, 60_000);
  }
});
