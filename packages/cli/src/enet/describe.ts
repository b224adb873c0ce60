/** The words the log uses for ENet's own commands. */
import type { CompressionMode } from '@pp/enet';
import { COMMAND_NAMES, type DatagramHeader, type WireCommand } from './datagram.js';
import { COMPRESSION_NAMES } from './decompression.js';

const hex32 = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

/** A connection-level command (CONNECT, VERIFY_CONNECT, DISCONNECT, BANDWIDTH_LIMIT, THROTTLE_CONFIGURE) in words. */
export function controlText(command: WireCommand): string {
  switch (command.type) {
    case 'connect': {
      const b = command.body;
      return `CONNECT: the client's peer ${b.outgoingPeerID} asks for ${b.channelCount} channel(s), mtu ${b.mtu}, window ${b.windowSize}, ` +
        `bandwidth in ${b.incomingBandwidth} out ${b.outgoingBandwidth}, data ${b.data} (Godot: the client's peer id), connect id ${hex32(b.connectID)}`;
    }
    case 'verify_connect': {
      const b = command.body;
      return `VERIFY_CONNECT: the server's peer ${b.outgoingPeerID} accepts ${b.channelCount} channel(s), mtu ${b.mtu}, window ${b.windowSize}, ` +
        `bandwidth in ${b.incomingBandwidth} out ${b.outgoingBandwidth}`;
    }
    case 'disconnect':
      return `DISCONNECT${command.acknowledge ? '' : ' (now, unacknowledged)'}: data ${command.data}`;
    case 'bandwidth_limit':
      return `BANDWIDTH_LIMIT: in ${command.incoming} B/s, out ${command.outgoing} B/s (0: unlimited)`;
    case 'throttle_configure':
      return `THROTTLE_CONFIGURE: interval ${command.interval} ms, acceleration ${command.acceleration}, deceleration ${command.deceleration}`;
    default:
      return COMMAND_NAMES[command.type];
  }
}

function commandWords(command: WireCommand): string {
  const name = COMMAND_NAMES[command.type];
  const ch = command.channel === 0xff ? '' : ` ch${command.channel}`;
  switch (command.type) {
    case 'acknowledge':
      return `${name}${ch} seq ${command.receivedSequence}`;
    case 'reliable':
      return `${name}${ch} seq ${command.reliableSequence} ${command.payload.length} B`;
    case 'unreliable':
      return `${name}${ch} seq ${command.reliableSequence}.${command.unreliableSequence} ${command.payload.length} B`;
    case 'unsequenced':
      return `${name}${ch} group ${command.group} ${command.payload.length} B`;
    case 'fragment':
    case 'unreliable_fragment':
      return `${name}${ch} seq ${command.reliableSequence} start ${command.start} ${command.number + 1}/${command.count} @${command.offset} ${command.payload.length} of ${command.total} B`;
    default:
      return `${name} seq ${command.reliableSequence}`;
  }
}

/** One datagram's header and commands, for `--enet-commands`. */
export function commandsSummary(header: DatagramHeader, commands: readonly WireCommand[], compression: CompressionMode | null): string {
  const time = header.sentTime === null ? '' : ` time ${header.sentTime}`;
  const compressed = header.compressed ? ` compressed (${compression === null ? '?' : COMPRESSION_NAMES[compression]})` : '';
  return `datagram to peer ${header.peerID} session ${header.sessionID}${time}${compressed}: ${commands.map(commandWords).join(', ') || 'no commands'}`;
}
