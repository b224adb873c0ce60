/**
 * The command codec: ENet's datagram header, the 4-byte command header and the body of every
 * command type (`protocol.h`). Every multi-byte field is big-endian except `connectID`, which
 * ENet copies as raw bytes: it is read and written here little-endian so that echoing it back
 * reproduces the peer's bytes exactly, whatever the peer's byte order.
 */

export const Command = {
  NONE: 0,
  ACKNOWLEDGE: 1,
  CONNECT: 2,
  VERIFY_CONNECT: 3,
  DISCONNECT: 4,
  PING: 5,
  SEND_RELIABLE: 6,
  SEND_UNRELIABLE: 7,
  SEND_FRAGMENT: 8,
  SEND_UNSEQUENCED: 9,
  BANDWIDTH_LIMIT: 10,
  THROTTLE_CONFIGURE: 11,
  SEND_UNRELIABLE_FRAGMENT: 12,
  COUNT: 13,
} as const;

export const COMMAND_MASK = 0x0f;
export const COMMAND_FLAG_ACKNOWLEDGE = 1 << 7;
export const COMMAND_FLAG_UNSEQUENCED = 1 << 6;

export const HEADER_FLAG_COMPRESSED = 1 << 14;
export const HEADER_FLAG_SENT_TIME = 1 << 15;
export const HEADER_FLAG_MASK = HEADER_FLAG_COMPRESSED | HEADER_FLAG_SENT_TIME;
export const HEADER_SESSION_MASK = 3 << 12;
export const HEADER_SESSION_SHIFT = 12;

/** Header size without / with the sentTime field. */
export const HEADER_SIZE_NO_TIME = 2;
export const HEADER_SIZE = 4;
export const CHECKSUM_SIZE = 4;
export const COMMAND_HEADER_SIZE = 4;

/** Size of each command, header included, without its payload; 0 for NONE (parsing stops). */
export const COMMAND_SIZES: readonly number[] = [0, 8, 48, 44, 8, 4, 6, 8, 24, 8, 12, 16, 24];

export const ACKNOWLEDGE_SIZE = 8;
export const PING_SIZE = 4;
export const SEND_FRAGMENT_SIZE = 24;

export function commandSize(command: number): number {
  return COMMAND_SIZES[command & COMMAND_MASK] ?? 0;
}

/** The body of CONNECT and VERIFY_CONNECT (VERIFY_CONNECT has no `data`). */
export interface ConnectBody {
  outgoingPeerID: number;
  incomingSessionID: number;
  outgoingSessionID: number;
  mtu: number;
  windowSize: number;
  channelCount: number;
  incomingBandwidth: number;
  outgoingBandwidth: number;
  packetThrottleInterval: number;
  packetThrottleAcceleration: number;
  packetThrottleDeceleration: number;
  connectID: number;
  data: number;
}

/** Encodes the body (everything after the 4-byte command header) of CONNECT or VERIFY_CONNECT. */
export function encodeConnectBody(body: ConnectBody, withData: boolean): Uint8Array {
  const out = new Uint8Array(withData ? 44 : 40);
  const view = new DataView(out.buffer);
  view.setUint16(0, body.outgoingPeerID);
  view.setUint8(2, body.incomingSessionID);
  view.setUint8(3, body.outgoingSessionID);
  view.setUint32(4, body.mtu);
  view.setUint32(8, body.windowSize);
  view.setUint32(12, body.channelCount);
  view.setUint32(16, body.incomingBandwidth);
  view.setUint32(20, body.outgoingBandwidth);
  view.setUint32(24, body.packetThrottleInterval);
  view.setUint32(28, body.packetThrottleAcceleration);
  view.setUint32(32, body.packetThrottleDeceleration);
  view.setUint32(36, body.connectID, true);
  if (withData) view.setUint32(40, body.data);
  return out;
}

/** Reads a CONNECT / VERIFY_CONNECT body that starts at `offset` (the command header's end). */
export function decodeConnectBody(view: DataView, offset: number, withData: boolean): ConnectBody {
  return {
    outgoingPeerID: view.getUint16(offset),
    incomingSessionID: view.getUint8(offset + 2),
    outgoingSessionID: view.getUint8(offset + 3),
    mtu: view.getUint32(offset + 4),
    windowSize: view.getUint32(offset + 8),
    channelCount: view.getUint32(offset + 12),
    incomingBandwidth: view.getUint32(offset + 16),
    outgoingBandwidth: view.getUint32(offset + 20),
    packetThrottleInterval: view.getUint32(offset + 24),
    packetThrottleAcceleration: view.getUint32(offset + 28),
    packetThrottleDeceleration: view.getUint32(offset + 32),
    connectID: view.getUint32(offset + 36, true),
    data: withData ? view.getUint32(offset + 40) : 0,
  };
}

export function encodeU32Body(...values: number[]): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((value, i) => view.setUint32(i * 4, value >>> 0));
  return out;
}

/**
 * One command as read from a datagram. The receive path reuses a single instance per host, so
 * whatever must outlive the command is copied out of it.
 */
export class DecodedCommand {
  /** The command byte, flags included. */
  command = 0;
  channelID = 0;
  reliableSequenceNumber = 0;
  /** Offset of the command in the datagram, and of its payload (after the fixed part). */
  offset = 0;
  payloadOffset = 0;

  get number(): number {
    return this.command & COMMAND_MASK;
  }
}

/** Field offsets inside the send commands, relative to the command start. */
export const Field = {
  ACK_RECEIVED_RELIABLE_SEQUENCE: 4,
  ACK_RECEIVED_SENT_TIME: 6,
  DISCONNECT_DATA: 4,
  SEND_RELIABLE_LENGTH: 4,
  SEND_UNRELIABLE_SEQUENCE: 4,
  SEND_UNRELIABLE_LENGTH: 6,
  SEND_UNSEQUENCED_GROUP: 4,
  SEND_UNSEQUENCED_LENGTH: 6,
  FRAGMENT_START_SEQUENCE: 4,
  FRAGMENT_LENGTH: 6,
  FRAGMENT_COUNT: 8,
  FRAGMENT_NUMBER: 12,
  FRAGMENT_TOTAL_LENGTH: 16,
  FRAGMENT_OFFSET: 20,
  BANDWIDTH_INCOMING: 4,
  BANDWIDTH_OUTGOING: 8,
  THROTTLE_INTERVAL: 4,
  THROTTLE_ACCELERATION: 8,
  THROTTLE_DECELERATION: 12,
} as const;
