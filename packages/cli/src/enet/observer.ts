import { crc32, type CompressionMode } from '@pp/enet';
import type { Direction, EnetPacketInfo, FrameKind } from '../proxy/events.js';
import { type WireCommand, PROTOCOL_MAXIMUM_PEER_ID, readCommands, readHeader } from './datagram.js';
import { type CompressionChoice, Decompression } from './decompression.js';
import { commandsSummary, controlText } from './describe.js';
import { fnv1a } from './hash.js';
import { BoundedMap, CONTROL_CHANNEL, type ChannelState, type DirectionState, type Reassembly, Session, UNRELIABLE_REASSEMBLIES } from './state.js';
import { RecentKeys, sequenceDelta } from './windows.js';

/** Where the observer's findings go (the proxy's inspector). */
export interface EnetReporter {
  /** A whole packet; returns the number it is shown under. */
  packet(direction: Direction, frame: FrameKind, bytes: Uint8Array, info: EnetPacketInfo): number;
  /**
   * Something ENet itself did (handshake, disconnect, settings, a repeat, a datagram's commands): `what`
   * names it (`connect`, `retransmission`…), `text` describes it, `packets` are the numbers of the packets it
   * concerns.
   */
  protocol(direction: Direction, what: string, text: string, packets?: number[]): void;
  /** A datagram (or its rest) that cannot be read, with the reason. */
  undecodable(direction: Direction, bytes: Uint8Array, reason: string): void;
}

/** Options of the ENet observer that reads the datagrams `pp proxy enet` relays. */
export interface EnetObserverOptions {
  /** The compression the game uses (`auto`: found from the traffic). @default 'auto' */
  compression?: CompressionChoice;
  /** Datagrams carry ENet's CRC32 (C applications that set `host->checksum = enet_crc32`; Godot never does). @default false */
  checksum?: boolean;
  /** Report every datagram's commands (acknowledgements and pings too). @default false */
  commands?: boolean;
  /** Largest packet reassembled (ENet's `maximumPacketSize`; bigger ones the receiver refuses too). @default 33554432 */
  maxPacketSize?: number;
  /** Bytes of fragments held per connection and direction while packets are incomplete (ENet's `maximumWaitingData`). @default 33554432 */
  maxWaitingData?: number;
  /** ENet connections tracked per flow (one game host may open several to one server). @default 64 */
  maxSessions?: number;
}

interface Repeat {
  label: string;
  index?: number;
}

const FRAGMENT_COUNT_MAX = 1024 * 1024;

/**
 * A passive ENet observer for one UDP flow (one game address and the server): sans-IO, it is
 * given every datagram the proxy forwards, in both directions, and reports what the two ENet
 * hosts say — each packet once, whole (fragments reassembled), with its channel, flags and
 * sequence numbers; the handshake and disconnection; and the datagrams that repeat packets
 * already shown (ENet's retransmissions, or copies the network made). It never sends anything
 * and never changes a byte: it only reads.
 */
export class EnetObserver {
  readonly #reporter: EnetReporter;
  readonly #decompression: Decompression;
  readonly #checksum: boolean;
  readonly #commands: boolean;
  readonly #maxPacketSize: number;
  readonly #maxWaitingData: number;
  /** Sessions by the client's peer id (what the server's datagrams carry) and by the server's (what the client's carry). */
  readonly #byClient: BoundedMap<number, Session>;
  readonly #byServer: BoundedMap<number, Session>;
  readonly #recentDatagrams = { c2s: new RecentKeys(256), s2c: new RecentKeys(256) };

  constructor(reporter: EnetReporter, options: EnetObserverOptions = {}) {
    this.#reporter = reporter;
    this.#decompression = new Decompression(options.compression ?? 'auto');
    this.#checksum = options.checksum ?? false;
    this.#commands = options.commands ?? false;
    this.#maxPacketSize = options.maxPacketSize ?? 32 * 1024 * 1024;
    this.#maxWaitingData = options.maxWaitingData ?? 32 * 1024 * 1024;
    this.#byClient = new BoundedMap(options.maxSessions ?? 64);
    this.#byServer = new BoundedMap(options.maxSessions ?? 64);
  }

  /** The compressor found in the traffic (or given), once a compressed datagram was read. */
  get compression(): CompressionMode | null {
    return this.#decompression.detected;
  }

  /** One datagram, exactly as forwarded. */
  datagram(direction: Direction, datagram: Uint8Array): void {
    const header = readHeader(datagram, this.#checksum);
    if (typeof header === 'string') {
      this.#reporter.undecodable(direction, datagram, header);
      return;
    }
    let bytes = datagram;
    if (header.compressed) {
      const expanded = this.#decompression.expand(datagram, header);
      if ('error' in expanded) {
        this.#reporter.undecodable(direction, datagram, expanded.error);
        return;
      }
      bytes = expanded.bytes;
    }
    const parsed = readCommands(bytes, header.size);
    let session = this.#session(direction, header.peerID);
    if (this.#checksum && !this.#checksumMatches(bytes, header.size, header.peerID, session)) {
      this.#reporter.undecodable(direction, datagram, 'its CRC32 checksum does not match (the receiver drops it; without --checksum if the game uses none)');
      return;
    }
    if (this.#commands) this.#reporter.protocol(direction, 'commands', commandsSummary(header, parsed.commands, this.#decompression.detected));

    const repeats: Repeat[] = [];
    for (const command of parsed.commands) {
      if (command.type === 'connect') {
        session = this.#connect(direction, command, session, repeats);
        continue;
      }
      if (session === null) {
        this.#reporter.undecodable(direction, datagram, `${command.type} without a connection (peer id 4095 is only for CONNECT): the receiver ignores the rest`);
        return;
      }
      const state = direction === 'c2s' ? session.c2s : session.s2c;
      const problem = this.#command(direction, command, session, state, repeats);
      if (problem !== null) {
        this.#reporter.undecodable(direction, datagram, `${problem}: the receiver drops the rest of this datagram`);
        break;
      }
    }
    if (repeats.length > 0) {
      const identical = this.#recentDatagrams[direction].seen(fnv1a(datagram) + datagram.length * 0x100000000);
      const indices = repeats.flatMap((r) => (r.index === undefined ? [] : [r.index]));
      this.#reporter.protocol(direction, identical ? 'duplicate' : 'retransmission',
        `${identical ? 'duplicate datagram (a copy made on the way)' : 'retransmission'} of ${repeats.map((r) => r.label).join(', ')}`, [...new Set(indices)]);
    } else {
      this.#recentDatagrams[direction].seen(fnv1a(datagram) + datagram.length * 0x100000000);
    }
    if (parsed.error !== null) this.#reporter.undecodable(direction, datagram, `${parsed.error}: the receiver ignores the rest of this datagram`);
  }

  #session(direction: Direction, peerID: number): Session | null {
    if (peerID === PROTOCOL_MAXIMUM_PEER_ID) return null;
    const known = (direction === 'c2s' ? this.#byServer : this.#byClient).get(peerID);
    if (known !== undefined) return known;
    // The proxy joined mid-connection: follow it from here.
    const session = new Session(direction === 's2c' ? peerID : null, null, null);
    if (direction === 's2c') this.#byClient.set(peerID, session);
    else {
      session.serverPeerID = peerID;
      this.#byServer.set(peerID, session);
    }
    return session;
  }

  #checksumMatches(bytes: Uint8Array, headerSize: number, peerID: number, session: Session | null): boolean {
    const connectID = peerID === PROTOCOL_MAXIMUM_PEER_ID ? 0 : session?.connectID;
    if (connectID === null || connectID === undefined) return true;
    const copy = bytes.slice();
    const view = new DataView(copy.buffer);
    const desired = view.getUint32(headerSize - 4);
    view.setUint32(headerSize - 4, connectID, true);
    return crc32(copy) >>> 0 === desired;
  }

  #connect(direction: Direction, command: WireCommand & { type: 'connect' }, current: Session | null, repeats: Repeat[]): Session | null {
    const { body } = command;
    let session = this.#byClient.get(body.outgoingPeerID);
    if (session !== undefined && session.connectID === body.connectID) {
      if (session.c2s.channel(CONTROL_CHANNEL).reliable.see(command.reliableSequence).repeat) {
        repeats.push({ label: 'CONNECT' });
        return session;
      }
    } else if (direction === 'c2s') {
      if (session?.serverPeerID != null) this.#byServer.delete(session.serverPeerID);
      session = new Session(body.outgoingPeerID, body.connectID, body.data);
      this.#byClient.set(body.outgoingPeerID, session);
      session.c2s.channel(CONTROL_CHANNEL).reliable.see(command.reliableSequence);
    }
    this.#reporter.protocol(direction, 'connect', controlText(command));
    return session ?? current;
  }

  /** Handles one command; returns why the datagram must stop here (ENet drops the rest), or null. */
  #command(direction: Direction, command: WireCommand, session: Session, state: DirectionState, repeats: Repeat[]): string | null {
    switch (command.type) {
      case 'acknowledge':
        return null;
      case 'reliable': {
        const channel = state.channel(command.channel);
        const sighting = channel.reliable.see(command.reliableSequence);
        if (sighting.repeat) {
          repeats.push(shownRepeat(channel.shown.get(command.reliableSequence), `reliable ch${command.channel} seq ${command.reliableSequence}`));
          return null;
        }
        const index = this.#reporter.packet(direction, 'reliable', command.payload, {
          channel: command.channel, flags: 1, sequence: command.reliableSequence, fragments: 1, connectData: session.connectData,
          repeats: 0, late: sighting.late, stale: false,
        });
        channel.shown.set(command.reliableSequence, index);
        return null;
      }
      case 'unreliable': {
        const channel = state.channel(command.channel);
        const order = channel.unreliable.see(command.reliableSequence, command.unreliableSequence);
        const key = unreliableKey(command.reliableSequence, command.unreliableSequence);
        if (order.repeat) {
          repeats.push(shownRepeat(channel.shown.get(key), `unreliable ch${command.channel} seq ${command.unreliableSequence}`));
          return null;
        }
        const index = this.#reporter.packet(direction, 'unreliable', command.payload, {
          channel: command.channel, flags: 0, sequence: command.reliableSequence, unreliableSequence: command.unreliableSequence, fragments: 1,
          connectData: session.connectData, repeats: 0, late: false, stale: order.stale,
        });
        channel.shown.set(key, index);
        return null;
      }
      case 'unsequenced': {
        if (state.unsequenced.seen(command.group)) {
          repeats.push({ label: `unsequenced group ${command.group}` });
          return null;
        }
        this.#reporter.packet(direction, 'unsequenced', command.payload, {
          channel: command.channel, flags: 2, sequence: command.reliableSequence, unreliableSequence: command.group, fragments: 1,
          connectData: session.connectData, repeats: 0, late: false, stale: false,
        });
        return null;
      }
      case 'fragment':
        return this.#fragment(direction, command, session, state, repeats);
      case 'unreliable_fragment':
        return this.#unreliableFragment(direction, command, session, state, repeats);
      default: {
        // Connection-level commands: sent reliably on the control channel.
        if (command.acknowledge && state.channel(CONTROL_CHANNEL).reliable.see(command.reliableSequence).repeat) {
          repeats.push({ label: command.type.toUpperCase() });
          return null;
        }
        if (command.type === 'verify_connect') {
          if (session.serverPeerID !== null && session.serverPeerID !== command.body.outgoingPeerID) this.#byServer.delete(session.serverPeerID);
          session.serverPeerID = command.body.outgoingPeerID;
          this.#byServer.set(command.body.outgoingPeerID, session);
        }
        if (command.type === 'disconnect') state.clear();
        if (command.type !== 'ping') this.#reporter.protocol(direction, command.type, controlText(command));
        return null;
      }
    }
  }

  #fragmentProblem(command: WireCommand & { type: 'fragment' | 'unreliable_fragment' }): string | null {
    const { count, number, total, offset, payload } = command;
    if (total > this.#maxPacketSize) return `a fragment of a ${total}-byte packet, above the largest packet (${this.#maxPacketSize})`;
    if (payload.length === 0 || count > FRAGMENT_COUNT_MAX || number >= count || total < count || offset >= total || payload.length > total - offset) {
      return `a fragment with impossible fields (number ${number} of ${count}, offset ${offset}, ${payload.length} of ${total} bytes)`;
    }
    return null;
  }

  #reserve(direction: Direction, state: DirectionState, total: number, count: number, sequence: number): Reassembly | null {
    if (state.waiting + total > this.#maxWaitingData) {
      this.#reporter.protocol(direction, 'fragments', `a ${total}-byte packet in ${count} fragments is not reassembled: more than ${this.#maxWaitingData} bytes of fragments are waiting (its datagrams are still forwarded)`);
      return null;
    }
    state.waiting += total;
    return { data: new Uint8Array(total), count, remaining: count, received: new Uint32Array(Math.ceil(count / 32)), sequence, repeats: 0, late: false };
  }

  #fragment(direction: Direction, command: WireCommand & { type: 'fragment' }, session: Session, state: DirectionState, repeats: Repeat[]): string | null {
    const channel = state.channel(command.channel);
    const label = `fragment ${command.number + 1}/${command.count}`;
    const sighting = channel.reliable.see(command.reliableSequence);
    if (sighting.repeat) {
      const pending = channel.fragments.get(command.start);
      if (pending !== undefined) {
        pending.repeats++;
        repeats.push({ label: `${label} of an incomplete packet` });
      } else {
        repeats.push(shownRepeat(channel.shown.get(command.start), `reliable ch${command.channel} seq ${command.start}`, ` (${label})`));
      }
      return null;
    }
    const problem = this.#fragmentProblem(command);
    if (problem !== null) return problem;
    let reassembly = channel.fragments.get(command.start);
    if (reassembly === undefined) {
      const reserved = this.#reserve(direction, state, command.total, command.count, command.start);
      if (reserved === null) return null;
      reassembly = reserved;
      channel.fragments.set(command.start, reassembly);
    } else if (reassembly.count !== command.count || reassembly.data.length !== command.total) {
      return `a fragment that contradicts the packet's others (${command.count} fragments of ${command.total} bytes, not ${reassembly.count} of ${reassembly.data.length})`;
    }
    reassembly.late ||= sighting.late;
    if (!store(reassembly, command)) return null;
    channel.fragments.delete(command.start);
    state.waiting -= reassembly.data.length;
    const index = this.#reporter.packet(direction, 'reliable', reassembly.data, {
      channel: command.channel, flags: 1, sequence: command.start, fragments: reassembly.count, connectData: session.connectData,
      repeats: reassembly.repeats, late: reassembly.late, stale: false,
    });
    channel.shown.set(command.start, index);
    return null;
  }

  #unreliableFragment(
    direction: Direction, command: WireCommand & { type: 'unreliable_fragment' }, session: Session, state: DirectionState, repeats: Repeat[],
  ): string | null {
    const channel = state.channel(command.channel);
    const key = unreliableKey(command.reliableSequence, command.start);
    const label = `fragment ${command.number + 1}/${command.count}`;
    const shown = channel.shown.get(key);
    if (shown !== undefined) {
      repeats.push(shownRepeat(shown, '', ` (${label})`));
      return null;
    }
    const problem = this.#fragmentProblem(command);
    if (problem !== null) return problem;
    let reassembly = channel.unreliableFragments.get(key);
    if (reassembly === undefined) {
      if (channel.unreliableFragments.size >= UNRELIABLE_REASSEMBLIES) {
        const [oldest, dropped] = channel.unreliableFragments.entries().next().value as [number, Reassembly];
        channel.unreliableFragments.delete(oldest);
        state.waiting -= dropped.data.length;
      }
      const reserved = this.#reserve(direction, state, command.total, command.count, command.reliableSequence);
      if (reserved === null) return null;
      reassembly = reserved;
      reassembly.unreliableSequence = command.start;
      channel.unreliableFragments.set(key, reassembly);
    } else if (reassembly.count !== command.count || reassembly.data.length !== command.total) {
      return `a fragment that contradicts the packet's others (${command.count} fragments of ${command.total} bytes, not ${reassembly.count} of ${reassembly.data.length})`;
    }
    if (hasFragment(reassembly, command.number)) {
      reassembly.repeats++;
      repeats.push({ label: `${label} of an incomplete unreliable packet` });
      return null;
    }
    if (!store(reassembly, command)) return null;
    channel.unreliableFragments.delete(key);
    state.waiting -= reassembly.data.length;
    dropOlderUnreliable(channel, state, command.reliableSequence, command.start);
    const order = channel.unreliable.see(command.reliableSequence, command.start);
    const index = this.#reporter.packet(direction, 'unreliable', reassembly.data, {
      channel: command.channel, flags: 8, sequence: command.reliableSequence, unreliableSequence: command.start, fragments: reassembly.count,
      connectData: session.connectData, repeats: reassembly.repeats, late: false, stale: order.stale,
    });
    channel.shown.set(key, index);
    return null;
  }
}

function unreliableKey(reliable: number, unreliable: number): number {
  // Above the reliable numbers (0 … 65535) in the same map.
  return 0x10000 + reliable * 0x10000 + unreliable;
}

function shownRepeat(index: number | undefined, unknown: string, suffix = ''): Repeat {
  return index === undefined ? { label: `${unknown}${suffix}` } : { label: `#${index}${suffix}`, index };
}

function hasFragment(reassembly: Reassembly, number: number): boolean {
  return ((reassembly.received[number >>> 5] as number) & (1 << (number & 31))) !== 0;
}

/** Copies one fragment in; true when that completed the packet. */
function store(reassembly: Reassembly, command: WireCommand & { type: 'fragment' | 'unreliable_fragment' }): boolean {
  if (hasFragment(reassembly, command.number)) return false;
  reassembly.received[command.number >>> 5] = (reassembly.received[command.number >>> 5] as number) | (1 << (command.number & 31));
  reassembly.data.set(command.payload.subarray(0, reassembly.data.length - command.offset), command.offset);
  reassembly.remaining--;
  return reassembly.remaining === 0;
}

/** Incomplete unreliable packets older than one just delivered: ENet drops them, and so do we. */
function dropOlderUnreliable(channel: ChannelState, state: DirectionState, reliable: number, start: number): void {
  for (const [key, reassembly] of channel.unreliableFragments) {
    const dr = sequenceDelta(reassembly.sequence, reliable);
    if (dr < 0 || (dr === 0 && sequenceDelta(reassembly.unreliableSequence ?? 0, start) < 0)) {
      channel.unreliableFragments.delete(key);
      state.waiting -= reassembly.data.length;
    }
  }
}
