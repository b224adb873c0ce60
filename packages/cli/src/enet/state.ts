/**
 * What the observer keeps of each ENet connection it watches: per connection (session) and
 * direction, per channel, the sequence windows, the packets shown (for naming what a
 * retransmission repeats) and the fragments being reassembled. All of it bounded.
 */
import { RecentKeys, ReliableWindow, UnreliableOrder } from './windows.js';

/** The channel id ENet's connection-level commands (CONNECT, PING, DISCONNECT…) travel on. */
export const CONTROL_CHANNEL = 0xff;
/** Packets shown remembered per channel for naming retransmissions. */
const SHOWN_KEPT = 8192;
/** Sequenced unreliable packets reassembled at once per channel (older ones are dropped, as ENet does once a newer one is delivered). */
export const UNRELIABLE_REASSEMBLIES = 16;

/** A fragmented packet being put together. */
export interface Reassembly {
  data: Uint8Array;
  count: number;
  remaining: number;
  received: Uint32Array;
  /** Its reliable sequence number (the first fragment's), and the unreliable one for unreliable fragments. */
  sequence: number;
  unreliableSequence?: number;
  repeats: number;
  late: boolean;
}

/** Map with first-in-first-out eviction past `capacity`. */
export class BoundedMap<K, V> extends Map<K, V> {
  constructor(readonly capacity: number) {
    super();
  }

  override set(key: K, value: V): this {
    if (!this.has(key) && this.size >= this.capacity) this.delete(this.keys().next().value as K);
    return super.set(key, value);
  }
}

export class ChannelState {
  readonly reliable = new ReliableWindow();
  readonly unreliable = new UnreliableOrder();
  /** Reliable sequence number → the number of the packet shown for it (fragments: the first fragment's number). */
  readonly shown = new BoundedMap<number, number>(SHOWN_KEPT);
  /** Reliable fragments by start sequence number. */
  readonly fragments = new Map<number, Reassembly>();
  /** Unreliable fragments by reliable × 65536 + start sequence number. */
  readonly unreliableFragments = new Map<number, Reassembly>();
}

export class DirectionState {
  readonly #channels = new Map<number, ChannelState>();
  readonly unsequenced = new RecentKeys(1024);
  /** Bytes reserved by reassemblies. */
  waiting = 0;

  channel(id: number): ChannelState {
    let channel = this.#channels.get(id);
    if (channel === undefined) {
      channel = new ChannelState();
      this.#channels.set(id, channel);
    }
    return channel;
  }

  /** Forgets every reassembly (the connection ended). */
  clear(): void {
    for (const channel of this.#channels.values()) {
      channel.fragments.clear();
      channel.unreliableFragments.clear();
    }
    this.waiting = 0;
  }
}

/** One ENet connection between the game and the server, as seen from the middle. */
export class Session {
  readonly c2s = new DirectionState();
  readonly s2c = new DirectionState();
  /** The server's peer id for this client, once VERIFY_CONNECT (or a datagram) told it. */
  serverPeerID: number | null = null;

  constructor(
    /** The client's peer id for the server (CONNECT's outgoingPeerID), which the server's datagrams carry. */
    readonly clientPeerID: number | null,
    /** CONNECT's connect id, null when the proxy joined mid-connection. */
    readonly connectID: number | null,
    /** CONNECT's data (Godot: the client's peer id). */
    readonly connectData: number | null,
  ) {}
}
