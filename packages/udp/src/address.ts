/**
 * IP address rules shared by `PacketPeerUDP` and `UDPServer`: which socket family a bind address
 * asks for, how a destination is written for a given socket, and how Godot shows addresses.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { displayAddress, isIPv4Mapped, mappedAddress } from '@pp/core';

export { displayAddress };

/**
 * The family of a UDP socket. `'dual'` is Godot's `"*"`: one IPv6 socket that also carries IPv4
 * (IPv4 peers appear as plain IPv4 addresses).
 */
export type SocketFamily = 'ipv4' | 'ipv6' | 'dual';

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
 * How `ip` must be written to send from a socket of `family`, or `undefined` when that socket
 * cannot reach it (an IPv6 address from an IPv4 socket, or IPv4 from an IPv6-only socket).
 */
export function destinationFor(family: SocketFamily, ip: string): string | undefined {
  const target = ipFamily(ip);
  if (target === undefined) return undefined;
  if (family === 'ipv4') return target === 'ipv4' ? displayAddress(ip) : undefined;
  if (family === 'ipv6') return target === 'ipv6' ? ip : undefined;
  return target === 'ipv4' ? mappedAddress(displayAddress(ip)) : ip;
}
