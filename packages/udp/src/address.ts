/**
 * IP address rules shared by `PacketPeerUDP` and `UDPServer`: which socket family a bind address
 * asks for, how a destination is written for a given socket, and how Godot shows addresses.
 */
import { isIPv4, isIPv6 } from 'node:net';

/**
 * The family of a UDP socket. `'dual'` is Godot's `"*"`: one IPv6 socket that also carries IPv4
 * (IPv4 peers appear as plain IPv4 addresses).
 */
export type SocketFamily = 'ipv4' | 'ipv6' | 'dual';

const MAPPED_PREFIX = '::ffff:';

/** The socket family a bind address asks for, or `undefined` when it is not `'*'` or an IP literal. */
export function bindFamily(address: string): SocketFamily | undefined {
  if (address === '*') return 'dual';
  if (isIPv4(address)) return 'ipv4';
  if (isIPv6(address)) return 'ipv6';
  return undefined;
}

/** The family of an IP literal (IPv4-mapped IPv6 counts as IPv4), or `undefined` for anything else. */
export function ipFamily(address: string): 'ipv4' | 'ipv6' | undefined {
  if (isIPv4(address)) return 'ipv4';
  if (isIPv6(address)) return isIPv4Mapped(address) ? 'ipv4' : 'ipv6';
  return undefined;
}

/** The address Node binds for `family` when Godot's address is a wildcard. */
export function wildcardAddress(family: SocketFamily): string {
  return family === 'ipv4' ? '0.0.0.0' : '::';
}

/**
 * An address as Godot shows it: IPv4-mapped IPv6 addresses (how a dual-stack socket sees IPv4
 * senders) become plain IPv4.
 */
export function displayAddress(address: string): string {
  return isIPv4Mapped(address) ? address.slice(MAPPED_PREFIX.length) : address;
}

/**
 * How `ip` must be written to send from a socket of `family`, or `undefined` when that socket
 * cannot reach it (an IPv6 address from an IPv4 socket, or IPv4 from an IPv6-only socket).
 */
export function destinationFor(family: SocketFamily, ip: string): string | undefined {
  const target = ipFamily(ip);
  if (target === undefined) return undefined;
  if (family === 'ipv4') return target === 'ipv4' ? displayAddress(ip) : undefined;
  if (family === 'ipv6') return target === 'ipv6' ? ip : undefined;
  return target === 'ipv4' ? MAPPED_PREFIX + displayAddress(ip) : ip;
}

function isIPv4Mapped(address: string): boolean {
  if (address.length <= MAPPED_PREFIX.length || address.charCodeAt(0) !== 0x3a /* ':' */) return false;
  return address.slice(0, MAPPED_PREFIX.length).toLowerCase() === MAPPED_PREFIX && isIPv4(address.slice(MAPPED_PREFIX.length));
}
