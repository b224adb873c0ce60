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

/**
 * Godot's `nearest_shift(n)`: the index of `n`'s highest set bit + 1 (0 for 0), looking at bits
 * 30 … 0 only, as Godot does.
 */
export function nearestShift(n: number): number {
  const bits = n & 0x7fffffff;
  return bits === 0 ? 0 : 32 - Math.clz32(bits);
}

/**
 * The size of the ring buffer Godot allocates for a buffer size `n` (UDP's `recv_buf_size`,
 * WebSocket's `inbound_buffer_size`): 2^nearest_shift(n) bytes. Such a ring holds one byte
 * less ({@link ringCapacity}).
 */
export function ringSize(n: number): number {
  return 2 ** nearestShift(n);
}

/** Bytes a Godot `RingBuffer` of `size` bytes holds: it keeps one free (0 for an empty ring). */
export function ringCapacity(size: number): number {
  return Math.max(0, size - 1);
}
