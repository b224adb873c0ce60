/**
 * A received packet is a plain `Uint8Array` (its `slice()` copies, as the caller expects; a
 * Node.js `Buffer`'s `slice()` would share the bytes). Node hands transports `Buffer`s. When the
 * `Buffer` object is the transport's alone (a fresh one per datagram or message, that nobody else
 * was given), relabelling it as a `Uint8Array` gives the same packet as wrapping it in a new view —
 * same bytes, `buffer` and `byteOffset` — without a second object and the `buffer` /
 * `byteOffset` reads a view costs on every packet.
 */
export function plainBytes(bytes: Uint8Array): Uint8Array {
  if (Object.getPrototypeOf(bytes) !== Uint8Array.prototype) Object.setPrototypeOf(bytes, Uint8Array.prototype);
  return bytes;
}
