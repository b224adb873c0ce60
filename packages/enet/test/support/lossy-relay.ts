/**
 * A seeded lossy UDP relay on loopback: whatever reaches its front port goes to `target` from a
 * second socket, and the answers come back, each datagram dropped, duplicated or delayed (which
 * reorders them) by a seeded generator. One client at a time.
 */
import { createSocket, type Socket } from 'node:dgram';
import { rng } from './sim.js';

export interface RelayConditions {
  loss: number;
  duplicate: number;
  /** Each copy waits a uniform 0 … `jitterMs` before it goes on. */
  jitterMs: number;
  seed: number;
}

async function bind(): Promise<Socket> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  return socket;
}

export class LossyRelay {
  readonly stats = { forwarded: 0, dropped: 0, duplicated: 0 };
  #timers = new Set<ReturnType<typeof setTimeout>>();
  #client: { address: string; port: number } | undefined;

  private constructor(
    readonly front: Socket,
    readonly back: Socket,
    readonly target: number,
    readonly conditions: RelayConditions,
    readonly random: () => number,
  ) {}

  static async open(target: number, conditions: RelayConditions): Promise<LossyRelay> {
    const relay = new LossyRelay(await bind(), await bind(), target, conditions, rng(conditions.seed));
    relay.front.on('message', (message, rinfo) => {
      relay.#client = { address: rinfo.address, port: rinfo.port };
      relay.#forward(relay.back, message, relay.target);
    });
    relay.back.on('message', (message) => {
      if (relay.#client !== undefined) relay.#forward(relay.front, message, relay.#client.port);
    });
    return relay;
  }

  get port(): number {
    return this.front.address().port;
  }

  #forward(socket: Socket, message: Buffer, port: number): void {
    const { loss, duplicate, jitterMs } = this.conditions;
    if (this.random() < loss) {
      this.stats.dropped++;
      return;
    }
    const copies = this.random() < duplicate ? 2 : 1;
    if (copies === 2) this.stats.duplicated++;
    for (let i = 0; i < copies; i++) {
      const timer = setTimeout(() => {
        this.#timers.delete(timer);
        this.stats.forwarded++;
        socket.send(message, port, '127.0.0.1');
      }, Math.floor(this.random() * jitterMs));
      this.#timers.add(timer);
    }
  }

  close(): void {
    for (const timer of this.#timers) clearTimeout(timer);
    this.front.close();
    this.back.close();
  }
}
