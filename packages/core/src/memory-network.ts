import { checkInt, checkNumber, isPort } from './checks.js';
import { systemClock, type Clock } from './clock.js';
import { addressKey, type DatagramAddress, type DatagramEndpoint, type DatagramReceiver } from './datagram.js';
import { ErrorCode, GodotError } from './error.js';
import { seededRandom } from './seeded-random.js';

/** How the network treats datagrams (one direction of one pair of addresses, or the whole network). */
export interface LinkConditions {
  /** Probability (0 … 1) that a datagram is lost. @default 0 */
  loss?: number;
  /** Probability (0 … 1) that a datagram that is not lost arrives twice. @default 0 */
  duplicate?: number;
  /**
   * Probability (0 … 1) that a datagram is held back by `reorderDelayMs`, so datagrams sent
   * after it arrive first.
   * @default 0
   */
  reorder?: number;
  /** Milliseconds every datagram takes. @default 0 */
  delayMs?: number;
  /** Up to this many milliseconds more, uniformly at random (jitter may itself reorder). @default 0 */
  jitterMs?: number;
  /** Extra delay of a reordered datagram. @default 10 */
  reorderDelayMs?: number;
}

export interface MemoryNetworkOptions extends LinkConditions {
  /** Schedules every delivery. @default systemClock */
  clock?: Clock;
  /** Seed of the loss, duplication, reordering and jitter decisions. @default 1 */
  seed?: number;
  /** Largest datagram `send` accepts. @default 65507 (UDP over IPv4) */
  maxDatagramSize?: number;
}

/** What happened to the datagrams sent on a network, since it was made. */
export interface MemoryNetworkStats {
  /** Datagrams accepted by `send`. */
  sent: number;
  /** Datagrams handed to a receiver (duplicates included). */
  delivered: number;
  /** Datagrams dropped by the simulated loss. */
  lost: number;
  /** Extra copies made by the simulated duplication. */
  duplicated: number;
  /** Datagrams held back by the simulated reordering. */
  reordered: number;
  /** Datagrams for an address nobody had bound (or closed before they arrived). */
  unroutable: number;
}

const DEFAULT_MAX_DATAGRAM = 65507;
const FIRST_EPHEMERAL_PORT = 49152;

function checkConditions(conditions: LinkConditions): Required<LinkConditions> {
  const probability = { min: 0, max: 1 };
  const duration = { min: 0 };
  return {
    loss: checkNumber('loss', conditions.loss ?? 0, probability),
    duplicate: checkNumber('duplicate', conditions.duplicate ?? 0, probability),
    reorder: checkNumber('reorder', conditions.reorder ?? 0, probability),
    delayMs: checkNumber('delayMs', conditions.delayMs ?? 0, duration),
    jitterMs: checkNumber('jitterMs', conditions.jitterMs ?? 0, duration),
    reorderDelayMs: checkNumber('reorderDelayMs', conditions.reorderDelayMs ?? 10, duration),
  };
}

/**
 * Datagram endpoints in memory, connected by a simulated network: each datagram may be lost,
 * duplicated, held back behind later ones (reordered) or delayed, decided by a seeded generator
 * so a run can be replayed from its seed, and delivered by the network's {@link Clock} (a
 * {@link ManualClock} in tests: nothing arrives until the clock is advanced). For testing
 * protocol engines (ENet, DTLS) and servers without sockets.
 */
export class MemoryNetwork {
  /** The clock deliveries are scheduled on. */
  readonly clock: Clock;
  /** Counters of what happened to datagrams. */
  readonly stats: MemoryNetworkStats = { sent: 0, delivered: 0, lost: 0, duplicated: 0, reordered: 0, unroutable: 0 };
  /** See {@link MemoryNetworkOptions.maxDatagramSize}. */
  readonly maxDatagramSize: number;
  #conditions: Required<LinkConditions>;
  readonly #links = new Map<string, Required<LinkConditions>>();
  readonly #bound = new Map<string, MemoryEndpoint>();
  readonly #random: () => number;
  #nextPort = FIRST_EPHEMERAL_PORT;

  constructor(options: MemoryNetworkOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.#random = seededRandom(checkInt('seed', options.seed ?? 1));
    this.maxDatagramSize = checkInt('maxDatagramSize', options.maxDatagramSize ?? DEFAULT_MAX_DATAGRAM, { min: 1 });
    this.#conditions = checkConditions(options);
  }

  /** The conditions of every pair of addresses without their own. */
  get conditions(): Readonly<Required<LinkConditions>> {
    return this.#conditions;
  }

  set conditions(conditions: LinkConditions) {
    this.#conditions = checkConditions(conditions);
  }

  /** Conditions for datagrams from `from` to `to` only (that direction); `null` returns to the network's. */
  setLinkConditions(from: DatagramAddress, to: DatagramAddress, conditions: LinkConditions | null): void {
    const key = `${addressKey(from)}>${addressKey(to)}`;
    if (conditions === null) this.#links.delete(key);
    else this.#links.set(key, checkConditions(conditions));
  }

  /**
   * A new endpoint on `ip` and `port` (0: the next free port from 49152).
   * @throws {GodotError} `ERR_ALREADY_IN_USE` when that address is bound, `ERR_INVALID_PARAMETER` for a bad port.
   */
  bind(port = 0, ip = '127.0.0.1'): MemoryEndpoint {
    if (!isPort(port, true)) throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `Invalid port ${port}`);
    let chosen = port;
    if (chosen === 0) {
      do chosen = this.#nextPort++;
      while (this.#bound.has(addressKey({ ip, port: chosen })) && this.#nextPort <= 65535);
    }
    const address: DatagramAddress = Object.freeze({ ip, port: chosen });
    const key = addressKey(address);
    if (this.#bound.has(key)) throw new GodotError(ErrorCode.ERR_ALREADY_IN_USE, `${ip} port ${chosen} is already bound`);
    const endpoint = new MemoryEndpoint(this, address);
    this.#bound.set(key, endpoint);
    return endpoint;
  }

  /** @internal */
  unbind(endpoint: MemoryEndpoint): void {
    const key = addressKey(endpoint.address);
    if (this.#bound.get(key) === endpoint) this.#bound.delete(key);
  }

  /** @internal Applies the conditions to one datagram (already copied) and schedules its deliveries. */
  transmit(data: Uint8Array, from: DatagramAddress, to: DatagramAddress): void {
    const conditions = this.#links.get(`${addressKey(from)}>${addressKey(to)}`) ?? this.#conditions;
    // Always five draws per datagram, so changing one setting does not shift the others' decisions.
    const random = this.#random;
    const lose = random() < conditions.loss;
    const duplicate = random() < conditions.duplicate;
    const reorder = random() < conditions.reorder;
    const jitter = random() * conditions.jitterMs;
    const duplicateJitter = random() * conditions.jitterMs;
    this.stats.sent++;
    if (lose) {
      this.stats.lost++;
      return;
    }
    const key = addressKey(to);
    let delay = conditions.delayMs + jitter;
    if (reorder) {
      this.stats.reordered++;
      delay += conditions.reorderDelayMs;
    }
    this.clock.schedule(delay, () => this.#deliver(key, data, from));
    if (duplicate) {
      this.stats.duplicated++;
      const copy = data.slice();
      this.clock.schedule(conditions.delayMs + duplicateJitter, () => this.#deliver(key, copy, from));
    }
  }

  #deliver(key: string, data: Uint8Array, from: DatagramAddress): void {
    const endpoint = this.#bound.get(key);
    if (endpoint === undefined) {
      this.stats.unroutable++;
      return;
    }
    this.stats.delivered++;
    endpoint.receive(data, from);
  }
}

/** An endpoint of a {@link MemoryNetwork}. */
export class MemoryEndpoint implements DatagramEndpoint {
  /** See `DatagramEndpoint.onDatagram`. */
  onDatagram: DatagramReceiver | null = null;
  /** Never called: the simulated network does not fail. */
  onError: ((error: GodotError) => void) | null = null;
  /** The network it is bound on. */
  readonly network: MemoryNetwork;
  /** Its address on the network. */
  readonly address: DatagramAddress;
  #closed = false;

  /** Use {@link MemoryNetwork.bind}. */
  constructor(network: MemoryNetwork, address: DatagramAddress) {
    this.network = network;
    this.address = address;
  }

  /** The network's `maxDatagramSize`. */
  get maxDatagramSize(): number {
    return this.network.maxDatagramSize;
  }

  /** Whether `close` was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Sends a copy of `data` (unless `owned`) through the network's conditions; see `DatagramEndpoint.send`. */
  send(data: Uint8Array, to: DatagramAddress, owned = false): ErrorCode {
    if (this.#closed) return ErrorCode.ERR_UNCONFIGURED;
    if (data.length > this.network.maxDatagramSize || !isPort(to.port) || typeof to.ip !== 'string') return ErrorCode.ERR_INVALID_PARAMETER;
    this.network.transmit(owned ? data : data.slice(), this.address, to);
    return ErrorCode.OK;
  }

  /** Its address on the network. */
  localAddress(): DatagramAddress {
    return this.address;
  }

  /** Unbinds the address; datagrams still on their way to it are dropped (counted as unroutable). */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.onDatagram = null;
    this.network.unbind(this);
  }

  /** @internal */
  receive(data: Uint8Array, from: DatagramAddress): void {
    this.onDatagram?.(data, from);
  }
}

/**
 * Two endpoints on a new {@link MemoryNetwork} (`127.0.0.1`, ports 49152 and 49153) with the
 * given conditions in both directions: `const [a, b] = createLossyPair({ loss: 0.1, seed: 7, clock })`.
 * Each endpoint's `network` holds the statistics.
 */
export function createLossyPair(options: MemoryNetworkOptions = {}): [MemoryEndpoint, MemoryEndpoint] {
  const network = new MemoryNetwork(options);
  return [network.bind(), network.bind()];
}
