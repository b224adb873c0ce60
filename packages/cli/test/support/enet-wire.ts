/**
 * Two @pp/enet engines (sans-IO `protocol.Host`) talking through an `EnetObserver`, on a manual
 * clock: every datagram passes the observer, as it passes the proxy; seeded loss, duplication
 * and delay can be put in front of it (game side: the observer never sees what is lost there)
 * and behind it (server side: the observer saw it, the server does not).
 */
import { seededRandom } from '@pp/core';
import { protocol } from '@pp/enet';
import type { EnetPacketInfo, FrameKind } from '../../src/index.js';
import { EnetObserver, type EnetObserverOptions } from '../../src/index.js';

export interface Conditions {
  loss: number;
  duplicate: number;
  jitter: number;
}

export interface Observed {
  index: number;
  direction: 'c2s' | 's2c';
  frame: FrameKind;
  bytes: Uint8Array;
  info: EnetPacketInfo;
}

export interface Reported {
  direction: 'c2s' | 's2c';
  what: string;
  text: string;
  packets?: number[];
}

interface Flight {
  at: number;
  order: number;
  to: 'client' | 'server';
  data: Uint8Array;
  observe: boolean;
}

const CLIENT = { ip: '10.0.0.1', port: 5000 };
const SERVER = { ip: '10.0.0.2', port: 7000 };

export class EnetWire {
  now = 1;
  readonly client: protocol.Host;
  readonly server: protocol.Host;
  readonly observer: EnetObserver;
  readonly packets: Observed[] = [];
  readonly protocol: Reported[] = [];
  readonly undecodable: Array<{ direction: string; bytes: Uint8Array; reason: string }> = [];
  readonly received = { client: [] as protocol.HostEvent[], server: [] as protocol.HostEvent[] };
  #flights: Flight[] = [];
  #order = 0;
  readonly #random: () => number;

  constructor(
    hosts: { client?: protocol.HostOptions; server?: protocol.HostOptions } = {},
    observer: EnetObserverOptions = {},
    readonly front: Conditions | null = null,
    readonly behind: Conditions | null = null,
    seed = 1,
  ) {
    this.client = new protocol.Host({ peerCount: 1, seed: 11, ...hosts.client });
    this.server = new protocol.Host({ peerCount: 4, seed: 22, ...hosts.server });
    this.#random = seededRandom(seed);
    this.observer = new EnetObserver({
      packet: (direction, frame, bytes, info) => {
        this.packets.push({ index: this.packets.length, direction, frame, bytes: bytes.slice(), info });
        return this.packets.length - 1;
      },
      protocol: (direction, what, text, packets) => void this.protocol.push({ direction, what, text, ...(packets ? { packets } : {}) }),
      undecodable: (direction, bytes, reason) => void this.undecodable.push({ direction, bytes, reason }),
    }, observer);
  }

  /** Datagrams from a host go out with the conditions of their side of the proxy. */
  #schedule(data: Uint8Array, to: 'client' | 'server', conditions: Conditions | null, observe: boolean): void {
    if (conditions !== null && this.#random() < conditions.loss) return;
    const copies = conditions !== null && this.#random() < conditions.duplicate ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      const at = this.now + (conditions === null ? 0 : Math.floor(this.#random() * conditions.jitter));
      this.#flights.push({ at, order: this.#order++, to, data, observe });
    }
  }

  #collect(): void {
    // Game → (front) → observer → (behind) → server, and back the other way.
    for (let t = this.client.pollTransmit(); t !== null; t = this.client.pollTransmit()) this.#schedule(t.data, 'server', this.front, true);
    for (let t = this.server.pollTransmit(); t !== null; t = this.server.pollTransmit()) this.#schedule(t.data, 'client', this.behind, true);
    this.#flights.sort((a, b) => a.at - b.at || a.order - b.order);
  }

  #deliver(flight: Flight): void {
    if (flight.observe) {
      const direction = flight.to === 'server' ? 'c2s' : 's2c';
      this.observer.datagram(direction, flight.data);
      // Past the observer: the other side's conditions apply.
      const conditions = flight.to === 'server' ? this.behind : this.front;
      if (conditions !== null) {
        this.#schedule(flight.data, flight.to, conditions, false);
        return;
      }
    }
    const host = flight.to === 'server' ? this.server : this.client;
    host.receive(flight.data, flight.to === 'server' ? CLIENT : SERVER, this.now);
  }

  #settle(): void {
    for (let round = 0; round < 10_000; round++) {
      this.#collect();
      let busy = false;
      while (this.#flights.length > 0 && (this.#flights[0] as Flight).at <= this.now) {
        this.#deliver(this.#flights.shift() as Flight);
        busy = true;
      }
      for (const host of [this.client, this.server]) {
        if (busy || host.timeUntilDeadline(this.now) === 0) host.service(this.now);
      }
      this.#collect();
      for (const [name, host] of [['client', this.client], ['server', this.server]] as const) {
        for (let e = host.pollEvent(); e !== null; e = host.pollEvent()) this.received[name].push(e);
      }
      if (!busy && this.#flights.every((f) => f.at > this.now)) return;
    }
    throw new Error('the wire did not settle');
  }

  /** Runs until `done()` holds; throws after `ms` of simulated time. */
  until(done: () => boolean, ms = 60_000): void {
    const end = this.now + ms;
    this.#settle();
    while (!done()) {
      let next = this.#flights.length > 0 ? (this.#flights[0] as Flight).at : Infinity;
      for (const host of [this.client, this.server]) {
        const wait = host.timeUntilDeadline(this.now);
        if (wait !== null) next = Math.min(next, this.now + Math.max(1, wait));
      }
      if (next === Infinity || next > end) throw new Error(`not done within ${ms} ms of simulated time`);
      this.now = Math.max(this.now + 0, next);
      this.#settle();
    }
  }

  connect(channels: number, data: number): protocol.Peer {
    const peer = this.client.connect(SERVER, channels, data, this.now);
    if (peer === null) throw new Error('connect refused');
    this.until(() => this.received.server.some((e) => e.type === protocol.EventType.CONNECT) && this.received.client.some((e) => e.type === protocol.EventType.CONNECT));
    return peer;
  }

  /** The server's peer for the client. */
  serverPeer(): protocol.Peer {
    return (this.received.server.find((e) => e.type === protocol.EventType.CONNECT) as protocol.HostEvent).peer;
  }

  receivedBy(side: 'client' | 'server'): protocol.HostEvent[] {
    return this.received[side].filter((e) => e.type === protocol.EventType.RECEIVE);
  }
}
