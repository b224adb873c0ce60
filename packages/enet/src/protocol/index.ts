/** The sans-IO ENet engine. */
export * from './constants.js';
export { Command, COMMAND_SIZES } from './commands.js';
export type { ChecksumFunction, Compressor } from './compressor.js';
export { crc32 } from './crc32.js';
export { Host, type HostEvent, type HostOptions, type Transmit } from './host.js';
export { Packet } from './packet.js';
export { Peer, type PeerAddress } from './peer.js';
export { timeDifference, timeLess, timeGreater } from './time.js';
