/**
 * What a received packet really costs while it waits to be read. Godot's limits count wire
 * bytes (a ring of 65536 bytes holds 16384 empty PacketPeerStream frames), but in JavaScript
 * every waiting packet is also a few objects: an empty frame costs about 150 heap bytes, not 4.
 * Queues charge each packet {@link packetMemoryCost} against their memory limits, so a peer
 * flooded with tiny packets is bounded in heap bytes, not only in wire bytes.
 *
 * The figures were measured on Node.js 20 (x64) with `process.memoryUsage()` after a full GC,
 * 200,000 objects at a time; `bench/src/queue-memory.ts` measures whole flooded servers and
 * the tests check that what a queue charges is not less than what its packets hold.
 */

/** The queue's entry for a packet (an object of two fields), its array slot and the array's spare room. */
export const QUEUE_ENTRY_BYTES = 64;

/** A `Uint8Array` object (a view of a buffer it shares with other arrays). */
export const ARRAY_VIEW_BYTES = 96;

/** An `ArrayBuffer` of the array's own (what Node gives every UDP datagram). */
export const ARRAY_BUFFER_BYTES = 112;

/**
 * The one empty packet: every empty packet a peer receives is this array, so that a flood of
 * empty packets costs no array per packet. Frozen: there is nothing in it to change.
 */
export const EMPTY_PACKET: Uint8Array = Object.freeze(new Uint8Array(0)) as Uint8Array;

/**
 * Heap bytes a queued packet holds: its bytes, its array, its queue entry, and with `ownBuffer`
 * its `ArrayBuffer` (a queue is told which kind its transport gives it: asking the array would
 * cost more than the rest of the queue's work, `byteOffset` and `buffer` being slow getters).
 */
export function packetMemoryCost(data: Uint8Array, ownBuffer = false): number {
  if (data === EMPTY_PACKET) return QUEUE_ENTRY_BYTES;
  return QUEUE_ENTRY_BYTES + ARRAY_VIEW_BYTES + (ownBuffer ? ARRAY_BUFFER_BYTES : 0) + data.length;
}

/**
 * An upper bound of {@link packetMemoryCost} for a packet of `length` bytes not received yet
 * (what a pull-style transport asks room for before it reads the packet).
 */
export function packetMemoryEstimate(length: number): number {
  return length === 0 ? QUEUE_ENTRY_BYTES : QUEUE_ENTRY_BYTES + ARRAY_VIEW_BYTES + ARRAY_BUFFER_BYTES + length;
}
