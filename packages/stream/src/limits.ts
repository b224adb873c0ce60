/** Godot's TCP and PacketPeerStream limits, and the ones this package adds where Godot has none. */

/**
 * `network/limits/packet_peer_stream/max_buffer_po2`: PacketPeerStream's buffers are 2^16 bytes,
 * so `input_buffer_max_size` and `output_buffer_max_size` default to 2^16 − 4 = 65532.
 */
export const DEFAULT_BUFFER_MAX_SIZE = 65532;

/** Bytes of PacketPeerStream's length prefix (u32, little-endian). */
export const FRAME_HEADER_SIZE = 4;

/** Largest `inputBufferMaxSize` / `outputBufferMaxSize` accepted here (Godot has no ceiling). */
export const MAX_BUFFER_MAX_SIZE = 2 ** 30 - FRAME_HEADER_SIZE;

/**
 * How long a started frame may take to arrive completely before the connection is closed with
 * `ERR_TIMEOUT` (Godot waits forever).
 */
export const DEFAULT_FRAME_TIMEOUT_MS = 30_000;

/** `network/limits/tcp/connect_timeout_seconds` (30) in milliseconds. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 30_000;

/** Connections a `TCPServer` holds for `takeConnection()` (`MAX_PENDING_CONNECTIONS` in Godot). */
export const DEFAULT_MAX_PENDING_CONNECTIONS = 8;

/**
 * The kernel's queue of connections not yet accepted by `TCPServer` (the `listen(2)` backlog):
 * Node's default. Godot passes its 8 pending connections here, which overflows on a burst.
 */
export const DEFAULT_LISTEN_BACKLOG = 511;

/** Largest `backlog` accepted (the kernel caps it at `net.core.somaxconn` anyway). */
export const MAX_LISTEN_BACKLOG = 65535;

/** Bytes a StreamPeerTCP holds unread before it stops reading the socket (TCP then slows the sender). */
export const DEFAULT_READ_BUFFER_SIZE = 65536;

/** Bytes a StreamPeerTCP queues for sending before `putData` answers `ERR_BUSY`. */
export const DEFAULT_WRITE_BUFFER_MAX_SIZE = 16 * 1024 * 1024;

/** Bytes all of a `TCPServer`'s connections queue for sending together (its `writeBudget`). */
export const DEFAULT_SERVER_WRITE_BUDGET = 64 * 1024 * 1024;

/**
 * Largest single read: a `getData` byte count, or a size read from the stream by `getVar`,
 * `getString`, `getUtf8String` (Godot allocates whatever the peer declares).
 */
export const DEFAULT_MAX_READ_SIZE = 8 * 1024 * 1024;
