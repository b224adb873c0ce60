import { describe, expect, it } from 'vitest';
import {
  CompressionMode, FastLZCompressor, ZlibCompressor, ZstdCompressor, createCompressor,
} from '../../src/compression/compression-mode.js';
import { fastlzCompress, fastlzDecompress } from '../../src/compression/fastlz.js';
import { loadZstd, zstdFrameContentSize } from '../../src/compression/zstd.js';
import { EventType, Packet, PacketFlag } from '../../src/protocol/index.js';
import { expectBytes, pattern } from '../support/bytes.js';
import { SimNetwork, rng } from '../support/sim.js';

function samples(): Uint8Array[] {
  const random = rng(21);
  const out: Uint8Array[] = [new Uint8Array(1), new Uint8Array(3), new Uint8Array(15), pattern(16, 1), pattern(1400, 2)];
  for (let i = 0; i < 200; i++) {
    const length = 1 + Math.floor(random() * 3000);
    const data = new Uint8Array(length);
    const alphabet = 1 + Math.floor(random() * 40);
    for (let j = 0; j < length; j++) data[j] = random() < 0.3 ? data[Math.max(0, j - 1 - Math.floor(random() * 20))]! : Math.floor(random() * alphabet);
    out.push(data);
  }
  out.push(new Uint8Array(60_000).fill(7));
  return out;
}

describe('FastLZ', () => {
  it('round-trips, and marks level 1 in the first byte', () => {
    for (const data of samples()) {
      const compressed = fastlzCompress(data);
      expect(compressed[0]! >> 5).toBe(0);
      expectBytes(fastlzDecompress(compressed, data.length), data);
    }
  });

  it('a run compresses to a few bytes', () => {
    const data = new Uint8Array(100).fill(0x41);
    const compressed = fastlzCompress(data);
    expect(compressed.length).toBeLessThanOrEqual(12);
    expectBytes(fastlzDecompress(compressed, 100), data);
    // Decoding needs room for the whole output.
    expect(fastlzDecompress(compressed, 99)).toBeNull();
  });

  it('rejects garbage without throwing, never past the limit', () => {
    const random = rng(4);
    for (let i = 0; i < 3000; i++) {
      const input = new Uint8Array(1 + Math.floor(random() * 200));
      for (let j = 0; j < input.length; j++) input[j] = Math.floor(random() * 256);
      const out = fastlzDecompress(input, 4092);
      if (out !== null) expect(out.length).toBeLessThanOrEqual(4092);
    }
    expect(fastlzDecompress(new Uint8Array(0), 10)).toBeNull();
    expect(fastlzDecompress(Uint8Array.of(0xe0, 0, 0), 10)).toBeNull(); // level 8: unknown
  });

  it("Godot's framing pads inputs under 16 bytes with zeros", () => {
    const compressor = new FastLZCompressor();
    const small = Uint8Array.of(1, 2, 3);
    const out = compressor.compress(small, 100)!;
    const back = compressor.decompress(out, 4092)!;
    expect(back.length).toBe(16);
    expect([...back.subarray(0, 3)]).toEqual([1, 2, 3]);
    expect(back.subarray(3).every((b) => b === 0)).toBe(true);
  });
});

describe('zlib and zstd as Godot frames them', () => {
  it('zlib: RFC 1950 stream, round-trips, refuses truncated and oversized output', () => {
    const compressor = new ZlibCompressor();
    const data = pattern(2000, 3).map((b) => b & 7);
    const out = compressor.compress(data, 4000)!;
    expect(out[0]).toBe(0x78);
    expectBytes(compressor.decompress(out, 4092), data);
    expect(() => compressor.decompress(out.subarray(0, out.length - 3), 4092)).toThrow();
    expect(() => compressor.decompress(out, 1000)).toThrow();
  });

  it('zstd: one frame with its content size, round-trips, refuses oversized frames', async () => {
    await loadZstd();
    const compressor = new ZstdCompressor();
    expect(compressor.ready).toBe(true);
    const data = pattern(3000, 3).map((b) => b & 3);
    const out = compressor.compress(data, 4000)!;
    expect(zstdFrameContentSize(out)).toBe(3000);
    expectBytes(compressor.decompress(out, 4092), data);
    expect(compressor.decompress(out, 2000) ?? null).toBeNull();
  });

  it('zstd frame header: sizes in every field width, and non-frames', () => {
    const header = (descriptor: number, ...rest: number[]) => Uint8Array.of(0x28, 0xb5, 0x2f, 0xfd, descriptor, ...rest, 0, 0, 0, 0, 0, 0, 0, 0);
    expect(zstdFrameContentSize(header(0x20, 200))).toBe(200); // single segment, 1-byte size
    expect(zstdFrameContentSize(header(0x40, 0x58, 0x10, 0x00))).toBe(0x0010 + 256); // window byte, 2-byte size
    expect(zstdFrameContentSize(header(0x00, 0x58))).toBe(-1); // no size
    expect(zstdFrameContentSize(Uint8Array.of(1, 2, 3, 4, 5, 6))).toBe(-1);
  });

  for (const mode of [CompressionMode.COMPRESS_RANGE_CODER, CompressionMode.COMPRESS_FASTLZ, CompressionMode.COMPRESS_ZLIB, CompressionMode.COMPRESS_ZSTD]) {
    it(`mode ${mode}: two engines exchange compressed datagrams`, async () => {
      await loadZstd();
      const net = new SimNetwork();
      const server = net.add({ compressor: createCompressor(mode) });
      const client = net.add({ peerCount: 1, compressor: createCompressor(mode) });
      const peer = client.host.connect(server.address, 2, 1, net.now)!;
      net.until(() => server.events.some((e) => e.type === EventType.CONNECT));
      const data = new Uint8Array(20_000).map((_, i) => (i % 13) * 3);
      peer.send(1, new Packet(data, PacketFlag.RELIABLE));
      net.run(2000);
      const received = server.take(EventType.RECEIVE);
      expect(received).toHaveLength(1);
      expectBytes(received[0]!.packet!.data, data);
      const compressed = client.sent.filter((s) => (s.data[0]! & 0x40) !== 0);
      expect(compressed.length).toBeGreaterThan(5);
    });
  }
});
