import { expect } from 'vitest';

/**
 * Checks that received packets are plain `Uint8Array`s, as every peer promises (not Node
 * `Buffer`s, whose `slice()` shares the bytes): each `slice()` is a copy.
 */
export function expectPlainPackets(packets: readonly Uint8Array[]): void {
  for (const packet of packets) {
    expect(Object.getPrototypeOf(packet)).toBe(Uint8Array.prototype);
    expect(Buffer.isBuffer(packet)).toBe(false);
    const copy = packet.slice();
    copy[0] = ((packet[0] ?? 0) + 1) & 0xff;
    expect(packet[0]).not.toBe(copy[0]);
  }
}
