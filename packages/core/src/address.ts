/** How Godot shows IP addresses, shared by every transport that reports one. */

const MAPPED_PREFIX = '::ffff:';
const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Whether `address` is an IPv4 literal in dotted-decimal form (`127.0.0.1`). */
export function isIPv4Literal(address: string): boolean {
  return IPV4.test(address);
}

/** Whether `address` is an IPv4-mapped IPv6 address (`::ffff:127.0.0.1`, any case). */
export function isIPv4Mapped(address: string): boolean {
  if (address.length <= MAPPED_PREFIX.length || address.charCodeAt(0) !== 0x3a /* ':' */) return false;
  return address.slice(0, MAPPED_PREFIX.length).toLowerCase() === MAPPED_PREFIX && isIPv4Literal(address.slice(MAPPED_PREFIX.length));
}

/**
 * An address as Godot shows it: IPv4-mapped IPv6 addresses (how a dual-stack socket sees IPv4
 * peers) become plain IPv4; anything else is returned as it is.
 */
export function displayAddress(address: string): string {
  return isIPv4Mapped(address) ? address.slice(MAPPED_PREFIX.length) : address;
}

/** The IPv4-mapped IPv6 form of an IPv4 address (how a dual-stack socket writes it). */
export function mappedAddress(ipv4: string): string {
  return MAPPED_PREFIX + ipv4;
}
