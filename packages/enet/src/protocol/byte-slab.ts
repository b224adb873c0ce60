/**
 * Short-lived byte arrays carved out of shared slabs. In V8 every `new Uint8Array(n)` beyond a
 * few dozen bytes allocates its own zeroed backing store (about 1.5 µs for 1000 bytes, and GC
 * work later); a view into a slab costs a small object. The engine makes two such arrays per
 * packet (the sender's copy, the finished datagram), so this is a third of its time per echo.
 *
 * Each region is handed out once and never written again by the slab: a view stays valid for as
 * long as anyone holds it, and a slab is freed when no view of it is left. The price is that one
 * long-held view keeps its whole slab (`SLAB_SIZE`) alive, so only arrays the engine lets go of
 * soon (acknowledged packets, sent datagrams) come from here, never packets handed to the
 * application.
 */

const SLAB_SIZE = 32 * 1024;
/** Larger arrays get their own backing store: a slab would fit too few of them to pay off. */
const LARGEST_PIECE = 4 * 1024;

let slab = new Uint8Array(SLAB_SIZE);
let slabView = new DataView(slab.buffer);
let used = 0;
/** End of the region a datagram is being built in (see {@link reserveBytes}); 0 when none. */
let reservedUntil = 0;

function freshSlab(): void {
  slab = new Uint8Array(SLAB_SIZE);
  slabView = new DataView(slab.buffer);
  used = 0;
}

/** A fresh, zeroed `length`-byte array. */
export function takeBytes(length: number): Uint8Array {
  // Never inside a region being built: nothing does that today, but it must not corrupt a datagram.
  if (length > LARGEST_PIECE || reservedUntil !== 0) return new Uint8Array(length);
  if (used + length > SLAB_SIZE) freshSlab();
  const piece = slab.subarray(used, used + length);
  used += length;
  return piece;
}

/** A copy of `data` in a fresh array from {@link takeBytes}. */
export function copyBytes(data: Uint8Array): Uint8Array {
  const copy = takeBytes(data.length);
  copy.set(data);
  return copy;
}

/**
 * Where a datagram is built in place: `bytes[at …]` (at least `length` zeroed bytes nobody else
 * holds), and a `DataView` of the same buffer. Valid until {@link commitBytes} or
 * {@link releaseBytes}; building there and committing saves the copy out of a scratch buffer.
 */
export interface SlabRegion {
  bytes: Uint8Array;
  view: DataView;
  at: number;
}

/** Reserves `length` bytes (≤ 16 KiB) of the current slab in `region`, taking a new slab when they do not fit. */
export function reserveBytes(length: number, region: SlabRegion): void {
  if (used + length > SLAB_SIZE) freshSlab();
  reservedUntil = used + length;
  region.bytes = slab;
  region.view = slabView;
  region.at = used;
}

/**
 * Hands out `start … end` of the reserved region (which must lie inside it) and ends the
 * reservation; bytes before `start` stay unused. The view is never written again by the slab.
 */
export function commitBytes(start: number, end: number): Uint8Array {
  reservedUntil = 0;
  used = end;
  return slab.subarray(start, end);
}

/** Ends a reservation that built nothing. */
export function releaseBytes(): void {
  reservedUntil = 0;
}
