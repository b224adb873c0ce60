/**
 * A deterministic in-memory network for engine tests: hosts exchange datagrams through links
 * that can drop, duplicate, delay and reorder them by a seeded generator, on a manual clock.
 */
import { seededRandom as rng } from '@pp/core';
import { Host, type HostEvent, type HostOptions, type PeerAddress } from '../../src/protocol/index.js';

/** A seeded generator for reproducible loss patterns (core's Mulberry32). */
export { rng };

export interface LinkConditions {
  loss?: number;
  duplicate?: number;
  /** Extra random delay in ms (uniform 0 … jitter): reorders datagrams. */
  jitter?: number;
  /** Fixed one-way delay in ms. */
  delay?: number;
  seed?: number;
}

interface InFlight {
  at: number;
  seq: number;
  to: SimHost;
  from: PeerAddress;
  data: Uint8Array;
}

export class SimHost {
  readonly events: HostEvent[] = [];
  readonly sent: { at: number; data: Uint8Array; to: PeerAddress }[] = [];
  /** Drops every datagram this host sends while true. */
  mute = false;
  /** Drops every datagram this host receives while true. */
  deaf = false;

  constructor(readonly net: SimNetwork, readonly host: Host, readonly address: PeerAddress) {}

  drainEvents(): HostEvent[] {
    for (let event = this.host.pollEvent(); event !== null; event = this.host.pollEvent()) this.events.push(event);
    return this.events;
  }

  take(type?: number): HostEvent[] {
    this.drainEvents();
    const out = type === undefined ? this.events.splice(0) : this.events.filter((e) => e.type === type);
    if (type !== undefined) for (const e of out) this.events.splice(this.events.indexOf(e), 1);
    return out;
  }
}

export class SimNetwork {
  now = 1;
  readonly hosts: SimHost[] = [];
  #queue: InFlight[] = [];
  #seq = 0;
  #conditions = new Map<string, { c: LinkConditions; random: () => number }>();
  #default: { c: LinkConditions; random: () => number } = { c: {}, random: rng(1) };

  add(options: HostOptions = {}, port = 1000 + this.hosts.length): SimHost {
    const sim = new SimHost(this, new Host({ seed: port, ...options }), { ip: '10.0.0.1', port });
    this.hosts.push(sim);
    return sim;
  }

  /** Conditions for datagrams from `from` to `to` (or every link when omitted). */
  condition(c: LinkConditions, from?: SimHost, to?: SimHost): void {
    const entry = { c, random: rng(c.seed ?? 7) };
    if (from === undefined || to === undefined) this.#default = entry;
    else this.#conditions.set(`${from.address.port}>${to.address.port}`, entry);
  }

  #find(address: PeerAddress): SimHost | undefined {
    return this.hosts.find((h) => h.address.port === address.port && h.address.ip === address.ip);
  }

  /** Moves every host's output into flight. */
  #collect(): void {
    for (const sim of this.hosts) {
      for (let t = sim.host.pollTransmit(); t !== null; t = sim.host.pollTransmit()) {
        sim.sent.push({ at: this.now, data: t.data, to: t.address });
        if (sim.mute) continue;
        const to = this.#find(t.address);
        if (to === undefined) continue;
        const link = this.#conditions.get(`${sim.address.port}>${to.address.port}`) ?? this.#default;
        const { c, random } = link;
        if (c.loss !== undefined && random() < c.loss) continue;
        const copies = c.duplicate !== undefined && random() < c.duplicate ? 2 : 1;
        for (let i = 0; i < copies; i++) {
          const at = this.now + (c.delay ?? 0) + (c.jitter !== undefined ? Math.floor(random() * c.jitter) : 0);
          this.#queue.push({ at, seq: this.#seq++, to, from: sim.address, data: t.data });
        }
      }
    }
    this.#queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
  }

  /** Delivers what is due at `now` and services every host until quiet. */
  settle(): void {
    for (let round = 0; round < 1000; round++) {
      this.#collect();
      let delivered = false;
      while (this.#queue.length > 0 && (this.#queue[0] as InFlight).at <= this.now) {
        const item = this.#queue.shift() as InFlight;
        if (item.to.deaf) continue;
        item.to.host.receive(item.data, item.from, this.now);
        delivered = true;
      }
      let serviced = false;
      for (const sim of this.hosts) {
        const wait = sim.host.timeUntilDeadline(this.now);
        if (delivered || wait === 0) {
          sim.host.service(this.now);
          serviced = true;
        }
      }
      this.#collect();
      // Like an application that reads its events promptly.
      for (const sim of this.hosts) sim.drainEvents();
      if (!delivered && !serviced) return;
    }
    throw new Error('network did not settle');
  }

  /** The next time anything happens: a delivery or a host deadline. */
  nextTime(): number | null {
    let best = this.#queue.length > 0 ? (this.#queue[0] as InFlight).at : Infinity;
    for (const sim of this.hosts) {
      const wait = sim.host.timeUntilDeadline(this.now);
      if (wait !== null) best = Math.min(best, this.now + wait);
    }
    return best === Infinity ? null : best;
  }

  /** Runs event by event until `ms` have passed. */
  run(ms: number): void {
    const end = this.now + ms;
    this.settle();
    for (;;) {
      const next = this.nextTime();
      if (next === null || next > end) break;
      this.now = Math.max(this.now, next);
      this.settle();
    }
    this.now = end;
    this.settle();
  }

  /** Runs until `condition` holds (or `ms` pass, then throws). */
  until(condition: () => boolean, ms = 60_000): void {
    const end = this.now + ms;
    this.settle();
    while (!condition()) {
      const next = this.nextTime();
      if (next === null || next > end) throw new Error(`condition not met within ${ms} ms`);
      this.now = Math.max(this.now, next);
      this.settle();
    }
  }
}
