/**
 * Packets per second through `@pp/udp` against raw `node:dgram`, on real loopback sockets in this
 * process: a sender and a receiver with a fixed number of datagrams in flight, each arrival
 * sending the next. Both sides of @pp run (putPacket, then the `packet` event or the poll-style
 * getPacket); raw dgram sends one Buffer and counts `message` events.
 */
import { createSocket, type Socket } from 'node:dgram';
import { PacketPeerUDP } from '@pp/udp';
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

async function closeAll(...sockets: Socket[]): Promise<void> {
  await Promise.all(sockets.map((socket) => new Promise<void>((resolve) => socket.close(() => resolve()))));
}

export async function udpBench(): Promise<void> {
  for (const size of [64, 1200]) {
    const results = await measureFlows([raw(size), raw(size, true), ppEvents(size), ppPoll(size)], { rounds: 7, roundMs: 700 });
    printTable(`UDP over loopback, ${WINDOW} datagrams in flight, ${size}-byte payloads (ops = datagrams)`, results);
    printFlowRatios(results[0], results.slice(2));
  }
}
