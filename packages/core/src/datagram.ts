/**
 * The datagram seam: what a protocol driver (ENet, DTLS, `UDPServer`'s demultiplexing) needs of
 * a UDP-like socket, and nothing more. `@pp/udp`'s socket implements it on `node:dgram`;
 * {@link MemoryNetwork} implements it in memory, with seeded loss, duplication, reordering and
 * delay; a DTLS endpoint can implement it over another one. One endpoint talks to many remote
 * addresses; {@link DatagramDemux} gives each remote its own connected {@link DatagramLink}.
 */
import type { ErrorCode, GodotError } from './error.js';

/**
 * Where a datagram comes from or goes to. `ip` is an IP literal as Godot shows it: dotted IPv4
 * (also for IPv4 senders seen by a dual-stack socket, never `::ffff:a.b.c.d`), IPv6 as the OS
 * writes it (lowercase, `::`-compressed, no brackets, `%zone` when scoped). Received addresses are
 * frozen and may be reused for consecutive datagrams of one sender, so they can be kept as keys.
 */
export interface DatagramAddress {
  /** The IP address as text, IPv4 (`'127.0.0.1'`) or IPv6 (`'::1'`). */
  readonly ip: string;
  /** The UDP port, 0 … 65535. */
  readonly port: number;
}

/** Receives one datagram; `data` belongs to the receiver from now on. */
export type DatagramReceiver = (data: Uint8Array, from: DatagramAddress) => void;

/** A bound datagram socket: one local port, any number of remote addresses. */
export interface DatagramEndpoint {
  /**
   * Where received datagrams go; `null` drops them. An endpoint has one consumer (an engine, a
   * server, a `DatagramDemux`), which sets this.
   */
  onDatagram: DatagramReceiver | null;
  /** Failures after the call that caused them returned (a send the OS refused, a socket error). */
  onError: ((error: GodotError) => void) | null;
  /**
   * Sends `data` as one datagram to `to`. Unless `owned`, the caller may change `data` as soon
   * as this returns. Returns `OK` (which, as for UDP, does not mean it arrives),
   * `ERR_UNCONFIGURED` once closed, `ERR_INVALID_PARAMETER` above {@link maxDatagramSize} or for
   * an address that is not an IP literal, `FAILED` when this endpoint cannot reach `to` (an IPv6
   * address from an IPv4 socket).
   */
  send(data: Uint8Array, to: DatagramAddress, owned?: boolean): ErrorCode;
  /** The bound address and port (`port` 0 when not bound). */
  localAddress(): DatagramAddress;
  /** Largest payload `send` accepts. */
  readonly maxDatagramSize: number;
  /** Whether `close` was called. */
  readonly closed: boolean;
  /** Releases the socket; nothing is received or sent afterwards. */
  close(): void;
}

/**
 * One remote of an endpoint, as a connected UDP socket sees it: datagrams to and from one
 * address. Made by {@link DatagramDemux}.
 */
export interface DatagramLink {
  /** The remote address. */
  readonly remote: DatagramAddress;
  /** The endpoint underneath (shared by every link of a demultiplexer). */
  readonly endpoint: DatagramEndpoint;
  /** Datagrams from `remote`; `null` drops them. */
  onDatagram: ((data: Uint8Array) => void) | null;
  /** Called once when the link closes, by `close()` or because its demultiplexer closed. */
  onClose: (() => void) | null;
  /** `endpoint.send(data, remote, owned)`; `ERR_UNCONFIGURED` once the link is closed. */
  send(data: Uint8Array, owned?: boolean): ErrorCode;
  /** Whether the link is closed (by `close()` or because its demultiplexer closed); `send` then returns `ERR_UNCONFIGURED`. */
  readonly closed: boolean;
  /**
   * Forgets the link: the remote's next datagram counts as a new sender again. The endpoint
   * stays open.
   */
  close(): void;
}

/** A string that identifies an address, for maps: `port|ip`. */
export function addressKey(address: DatagramAddress): string {
  return `${address.port}|${address.ip}`;
}
