/**
 * The command codec: ENet's datagram header, the 4-byte command header and the body of every
 * command type (`protocol.h`). Every multi-byte field is big-endian except `connectID`, which
 * ENet copies as raw bytes: it is read and written here little-endian so that echoing it back
 * reproduces the peer's bytes exactly, whatever the peer's byte order.
 */

export const Command = {
/** No command: `ENET_PROTOCOL_COMMAND_NONE`; a command byte of 0 ends parsing of a datagram. */
  NONE: 0,
/** `ENET_PROTOCOL_COMMAND_ACKNOWLEDGE`: acknowledges one reliable command (its sequence number and sent time). */
  ACKNOWLEDGE: 1,
/** `ENET_PROTOCOL_COMMAND_CONNECT`: a client's connection request (`enet_host_connect`), with its MTU, window, channels, bandwidth, throttle and `connectID`. */
  CONNECT: 2,
/** `ENET_PROTOCOL_COMMAND_VERIFY_CONNECT`: the server's answer to CONNECT, echoing the `connectID` with the negotiated parameters. */
  VERIFY_CONNECT: 3,
/** `ENET_PROTOCOL_COMMAND_DISCONNECT`: ends the connection (`enet_peer_disconnect`), carrying a 32-bit user `data` value. */
  DISCONNECT: 4,
/** `ENET_PROTOCOL_COMMAND_PING`: a reliable keep-alive with no body (`enet_peer_ping`). */
  PING: 5,
/** `ENET_PROTOCOL_COMMAND_SEND_RELIABLE`: a reliable, ordered packet that fits in one command. */
  SEND_RELIABLE: 6,
/** `ENET_PROTOCOL_COMMAND_SEND_UNRELIABLE`: an unreliable, sequenced packet (dropped if older than the last one delivered). */
  SEND_UNRELIABLE: 7,
/** `ENET_PROTOCOL_COMMAND_SEND_FRAGMENT`: one fragment of a reliable packet larger than the MTU allows. */
  SEND_FRAGMENT: 8,
/** `ENET_PROTOCOL_COMMAND_SEND_UNSEQUENCED`: an unreliable, unordered packet (`ENET_PACKET_FLAG_UNSEQUENCED`), de-duplicated by its unsequenced group. */
  SEND_UNSEQUENCED: 9,
/** `ENET_PROTOCOL_COMMAND_BANDWIDTH_LIMIT`: announces new incoming/outgoing bandwidth limits (`enet_host_bandwidth_limit`). */
  BANDWIDTH_LIMIT: 10,
/** `ENET_PROTOCOL_COMMAND_THROTTLE_CONFIGURE`: announces new throttle parameters (`enet_peer_throttle_configure`). */
  THROTTLE_CONFIGURE: 11,
/** `ENET_PROTOCOL_COMMAND_SEND_UNRELIABLE_FRAGMENT`: one fragment of an unreliable packet larger than the MTU allows (`ENET_PACKET_FLAG_UNRELIABLE_FRAGMENT`). */
  SEND_UNRELIABLE_FRAGMENT: 12,
/** `ENET_PROTOCOL_COMMAND_COUNT`: the number of command types; any command number from here up is invalid. */
  COUNT: 13,
} as const;

/** `ENET_PROTOCOL_COMMAND_MASK`: the low 4 bits of the command byte, the command number (a {@link Command} value). */
export const COMMAND_MASK = 0x0f;
/** `ENET_PROTOCOL_COMMAND_FLAG_ACKNOWLEDGE`: set on the command byte of a command the receiver must acknowledge (reliable commands). */
export const COMMAND_FLAG_ACKNOWLEDGE = 1 << 7;
/** `ENET_PROTOCOL_COMMAND_FLAG_UNSEQUENCED`: set on the command byte of SEND_UNSEQUENCED commands. */
export const COMMAND_FLAG_UNSEQUENCED = 1 << 6;

/** `ENET_PROTOCOL_HEADER_FLAG_COMPRESSED`: bit of the header's 16-bit `peerID` field; the commands after the header are compressed (by the host's compressor, Godot's compression mode). */
export const HEADER_FLAG_COMPRESSED = 1 << 14;
/** `ENET_PROTOCOL_HEADER_FLAG_SENT_TIME`: bit of the header's `peerID` field; the header carries the 16-bit `sentTime` (ms, the low bits of the host clock), needed when the datagram holds reliable commands. */
export const HEADER_FLAG_SENT_TIME = 1 << 15;
/** `ENET_PROTOCOL_HEADER_FLAG_MASK`: both header flags; the header's `peerID` field without them (and the session bits) is the peer ID. */
export const HEADER_FLAG_MASK = HEADER_FLAG_COMPRESSED | HEADER_FLAG_SENT_TIME;
/** `ENET_PROTOCOL_HEADER_SESSION_MASK`: bits 12–13 of the header's `peerID` field, the 2-bit session ID that tells a reconnected peer's datagrams from a stale session's. */
export const HEADER_SESSION_MASK = 3 << 12;
/** `ENET_PROTOCOL_HEADER_SESSION_SHIFT`: the shift of the session ID inside the header's `peerID` field. */
export const HEADER_SESSION_SHIFT = 12;

/** Header size without / with the sentTime field. */
export const HEADER_SIZE_NO_TIME = 2;
/** Size in bytes of `ENetProtocolHeader` with its `sentTime` field (`peerID` u16 + `sentTime` u16). */
export const HEADER_SIZE = 4;
/** Size in bytes of the optional CRC-32 checksum after the header, present only when the host has a checksum (`host->checksum`, e.g. `enet_crc32`; Godot sets none). */
export const CHECKSUM_SIZE = 4;
/** Size in bytes of `ENetProtocolCommandHeader`: `command` u8, `channelID` u8, `reliableSequenceNumber` u16. */
export const COMMAND_HEADER_SIZE = 4;

/** Size of each command, header included, without its payload; 0 for NONE (parsing stops). */
export const COMMAND_SIZES: readonly number[] = [0, 8, 48, 44, 8, 4, 6, 8, 24, 8, 12, 16, 24];

export const ACKNOWLEDGE_SIZE = 8;
export const PING_SIZE = 4;
/** Size in bytes of `ENetProtocolSendFragment` (SEND_FRAGMENT and SEND_UNRELIABLE_FRAGMENT) without its payload. */
export const SEND_FRAGMENT_SIZE = 24;

/** A big-endian u16 of a datagram: the hot receive path reads these without a `DataView` per datagram. */
export function readU16(bytes: Uint8Array, at: number): number {
  return ((bytes[at] as number) << 8) | (bytes[at + 1] as number);
}

export function commandSize(command: number): number {
  return COMMAND_SIZES[command & COMMAND_MASK] ?? 0;
}

/** The body of CONNECT and VERIFY_CONNECT (VERIFY_CONNECT has no `data`). */
export interface ConnectBody {
/** The sender's own peer index (`outgoingPeerID`, u16): the ID the receiver puts in the headers it sends back. */
  outgoingPeerID: number;
/** `incomingSessionID` (u8): the session ID the sender expects on datagrams it receives; 0xff lets the receiver choose. */
  incomingSessionID: number;
/** `outgoingSessionID` (u8): the session ID the sender will put on datagrams it sends; 0xff lets the receiver choose. */
  outgoingSessionID: number;
/** `mtu` (u32, bytes): the sender's maximum datagram size, clamped to 576 … 4096 by the receiver; the smaller of both sides is used. */
  mtu: number;
/** `windowSize` (u32, bytes): the reliable window, clamped to 4096 … 65536 (`ENET_PROTOCOL_MINIMUM_WINDOW_SIZE` … `MAXIMUM`). */
  windowSize: number;
/** `channelCount` (u32): the number of channels, 1 … 255 (`ENET_PROTOCOL_MAXIMUM_CHANNEL_COUNT`). */
  channelCount: number;
/** `incomingBandwidth` (u32, bytes per second): the sender's download limit; 0 is unlimited. */
  incomingBandwidth: number;
/** `outgoingBandwidth` (u32, bytes per second): the sender's upload limit; 0 is unlimited. */
  outgoingBandwidth: number;
/** `packetThrottleInterval` (u32, ms): the interval over which the throttle measures round trips (`ENET_PEER_PACKET_THROTTLE_INTERVAL`, 5000). */
  packetThrottleInterval: number;
/** `packetThrottleAcceleration` (u32, of 32): how fast the throttle opens after good round trips (`ENET_PEER_PACKET_THROTTLE_ACCELERATION`, 2). */
  packetThrottleAcceleration: number;
/** `packetThrottleDeceleration` (u32, of 32): how fast the throttle closes after bad round trips (`ENET_PEER_PACKET_THROTTLE_DECELERATION`, 2). */
  packetThrottleDeceleration: number;
/** `connectID` (u32): the client's random connection ID, echoed by VERIFY_CONNECT; kept as raw bytes (read little-endian here, see the module comment). */
  connectID: number;
/** `data` (u32): the user value passed to `enet_host_connect` (CONNECT only; 0 for VERIFY_CONNECT). */
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
/** ACKNOWLEDGE `receivedReliableSequenceNumber` (u16): the sequence number being acknowledged. */
  ACK_RECEIVED_RELIABLE_SEQUENCE: 4,
/** ACKNOWLEDGE `receivedSentTime` (u16, ms): the acknowledged datagram's `sentTime`, for the round-trip time. */
  ACK_RECEIVED_SENT_TIME: 6,
/** DISCONNECT `data` (u32): the user value given to `enet_peer_disconnect`. */
  DISCONNECT_DATA: 4,
/** SEND_RELIABLE `dataLength` (u16, bytes): the payload size after the command. */
  SEND_RELIABLE_LENGTH: 4,
/** SEND_UNRELIABLE `unreliableSequenceNumber` (u16). */
  SEND_UNRELIABLE_SEQUENCE: 4,
/** SEND_UNRELIABLE `dataLength` (u16, bytes). */
  SEND_UNRELIABLE_LENGTH: 6,
/** SEND_UNSEQUENCED `unsequencedGroup` (u16): the de-duplication group number. */
  SEND_UNSEQUENCED_GROUP: 4,
/** SEND_UNSEQUENCED `dataLength` (u16, bytes). */
  SEND_UNSEQUENCED_LENGTH: 6,
/** SEND_FRAGMENT / SEND_UNRELIABLE_FRAGMENT `startSequenceNumber` (u16): the sequence number of the packet's first fragment. */
  FRAGMENT_START_SEQUENCE: 4,
/** Fragment `dataLength` (u16, bytes): this fragment's payload size. */
  FRAGMENT_LENGTH: 6,
/** Fragment `fragmentCount` (u32): how many fragments the packet has. */
  FRAGMENT_COUNT: 8,
/** Fragment `fragmentNumber` (u32): this fragment's index, from 0. */
  FRAGMENT_NUMBER: 12,
/** Fragment `totalLength` (u32, bytes): the whole packet's size. */
  FRAGMENT_TOTAL_LENGTH: 16,
/** Fragment `fragmentOffset` (u32, bytes): where this fragment's payload goes in the packet. */
  FRAGMENT_OFFSET: 20,
/** BANDWIDTH_LIMIT `incomingBandwidth` (u32, bytes per second; 0 unlimited). */
  BANDWIDTH_INCOMING: 4,
/** BANDWIDTH_LIMIT `outgoingBandwidth` (u32, bytes per second; 0 unlimited). */
  BANDWIDTH_OUTGOING: 8,
/** THROTTLE_CONFIGURE `packetThrottleInterval` (u32, ms). */
  THROTTLE_INTERVAL: 4,
/** THROTTLE_CONFIGURE `packetThrottleAcceleration` (u32, of 32). */
  THROTTLE_ACCELERATION: 8,
/** THROTTLE_CONFIGURE `packetThrottleDeceleration` (u32, of 32). */
  THROTTLE_DECELERATION: 12,
} as const;
