/**
 * A UDP socket as core's `DatagramEndpoint`, for protocol drivers that own their socket (the
 * ENet host, DTLS): bound Godot's way, synchronously, before it is returned.
 */
import { ErrorCode, GodotError, isPort, type DatagramEndpoint } from '@pp/core';
import { bindFamily } from './address.js';
import { DatagramSocket, bindSocket } from './dgram-socket.js';

/** Socket options of a UDP endpoint; absent fields keep the OS defaults. */
export interface UdpEndpointOptions {
  /** `SO_RCVBUF` in bytes (ENet asks for 256 KiB); the OS default when absent. */
  receiveBufferSize?: number;
  /** `SO_SNDBUF` in bytes; the OS default when absent. */
  sendBufferSize?: number;
}

/**
 * A UDP endpoint bound to `bindAddress` (`'*'`: dual-stack, IPv4 where there is no IPv6; or an
 * IP literal) and `port` (0: any free port).
 *
 * @throws {GodotError} `ERR_INVALID_PARAMETER` for a bad address or port, `ERR_CANT_CREATE` when
 *   the OS refuses the bind (the port is taken).
 */
export function bindUdpEndpoint(bindAddress: string, port: number, options: UdpEndpointOptions = {}): DatagramEndpoint {
  const family = bindFamily(bindAddress);
  if (family === undefined) throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `Invalid bind address ${JSON.stringify(bindAddress)}`);
  if (!isPort(port, true)) throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `The local port number must be between 0 and 65535, got ${port}`);
  const socket = bindSocket((kind) => new DatagramSocket({ family: kind }), family, bindAddress, port);
  if (!(socket instanceof DatagramSocket)) {
    throw new GodotError(ErrorCode.ERR_CANT_CREATE, `Failed to bind ${bindAddress} port ${port}: ${socket.message}`, { cause: socket });
  }
  if (options.receiveBufferSize !== undefined || options.sendBufferSize !== undefined) {
    // Best effort, as ENet's own setsockopt calls: the OS may cap or refuse the size.
    socket.setBufferSizes(options.receiveBufferSize, options.sendBufferSize);
  }
  return socket;
}
