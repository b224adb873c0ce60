/**
 * A peer keeps its remote IPv4 address as a number (an idle server holds thousands); what
 * `getConnectedHost()` returns must still be exactly the string the socket reported.
 */
import { seededRandom } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { packAddress, unpackAddress } from '../../src/packed-address.js';

describe('packed addresses', () => {
  it('IPv4 addresses, plain and IPv4-mapped, become numbers and format back the same', () => {
    const random = seededRandom(15);
    const byte = (): number => Math.floor(random() * 256);
    const addresses = ['0.0.0.0', '127.0.0.1', '255.255.255.255', '128.0.0.0', '127.255.255.255', '192.168.1.200'];
    for (let i = 0; i < 500; i++) addresses.push(`${byte()}.${byte()}.${byte()}.${byte()}`);
    for (const address of [...addresses, ...addresses.map((a) => `::ffff:${a}`)]) {
      const packed = packAddress(address);
      expect(typeof packed).toBe('number');
      expect(unpackAddress(packed)).toBe(address);
    }
    // Plain addresses fit a V8 small integer whatever their first byte.
    for (const address of addresses) expect(packAddress(address)).toBe((packAddress(address) as number) | 0);
  });

  it('anything else stays the string it was', () => {
    const others = ['', '::1', '::', 'fe80::1%eth0', '2001:db8::ff00:42:8329', '::FFFF:1.2.3.4', '::ffff:1.2.3', '01.2.3.4',
      '1.2.3.256', '1.2.3.4.5', ' 1.2.3.4', '1.2.3.4 ', '1..3.4', '1.2.3.-4', '1.2.3.4e0', '::ffff:0x1.2.3.4'];
    for (const address of others) {
      expect(packAddress(address)).toBe(address);
      expect(unpackAddress(packAddress(address))).toBe(address);
    }
  });
});
