/**
 * A bare `DatagramEndpoint` on `node:dgram` for interop tests of `DtlsEndpoint` (the product's
 * UDP endpoint lives inside @pp/udp and is not exported). Loopback IPv4 only.
 */
import { createSocket } from 'node:dgram';
import { ErrorCode, type DatagramAddress, type DatagramEndpoint, type DatagramReceiver, type GodotError } from '@pp/core';

export async function loopbackEndpoint(port = 0): Promise<DatagramEndpoint> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(port, '127.0.0.1', resolve));
  let closed = false;
  const endpoint: DatagramEndpoint = {
    onDatagram: null as DatagramReceiver | null,
    onError: null as ((error: GodotError) => void) | null,
    maxDatagramSize: 65_507,
    get closed() {
      return closed;
    },
    send(data: Uint8Array, to: DatagramAddress): ErrorCode {
      if (closed) return ErrorCode.ERR_UNCONFIGURED;
      socket.send(Buffer.from(data), to.port, to.ip);
      return ErrorCode.OK;
    },
    localAddress: () => ({ ip: '127.0.0.1', port: socket.address().port }),
    close() {
      if (closed) return;
      closed = true;
      socket.close();
    },
  };
  socket.on('message', (message, info) => endpoint.onDatagram?.(new Uint8Array(message), { ip: info.address, port: info.port }));
  return endpoint;
}
