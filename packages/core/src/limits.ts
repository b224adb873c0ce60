/** Godot's limits, shared by the codec and the packet peers. Each is also an option somewhere. */

/** `Variant::MAX_RECURSION_DEPTH`: deepest nesting the codec accepts (top level is depth 0). */
export const MAX_RECURSION_DEPTH = 1024;

/** Default `PacketPeer.encode_buffer_max_size`: 8 MiB. */
export const DEFAULT_ENCODE_BUFFER_MAX_SIZE = 8 * 1024 * 1024;

/** Smallest accepted `encode_buffer_max_size`. */
export const MIN_ENCODE_BUFFER_MAX_SIZE = 1024;

/** Largest accepted `encode_buffer_max_size`: 256 MiB. */
export const MAX_ENCODE_BUFFER_MAX_SIZE = 256 * 1024 * 1024;

/**
 * Godot's `next_power_of_2` for sizes up to 2^32: the smallest power of two `>= n`
 * (0 stays 0).
 */
export function nextPowerOfTwo(n: number): number {
  if (n <= 0) return 0;
  return 2 ** (32 - Math.clz32(n - 1));
}
