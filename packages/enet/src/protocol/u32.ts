/** Unsigned 32-bit arithmetic as C does it (ENet's counters are `enet_uint32` and wrap). */
export function mul32(a: number, b: number): number {
  return Math.imul(a, b) >>> 0;
}

export function div32(a: number, b: number): number {
  return Math.floor((a >>> 0) / (b >>> 0)) >>> 0;
}
