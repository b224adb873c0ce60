/**
 * The allocation-free paths of the echo path against the general ones, on seeded traffic:
 * datagrams built in place in the byte slab stay intact once handed out (plain, compressed and
 * checksummed, and when a peer times out mid-build), `drainTransmits` yields exactly what
 * `pollTransmit` does, and `pollEventInto` exactly what `pollEvent` does.
 */
import { describe, expect, it } from 'vitest';
import { takeBytes } from '../../src/protocol/byte-slab.js';
import {
  EventType, Host, MutableHostEvent, Packet, PacketFlag, crc32, type HostEvent, type HostOptions, type PeerAddress,
} from '../../src/protocol/index.js';
import { RangeCoder } from '../../src/protocol/range-coder.js';
import { rng } from '../support/sim.js';

const SERVER: PeerAddress = { ip: '10.0.0.1', port: 1 };
const CLIENT: PeerAddress = { ip: '10.0.0.1', port: 2 };
const FLAGS = [PacketFlag.RELIABLE, 0, PacketFlag.UNSEQUENCED, PacketFlag.RELIABLE | PacketFlag.UNSEQUENCED, PacketFlag.UNRELIABLE_FRAGMENT];

interface Style {
  /** pollTransmit one by one, or drainTransmits. */
  drain: boolean;
  /** pollEvent, or pollEventInto one reused record. */
  into: boolean;
}

interface Trace {
  datagrams: Array<{ view: Uint8Array; copy: Uint8Array; to: PeerAddress }>;
  events: string[];
}

function take(host: Host, style: Style, trace: Trace, deliver: (data: Uint8Array, to: PeerAddress) => void): void {
  const record = (data: Uint8Array, to: PeerAddress): void => {
    trace.datagrams.push({ view: data, copy: data.slice(), to });
    deliver(data, to);
  };
  if (style.drain) host.drainTransmits(record);
  else for (let t = host.pollTransmit(); t !== null; t = host.pollTransmit()) record(t.data, t.address);
}

function describeEvent(e: HostEvent): string {
  const bytes = e.packet === null ? '' : Buffer.from(e.packet.data.buffer, e.packet.data.byteOffset, e.packet.data.length).toString('hex');
  return `${e.type} ${e.peer.incomingPeerID} ${e.connection} ${e.data} ${e.channelID} ${e.packet?.flags ?? -1} ${bytes}`;
}

/**
 * A seeded conversation: a client connects, both sides send packets of every kind and size on
 * three channels through a link that loses, duplicates and delays, the server echoes, and at
 * the end the server goes deaf so that the client times out with data queued.
 */
function converse(options: HostOptions, style: Style, seed: number): Trace {
  const random = rng(seed);
  const server = new Host({ ...options, peerCount: 4, seed: 11 });
  const client = new Host({ ...options, peerCount: 1, seed: 12 });
  const trace: Trace = { datagrams: [], events: [] };
  const inFlight: Array<{ at: number; data: Uint8Array; from: PeerAddress; to: Host }> = [];
  let deaf = false;
  const link = (from: PeerAddress, to: Host) => (data: Uint8Array): void => {
    if (random() < 0.1 || (deaf && to === server)) return;
    const copies = random() < 0.05 ? 2 : 1;
    for (let i = 0; i < copies; i++) inFlight.push({ at: now + 1 + Math.floor(random() * 4), data, from, to });
  };
  const toServer = link(CLIENT, server);
  const toClient = link(SERVER, client);
  const record = new MutableHostEvent();
  const events = (host: Host, name: string): HostEvent[] => {
    const out: HostEvent[] = [];
    for (;;) {
      let e: HostEvent | null;
      if (style.into) e = host.pollEventInto(record) ? record : null;
      else e = host.pollEvent();
      if (e === null) return out;
      trace.events.push(`${name} ${describeEvent(e)}`);
      out.push(style.into ? { ...e } : e);
    }
  };
  let now = 1;
  const peer = client.connect(SERVER, 3, 5, now);
  if (peer === null) throw new Error('no slot');
  peer.timeout(4, 500, 2000);
  for (; now < 10_000; now++) {
    for (let i = 0; i < inFlight.length;) {
      const item = inFlight[i]!;
      if (item.at > now) {
        i++;
        continue;
      }
      inFlight.splice(i, 1);
      item.to.receive(item.data, item.from, now);
    }
    if (now === 2000) deaf = true;
    if (!deaf && now % 7 === 0 && peer.state === 5) {
      const size = [1, 40, 600, 1300, 3000, 5000][Math.floor(random() * 6)]!;
      const data = new Uint8Array(size).map(() => Math.floor(random() * 256) & (random() < 0.5 ? 0x0f : 0xff));
      peer.send(Math.floor(random() * 3), new Packet(data, FLAGS[Math.floor(random() * FLAGS.length)]!));
    }
    client.service(now);
    take(client, style, trace, (d) => toServer(d));
    for (const e of events(server, 'server')) {
      if (e.type === EventType.RECEIVE && e.packet !== null) e.peer.send(e.channelID, new Packet(e.packet.data.slice(), e.packet.flags));
    }
    server.service(now);
    take(server, style, trace, (d) => toClient(d));
    events(client, 'client');
    if (trace.events.some((e) => e.startsWith(`client ${EventType.DISCONNECT}`))) break;
  }
  return trace;
}

const VARIANTS: Array<[string, HostOptions]> = [
  ['plain', {}],
  ['range coder', { compressor: new RangeCoder() }],
  ['crc32 and range coder', { checksum: crc32, compressor: new RangeCoder() }],
];

describe('datagrams built in place', () => {
  for (const [name, options] of VARIANTS) {
    it(`${name}: every datagram keeps its bytes after it is handed out, and the conversation ends in a timeout`, () => {
      const trace = converse(options, { drain: true, into: true }, 3);
      expect(trace.datagrams.length).toBeGreaterThan(500);
      // Views of the slab, never written again: what was sent is still there at the end.
      for (const d of trace.datagrams) expect(Buffer.from(d.view).equals(Buffer.from(d.copy))).toBe(true);
      expect(trace.events.filter((e) => e.startsWith(`server ${EventType.RECEIVE}`)).length).toBeGreaterThan(100);
      expect(trace.events.some((e) => e.startsWith(`client ${EventType.DISCONNECT}`))).toBe(true);
      // The slab's next bytes are zeroed (a compressed or abandoned build leaves nothing behind).
      expect(takeBytes(2000).every((b) => b === 0)).toBe(true);
    });
  }
});

describe('the driver paths agree with the general ones', () => {
  for (const [name, options] of VARIANTS) {
    it(`${name}: drainTransmits and pollEventInto give the same datagrams and events as pollTransmit and pollEvent`, () => {
      for (const seed of [1]) {
        const general = converse(options, { drain: false, into: false }, seed);
        const fast = converse(options, { drain: true, into: true }, seed);
        expect(fast.events).toEqual(general.events);
        expect(fast.datagrams.length).toBe(general.datagrams.length);
        fast.datagrams.forEach((d, i) => {
          expect(Buffer.from(d.copy).equals(Buffer.from(general.datagrams[i]!.copy))).toBe(true);
          expect(d.to).toEqual(general.datagrams[i]!.to);
        });
      }
    });
  }

  it('pollEventInto leaves the record alone and returns false when nothing waits', () => {
    const host = new Host({ seed: 1 });
    const record = new MutableHostEvent();
    record.channelID = 7;
    expect(host.pollEventInto(record)).toBe(false);
    expect(record.channelID).toBe(7);
  });
});
