/**
 * Packets per second through `@pp/udp` against raw `node:dgram`, on real loopback sockets in this
 * process: a sender and a receiver with a fixed number of datagrams in flight, each arrival
 * sending the next. Both sides of @pp run (putPacket, then the `packet` event or the poll-style
 * getPacket); raw dgram sends one Buffer and counts `message` events. Beside raw dgram, each
 * style has its floor: the least raw code with the same semantics (the copy `putPacket` makes;
 * for the poll style also a queue and a promise that wakes the reader). Then the latency of a
 * ping-pong (one datagram in flight between two sockets that answer what they get).
 */
import { createSocket, type Socket } from 'node:dgram';
import { PacketPeerUDP } from '@pp/udp';
import { FloorQueue, pollFloor } from './floor-queue.js';
import { printFlowRatios, printTable } from './measure.js';
import { measureFlows, windowedFlow, type Flow, type FlowCase } from './measure-async.js';
import { pollPackets } from './poll-reader.js';

const WINDOW = 32;

function ppEvents(size: number): FlowCase {
  return {
    name: `@pp/udp putPacket → packet event, ${size} B`,
    bytes: size,
    async open(): Promise<Flow> {
      const receiver = new PacketPeerUDP();
      const sender = new PacketPeerUDP();
      receiver.bind(0, '127.0.0.1');
      sender.connectToHost('127.0.0.1', receiver.getLocalPort());
      const payload = new Uint8Array(size).fill(7);
      const { flow, done } = windowedFlow(WINDOW, () => sender.putPacket(payload));
      receiver.on('packet', done);
      return { run: flow.run, close: () => { sender.close(); receiver.close(); } };
    },
  };
}

function ppPoll(size: number): FlowCase {
  return {
    name: `@pp/udp putPacket → waitForPacket + getPacket, ${size} B`,
    bytes: size,
    async open(): Promise<Flow> {
      const receiver = new PacketPeerUDP();
      const sender = new PacketPeerUDP();
      receiver.bind(0, '127.0.0.1');
      sender.connectToHost('127.0.0.1', receiver.getLocalPort());
      const payload = new Uint8Array(size).fill(7);
      const { flow, done } = windowedFlow(WINDOW, () => sender.putPacket(payload));
      const reading = pollPackets(receiver, done);
      return {
        run: flow.run,
        close: async () => {
          sender.close();
          receiver.close();
          await reading;
        },
      };
    },
  };
}

/**
 * Raw dgram, optionally copying each payload first: PacketPeer's `putPacket` must copy (the
 * caller may reuse its buffer at once, and Node can hold on to it), so that line shows what the
 * copy alone costs.
 */
function raw(size: number, copy = false): FlowCase {
  return {
    name: `raw node:dgram send${copy ? ' of a copy' : ''} → message event, ${size} B`,
    bytes: size,
    async open(): Promise<Flow> {
      const receiver = createSocket('udp4');
      const sender = createSocket('udp4');
      await new Promise<void>((resolve) => receiver.bind(0, '127.0.0.1', resolve));
      await new Promise<void>((resolve) => sender.connect(receiver.address().port, '127.0.0.1', resolve));
      const payload = Buffer.alloc(size, 7);
      const send = copy ? (): void => sender.send(Buffer.from(payload)) : (): void => sender.send(payload);
      const { flow, done } = windowedFlow(WINDOW, send);
      receiver.on('message', done);
      return { run: flow.run, close: () => closeAll(sender, receiver) };
    },
  };
}

/**
 * The poll style's floor: raw dgram sending a copy (as `putPacket` must), each datagram pushed to
 * an array queue, a promise waking the reader, which takes everything queued.
 */
function rawPoll(size: number): FlowCase {
  return {
    name: `floor: raw dgram send of a copy → queue → promise wake, ${size} B`,
    bytes: size,
    async open(): Promise<Flow> {
      const [sender, receiver] = await connectedPair();
      const payload = Buffer.alloc(size, 7);
      const { flow, done } = windowedFlow(WINDOW, () => sender.send(Buffer.from(payload)));
      const queue = new FloorQueue<Buffer>();
      receiver.on('message', (message: Buffer) => queue.push(message));
      const reading = pollFloor(queue, done);
      return {
        run: flow.run,
        close: async () => {
          queue.close();
          await closeAll(sender, receiver);
          await reading;
        },
      };
    },
  };
}

/** Two sockets connected to each other on loopback. */
async function connectedPair(): Promise<[Socket, Socket]> {
  const a = createSocket('udp4');
  const b = createSocket('udp4');
  await new Promise<void>((resolve) => a.bind(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => b.bind(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => a.connect(b.address().port, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => b.connect(a.address().port, '127.0.0.1', resolve));
  return [a, b];
}

/** Ping-pong: one datagram in flight between two sockets; each arrival at `a` is one round trip. */
function rawPingPong(size: number): FlowCase {
  return {
    name: `raw node:dgram ping-pong, ${size} B`,
    async open(): Promise<Flow> {
      const [a, b] = await connectedPair();
      const payload = Buffer.alloc(size, 7);
      const { flow, done } = windowedFlow(1, () => a.send(payload));
      a.on('message', done);
      b.on('message', (message: Buffer) => b.send(message));
      return { run: flow.run, close: () => closeAll(a, b) };
    },
  };
}

function ppPingPong(size: number, poll: boolean): FlowCase {
  return {
    name: `@pp/udp ping-pong, ${poll ? 'waitForPacket + getPacket' : 'packet event'}, ${size} B`,
    async open(): Promise<Flow> {
      const a = new PacketPeerUDP();
      const b = new PacketPeerUDP();
      a.bind(0, '127.0.0.1');
      b.bind(0, '127.0.0.1');
      a.connectToHost('127.0.0.1', b.getLocalPort());
      b.connectToHost('127.0.0.1', a.getLocalPort());
      const payload = new Uint8Array(size).fill(7);
      const { flow, done } = windowedFlow(1, () => a.putPacket(payload));
      const echo = (packet: Uint8Array): void => void b.putPacket(packet);
      const readers: Array<Promise<void>> = [];
      if (poll) {
        readers.push(pollPackets(a, done));
        readers.push((async () => {
          for (;;) {
            await b.waitForPacket();
            while (b.getAvailablePacketCount() > 0) echo(b.getPacket());
          }
        })().catch(() => undefined));
      } else {
        a.on('packet', done);
        b.on('packet', echo);
      }
      return {
        run: flow.run,
        close: async () => {
          a.close();
          b.close();
          await Promise.all(readers);
        },
      };
    },
  };
}

async function closeAll(...sockets: Socket[]): Promise<void> {
  await Promise.all(sockets.map((socket) => new Promise<void>((resolve) => socket.close(() => resolve()))));
}

export async function udpBench(): Promise<void> {
  for (const size of [64, 1200]) {
    const results = await measureFlows([raw(size), raw(size, true), rawPoll(size), ppEvents(size), ppPoll(size)], { rounds: 7, roundMs: 700 });
    printTable(`UDP over loopback, ${WINDOW} datagrams in flight, ${size}-byte payloads (ops = datagrams)`, results);
    const [plain, copy, pollFloorResult, events, poll] = results;
    printFlowRatios(plain, [events, poll]);
    console.log('  against the floor of each style:');
    printFlowRatios(copy, [events]);
    printFlowRatios(pollFloorResult, [poll]);
  }
  const results = await measureFlows([rawPingPong(64), ppPingPong(64, false), ppPingPong(64, true)], { rounds: 7, roundMs: 500 });
  printTable('UDP ping-pong over loopback, one 64-byte datagram in flight (ops = round trips)', results);
  printFlowRatios(results[0], results.slice(1));
}
