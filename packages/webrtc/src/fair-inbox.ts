/**
 * Received packets of a `WebRTCMultiplayerPeer`, per peer and channel, taken the way Godot's
 * reads them: round-robin across peers (in the order they were added), each peer's channels in
 * index order, only peers that are connected. Each channel holds at most its own receive buffer,
 * as Godot's per-channel ring, so a peer that floods cannot crowd the others out.
 */
import { PacketQueue, type MultiplayerPacketInfo, type QueuedPacket } from '@pp/core';
import { CHANNEL_BUFFER_OVERHEAD } from './constants.js';

interface Inbox {
  ready: boolean;
  readonly queues: Array<PacketQueue<MultiplayerPacketInfo>>;
  /** Packets in `queues`. */
  count: number;
}

export class FairInbox {
  readonly #peers = new Map<number, Inbox>();
  /** The peer served last; the next packet comes from the peer after it. */
  #cursor = 0;
  /** Packets of ready peers. */
  #ready = 0;
  #dropped = 0;

  /** Packets waiting from ready peers: what can be taken. */
  get readyCount(): number {
    return this.#ready;
  }

  /** Packets refused because their channel's buffer was full. */
  get dropped(): number {
    return this.#dropped;
  }

  /** A new peer with `channels` channels of `bufferBytes` each; not ready until `setReady`. */
  add(peer: number, channels: number, bufferBytes: number): void {
    this.remove(peer);
    const queues = Array.from({ length: channels }, () => new PacketQueue<MultiplayerPacketInfo>({
      maxPackets: Infinity, maxBytes: bufferBytes, overheadPerPacket: CHANNEL_BUFFER_OVERHEAD,
    }));
    this.#peers.set(peer, { ready: false, queues, count: 0 });
  }

  /** Whether `peer`'s packets may be taken (Godot: once it is connected). */
  setReady(peer: number, ready: boolean): void {
    const inbox = this.#peers.get(peer);
    if (inbox === undefined || inbox.ready === ready) return;
    inbox.ready = ready;
    this.#ready += ready ? inbox.count : -inbox.count;
  }

  /** Forgets `peer` and what it sent. */
  remove(peer: number): void {
    const inbox = this.#peers.get(peer);
    if (inbox === undefined) return;
    if (inbox.ready) this.#ready -= inbox.count;
    this.#peers.delete(peer);
  }

  /** Keeps a packet of `peer`'s channel `index`; false (and counted) when the channel's buffer is full. */
  push(peer: number, index: number, data: Uint8Array, info: MultiplayerPacketInfo): boolean {
    const inbox = this.#peers.get(peer);
    const queue = inbox?.queues[index];
    if (inbox === undefined || queue === undefined || !queue.push(data, info)) {
      this.#dropped++;
      return false;
    }
    inbox.count++;
    if (inbox.ready) this.#ready++;
    return true;
  }

  /** Takes the next packet in Godot's order; `undefined` when no ready peer has one. */
  shift(): QueuedPacket<MultiplayerPacketInfo> | undefined {
    if (this.#ready === 0) return undefined;
    const order = [...this.#peers.keys()];
    const start = order.indexOf(this.#cursor) + 1;
    for (let step = 0; step < order.length; step++) {
      const peer = order[(start + step) % order.length] as number;
      const inbox = this.#peers.get(peer) as Inbox;
      if (!inbox.ready) continue;
      const queue = inbox.queues.find((q) => q.count > 0);
      if (queue === undefined) continue;
      const next = queue.shift() as QueuedPacket<MultiplayerPacketInfo>;
      inbox.count--;
      this.#ready--;
      this.#cursor = peer;
      return next;
    }
    return undefined;
  }
}
