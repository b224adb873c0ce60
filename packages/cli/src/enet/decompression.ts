/**
 * Undoing ENet's datagram compression as an observer. Nothing on the wire names the compressor
 * (both ends are simply set to the same one), so in `auto` mode each of Godot's compressors is
 * tried on the first compressed datagram and the one whose output reads as whole ENet commands
 * is kept for the flow (and tried first from then on; another is looked for if it ever fails).
 */
import { CompressionMode, FastLZCompressor, RangeCoder, ZlibCompressor, ZstdCompressor, protocol, type Compressor } from '@pp/enet';
import { readCommands, type DatagramHeader } from './datagram.js';

/** `auto`, or one of Godot's `CompressionMode`s. */
export type CompressionChoice = 'auto' | CompressionMode;

export const COMPRESSION_NAMES: Record<CompressionMode, string> = {
  [CompressionMode.COMPRESS_NONE]: 'none',
  [CompressionMode.COMPRESS_RANGE_CODER]: 'range-coder',
  [CompressionMode.COMPRESS_FASTLZ]: 'fastlz',
  [CompressionMode.COMPRESS_ZLIB]: 'zlib',
  [CompressionMode.COMPRESS_ZSTD]: 'zstd',
};

interface Candidate {
  mode: CompressionMode;
  compressor: Compressor;
}

function candidates(): Candidate[] {
  return [
    { mode: CompressionMode.COMPRESS_RANGE_CODER, compressor: new RangeCoder() },
    { mode: CompressionMode.COMPRESS_ZSTD, compressor: new ZstdCompressor() },
    { mode: CompressionMode.COMPRESS_ZLIB, compressor: new ZlibCompressor() },
    { mode: CompressionMode.COMPRESS_FASTLZ, compressor: new FastLZCompressor() },
  ];
}

export type Expanded = { bytes: Uint8Array; mode: CompressionMode } | { error: string };

export class Decompression {
  readonly #candidates: Candidate[];
  #current: Candidate | null = null;

  constructor(readonly choice: CompressionChoice) {
    this.#candidates = choice === 'auto' ? candidates() : candidates().filter((c) => c.mode === choice);
  }

  /** The compressor in use, once known. */
  get detected(): CompressionMode | null {
    return this.#current?.mode ?? null;
  }

  /** The datagram with its commands decompressed (header kept), or why that is not possible. */
  expand(bytes: Uint8Array, header: DatagramHeader): Expanded {
    if (this.choice === CompressionMode.COMPRESS_NONE) {
      return { error: 'a compressed datagram, but --compress none was given (the game uses a compression_mode)' };
    }
    const limit = protocol.PROTOCOL_MAXIMUM_MTU - header.size;
    const body = bytes.subarray(header.size);
    const order = this.#current === null ? this.#candidates : [this.#current, ...this.#candidates.filter((c) => c !== this.#current)];
    for (const candidate of order) {
      const out = attempt(candidate.compressor, body, limit);
      if (out === null) continue;
      const joined = new Uint8Array(header.size + out.length);
      joined.set(bytes.subarray(0, header.size));
      joined.set(out, header.size);
      const parsed = readCommands(joined, header.size);
      if (parsed.error !== null || parsed.commands.length === 0) continue;
      this.#current = candidate;
      return { bytes: joined, mode: candidate.mode };
    }
    const tried = this.#candidates.map((c) => COMPRESSION_NAMES[c.mode]).join(', ');
    return { error: `a compressed datagram that no known compressor decodes (tried ${tried}): an unknown compressor, or corrupt (the receiver drops it)` };
  }
}

function attempt(compressor: Compressor, body: Uint8Array, limit: number): Uint8Array | null {
  try {
    const out = compressor.decompress(body, limit);
    return out !== null && out.length > 0 && out.length <= limit ? out : null;
  } catch {
    return null;
  }
}
