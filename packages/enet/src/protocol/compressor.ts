/**
 * A datagram compressor (`ENetCompressor`). Both ends must use the same one: nothing on the wire
 * names it. Implementations return null on failure (the datagram then goes out uncompressed, or
 * a received one is dropped); they may throw, which counts as failure.
 */
export interface Compressor {
  /** Compresses the command bytes of one datagram into at most `limit` bytes. */
  compress(input: Uint8Array, limit: number): Uint8Array | null;
  /** Decompresses one datagram's command bytes; the result must not exceed `limit` bytes. */
  decompress(input: Uint8Array, limit: number): Uint8Array | null;
}

/** CRC-32 of `data` as ENet's `enet_crc32` computes it, for the optional datagram checksum. */
export type ChecksumFunction = (data: Uint8Array) => number;
