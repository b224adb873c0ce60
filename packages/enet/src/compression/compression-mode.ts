/**
 * `ENetConnection.CompressionMode` and the compressors as Godot frames them (`enet_connection.cpp`
 * `Compressor`, `core/io/compression.cpp`). Nothing on the wire names the mode: both ends must be
 * set to the same one.
 */
import { deflateSync, inflateSync } from 'node:zlib';
import type { Compressor } from '../protocol/compressor.js';
import { RangeCoder } from '../protocol/range-coder.js';
import { fastlzCompress, fastlzDecompress } from './fastlz.js';
import { loadZstd, zstdBackend } from './zstd.js';

/**
 * `ENetConnection.CompressionMode`: how datagrams are compressed (`compress(mode)`); both ends must use the
 * same mode.
 */
export const CompressionMode = {
  /** No compression (Godot's default): the most bandwidth, the least CPU; useful when debugging the wire. */
  COMPRESS_NONE: 0,
  /**
   * ENet's built-in range coder (`enet_host_compress_with_range_coder`): good on small packets, weak above
   * about 4 KiB.
   */
  COMPRESS_RANGE_CODER: 1,
  /** FastLZ: less CPU than zlib, more bandwidth. */
  COMPRESS_FASTLZ: 2,
  /** zlib (deflate with the zlib wrapper): less bandwidth than FastLZ, more CPU. */
  COMPRESS_ZLIB: 3,
  /** Zstandard: weak on packets under about 4 KiB, where the other modes do better. */
  COMPRESS_ZSTD: 4,
} as const;
/** One of the {@link CompressionMode} values. */
export type CompressionMode = (typeof CompressionMode)[keyof typeof CompressionMode];

/** Godot's `compression/formats/zlib/compression_level` default (zlib's default, 6). */
export const ZLIB_LEVEL = -1;
/** Godot's `compression/formats/zstd/compression_level` default. */
export const ZSTD_LEVEL = 3;

function fits(output: Uint8Array, limit: number): Uint8Array | null {
  return output.length > 0 && output.length <= limit ? output : null;
}

/** Godot's MODE_FASTLZ: inputs under 16 bytes are zero-padded to 16 first. */
export class FastLZCompressor implements Compressor {
  compress(input: Uint8Array, limit: number): Uint8Array | null {
    let source = input;
    if (input.length < 16) {
      source = new Uint8Array(16);
      source.set(input);
    }
    return fits(fastlzCompress(source), limit);
  }

  decompress(input: Uint8Array, limit: number): Uint8Array | null {
    return fastlzDecompress(input, limit);
  }
}

/** Godot's MODE_DEFLATE: zlib-wrapped deflate, window 15, memLevel 8; inflate must reach the end. */
export class ZlibCompressor implements Compressor {
  /**
   * @param level zlib level, -1 (zlib's default, 6) or 0 … 9; Godot's
   * `compression/formats/zlib/compression_level`.
   */
  constructor(readonly level = ZLIB_LEVEL) {}

  compress(input: Uint8Array, limit: number): Uint8Array | null {
    const out = deflateSync(input, { level: this.level, windowBits: 15, memLevel: 8 });
    return fits(new Uint8Array(out.buffer, out.byteOffset, out.length), limit);
  }

  decompress(input: Uint8Array, limit: number): Uint8Array | null {
    const out = inflateSync(input, { windowBits: 15, maxOutputLength: limit });
    return fits(new Uint8Array(out.buffer, out.byteOffset, out.length), limit);
  }
}

/** Godot's MODE_ZSTD: one zstd frame per datagram. */
export class ZstdCompressor implements Compressor {
  /** @param level zstd level (Godot's `compression/formats/zstd/compression_level`, default 3). */
  constructor(readonly level = ZSTD_LEVEL) {
    if (zstdBackend() === null) void loadZstd().catch(() => {});
  }

  /** Whether zstd is loaded (always on Node 22.15+). */
  get ready(): boolean {
    return zstdBackend() !== null;
  }

  compress(input: Uint8Array, limit: number): Uint8Array | null {
    const backend = zstdBackend();
    return backend === null ? null : fits(backend.compress(input, this.level), limit);
  }

  decompress(input: Uint8Array, limit: number): Uint8Array | null {
    const backend = zstdBackend();
    if (backend === null) return null;
    const out = backend.decompress(input, limit);
    return out === null ? null : fits(out, limit);
  }
}

/** The compressor for a mode (null for COMPRESS_NONE). */
export function createCompressor(mode: CompressionMode): Compressor | null {
  switch (mode) {
    case CompressionMode.COMPRESS_NONE:
      return null;
    case CompressionMode.COMPRESS_RANGE_CODER:
      return new RangeCoder();
    case CompressionMode.COMPRESS_FASTLZ:
      return new FastLZCompressor();
    case CompressionMode.COMPRESS_ZLIB:
      return new ZlibCompressor();
    case CompressionMode.COMPRESS_ZSTD:
      return new ZstdCompressor();
    default:
      throw new RangeError(`Unknown compression mode ${String(mode)}`);
  }
}
