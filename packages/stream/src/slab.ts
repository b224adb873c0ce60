/**
 * Byte arrays for packets: small ones are views of shared 64 KiB slabs (like Node's `Buffer`
 * pool; a separate allocation costs about a microsecond). A view keeps its slab alive while it is
 * referenced; `.slice()` gives a standalone copy.
 *
 * Slabs are zero-filled even though every caller overwrites its part: a view's `.buffer` is the
 * whole slab, and uninitialised memory there could hand out whatever the process freed before
 * (other connections' data, keys). Only other packets of the slab are visible that way. A larger
 * array is its whole buffer and is entirely overwritten before anyone sees it, so it skips the
 * zero-fill, which costs as much as the copy for big packets.
 */
const SLAB_SIZE = 65536;

/** Larger arrays get their own memory: allocating it is small next to filling it. */
const MAX_POOLED = 4096;

let slab = new Uint8Array(SLAB_SIZE);
let offset = 0;

/** A `size`-byte array for the caller to fill. */
export function allocate(size: number): Uint8Array {
  if (size > MAX_POOLED) {
    const buffer = Buffer.allocUnsafeSlow(size);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, size);
  }
  if (offset + size > SLAB_SIZE) {
    slab = new Uint8Array(SLAB_SIZE);
    offset = 0;
  }
  const view = new Uint8Array(slab.buffer, slab.byteOffset + offset, size);
  offset += (size + 7) & ~7; // keep every view 8-byte aligned
  return view;
}
