/**
 * How a `UDPServer` hands a sender's `DatagramLink` to the `PacketPeerUDP` it gives out. Not
 * exported from the package: the symbols keep these methods off the public surface.
 */

/** `peer[attachToServer](link)`: Godot's `connect_shared_socket`. */
export const attachToServer: unique symbol = Symbol('attachToServer');
/** `peer[detachFromServer](link)`: Godot's `disconnect_shared_socket` (the server stopped). */
export const detachFromServer: unique symbol = Symbol('detachFromServer');
