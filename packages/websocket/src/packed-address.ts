/**
 * An IP address as a peer keeps it for `getConnectedHost()`: an IPv4 address as a number, the
 * string otherwise. An idle server holds thousands of connections, each from its own address,
 * and a number costs nothing in its field (`-2^31 … 2^31 − 1` fits in the field itself) or 16
 * bytes (a boxed number), where the string costs 32 to 40. Only an address that formats back to
 * exactly the same string is packed, so `getConnectedHost()` returns what the socket reported.
 */
export type PackedAddress = string | number;

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
/** How Node reports an IPv4 client of a dual-stack (`::`) server. */
const MAPPED_PREFIX = '::ffff:';
/** Added to a mapped address's number: plain IPv4 addresses are in −2^31 … 2^31 − 1, mapped ones from 2^32 on. */
const MAPPED = 2 ** 32;

function dotted(ip: number): string {
  return `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
}

function parseIPv4(text: string): number | undefined {
  const parts = IPV4.exec(text);
  if (parts === null) return undefined;
  let ip = 0;
  for (let i = 1; i <= 4; i++) {
    const byte = Number(parts[i]);
    if (byte > 255) return undefined;
    ip = ip * 256 + byte;
  }
  return dotted(ip) === text ? ip : undefined; // no leading zeros: it must format back the same
}

export function packAddress(address: string): PackedAddress {
  const mapped = address.startsWith(MAPPED_PREFIX);
  const ip = parseIPv4(mapped ? address.slice(MAPPED_PREFIX.length) : address);
  if (ip === undefined) return address;
  return mapped ? MAPPED + ip : ip | 0;
}

export function unpackAddress(packed: PackedAddress): string {
  if (typeof packed === 'string') return packed;
  return packed >= MAPPED ? MAPPED_PREFIX + dotted(packed - MAPPED) : dotted(packed >>> 0);
}
