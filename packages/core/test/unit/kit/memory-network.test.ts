import { describe, expect, it } from 'vitest';
import {
  DatagramDemux, ErrorCode, GodotError, ManualClock, MemoryNetwork, createLossyPair, seededRandom,
  type DatagramAddress, type MemoryNetworkOptions,
} from '../../../src/index.js';

/** Sends `count` one-datagram messages (their index, u16) from a to b and returns what b received, in order. */
function run(options: MemoryNetworkOptions, count: number, spacingMs = 0): { received: number[]; network: MemoryNetwork; times: number[] } {
  const clock = new ManualClock();
  const [a, b] = createLossyPair({ ...options, clock });
  const received: number[] = [];
  const times: number[] = [];
  b.onDatagram = (data) => {
    received.push((data[0] as number) | ((data[1] as number) << 8));
    times.push(clock.now());
  };
  let refused = 0;
  for (let i = 0; i < count; i++) {
    if (a.send(Uint8Array.of(i & 0xff, i >> 8), b.localAddress()) !== ErrorCode.OK) refused++;
    if (spacingMs > 0) clock.advance(spacingMs);
  }
  expect(refused).toBe(0);
  clock.runAll();
  return { received, network: a.network, times };
}

describe('seededRandom', () => {
  it('gives the same sequence for a seed and another for another seed, in [0, 1)', () => {
    const take = (seed: number): number[] => {
      const random = seededRandom(seed);
      return Array.from({ length: 100 }, () => random());
    };
    expect(take(42)).toEqual(take(42));
    expect(take(42)).not.toEqual(take(43));
    expect(take(7).every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('MemoryNetwork', () => {
  it('delivers copies in order, with the sender address, once the clock moves', () => {
    const clock = new ManualClock();
    const network = new MemoryNetwork({ clock });
    const a = network.bind();
    const b = network.bind(4000, '10.0.0.2');
    const got: Array<[number[], DatagramAddress]> = [];
    b.onDatagram = (data, from) => got.push([[...data], from]);
    const payload = Uint8Array.of(1, 2, 3);
    a.send(payload, { ip: '10.0.0.2', port: 4000 });
    payload[0] = 99;
    a.send(Uint8Array.of(4), b.localAddress());
    expect(got).toEqual([]);
    clock.advance(0);
    expect(got).toEqual([[[1, 2, 3], a.localAddress()], [[4], a.localAddress()]]);
    expect(a.localAddress()).toEqual({ ip: '127.0.0.1', port: 49152 });
    expect(network.stats).toMatchObject({ sent: 2, delivered: 2, lost: 0 });
  });

  it('refuses oversized datagrams, bad ports and sends after close; closed endpoints receive nothing', () => {
    const clock = new ManualClock();
    const [a, b] = createLossyPair({ clock, maxDatagramSize: 100 });
    expect(a.maxDatagramSize).toBe(100);
    expect(a.send(new Uint8Array(101), b.localAddress())).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(a.send(new Uint8Array(1), { ip: '127.0.0.1', port: 0 })).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    let received = 0;
    b.onDatagram = () => received++;
    a.send(new Uint8Array(1), b.localAddress());
    b.close();
    expect(b.closed).toBe(true);
    clock.advance(0);
    expect(received).toBe(0);
    expect(a.network.stats.unroutable).toBe(1);
    a.close();
    expect(a.send(new Uint8Array(1), b.localAddress())).toBe(ErrorCode.ERR_UNCONFIGURED);
  });

  it('refuses a taken address and options out of range with GodotErrors', () => {
    const network = new MemoryNetwork();
    network.bind(5000);
    expect(() => network.bind(5000)).toThrow(GodotError);
    expect(() => network.bind(70000)).toThrow(GodotError);
    expect(() => new MemoryNetwork({ loss: 1.5 })).toThrow(GodotError);
    expect(() => new MemoryNetwork({ delayMs: -1 })).toThrow(GodotError);
    expect(() => new MemoryNetwork({ seed: 0.5 })).toThrow(GodotError);
  });

  it('a 10 % loss pair loses about 10 %, and the same seed loses the same datagrams', () => {
    const first = run({ loss: 0.1, seed: 7 }, 10_000);
    const lost = 10_000 - first.received.length;
    expect(lost).toBeGreaterThan(850);
    expect(lost).toBeLessThan(1150);
    expect(first.network.stats.lost).toBe(lost);
    expect(run({ loss: 0.1, seed: 7 }, 10_000).received).toEqual(first.received);
    expect(run({ loss: 0.1, seed: 8 }, 10_000).received).not.toEqual(first.received);
    expect(first.received).toEqual([...first.received].sort((x, y) => x - y));
  });

  it('duplicates about as configured', () => {
    const { received, network } = run({ duplicate: 0.2, seed: 3 }, 5000);
    const extra = received.length - 5000;
    expect(new Set(received).size).toBe(5000);
    expect(extra).toBe(network.stats.duplicated);
    expect(extra).toBeGreaterThan(850);
    expect(extra).toBeLessThan(1150);
  });

  it('reorders: held-back datagrams arrive after later ones, reorderDelayMs late', () => {
    const { received, network, times } = run({ reorder: 0.25, reorderDelayMs: 5, seed: 11 }, 1000, 1);
    expect(received).toHaveLength(1000);
    expect(new Set(received).size).toBe(1000);
    let inversions = 0;
    for (let i = 1; i < received.length; i++) if ((received[i] as number) < (received[i - 1] as number)) inversions++;
    expect(network.stats.reordered).toBeGreaterThan(200);
    expect(network.stats.reordered).toBeLessThan(300);
    expect(inversions).toBeGreaterThan(100);
    // Message i was sent at time i: it arrives at i, or at i + 5 when held back.
    received.forEach((message, at) => expect([message, message + 5]).toContain(times[at]));
  });

  it('delays by delayMs plus up to jitterMs', () => {
    const { times, received } = run({ delayMs: 40, jitterMs: 10, seed: 5 }, 500, 100);
    received.forEach((message, at) => {
      const latency = (times[at] as number) - message * 100;
      expect(latency).toBeGreaterThanOrEqual(40);
      expect(latency).toBeLessThan(50);
    });
    const latencies = received.map((message, at) => (times[at] as number) - message * 100);
    expect(Math.max(...latencies) - Math.min(...latencies)).toBeGreaterThan(8);
  });

  it('per-direction conditions override the network’s', () => {
    const clock = new ManualClock();
    const [a, b] = createLossyPair({ clock });
    a.network.setLinkConditions(a.localAddress(), b.localAddress(), { loss: 1 });
    let atA = 0;
    let atB = 0;
    a.onDatagram = () => atA++;
    b.onDatagram = () => atB++;
    for (let i = 0; i < 10; i++) {
      a.send(Uint8Array.of(i), b.localAddress());
      b.send(Uint8Array.of(i), a.localAddress());
    }
    clock.runAll();
    expect([atA, atB]).toEqual([10, 0]);
    a.network.setLinkConditions(a.localAddress(), b.localAddress(), null);
    a.send(Uint8Array.of(1), b.localAddress());
    clock.runAll();
    expect(atB).toBe(1);
  });

  it('runs on the system clock when none is given', async () => {
    const [a, b] = createLossyPair({ delayMs: 5 });
    const got = new Promise<Uint8Array>((resolve) => (b.onDatagram = resolve));
    a.send(Uint8Array.of(42), b.localAddress());
    expect([...(await got)]).toEqual([42]);
  });
});

describe('DatagramDemux', () => {
  it('gives each new sender a link when accepted, routes its later datagrams there, and forgets closed links', () => {
    const clock = new ManualClock();
    const network = new MemoryNetwork({ clock });
    const server = network.bind(9000);
    const accepted: string[] = [];
    const perLink = new Map<string, number[]>();
    let refuse = false;
    const demux = new DatagramDemux(server, (link, first) => {
      if (refuse) return false;
      const key = `${link.remote.ip}:${link.remote.port}`;
      accepted.push(key);
      perLink.set(key, [first[0] as number]);
      link.onDatagram = (data) => perLink.get(key)?.push(data[0] as number);
      return true;
    });
    const c1 = network.bind();
    const c2 = network.bind();
    c1.send(Uint8Array.of(1), server.localAddress());
    c2.send(Uint8Array.of(2), server.localAddress());
    c1.send(Uint8Array.of(3), server.localAddress());
    clock.runAll();
    expect(accepted).toEqual(['127.0.0.1:49152', '127.0.0.1:49153']);
    expect(perLink.get('127.0.0.1:49152')).toEqual([1, 3]);
    expect(demux.size).toBe(2);

    const link = demux.get(c1.localAddress());
    expect(link?.send(Uint8Array.of(7))).toBe(ErrorCode.OK);
    const back: number[] = [];
    c1.onDatagram = (data) => back.push(data[0] as number);
    clock.runAll();
    expect(back).toEqual([7]);

    link?.close();
    expect(link?.send(Uint8Array.of(7))).toBe(ErrorCode.ERR_UNCONFIGURED);
    expect(demux.size).toBe(1);
    refuse = true;
    c1.send(Uint8Array.of(4), server.localAddress());
    clock.runAll();
    expect(demux.size).toBe(1);
    expect(accepted).toHaveLength(2);
  });

  it('connect() makes a client view that hears only its remote; close() closes links then the endpoint', () => {
    const clock = new ManualClock();
    const network = new MemoryNetwork({ clock });
    const client = network.bind();
    const server = network.bind();
    const stranger = network.bind();
    const demux = new DatagramDemux(client);
    const link = demux.connect(server.localAddress());
    expect(demux.connect(server.localAddress())).toBe(link);
    const got: number[] = [];
    link.onDatagram = (data) => got.push(data[0] as number);
    let closed = 0;
    link.onClose = () => closed++;
    server.send(Uint8Array.of(1), client.localAddress());
    stranger.send(Uint8Array.of(2), client.localAddress());
    clock.runAll();
    expect(got).toEqual([1]);
    demux.close();
    expect(closed).toBe(1);
    expect(link.closed).toBe(true);
    expect(client.closed).toBe(true);
  });
});
