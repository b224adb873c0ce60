/**
 * MB/s through `@pp/stream`'s PacketPeerStream over StreamPeerTCP against raw `node:net` with
 * hand-written framing (u32 little-endian length + payload, the same bytes), on real loopback
 * sockets in this process, with a fixed number of frames in flight.
 */
import { createServer, type Server } from 'node:net';
import { PacketPeerStream, StreamPeerTCP, TCPServer } from '@pp/stream';
import { printFlowRatios, printTable } from './measure.js';
import { measureFlows, windowedFlow, type Flow, type FlowCase } from './measure-async.js';
import { pollPackets } from './poll-reader.js';
import { framedSender, streamFloor } from './stream-floor.js';

/** Frames in flight: about 1 MiB. */
const windowFor = (size: number): number => Math.max(16, Math.floor((1024 * 1024) / size));

function pp(size: number, poll = false): FlowCase {
  return {
    name: `@pp/stream PacketPeerStream, ${size} B packets, ${poll ? 'waitForPacket + getPacket' : 'packet event'}`,
    bytes: size,
    async open(): Promise<Flow> {
      const server = new TCPServer();
      await server.listenAsync(0, '127.0.0.1');
      const client = new StreamPeerTCP();
      const [accepted] = await Promise.all([
        server.accept(),
        client.connectToHostAsync('127.0.0.1', server.getLocalPort()),
      ]);
      const sender = new PacketPeerStream({ streamPeer: client });
      const receiver = new PacketPeerStream({ streamPeer: accepted });
      const payload = new Uint8Array(size).fill(7);
      const { flow, done } = windowedFlow(windowFor(size), () => sender.putPacket(payload));
      if (!poll) receiver.on('packet', done);
      const reading = poll ? pollPackets(receiver, done) : undefined;
      return {
        run: flow.run,
        close: async () => {
          sender.close();
          receiver.close();
          server.stop();
          await reading;
        },
      };
    },
  };
}

/** The framing a developer writes by hand over node:net. */
function raw(size: number): FlowCase {
  return {
    name: `raw node:net + hand-written framing, ${size} B packets`,
    bytes: size,
    async open(): Promise<Flow> {
      let onFrame = (): void => undefined;
      const server: Server = createServer((socket) => {
        let pending: Buffer = Buffer.alloc(0);
        socket.on('data', (chunk: Buffer) => {
          pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
          while (pending.length >= 4) {
            const length = pending.readUInt32LE(0);
            if (pending.length < 4 + length) break;
            pending.subarray(4, 4 + length);
            pending = pending.subarray(4 + length);
            onFrame();
          }
        });
      });
      const { client, flow, done } = await framedSender(server, size, windowFor(size));
      onFrame = done;
      return {
        run: flow.run,
        close: async () => {
          client.destroy();
          await new Promise<void>((resolve) => server.close(() => resolve()));
        },
      };
    },
  };
}

export async function streamBench(): Promise<void> {
  for (const size of [65532, 1024]) {
    const window = windowFor(size);
    const results = await measureFlows(
      [raw(size), streamFloor(size, window, false), streamFloor(size, window, true), pp(size), pp(size, true)],
      { rounds: 7, roundMs: 700 },
    );
    printTable(`TCP over loopback, ~1 MiB in flight, ${size}-byte packets (ops = packets)`, results);
    const [plain, eventFloor, pollFloor, events, poll] = results;
    printFlowRatios(plain, [events, poll]);
    console.log('  against the floor of each style:');
    printFlowRatios(eventFloor, [events]);
    printFlowRatios(pollFloor, [poll]);
  }
}
