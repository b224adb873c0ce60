/** The sans-IO ENet engine. */
export * from './constants.js';
export {
  CHECKSUM_SIZE, COMMAND_FLAG_ACKNOWLEDGE, COMMAND_FLAG_UNSEQUENCED, COMMAND_HEADER_SIZE, COMMAND_MASK, COMMAND_SIZES, Command, Field,
  HEADER_FLAG_COMPRESSED, HEADER_FLAG_MASK, HEADER_FLAG_SENT_TIME, HEADER_SESSION_MASK, HEADER_SESSION_SHIFT, HEADER_SIZE,
  HEADER_SIZE_NO_TIME, SEND_FRAGMENT_SIZE, decodeConnectBody, type ConnectBody,
} from './commands.js';
export type { ChecksumFunction, Compressor } from './compressor.js';
export { crc32 } from './crc32.js';
export { Host, MutableHostEvent, type HostEvent, type HostOptions, type Transmit } from './host.js';
export { Packet } from './packet.js';
export { Peer, type PeerAddress } from './peer.js';
export { timeDifference, timeLess, timeGreater } from './time.js';
