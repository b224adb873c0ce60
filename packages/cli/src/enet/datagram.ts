/**
 * Reading an ENet datagram as an observer: its header and every command in it, with nothing
 * acted on. The constants and field offsets are @pp/enet's (`protocol`); what differs from the
 * engine's receive path is that nothing here depends on a peer's state, so a proxy can read both
 * directions of a connection it takes no part in.
 */
import { protocol } from '@pp/enet';

const {
  CHECKSUM_SIZE, COMMAND_FLAG_ACKNOWLEDGE, COMMAND_FLAG_UNSEQUENCED, COMMAND_HEADER_SIZE, COMMAND_MASK, COMMAND_SIZES, Command, Field,
  HEADER_FLAG_COMPRESSED, HEADER_FLAG_MASK, HEADER_FLAG_SENT_TIME, HEADER_SESSION_MASK, HEADER_SESSION_SHIFT, HEADER_SIZE,
  HEADER_SIZE_NO_TIME, PROTOCOL_MAXIMUM_PEER_ID, SEND_FRAGMENT_SIZE, decodeConnectBody,
} = protocol;

export { Command, PROTOCOL_MAXIMUM_PEER_ID };

export interface DatagramHeader {
  /** The receiver's peer id (4095 before it has one: a CONNECT). */
  peerID: number;
  sessionID: number;
  compressed: boolean;
  /** The sender's 16-bit time, when the datagram carries one (it does when it asks for acknowledgements). */
  sentTime: number | null;
  /** Bytes of header before the commands (checksum included). */
  size: number;
  /** The CRC32 the header carries (`--checksum`), or null. */
  checksum: number | null;
}

interface CommandBase {
  /** The command byte, flags included. */
  byte: number;
  channel: number;
  reliableSequence: number;
  /** Whether the sender wants it acknowledged (it is sent reliably). */
  acknowledge: boolean;
}

/** The fields of SEND_FRAGMENT and SEND_UNRELIABLE_FRAGMENT. */
interface FragmentFields {
  start: number;
  count: number;
  number: number;
  total: number;
  offset: number;
  payload: Uint8Array;
}

export type WireCommand = CommandBase & (
  | { type: 'acknowledge'; receivedSequence: number; receivedSentTime: number }
  | { type: 'connect'; body: protocol.ConnectBody }
  | { type: 'verify_connect'; body: protocol.ConnectBody }
  | { type: 'disconnect'; data: number }
  | { type: 'ping' }
  | { type: 'bandwidth_limit'; incoming: number; outgoing: number }
  | { type: 'throttle_configure'; interval: number; acceleration: number; deceleration: number }
  | { type: 'reliable'; payload: Uint8Array }
  | { type: 'unreliable'; unreliableSequence: number; payload: Uint8Array }
  | { type: 'unsequenced'; group: number; payload: Uint8Array }
  | ({ type: 'fragment' } & FragmentFields)
  | ({ type: 'unreliable_fragment' } & FragmentFields)
);

export type CommandType = WireCommand['type'];

/** ENet's names of the commands, for the log. */
export const COMMAND_NAMES: Record<CommandType, string> = {
  acknowledge: 'ACKNOWLEDGE', connect: 'CONNECT', verify_connect: 'VERIFY_CONNECT', disconnect: 'DISCONNECT', ping: 'PING',
  bandwidth_limit: 'BANDWIDTH_LIMIT', throttle_configure: 'THROTTLE_CONFIGURE', reliable: 'SEND_RELIABLE',
  unreliable: 'SEND_UNRELIABLE', unsequenced: 'SEND_UNSEQUENCED', fragment: 'SEND_FRAGMENT', unreliable_fragment: 'SEND_UNRELIABLE_FRAGMENT',
};

/** The header, or why the bytes cannot be an ENet datagram. */
export function readHeader(bytes: Uint8Array, checksum: boolean): DatagramHeader | string {
  if (bytes.length < HEADER_SIZE_NO_TIME) return `${bytes.length} byte(s): shorter than ENet's 2-byte header`;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const word = view.getUint16(0);
  const flags = word & HEADER_FLAG_MASK;
  const hasTime = (flags & HEADER_FLAG_SENT_TIME) !== 0;
  let size = hasTime ? HEADER_SIZE : HEADER_SIZE_NO_TIME;
  if (checksum) size += CHECKSUM_SIZE;
  if (bytes.length < size) return `${bytes.length} bytes: shorter than its ${size}-byte ENet header`;
  return {
    peerID: word & ~(HEADER_FLAG_MASK | HEADER_SESSION_MASK),
    sessionID: (word & HEADER_SESSION_MASK) >> HEADER_SESSION_SHIFT,
    compressed: (flags & HEADER_FLAG_COMPRESSED) !== 0,
    sentTime: hasTime ? view.getUint16(2) : null,
    size,
    checksum: checksum ? view.getUint32(size - CHECKSUM_SIZE) : null,
  };
}

export interface ParsedCommands {
  commands: WireCommand[];
  /** Why parsing stopped before the end (ENet stops there too, keeping what came before), or null. */
  error: string | null;
}

/** Every command from `offset` to the end, as ENet reads them (`handle_incoming_commands`). */
export function readCommands(bytes: Uint8Array, offset: number): ParsedCommands {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const commands: WireCommand[] = [];
  let at = offset;
  const stop = (error: string): ParsedCommands => ({ commands, error: `${error} at byte ${at}` });
  while (at < bytes.length) {
    if (at + COMMAND_HEADER_SIZE > bytes.length) return stop('a truncated command header');
    const byte = bytes[at] as number;
    const number = byte & COMMAND_MASK;
    const size = COMMAND_SIZES[number] ?? 0;
    if (number >= Command.COUNT || size === 0) return stop(`unknown command ${number}`);
    if (at + size > bytes.length) return stop(`a truncated command ${number}`);
    const base: CommandBase = {
      byte, channel: bytes[at + 1] as number, reliableSequence: view.getUint16(at + 2), acknowledge: (byte & COMMAND_FLAG_ACKNOWLEDGE) !== 0,
    };
    const payload = (lengthField: number): Uint8Array | null => {
      const length = view.getUint16(at + lengthField);
      const start = at + size;
      return start + length > bytes.length ? null : bytes.subarray(start, start + length);
    };
    let command: WireCommand | null;
    switch (number) {
      case Command.ACKNOWLEDGE:
        command = { ...base, type: 'acknowledge', receivedSequence: view.getUint16(at + Field.ACK_RECEIVED_RELIABLE_SEQUENCE), receivedSentTime: view.getUint16(at + Field.ACK_RECEIVED_SENT_TIME) };
        break;
      case Command.CONNECT:
        command = { ...base, type: 'connect', body: decodeConnectBody(view, at + COMMAND_HEADER_SIZE, true) };
        break;
      case Command.VERIFY_CONNECT:
        command = { ...base, type: 'verify_connect', body: decodeConnectBody(view, at + COMMAND_HEADER_SIZE, false) };
        break;
      case Command.DISCONNECT:
        command = { ...base, type: 'disconnect', data: view.getUint32(at + Field.DISCONNECT_DATA) };
        break;
      case Command.PING:
        command = { ...base, type: 'ping' };
        break;
      case Command.BANDWIDTH_LIMIT:
        command = { ...base, type: 'bandwidth_limit', incoming: view.getUint32(at + Field.BANDWIDTH_INCOMING), outgoing: view.getUint32(at + Field.BANDWIDTH_OUTGOING) };
        break;
      case Command.THROTTLE_CONFIGURE:
        command = {
          ...base, type: 'throttle_configure', interval: view.getUint32(at + Field.THROTTLE_INTERVAL),
          acceleration: view.getUint32(at + Field.THROTTLE_ACCELERATION), deceleration: view.getUint32(at + Field.THROTTLE_DECELERATION),
        };
        break;
      case Command.SEND_RELIABLE: {
        const data = payload(Field.SEND_RELIABLE_LENGTH);
        command = data && { ...base, type: 'reliable', payload: data };
        break;
      }
      case Command.SEND_UNRELIABLE: {
        const data = payload(Field.SEND_UNRELIABLE_LENGTH);
        command = data && { ...base, type: 'unreliable', unreliableSequence: view.getUint16(at + Field.SEND_UNRELIABLE_SEQUENCE), payload: data };
        break;
      }
      case Command.SEND_UNSEQUENCED: {
        const data = payload(Field.SEND_UNSEQUENCED_LENGTH);
        command = data && { ...base, type: 'unsequenced', group: view.getUint16(at + Field.SEND_UNSEQUENCED_GROUP), payload: data };
        break;
      }
      default: {
        // SEND_FRAGMENT and SEND_UNRELIABLE_FRAGMENT share their layout.
        const data = payload(Field.FRAGMENT_LENGTH);
        command = data && {
          ...base, type: number === Command.SEND_FRAGMENT ? 'fragment' as const : 'unreliable_fragment' as const,
          start: view.getUint16(at + Field.FRAGMENT_START_SEQUENCE), count: view.getUint32(at + Field.FRAGMENT_COUNT),
          number: view.getUint32(at + Field.FRAGMENT_NUMBER), total: view.getUint32(at + Field.FRAGMENT_TOTAL_LENGTH),
          offset: view.getUint32(at + Field.FRAGMENT_OFFSET), payload: data,
        };
      }
    }
    if (command === null) return stop(`a payload longer than the datagram in command ${number}`);
    commands.push(command);
    at += size + ('payload' in command ? command.payload.length : 0);
  }
  return { commands, error: null };
}

/** Whether the command is sent unsequenced (its flag bit; SEND_UNSEQUENCED always is). */
export function isUnsequenced(command: WireCommand): boolean {
  return (command.byte & COMMAND_FLAG_UNSEQUENCED) !== 0;
}

export const FRAGMENT_HEADER_SIZE = SEND_FRAGMENT_SIZE;
