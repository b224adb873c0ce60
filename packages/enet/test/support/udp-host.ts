/**
 * A bare engine Host on a kit UDP endpoint bound to 127.0.0.1, serviced at its deadlines and
 * keeping every engine event: the engine-level interop tests look at the engine's own peers and
 * events (ENetConnection, the real driver, is checked against real peers separately).
 */
import type { DatagramEndpoint } from '@pp/core';
import { bindUdpEndpoint } from '@pp/udp';
import { Host, type HostEvent, type HostOptions, type Peer } from '../../src/protocol/index.js';

const start = performance.now();
const clock = (): number => Math.floor(performance.now() - start) + 1;

export class UdpHost {
  readonly events: HostEvent[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #scheduled = false;
  #closed = false;
  #waiters: Array<() => void> = [];

  private constructor(readonly host: Host, readonly endpoint: DatagramEndpoint, readonly port: number) {}

  static async open(options: HostOptions = {}, port = 0): Promise<UdpHost> {
    const endpoint = bindUdpEndpoint('127.0.0.1', port, { receiveBufferSize: 256 * 1024, sendBufferSize: 256 * 1024 });
    const udp = new UdpHost(new Host(options), endpoint, endpoint.localAddress().port);
    endpoint.onDatagram = (data, from) => {
      udp.host.receive(data, from, clock());
      udp.kick();
    };
    return udp;
  }

  connect(port: number, channels: number, data: number): Peer {
    const peer = this.host.connect({ ip: '127.0.0.1', port }, channels, data, clock());
    if (peer === null) throw new Error('no free slot');
    this.kick();
    return peer;
  }

  /** Services soon (after the current batch of datagrams). */
  kick(): void {
    if (this.#scheduled || this.#closed) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#pump();
    });
  }

  #pump(): void {
    if (this.#closed) return;
    const now = clock();
    this.host.service(now);
    for (let t = this.host.pollTransmit(); t !== null; t = this.host.pollTransmit()) {
      this.endpoint.send(t.data, t.address, true);
    }
    let got = false;
    for (let e = this.host.pollEvent(); e !== null; e = this.host.pollEvent()) {
      this.events.push(e);
      got = true;
    }
    if (got) for (const waiter of this.#waiters.splice(0)) waiter();
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    const wait = this.host.timeUntilDeadline(clock());
    this.#timer = wait === null ? undefined : setTimeout(() => this.#pump(), Math.max(wait, 1));
  }

  /** Waits until `predicate(events)` holds. */
  async until(predicate: (events: HostEvent[]) => boolean, timeoutMs = 10_000, what = 'events'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.events)) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what} (have ${this.events.map((e) => e.type).join(',')})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 50));
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  close(): void {
    this.#closed = true;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.endpoint.close();
  }
}
