import { Channel } from './channel.js';
import {
  COMMAND_FLAG_ACKNOWLEDGE, COMMAND_FLAG_UNSEQUENCED, COMMAND_MASK, Command, HEADER_SIZE, SEND_FRAGMENT_SIZE,
  CHECKSUM_SIZE, commandSize, encodeU32Body, type DecodedCommand,
} from './commands.js';
import {
  PEER_DEFAULT_PACKET_THROTTLE, PEER_DEFAULT_ROUND_TRIP_TIME, PEER_FREE_RELIABLE_WINDOWS, PEER_PACKET_THROTTLE_ACCELERATION,
  PEER_PACKET_THROTTLE_DECELERATION, PEER_PACKET_THROTTLE_INTERVAL, PEER_PACKET_THROTTLE_SCALE, PEER_PING_INTERVAL,
  PEER_RELIABLE_WINDOWS, PEER_RELIABLE_WINDOW_SIZE, PEER_TIMEOUT_LIMIT, PEER_TIMEOUT_MAXIMUM, PEER_TIMEOUT_MINIMUM,
  PEER_UNSEQUENCED_WINDOW_SIZE, PROTOCOL_MAXIMUM_FRAGMENT_COUNT, PROTOCOL_MAXIMUM_PEER_ID, PROTOCOL_MAXIMUM_WINDOW_SIZE,
  PacketFlag, PeerState,
} from './constants.js';
import type { DatagramAddress } from '@pp/core';
import type { Host } from './host.js';
import { List, ListNode } from './list.js';
import type { Packet } from './packet.js';
import { Acknowledgement, type IncomingCommand, OutgoingCommand } from './queued-commands.js';

/**
 * Where a peer is: core's `DatagramAddress`, an IP literal as Godot shows it (never the
 * IPv4-mapped form) and a port.
 */
export type PeerAddress = DatagramAddress;

/** Read-only zeros: the unsequenced window of every peer that has not received an unsequenced packet. */
const NO_UNSEQUENCED_WINDOW = new Uint32Array(PEER_UNSEQUENCED_WINDOW_SIZE / 32);

export const PEER_FLAG_NEEDS_DISPATCH = 1 << 0;
export const PEER_FLAG_CONTINUE_SENDING = 1 << 1;

/**
 * One peer slot of a host (`ENetPeer`, `peer.c`): connection state, channels, queues, RTT and
 * throttle figures, and the operations an application calls on a peer. A slot outlives its
 * connections: `reset()` returns it to DISCONNECTED but keeps its session ids, so the next
 * connection through the same slot gets different ones (ENet relies on that to tell old
 * datagrams from new).
 */
export class Peer extends ListNode {
  /** The host that owns this slot. */
  readonly host: Host;
  /** This slot's index: the peer id the remote side puts in its datagrams to us. */
  readonly incomingPeerID: number;
  /** The remote side's slot index for us (0xFFF until known). */
  outgoingPeerID = PROTOCOL_MAXIMUM_PEER_ID;
  /** The connection's `connectID` (the CONNECT field), chosen by the connecting side; 0 when disconnected. */
  connectID = 0;
  /**
   * The 2-bit session ID put in the headers we send (`outgoingSessionID`); 0xff until the handshake picks
   * one.
   */
  outgoingSessionID = 0xff;
  /**
   * The 2-bit session ID expected in the headers we receive (`incomingSessionID`); 0xff until the handshake
   * picks one.
   */
  incomingSessionID = 0xff;
  /** The remote address of the connection (`peer->address`). */
  address: PeerAddress = { ip: '', port: 0 };
  /** Application data attached to the peer (Godot's `peer->data`). */
  data: unknown = null;
  /** The connection state (`peer->state`), a {@link PeerState}. */
  state: PeerState = PeerState.DISCONNECTED;
  /** The connection's channels, with their sequence numbers and queues; empty when disconnected. */
  channels: Channel[] = [];
  /** The number of channels the connection negotiated (1 … 255); 0 when disconnected. */
  channelCount = 0;
  /** The remote side's download limit (bytes per second, 0 unlimited), from CONNECT / BANDWIDTH_LIMIT. */
  incomingBandwidth = 0;
  /** The remote side's upload limit (bytes per second, 0 unlimited), from CONNECT / BANDWIDTH_LIMIT. */
  outgoingBandwidth = 0;
  /** When (host ms) the bandwidth throttle last lowered the incoming limit announced to this peer. */
  incomingBandwidthThrottleEpoch = 0;
  /** When (host ms) the bandwidth throttle last limited this peer's throttle for its download limit. */
  outgoingBandwidthThrottleEpoch = 0;
  /** Bytes received from this peer since the last bandwidth throttle pass (which resets it). */
  incomingDataTotal = 0;
  /** Bytes queued for this peer since the last bandwidth throttle pass (which resets it). */
  outgoingDataTotal = 0;
  /** When (host ms) the last datagram to this peer went out. */
  lastSendTime = 0;
  /** When (host ms) the last acknowledgement from this peer arrived; the ping interval counts from it. */
  lastReceiveTime = 0;
  /** When (host ms) the oldest unacknowledged reliable command must be retransmitted. */
  nextTimeout = 0;
  /**
   * The sent time (host ms) of the oldest command still unacknowledged, from which the timeout limits count;
   * 0 when none.
   */
  earliestTimeout = 0;
  /** When (host ms) the current packet-loss interval began. */
  packetLossEpoch = 0;
  /** Reliable commands sent in the current packet-loss interval. */
  packetsSent = 0;
  /** Reliable commands retransmitted (counted lost) in the current packet-loss interval. */
  packetsLost = 0;
  /** The mean packet loss, of {@link PEER_PACKET_LOSS_SCALE} (65536 is 100 %). */
  packetLoss = 0;
  /** The mean deviation of the packet loss, of {@link PEER_PACKET_LOSS_SCALE}. */
  packetLossVariance = 0;
  /** The unreliable throttle, of 32: the share of unreliable packets sent (32 all, 0 none). */
  packetThrottle = PEER_DEFAULT_PACKET_THROTTLE;
  /** The ceiling the bandwidth throttle sets on `packetThrottle`, of 32. */
  packetThrottleLimit = PEER_PACKET_THROTTLE_SCALE;
  /** The rotating counter compared with `packetThrottle` to drop unreliable packets. */
  packetThrottleCounter = 0;
  /** When (host ms) the current throttle interval began; 0 before the first round trip. */
  packetThrottleEpoch = 0;
  /** The throttle step up (of 32) per good round trip. @defaultValue 2 */
  packetThrottleAcceleration = PEER_PACKET_THROTTLE_ACCELERATION;
  /** The throttle step down (of 32) per bad round trip. @defaultValue 2 */
  packetThrottleDeceleration = PEER_PACKET_THROTTLE_DECELERATION;
  /** The throttle measuring interval in ms (`enet_peer_throttle_configure`). @defaultValue 5000 */
  packetThrottleInterval = PEER_PACKET_THROTTLE_INTERVAL;
  /** The ping interval in ms (`enet_peer_ping_interval`; Godot's `ping_interval`). @defaultValue 500 */
  pingIntervalMs = PEER_PING_INTERVAL;
  /**
   * The retransmission back-off factor past which the peer may time out (`enet_peer_timeout` `timeoutLimit`).
   * @defaultValue 32
   */
  timeoutLimit = PEER_TIMEOUT_LIMIT;
  /**
   * The least time in ms before an unacknowledged command may time the peer out (`timeoutMinimum`).
   * @defaultValue 5000
   */
  timeoutMinimum = PEER_TIMEOUT_MINIMUM;
  /**
   * The time in ms after which an unacknowledged command always times the peer out (`timeoutMaximum`).
   * @defaultValue 30000
   */
  timeoutMaximum = PEER_TIMEOUT_MAXIMUM;
  /** The lowest round trip (ms) of the last throttle interval, the throttle's reference. */
  lastRoundTripTime = PEER_DEFAULT_ROUND_TRIP_TIME;
  /** The lowest round trip (ms) seen in the current throttle interval. */
  lowestRoundTripTime = PEER_DEFAULT_ROUND_TRIP_TIME;
  /** The highest round-trip variance (ms) of the last throttle interval. */
  lastRoundTripTimeVariance = 0;
  /** The highest round-trip variance (ms) seen in the current throttle interval. */
  highestRoundTripTimeVariance = 0;
  /**
   * The smoothed round-trip time in ms (`peer->roundTripTime`, Godot's `PEER_ROUND_TRIP_TIME`). @defaultValue
   * 500
   */
  roundTripTime = PEER_DEFAULT_ROUND_TRIP_TIME;
  /** The smoothed round-trip variance in ms; retransmission timeouts are `roundTripTime + 4 × variance`. */
  roundTripTimeVariance = 0;
  /** The connection's MTU in bytes: the host's, lowered to the remote side's during the handshake. */
  mtu: number;
  /** The reliable window in bytes: how much reliable data may be unacknowledged at once. */
  windowSize = PROTOCOL_MAXIMUM_WINDOW_SIZE;
  /** Bytes of reliable payload sent and not yet acknowledged (kept within `windowSize`). */
  reliableDataInTransit = 0;
  /**
   * The last reliable sequence number used for the connection's own commands (channel 0xff: PING,
   * DISCONNECT…).
   */
  outgoingReliableSequenceNumber = 0;
  /** Acknowledgements to send at the next send pass. */
  readonly acknowledgements = new List<Acknowledgement>();
  /** Reliable commands sent and waiting for their acknowledgement (retransmitted on timeout). */
  readonly sentReliableCommands = new List<OutgoingCommand>();
  /**
   * Reliable commands carrying packets, not yet sent (ENet 1.3.18's separate queue, held back by the window).
   */
  readonly outgoingSendReliableCommands = new List<OutgoingCommand>();
  /** Other commands not yet sent: unreliable packets and the protocol's own commands. */
  readonly outgoingCommands = new List<OutgoingCommand>();
  /** Packets delivered in order and waiting for `receive` (`enet_peer_receive`). */
  readonly dispatchedCommands = new List<IncomingCommand>();
  /**
   * ENet's `peer->flags`: `PEER_FLAG_NEEDS_DISPATCH` (queued on the host's dispatch queue),
   * `PEER_FLAG_CONTINUE_SENDING`.
   */
  flags = 0;
  /** The first unsequenced group of the receive window (a multiple of 1024). */
  incomingUnsequencedGroup = 0;
  /** The last unsequenced group number we sent. */
  outgoingUnsequencedGroup = 0;
  /**
   * One bit per unsequenced group of the current receive window, set once that group arrived (duplicates are
   * dropped). One shared all-zero array (`NO_UNSEQUENCED_WINDOW`) until the connection receives its first
   * unsequenced packet (see {@link markUnsequenced}), so a slot that never does costs no array of its own.
   */
  unsequencedWindow: Uint32Array = NO_UNSEQUENCED_WINDOW;
  /** The data of the CONNECT or DISCONNECT event to come (`peer->eventData`). */
  eventData = 0;
  /** Bytes of received packets waiting for delivery, bounded by the host's `maximumWaitingData`. */
  totalWaitingData = 0;
  /** Counts the connections this slot has carried (ours: tells stale handles from live ones). */
  connectionSerial = 0;

  constructor(host: Host, incomingPeerID: number) {
    super();
    this.host = host;
    this.incomingPeerID = incomingPeerID;
    this.mtu = host.mtu;
  }

  // --- the application's operations ----------------------------------------------------

  /**
   * Queues `packet` on `channelID` (`enet_peer_send`): fragments it when it is larger than one
   * datagram can carry. Returns 0, or -1 when the peer is not connected, the channel does not
   * exist, or the packet is too large.
   */
  send(channelID: number, packet: Packet): number {
    if (this.state !== PeerState.CONNECTED || channelID >= this.channelCount || packet.data.length > this.host.maximumPacketSize) {
      return -1;
    }
    const channel = this.channels[channelID] as Channel;
    let fragmentLength = this.mtu - HEADER_SIZE - SEND_FRAGMENT_SIZE;
    if (this.host.checksum !== null) fragmentLength -= CHECKSUM_SIZE;
    const length = packet.data.length;

    if (length > fragmentLength) {
      const fragmentCount = Math.ceil(length / fragmentLength);
      if (fragmentCount > PROTOCOL_MAXIMUM_FRAGMENT_COUNT) return -1;
      let command: number;
      let startSequenceNumber: number;
      if ((packet.flags & (PacketFlag.RELIABLE | PacketFlag.UNRELIABLE_FRAGMENT)) === PacketFlag.UNRELIABLE_FRAGMENT &&
        channel.outgoingUnreliableSequenceNumber < 0xffff) {
        command = Command.SEND_UNRELIABLE_FRAGMENT;
        startSequenceNumber = (channel.outgoingUnreliableSequenceNumber + 1) & 0xffff;
      } else {
        command = Command.SEND_FRAGMENT | COMMAND_FLAG_ACKNOWLEDGE;
        startSequenceNumber = (channel.outgoingReliableSequenceNumber + 1) & 0xffff;
      }
      for (let number = 0, offset = 0; offset < length; number++, offset += fragmentLength) {
        const fragment = new OutgoingCommand(command, channelID, packet, null);
        fragment.fragmentOffset = offset;
        fragment.fragmentLength = Math.min(fragmentLength, length - offset);
        fragment.startSequenceNumber = startSequenceNumber;
        fragment.fragmentCount = fragmentCount;
        fragment.fragmentNumber = number;
        this.setupOutgoingCommand(fragment);
      }
      return 0;
    }

    let command: number;
    if ((packet.flags & (PacketFlag.RELIABLE | PacketFlag.UNSEQUENCED)) === PacketFlag.UNSEQUENCED) {
      command = Command.SEND_UNSEQUENCED | COMMAND_FLAG_UNSEQUENCED;
    } else if ((packet.flags & PacketFlag.RELIABLE) !== 0 || channel.outgoingUnreliableSequenceNumber >= 0xffff) {
      command = Command.SEND_RELIABLE | COMMAND_FLAG_ACKNOWLEDGE;
    } else {
      command = Command.SEND_UNRELIABLE;
    }
    this.queueOutgoingCommand(command, channelID, packet, null, 0, length);
    return 0;
  }

  /**
   * Takes the next delivered packet (`enet_peer_receive`): the command that carried it (its
   * `packet` and `channelID`), or null.
   */
  receive(): IncomingCommand | null {
    if (this.dispatchedCommands.isEmpty()) return null;
    const incoming = List.remove(this.dispatchedCommands.front());
    this.totalWaitingData = Math.max(0, this.totalWaitingData - incoming.packet.data.length);
    return incoming;
  }

  /** Queues a PING now (`enet_peer_ping`); pings also run by themselves every `pingInterval`. */
  ping(): void {
    if (this.state !== PeerState.CONNECTED) return;
    this.queueOutgoingCommand(Command.PING | COMMAND_FLAG_ACKNOWLEDGE, 0xff, null, null, 0, 0);
  }

  /** Sets the ping interval in ms; 0 restores the default 500. */
  pingInterval(interval: number): void {
    this.pingIntervalMs = interval ? interval >>> 0 : PEER_PING_INTERVAL;
  }

  /** Sets the timeout parameters (`enet_peer_timeout`); a 0 keeps ENet's default for that one. */
  timeout(limit: number, minimum: number, maximum: number): void {
    this.timeoutLimit = limit ? limit >>> 0 : PEER_TIMEOUT_LIMIT;
    this.timeoutMinimum = minimum ? minimum >>> 0 : PEER_TIMEOUT_MINIMUM;
    this.timeoutMaximum = maximum ? maximum >>> 0 : PEER_TIMEOUT_MAXIMUM;
  }

  /** Sets the throttle parameters here and tells the remote side (THROTTLE_CONFIGURE). */
  throttleConfigure(interval: number, acceleration: number, deceleration: number): void {
    this.packetThrottleInterval = interval >>> 0;
    this.packetThrottleAcceleration = acceleration >>> 0;
    this.packetThrottleDeceleration = deceleration >>> 0;
    this.queueOutgoingCommand(
      Command.THROTTLE_CONFIGURE | COMMAND_FLAG_ACKNOWLEDGE, 0xff, null,
      encodeU32Body(interval, acceleration, deceleration), 0, 0,
    );
  }

  /** Forgets the connection at once; nothing is sent (`enet_peer_reset`). */
  reset(): void {
    this.onDisconnect();
    // Ours: events are queued, so the slot may carry a new connection before the application
    // has read the old one's DISCONNECT; the event keeps the old data, the slot forgets it.
    this.data = null;
    this.outgoingPeerID = PROTOCOL_MAXIMUM_PEER_ID;
    this.connectID = 0;
    this.state = PeerState.DISCONNECTED;
    this.incomingBandwidth = 0;
    this.outgoingBandwidth = 0;
    this.incomingBandwidthThrottleEpoch = 0;
    this.outgoingBandwidthThrottleEpoch = 0;
    this.incomingDataTotal = 0;
    this.outgoingDataTotal = 0;
    this.lastSendTime = 0;
    this.lastReceiveTime = 0;
    this.nextTimeout = 0;
    this.earliestTimeout = 0;
    this.packetLossEpoch = 0;
    this.packetsSent = 0;
    this.packetsLost = 0;
    this.packetLoss = 0;
    this.packetLossVariance = 0;
    this.packetThrottle = PEER_DEFAULT_PACKET_THROTTLE;
    this.packetThrottleLimit = PEER_PACKET_THROTTLE_SCALE;
    this.packetThrottleCounter = 0;
    this.packetThrottleEpoch = 0;
    this.packetThrottleAcceleration = PEER_PACKET_THROTTLE_ACCELERATION;
    this.packetThrottleDeceleration = PEER_PACKET_THROTTLE_DECELERATION;
    this.packetThrottleInterval = PEER_PACKET_THROTTLE_INTERVAL;
    this.pingIntervalMs = PEER_PING_INTERVAL;
    this.timeoutLimit = PEER_TIMEOUT_LIMIT;
    this.timeoutMinimum = PEER_TIMEOUT_MINIMUM;
    this.timeoutMaximum = PEER_TIMEOUT_MAXIMUM;
    this.lastRoundTripTime = PEER_DEFAULT_ROUND_TRIP_TIME;
    this.lowestRoundTripTime = PEER_DEFAULT_ROUND_TRIP_TIME;
    this.lastRoundTripTimeVariance = 0;
    this.highestRoundTripTimeVariance = 0;
    this.roundTripTime = PEER_DEFAULT_ROUND_TRIP_TIME;
    this.roundTripTimeVariance = 0;
    this.mtu = this.host.mtu;
    this.reliableDataInTransit = 0;
    this.outgoingReliableSequenceNumber = 0;
    this.windowSize = PROTOCOL_MAXIMUM_WINDOW_SIZE;
    this.incomingUnsequencedGroup = 0;
    this.outgoingUnsequencedGroup = 0;
    this.eventData = 0;
    this.totalWaitingData = 0;
    this.flags = 0;
    this.unsequencedWindow = NO_UNSEQUENCED_WINDOW;
    this.resetQueues();
  }

  /**
   * Disconnects now (`enet_peer_disconnect_now`): one unsequenced DISCONNECT is sent, the peer is
   * reset, and no DISCONNECT event follows.
   */
  disconnectNow(data: number): void {
    if (this.state === PeerState.DISCONNECTED) return;
    if (this.state !== PeerState.ZOMBIE && this.state !== PeerState.DISCONNECTING) {
      this.resetQueues();
      this.queueOutgoingCommand(Command.DISCONNECT | COMMAND_FLAG_UNSEQUENCED, 0xff, null, encodeU32Body(data), 0, 0);
      this.host.flush();
    }
    this.reset();
  }

  /**
   * Starts a graceful disconnect (`enet_peer_disconnect`): queued data is dropped, a reliable
   * DISCONNECT is sent, and the DISCONNECT event comes when it is acknowledged (or times out).
   */
  disconnect(data: number): void {
    const state = this.state;
    if (state === PeerState.DISCONNECTING || state === PeerState.DISCONNECTED ||
      state === PeerState.ACKNOWLEDGING_DISCONNECT || state === PeerState.ZOMBIE) {
      return;
    }
    this.resetQueues();
    const connected = state === PeerState.CONNECTED || state === PeerState.DISCONNECT_LATER;
    const command = Command.DISCONNECT | (connected ? COMMAND_FLAG_ACKNOWLEDGE : COMMAND_FLAG_UNSEQUENCED);
    this.queueOutgoingCommand(command, 0xff, null, encodeU32Body(data), 0, 0);
    if (connected) {
      this.onDisconnect();
      this.state = PeerState.DISCONNECTING;
    } else {
      this.host.flush();
      this.reset();
    }
  }

  /** Disconnects once every queued outgoing packet is sent (`enet_peer_disconnect_later`). */
  disconnectLater(data: number): void {
    if ((this.state === PeerState.CONNECTED || this.state === PeerState.DISCONNECT_LATER) && this.hasOutgoingCommands()) {
      this.state = PeerState.DISCONNECT_LATER;
      this.eventData = data >>> 0;
    } else {
      this.disconnect(data);
    }
  }

  // --- protocol internals --------------------------------------------------------------

  /** Sets bit `bit` of word `index` of the unsequenced window, giving the peer its own window first. */
  markUnsequenced(index: number, bit: number): void {
    if (this.unsequencedWindow === NO_UNSEQUENCED_WINDOW) this.unsequencedWindow = new Uint32Array(PEER_UNSEQUENCED_WINDOW_SIZE / 32);
    this.unsequencedWindow[index] = (this.unsequencedWindow[index] as number) | bit;
  }

  /** Adjusts the unreliable throttle for one RTT sample (`enet_peer_throttle`). */
  throttle(rtt: number): number {
    if (this.lastRoundTripTime <= this.lastRoundTripTimeVariance) {
      this.packetThrottle = this.packetThrottleLimit;
    } else if (rtt <= this.lastRoundTripTime) {
      this.packetThrottle = Math.min(this.packetThrottle + this.packetThrottleAcceleration, this.packetThrottleLimit) >>> 0;
      return 1;
    } else if (rtt > this.lastRoundTripTime + 2 * this.lastRoundTripTimeVariance) {
      this.packetThrottle = this.packetThrottle > this.packetThrottleDeceleration ? this.packetThrottle - this.packetThrottleDeceleration : 0;
      return -1;
    }
    return 0;
  }

  /** Whether anything is queued or unacknowledged (`enet_peer_has_outgoing_commands`). */
  hasOutgoingCommands(): boolean {
    return !this.outgoingCommands.isEmpty() || !this.outgoingSendReliableCommands.isEmpty() || !this.sentReliableCommands.isEmpty();
  }

  /** Drops every queued command and the channels (`enet_peer_reset_queues`). */
  resetQueues(): void {
    if ((this.flags & PEER_FLAG_NEEDS_DISPATCH) !== 0) {
      List.remove(this);
      this.flags &= ~PEER_FLAG_NEEDS_DISPATCH;
    }
    this.acknowledgements.clear();
    this.sentReliableCommands.clear();
    this.outgoingCommands.clear();
    this.outgoingSendReliableCommands.clear();
    this.dispatchedCommands.clear();
    this.channels = [];
    this.channelCount = 0;
  }

  /** Fresh channels for a new connection. */
  setupChannels(count: number): void {
    this.channels = Array.from({ length: count }, () => new Channel());
    this.channelCount = count;
  }

  /**
   * Counts the peer in the host's connected (and bandwidth-limited) peers when it enters CONNECTED
   * (`enet_protocol_on_connect`).
   */
  onConnect(): void {
    if (this.state !== PeerState.CONNECTED && this.state !== PeerState.DISCONNECT_LATER) {
      if (this.incomingBandwidth !== 0) this.host.bandwidthLimitedPeers++;
      this.host.connectedPeers++;
    }
  }

  /**
   * Removes the peer from the host's connected (and bandwidth-limited) peers when it leaves CONNECTED
   * (`enet_protocol_on_disconnect`).
   */
  onDisconnect(): void {
    if (this.state === PeerState.CONNECTED || this.state === PeerState.DISCONNECT_LATER) {
      if (this.incomingBandwidth !== 0) this.host.bandwidthLimitedPeers--;
      this.host.connectedPeers--;
    }
  }

  /**
   * Queues the acknowledgement of a received reliable command (`enet_peer_queue_acknowledgement`), unless it
   * lies in the reliable windows kept free, where ENet drops it.
   */
  queueAcknowledgement(command: DecodedCommand, sentTime: number): void {
    if (command.channelID < this.channelCount) {
      const channel = this.channels[command.channelID] as Channel;
      let reliableWindow = Math.floor(command.reliableSequenceNumber / PEER_RELIABLE_WINDOW_SIZE);
      const currentWindow = Math.floor(channel.incomingReliableSequenceNumber / PEER_RELIABLE_WINDOW_SIZE);
      if (command.reliableSequenceNumber < channel.incomingReliableSequenceNumber) reliableWindow += PEER_RELIABLE_WINDOWS;
      if (reliableWindow >= currentWindow + PEER_FREE_RELIABLE_WINDOWS - 1 && reliableWindow <= currentWindow + PEER_FREE_RELIABLE_WINDOWS) {
        return;
      }
    }
    this.outgoingDataTotal = (this.outgoingDataTotal + 8) >>> 0;
    this.host.dirty = true;
    this.acknowledgements.pushBack(new Acknowledgement(command.command, command.channelID, command.reliableSequenceNumber, sentTime));
  }

  /** Creates and queues one outgoing command (`enet_peer_queue_outgoing_command`). */
  queueOutgoingCommand(
    command: number, channelID: number, packet: Packet | null, body: Uint8Array | null, offset: number, length: number,
  ): OutgoingCommand {
    const outgoing = new OutgoingCommand(command, channelID, packet, body);
    outgoing.fragmentOffset = offset;
    outgoing.fragmentLength = length;
    this.setupOutgoingCommand(outgoing);
    return outgoing;
  }

  /** Numbers a command and appends it to the right queue (`enet_peer_setup_outgoing_command`). */
  setupOutgoingCommand(outgoing: OutgoingCommand): void {
    this.outgoingDataTotal = (this.outgoingDataTotal + commandSize(outgoing.command) + outgoing.fragmentLength) >>> 0;
    if (outgoing.channelID === 0xff) {
      this.outgoingReliableSequenceNumber = (this.outgoingReliableSequenceNumber + 1) & 0xffff;
      outgoing.reliableSequenceNumber = this.outgoingReliableSequenceNumber;
      outgoing.unreliableSequenceNumber = 0;
    } else {
      const channel = this.channels[outgoing.channelID] as Channel;
      if ((outgoing.command & COMMAND_FLAG_ACKNOWLEDGE) !== 0) {
        channel.outgoingReliableSequenceNumber = (channel.outgoingReliableSequenceNumber + 1) & 0xffff;
        channel.outgoingUnreliableSequenceNumber = 0;
        outgoing.reliableSequenceNumber = channel.outgoingReliableSequenceNumber;
        outgoing.unreliableSequenceNumber = 0;
      } else if ((outgoing.command & COMMAND_FLAG_UNSEQUENCED) !== 0) {
        this.outgoingUnsequencedGroup = (this.outgoingUnsequencedGroup + 1) & 0xffff;
        outgoing.reliableSequenceNumber = 0;
        outgoing.unreliableSequenceNumber = 0;
      } else {
        if (outgoing.fragmentOffset === 0) {
          channel.outgoingUnreliableSequenceNumber = (channel.outgoingUnreliableSequenceNumber + 1) & 0xffff;
        }
        outgoing.reliableSequenceNumber = channel.outgoingReliableSequenceNumber;
        outgoing.unreliableSequenceNumber = channel.outgoingUnreliableSequenceNumber;
      }
    }
    outgoing.sendAttempts = 0;
    outgoing.sentTime = 0;
    outgoing.roundTripTimeout = 0;
    outgoing.queueTime = this.host.nextQueueTime();
    this.host.dirty = true;
    if ((outgoing.command & COMMAND_MASK) === Command.SEND_UNSEQUENCED) outgoing.unsequencedGroup = this.outgoingUnsequencedGroup;
    if ((outgoing.command & COMMAND_FLAG_ACKNOWLEDGE) !== 0 && outgoing.packet !== null) {
      this.outgoingSendReliableCommands.pushBack(outgoing);
    } else {
      this.outgoingCommands.pushBack(outgoing);
    }
  }
}
