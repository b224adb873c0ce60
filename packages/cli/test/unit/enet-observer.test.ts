/**
 * The passive ENet observer between two real @pp/enet engines: every packet ENet delivers is
 * reported exactly once, whole, with its channel, flags and sequence numbers, in both
 * directions — also through seeded loss and duplication on either side of it (retransmissions
 * marked), with each of Godot's compressors (found by itself), and with the CRC32 checksum.
 */
import { seededRandom } from '@pp/core';
import { CompressionMode, FastLZCompressor, RangeCoder, ZlibCompressor, ZstdCompressor, crc32, loadZstd, protocol, type Compressor } from '@pp/enet';
import { beforeAll, describe, expect, it } from 'vitest';
import { EnetObserver } from '../../src/index.js';
import { EnetWire, type Observed } from '../support/enet-wire.js';

const { Packet, PacketFlag } = protocol;

function pattern(length: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

/** Compressible bytes (a compressor only applies when the datagram shrinks). */
function text(length: number, seed: number): Uint8Array {
  const words = ['player', 'position', 'velocity', 'health', 'ammo'];
  let out = '';
  for (let i = 0; out.length < length; i++) out += `${words[(i + seed) % words.length]}:${i % 10};`;
  return new TextEncoder().encode(out.slice(0, length));
}

interface Sent {
  channel: number;
  flags: number;
  data: Uint8Array;
}

/** A mix: reliable on three channels, sequenced and unsequenced unreliable, and fragmented ones (reliable and unreliable). */
function traffic(make: (length: number, seed: number) => Uint8Array = pattern): Sent[] {
  const sent: Sent[] = [];
  for (let i = 0; i < 30; i++) {
    sent.push({ channel: i % 3, flags: PacketFlag.RELIABLE, data: make(10 + i * 7, i) });
    if (i % 3 === 0) sent.push({ channel: 3, flags: 0, data: make(20 + i, 100 + i) });
    if (i % 5 === 0) sent.push({ channel: 3, flags: PacketFlag.UNSEQUENCED, data: make(12, 200 + i) });
    if (i % 10 === 0) sent.push({ channel: 1, flags: PacketFlag.RELIABLE, data: make(5000 + i, 300 + i) });
    if (i === 15) sent.push({ channel: 3, flags: PacketFlag.UNRELIABLE_FRAGMENT, data: make(3000, 400) });
  }
  return sent;
}

function sendAll(wire: EnetWire, peer: protocol.Peer, sent: Sent[]): void {
  for (const [i, s] of sent.entries()) {
    expect(peer.send(s.channel, new Packet(s.data, s.flags))).toBe(0);
    if (i % 4 === 3) wire.until(() => true);
    wire.now += 2;
  }
}

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

function expectSeenOnce(observed: Observed[], sent: Sent[]): void {
  for (const s of sent) {
    const matches = observed.filter((o) => hex(o.bytes) === hex(s.data));
    expect(matches, `a ${s.data.length}-byte packet on channel ${s.channel}`).toHaveLength(1);
    const [o] = matches as [Observed];
    expect(o.info.channel).toBe(s.channel);
    const fragmented = s.data.length > 1364;
    const flags = s.flags === PacketFlag.RELIABLE ? 1 : s.flags === PacketFlag.UNSEQUENCED ? 2 : fragmented && s.flags === PacketFlag.UNRELIABLE_FRAGMENT ? 8 : 0;
    expect(o.info.flags).toBe(flags);
    expect(o.frame).toBe(s.flags === PacketFlag.RELIABLE ? 'reliable' : s.flags === PacketFlag.UNSEQUENCED ? 'unsequenced' : 'unreliable');
    expect(o.info.fragments).toBe(fragmented ? Math.ceil(s.data.length / 1364) : 1);
  }
}

function run(wire: EnetWire): { toServer: Sent[]; toClient: Sent[] } {
  const peer = wire.connect(4, 4242);
  const toServer = traffic();
  const toClient = traffic((length, seed) => pattern(length, seed + 1000));
  sendAll(wire, peer, toServer);
  sendAll(wire, wire.serverPeer(), toClient);
  const reliable = (list: Sent[]) => list.filter((s) => s.flags === PacketFlag.RELIABLE).length;
  wire.until(() => wire.receivedBy('server').filter((e) => (e.packet?.flags ?? 0) & 1).length === reliable(toServer) &&
    wire.receivedBy('client').filter((e) => (e.packet?.flags ?? 0) & 1).length === reliable(toClient));
  return { toServer, toClient };
}

describe('EnetObserver between two ENet engines', () => {
  beforeAll(async () => {
    await loadZstd();
  });

  it('reports every packet once, whole, with its channel, flags and fragments, both ways; the handshake with the CONNECT data', () => {
    const wire = new EnetWire();
    const { toServer, toClient } = run(wire);
    expectSeenOnce(wire.packets.filter((p) => p.direction === 'c2s'), toServer);
    expectSeenOnce(wire.packets.filter((p) => p.direction === 's2c'), toClient);
    expect(wire.packets).toHaveLength(toServer.length + toClient.length);
    expect(wire.packets.every((p) => p.info.connectData === 4242 && !p.info.late && !p.info.stale && p.info.repeats === 0)).toBe(true);
    expect(wire.undecodable).toEqual([]);
    expect(wire.protocol.filter((p) => p.what === 'retransmission' || p.what === 'duplicate')).toEqual([]);
    const connect = wire.protocol.find((p) => p.what === 'connect');
    expect(connect?.direction).toBe('c2s');
    expect(connect?.text).toMatch(/asks for 4 channel\(s\), mtu 1392.*data 4242/);
    expect(wire.protocol.find((p) => p.what === 'verify_connect')?.text).toMatch(/accepts 4 channel/);
    // Reliable sequence numbers count per channel from 1.
    const onChannel2 = wire.packets.filter((p) => p.direction === 'c2s' && p.info.channel === 2);
    expect(onChannel2.map((p) => p.info.sequence)).toEqual(onChannel2.map((_, i) => i + 1));
  });

  it('reports a disconnection in the direction it was sent', () => {
    const wire = new EnetWire();
    const peer = wire.connect(2, 7);
    peer.disconnect(99);
    wire.until(() => wire.received.server.some((e) => e.type === protocol.EventType.DISCONNECT));
    expect(wire.protocol.find((p) => p.what === 'disconnect')).toMatchObject({ direction: 'c2s', text: 'DISCONNECT: data 99' });
  });

  for (const [side, seed] of [['front', 3], ['behind', 4], ['both', 5]] as const) {
    it(`through 15 % loss, 5 % duplicates and reordering ${side === 'front' ? 'before the proxy' : side === 'behind' ? 'after the proxy' : 'on both sides'}: each delivered packet once, repeats reported`, () => {
      const lossy = { loss: 0.15, duplicate: 0.05, jitter: 20 };
      const wire = new EnetWire({}, {}, side === 'behind' ? null : lossy, side === 'front' ? null : lossy, seed);
      const { toServer, toClient } = run(wire);
      const reliable = (list: Sent[]) => list.filter((s) => s.flags === PacketFlag.RELIABLE);
      // Everything ENet delivered reliably passed the proxy and was reported exactly once.
      expectSeenOnce(wire.packets.filter((p) => p.direction === 'c2s'), reliable(toServer));
      expectSeenOnce(wire.packets.filter((p) => p.direction === 's2c'), reliable(toClient));
      // Nothing is reported twice, unreliable ones included.
      const all = wire.packets.map((p) => `${p.direction}:${hex(p.bytes)}`);
      expect(new Set(all).size).toBe(all.length);
      // Every unreliable packet the receiver got was reported.
      for (const [direction, side2] of [['c2s', 'server'], ['s2c', 'client']] as const) {
        const shown = new Set(wire.packets.filter((p) => p.direction === direction).map((p) => hex(p.bytes)));
        for (const e of wire.receivedBy(side2)) expect(shown.has(hex(e.packet!.data))).toBe(true);
      }
      const repeats = wire.protocol.filter((p) => p.what === 'retransmission' || p.what === 'duplicate');
      expect(repeats.length).toBeGreaterThan(0);
      // A repeat names packets reported before it, in its own direction.
      for (const r of repeats) {
        for (const index of r.packets ?? []) expect(wire.packets[index]!.direction).toBe(r.direction);
      }
      if (side !== 'behind') expect(wire.packets.some((p) => p.info.late)).toBe(true);
      if (side !== 'front') expect(repeats.some((r) => r.what === 'retransmission' && (r.packets?.length ?? 0) > 0)).toBe(true);
      expect(wire.undecodable).toEqual([]);
    });
  }

  const COMPRESSORS: Array<[CompressionMode, () => Compressor]> = [
    [CompressionMode.COMPRESS_RANGE_CODER, () => new RangeCoder()],
    [CompressionMode.COMPRESS_FASTLZ, () => new FastLZCompressor()],
    [CompressionMode.COMPRESS_ZLIB, () => new ZlibCompressor()],
    [CompressionMode.COMPRESS_ZSTD, () => new ZstdCompressor()],
  ];
  for (const [mode, make] of COMPRESSORS) {
    it(`finds compression mode ${mode} by itself and reads every packet`, () => {
      const wire = new EnetWire({ client: { compressor: make() }, server: { compressor: make() } });
      const peer = wire.connect(4, 1);
      const sent = traffic(text);
      sendAll(wire, peer, sent);
      wire.until(() => wire.receivedBy('server').filter((e) => (e.packet?.flags ?? 0) & 1).length === sent.filter((s) => s.flags === 1).length);
      expect(wire.observer.compression).toBe(mode);
      expectSeenOnce(wire.packets.filter((p) => p.direction === 'c2s'), sent.filter((s) => s.flags === 1));
      expect(wire.undecodable).toEqual([]);
    });
  }

  it('shows compressed datagrams no known compressor reads as undecodable, with the reason, and goes on', () => {
    // A compressor of its own: XOR with 0x5a (never what Godot uses).
    // A compressor of its own (never one of Godot's): drop the first byte, XOR the rest with 0x5a.
    const xor: Compressor = { compress: (input) => input.slice(1).map((b) => b ^ 0x5a), decompress: () => null };
    const client = new protocol.Host({ peerCount: 1, compressor: xor, seed: 3 });
    const reports: string[] = [];
    const watcher = new EnetObserver({ packet: () => 0, protocol: () => {}, undecodable: (_d, _b, reason) => void reports.push(reason) });
    client.connect({ ip: '10.0.0.2', port: 7000 }, 2, 0, 1);
    client.flush(1);
    for (let t = client.pollTransmit(); t !== null; t = client.pollTransmit()) watcher.datagram('c2s', t.data);
    expect(reports.length).toBeGreaterThan(0);
    expect(reports[0]).toMatch(/no known compressor decodes \(tried range-coder, zstd, zlib, fastlz\): an unknown compressor/);
  });

  it('reads CRC32-checked datagrams with checksum: true, and reports a corrupted one', () => {
    const wire = new EnetWire({ client: { checksum: crc32 }, server: { checksum: crc32 } }, { checksum: true });
    const peer = wire.connect(2, 5);
    peer.send(0, new Packet(pattern(100, 1), PacketFlag.RELIABLE));
    wire.until(() => wire.receivedBy('server').length === 1);
    expect(wire.packets.map((p) => hex(p.bytes))).toEqual([hex(pattern(100, 1))]);
    expect(wire.undecodable).toEqual([]);
    // The same datagram with one payload byte changed fails the check.
    peer.send(0, new Packet(pattern(50, 2), PacketFlag.RELIABLE));
    wire.client.flush(wire.now);
    const datagram = wire.client.pollTransmit()!.data.slice();
    datagram[datagram.length - 1]! ^= 1;
    wire.observer.datagram('c2s', datagram);
    expect(wire.undecodable.at(-1)?.reason).toMatch(/CRC32 checksum does not match/);
  });

  it('only ever reports random and mutated datagrams as undecodable or packets, never throws, and stays usable (seeded)', () => {
    const wire = new EnetWire();
    const peer = wire.connect(3, 9);
    const samples: Uint8Array[] = [];
    peer.send(0, new Packet(pattern(4000, 9), PacketFlag.RELIABLE));
    wire.client.flush(wire.now);
    for (let t = wire.client.pollTransmit(); t !== null; t = wire.client.pollTransmit()) samples.push(t.data);
    const random = seededRandom(77);
    const thrown: unknown[] = [];
    for (let i = 0; i < 1500; i++) {
      const base = samples[i % samples.length]!;
      const bytes = i % 3 === 0 ? Uint8Array.from({ length: Math.floor(random() * 80) }, () => Math.floor(random() * 256)) : base.slice();
      if (i % 3 !== 0) for (let k = 0; k < 1 + Math.floor(random() * 4); k++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      try {
        wire.observer.datagram(i % 2 === 0 ? 'c2s' : 's2c', bytes);
      } catch (error) {
        thrown.push(error);
      }
    }
    expect(thrown).toEqual([]);
    expect(wire.undecodable.length).toBeGreaterThan(100);
    // Still reads real traffic afterwards.
    const before = wire.packets.length;
    peer.send(2, new Packet(pattern(30, 10), PacketFlag.RELIABLE));
    wire.until(() => wire.receivedBy('server').some((e) => e.channelID === 2));
    expect(wire.packets.slice(before).some((p) => hex(p.bytes) === hex(pattern(30, 10)))).toBe(true);
  }, 60_000);

  it('refuses a fragment total above maxPacketSize before allocating, and keeps reassembly within maxWaitingData', () => {
    const wire = new EnetWire({}, { maxPacketSize: 4096, maxWaitingData: 8000 });
    const peer = wire.connect(2, 1);
    peer.send(0, new Packet(pattern(5000, 1), PacketFlag.RELIABLE));
    wire.until(() => wire.receivedBy('server').length === 1);
    expect(wire.undecodable.some((u) => /above the largest packet \(4096\)/.test(u.reason))).toBe(true);
    const small = new EnetWire({}, { maxWaitingData: 3000 });
    const p2 = small.connect(2, 1);
    p2.send(0, new Packet(pattern(4000, 2), PacketFlag.RELIABLE));
    small.until(() => small.receivedBy('server').length === 1);
    expect(small.protocol.some((p) => p.what === 'fragments' && /not reassembled/.test(p.text))).toBe(true);
  });
});
