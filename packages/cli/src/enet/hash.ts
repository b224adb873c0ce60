/** FNV-1a, 32 bits: a cheap fingerprint to tell a datagram copied on the way from one ENet rebuilt. */
export function fnv1a(data: Uint8Array): number {
  let h = 2166136261;
  for (let i = 0; i < data.length; i++) h = Math.imul(h ^ (data[i] as number), 16777619) >>> 0;
  return h;
}
