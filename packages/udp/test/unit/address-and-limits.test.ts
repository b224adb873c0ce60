import { describe, expect, it } from 'vitest';
import { bindFamily, destinationFor, displayAddress, ipFamily } from '../../src/address.js';
import { nearestShift, ringSize } from '../../src/index.js';

describe("Godot's nearest_shift and the receive ring size", () => {
  it.each([
    [0, 0], [1, 1], [2, 2], [3, 2], [4096, 13], [65535, 16], [65536, 17], [2 ** 30, 31], [2 ** 31 - 1, 31],
  ])('nearest_shift(%i) = %i', (n, shift) => {
    expect(nearestShift(n)).toBe(shift);
  });

  it('the default recv_buf_size 65536 gives a 131072-byte ring, 65535 gives 65536', () => {
    expect(ringSize(65536)).toBe(131072);
    expect(ringSize(65535)).toBe(65536);
  });
});

describe('addresses', () => {
  it("maps bind addresses to socket families ('*' is dual stack)", () => {
    expect(['*', '0.0.0.0', '::', '127.0.0.1', '::1', 'localhost', ''].map(bindFamily))
      .toEqual(['dual', 'ipv4', 'ipv6', 'ipv4', 'ipv6', undefined, undefined]);
  });

  it('shows IPv4-mapped IPv6 addresses as IPv4, like Godot', () => {
    expect(displayAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(displayAddress('::FFFF:10.0.0.1')).toBe('10.0.0.1');
    expect(displayAddress('::1')).toBe('::1');
    expect(ipFamily('::ffff:127.0.0.1')).toBe('ipv4');
  });

  it('writes destinations for the socket family, or refuses what it cannot reach', () => {
    expect(destinationFor('dual', '127.0.0.1')).toBe('::ffff:127.0.0.1');
    expect(destinationFor('dual', '::1')).toBe('::1');
    expect(destinationFor('ipv4', '::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(destinationFor('ipv4', '::1')).toBeUndefined();
    expect(destinationFor('ipv6', '127.0.0.1')).toBeUndefined();
    expect(destinationFor('ipv4', 'localhost')).toBeUndefined();
  });
});
