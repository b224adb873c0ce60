/**
 * How a `UDPServer` and the `PacketPeerUDP`s it hands out talk to each other. Not exported from
 * the package: the symbols keep these methods off the public surface.
 */
import type { DatagramSocket } from './dgram-socket.js';

/** What a server-owned peer knows of its server. */
export interface ServerLink {
  /** The server's socket, shared by all its peers. */
  readonly socket: DatagramSocket;
  /** The remote address as Godot shows it. */
  readonly ip: string;
  readonly port: number;
  /** The peer was closed: the server forgets it, so the address's next datagram is a new connection. */
  release(): void;
}

/** `peer[attachToServer](link)`: Godot's `connect_shared_socket`. */
export const attachToServer: unique symbol = Symbol('attachToServer');
/** `peer[storePacket](data)`: the server demultiplexed a datagram for this peer. */
export const storePacket: unique symbol = Symbol('storePacket');
/** `peer[detachFromServer]()`: Godot's `disconnect_shared_socket` (the server stopped). */
export const detachFromServer: unique symbol = Symbol('detachFromServer');
