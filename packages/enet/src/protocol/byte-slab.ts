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
let used = 0;

/** A fresh, zeroed `length`-byte array. */
export function takeBytes(length: number): Uint8Array {
  if (length > LARGEST_PIECE) return new Uint8Array(length);
  if (used + length > SLAB_SIZE) {
    slab = new Uint8Array(SLAB_SIZE);
    used = 0;
  }
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
