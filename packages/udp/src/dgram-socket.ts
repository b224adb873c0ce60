/**
 * The only file that touches `node:dgram` (and the name lookups around it): one UDP socket with
 * Godot's synchronous shape, and core's `DatagramEndpoint`. Node resolves addresses before it
 * binds, connects or sends, which makes those calls asynchronous; the sockets here only ever see
 * IP literals and are given a lookup that answers at once, so `bind` and `connect` complete (or
 * fail) before they return, exactly like Godot's.
 */
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import {
  ErrorCode, GodotError, plainBytes, type DatagramAddress, type DatagramEndpoint, type DatagramReceiver,
} from '@pp/core';
import { destinationFor, displayAddress, wildcardAddress, type SocketFamily } from './address.js';
import { MAX_DATAGRAM_IPV4, MAX_DATAGRAM_IPV6 } from './limits.js';
import { SendBuffer } from './send-buffer.js';

/** A Node error with its `code` (`EADDRINUSE`, …). */
export type SocketError = Error & { code?: string };

type LookupCallback = (error: Error | null, address: string, family: number) => void;

// Only IP literals reach a socket (names are resolved before), so the answer is the address itself.
function literalLookup(address: string, family: number, callback: LookupCallback): void {
  callback(null, address, isIP(address) || family);
}

export interface DatagramSocketOptions {
  family: SocketFamily;
  /** `SO_REUSEADDR` (Godot sets it for `UDPServer`). */
  reuseAddress?: boolean;
}

export class DatagramSocket implements DatagramEndpoint {
  readonly family: SocketFamily;
  /** Every received datagram; the sender as Godot shows it (frozen, shared by a sender's consecutive datagrams). */
  onDatagram: DatagramReceiver | null = null;
  /** Errors that happen after a call returned: failed sends (see `reportSendErrors`), socket errors. */
  onError: ((error: GodotError) => void) | null = null;
  /**
   * Whether failed sends are reported to `onError`. Node reports them through a per-send
   * callback, which costs a tick per datagram; owners turn it on only while someone listens.
   */
  reportSendErrors = false;
  readonly #socket: Socket;
  #syncError: SocketError | undefined;
  #capturing = false;
  #closed = false;
  #connected = false;
  #bound = false;
  readonly #sendBuffer = new SendBuffer();
  #lastSender: DatagramAddress | null = null;
  /** The last address given to `send` and how this socket writes it. */
  #lastTo: DatagramAddress | null = null;
  #lastTarget = '';

  constructor(options: DatagramSocketOptions) {
    this.family = options.family;
    this.#socket = createSocket({
      type: options.family === 'ipv4' ? 'udp4' : 'udp6',
      ipv6Only: options.family === 'ipv6',
      reuseAddr: options.reuseAddress ?? false,
      lookup: literalLookup as never,
    });
    // Only a dual-stack socket sees IPv4 senders as IPv4-mapped IPv6 addresses.
    const dual = options.family === 'dual';
    this.#socket.on('message', (message: Buffer, remote: RemoteInfo) => {
      const receiver = this.onDatagram;
      if (receiver === null) return;
      const ip = dual ? displayAddress(remote.address) : remote.address;
      // Node makes a Buffer (and an ArrayBuffer) per datagram and gives it to this listener only.
      receiver(plainBytes(message), this.#senderOf(ip, remote.port));
    });
    this.#socket.on('error', (error: SocketError) => {
      if (this.#capturing) this.#syncError ??= error;
      else if (!this.#closed) this.#report('UDP socket error', error);
    });
  }

  /**
   * Sender addresses are frozen, so consecutive datagrams from one sender share one; senders on
   * one IP share its string (a server's peers behind one address keep one copy, not one each).
   */
  #senderOf(ip: string, port: number): DatagramAddress {
    const last = this.#lastSender;
    if (last !== null && last.ip === ip) {
      if (last.port === port) return last;
      return (this.#lastSender = Object.freeze({ ip: last.ip, port }));
    }
    return (this.#lastSender = Object.freeze({ ip, port }));
  }

  #report(what: string, error: SocketError): void {
    this.onError?.(new GodotError(ErrorCode.FAILED, `${what}: ${error.message}`, { cause: error }));
  }

  /** Largest payload: 65507 bytes (65527 on an IPv6-only socket). */
  get maxDatagramSize(): number {
    return this.family === 'ipv6' ? MAX_DATAGRAM_IPV6 : MAX_DATAGRAM_IPV4;
  }

  /** The bound address (as Godot shows it) and port; port 0 when not bound. */
  localAddress(): DatagramAddress {
    try {
      const { address, port } = this.#socket.address();
      return { ip: displayAddress(address), port };
    } catch {
      return { ip: '', port: 0 };
    }
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Binds to `address` (`'*'` or a wildcard binds every address of the family). */
  bind(address: string, port: number): SocketError | undefined {
    const host = address === '*' ? wildcardAddress(this.family) : address;
    const error = this.#sync(() => this.#socket.bind({ port, address: host, exclusive: true }));
    this.#bound = error === undefined;
    return error;
  }

  /** Binds to an ephemeral port on every address of the family (what sending unbound does). */
  bindAny(): SocketError | undefined {
    return this.bind(wildcardAddress(this.family), 0);
  }

  /** The OS-level `connect()`: only `ip:port` is heard from, and `send` needs no address. */
  connect(ip: string, port: number): SocketError | undefined {
    if (this.#connected) this.#socket.disconnect();
    this.#connected = false;
    let failure: SocketError | undefined;
    const error = this.#sync(() => this.#socket.connect(port, ip, (late?: Error) => {
      // Node reports a failed connect on the next tick; the state below already told us.
      if (late !== undefined && failure === undefined) this.#report('UDP socket error', late);
    }));
    if (error) return error;
    try {
      this.#socket.remoteAddress();
    } catch (notConnected) {
      failure = notConnected as SocketError;
      return failure;
    }
    this.#connected = true;
    this.#bound = true; // a connected socket is bound (Node binds it first if needed)
    return undefined;
  }

  get connected(): boolean {
    return this.#connected;
  }

  /** `DatagramEndpoint.send`: to `to`, written for this socket's family. */
  send(data: Uint8Array, to: DatagramAddress, owned = false): ErrorCode {
    if (this.#closed) return ErrorCode.ERR_UNCONFIGURED;
    if (data.length > this.maxDatagramSize) return ErrorCode.ERR_INVALID_PARAMETER;
    let target = this.#lastTarget;
    if (to !== this.#lastTo) {
      const written = destinationFor(this.family, to.ip);
      if (written === undefined) return isIP(to.ip) === 0 ? ErrorCode.ERR_INVALID_PARAMETER : ErrorCode.FAILED;
      this.#lastTo = to;
      this.#lastTarget = target = written;
    }
    this.sendTo(data, target, to.port, owned);
    return ErrorCode.OK;
  }

  /**
   * Sends `data` as one datagram to `ip` as this socket writes it (to the connected peer when
   * `ip` is omitted); a copy unless the caller `owned` it (see `SendBuffer`).
   */
  sendTo(data: Uint8Array, ip?: string, port?: number, owned = false): void {
    const payload = this.#sendBuffer.prepare(data, owned, this.#bound);
    const callback = this.reportSendErrors ? this.#afterSend : undefined;
    if (ip === undefined) this.#socket.send(payload, callback);
    else this.#socket.send(payload, port, ip, callback);
    // Asking libuv's queue is a call into C++: only a lent scratch needs the answer.
    this.#sendBuffer.sent(this.#sendBuffer.lent && this.#socket.getSendQueueCount() > 0);
  }

  readonly #afterSend = (error: Error | null): void => {
    if (error && !this.#closed) this.#report('UDP socket error', error);
  };

  /** The bound port, 0 when not bound. */
  localPort(): number {
    try {
      return this.#socket.address().port;
    } catch {
      return 0;
    }
  }

  /** `SO_RCVBUF` / `SO_SNDBUF` (the kernel may round them); a bound socket only. */
  setBufferSizes(receive?: number, send?: number): SocketError | undefined {
    return this.#sync(() => {
      if (receive !== undefined) this.#socket.setRecvBufferSize(receive);
      if (send !== undefined) this.#socket.setSendBufferSize(send);
    });
  }

  setBroadcast(enabled: boolean): SocketError | undefined {
    return this.#sync(() => this.#socket.setBroadcast(enabled));
  }

  /**
   * Joins or leaves a multicast group on the interface named `interfaceName`, as Godot does:
   * an IPv4 group uses the interface's first IPv4 address, an IPv6 group its index. Returns
   * `'unknown-interface'` when there is no such interface (IPv4 only; IPv6 then uses the default).
   */
  changeMembership(group: string, interfaceName: string, join: boolean): SocketError | 'unknown-interface' | undefined {
    const ipv4 = isIP(group) === 4;
    const addresses = networkInterfaces()[interfaceName];
    let iface: string | undefined;
    if (ipv4) {
      iface = addresses?.find((info) => info.family === 'IPv4')?.address;
      if (iface === undefined) return 'unknown-interface';
    } else if (addresses !== undefined) {
      iface = `::%${interfaceName}`;
    }
    return this.#sync(() => {
      if (join) this.#socket.addMembership(group, iface);
      else this.#socket.dropMembership(group, iface);
    });
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#connected = false;
    this.onDatagram = null;
    try {
      this.#socket.close();
    } catch {
      // already closed by Node after a failed bind
    }
  }

  /** Runs a socket call, returning the error it threw or emitted synchronously. */
  #sync(call: () => void): SocketError | undefined {
    this.#syncError = undefined;
    this.#capturing = true;
    try {
      call();
    } catch (error) {
      return error as SocketError;
    } finally {
      this.#capturing = false;
    }
    return this.#syncError;
  }
}

// Errors that mean "this machine has no IPv6": Godot's "*" then falls back to IPv4.
const NO_IPV6 = new Set(['EAFNOSUPPORT', 'EADDRNOTAVAIL', 'EPROTONOSUPPORT']);

/**
 * A socket of `family` bound to `address` and `port`, or the error that prevented it. A
 * dual-stack socket falls back to IPv4 on a machine without IPv6, as Godot's `"*"` does.
 */
export function bindSocket(
  create: (family: SocketFamily) => DatagramSocket,
  family: SocketFamily,
  address: string,
  port: number,
): DatagramSocket | SocketError {
  let socket = create(family);
  let error = socket.bind(address, port);
  if (error !== undefined && family === 'dual' && NO_IPV6.has(error.code ?? '')) {
    socket.close();
    socket = create('ipv4');
    error = socket.bind('*', port);
  }
  if (error === undefined) return socket;
  socket.close();
  return error;
}

/**
 * Resolves a host name to one IP address (IP literals are returned as they are), preferring
 * IPv4 like Godot's `IP.resolve_hostname` with `TYPE_ANY`.
 */
export async function resolveHost(host: string): Promise<string | undefined> {
  if (isIP(host) !== 0) return host;
  try {
    const { address } = await lookup(host, { family: 0, order: 'ipv4first' });
    return address;
  } catch {
    return undefined;
  }
}
