/**
 * `@pp/websocket` against raw `ws`, in one process on loopback: messages/s and MB/s from a
 * client to a server, a fixed amount in flight, for `WebSocketPeer` (putPacket → the `packet`
 * event, or the poll style: waitForPacket + getPacket) and for `ws` (send → `message` events).
 * Memory per idle connection is in `websocket-idle.ts`.
 */
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { WebSocketPeer } from '@pp/websocket';
import { WebSocket, WebSocketServer } from 'ws';
import { printFlowRatios, printTable } from './measure.js';
import { measureFlows, windowedFlow, type Flow, type FlowCase } from './measure-async.js';
import { FloorQueue, pollFloor } from './floor-queue.js';
import { pollPackets } from './poll-reader.js';

/** Godot's default `inbound_buffer_size`: the largest message and the receive ring. */
const INBOUND_BUFFER = 65536;

/** Messages in flight: about 1 MiB. */
const windowFor = (size: number): number => Math.max(16, Math.floor((1024 * 1024) / size));

export function listening(server: Server | WebSocketServer): Promise<number> {
  return new Promise((resolve) => {
    if ('listening' in server && server.listening) resolve((server.address() as AddressInfo).port);
    else server.once('listening', () => resolve((server.address() as AddressInfo).port));
  });
}

function pp(size: number, poll = false): FlowCase {
  return {
    name: `@pp/websocket WebSocketPeer, ${size} B messages, ${poll ? 'waitForPacket + getPacket' : 'packet event'}`,
    bytes: size,
    async open(): Promise<Flow> {
      const peers: WebSocketPeer[] = [];
      const readers: Array<Promise<void>> = [];
      let onPacket = (): void => undefined;
      const server = createServer((socket) => {
        // Godot's default inbound buffer (64 KiB): the largest message, and the ring the queue fills.
        const peer = new WebSocketPeer();
        peer.acceptStream(socket);
        if (poll) readers.push(pollPackets(peer, () => onPacket()));
        else peer.on('packet', () => onPacket());
        peers.push(peer);
      }).listen(0, '127.0.0.1');
      // Godot's default outbound limits would refuse ~1 MiB in flight; lift them for the test.
      const client = await WebSocketPeer.connect(`ws://127.0.0.1:${await listening(server)}`, {
        outboundBufferSize: 0, maxQueuedPackets: 1 << 20, timeoutMs: 5000,
      });
      const payload = new Uint8Array(size).fill(7);
      const { flow, done } = windowedFlow(windowFor(size), () => client.putPacket(payload));
      onPacket = done;
      return {
        run: flow.run,
        close: async () => {
          client.close(-1);
          for (const peer of peers) peer.close(-1);
          await Promise.all(readers);
          await new Promise<void>((resolve) => server.close(() => resolve()));
        },
      };
    },
  };
}

/**
 * Raw `ws`. As a floor (`floor` set) it does what WebSocketPeer must on top: count the messages
 * `ws` still holds through the per-message send callback (Godot's `maxQueuedPackets` needs it),
 * and for the poll style queue each message and wake the reader with a promise.
 */
function raw(size: number, floor?: 'event' | 'poll'): FlowCase {
  const what = floor === undefined ? '' : floor === 'event' ? ' + send callback counting queued messages' : ' + send callback + queue → promise wake';
  return {
    name: `${floor === undefined ? 'raw ws' : 'floor: raw ws'}${what}, ${size} B messages`,
    bytes: size,
    async open(): Promise<Flow> {
      let onMessage = (): void => undefined;
      const queue = new FloorQueue<unknown>();
      const readers: Array<Promise<void>> = [];
      const server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false, maxPayload: INBOUND_BUFFER });
      server.on('connection', (ws) => {
        if (floor !== 'poll') {
          ws.on('message', () => onMessage());
          return;
        }
        // Godot's bound on what waits to be read: reading pauses while the queue holds a ring's worth.
        let queuedBytes = 0;
        ws.on('message', (data: Buffer) => {
          queue.push(data);
          queuedBytes += data.length;
          if (queuedBytes >= INBOUND_BUFFER) ws.pause();
        });
        readers.push(pollFloor(queue, (data) => {
          queuedBytes -= (data as Buffer).length;
          onMessage();
        }, () => ws.resume()));
      });
      const client = new WebSocket(`ws://127.0.0.1:${await listening(server)}`, { perMessageDeflate: false });
      await new Promise((resolve) => client.once('open', resolve));
      const payload = new Uint8Array(size).fill(7);
      let queued = 0;
      const sent = (): void => void queued--;
      const send = floor === undefined
        ? (): void => client.send(payload)
        : (): void => {
          queued++;
          client.send(payload, sent);
        };
      const { flow, done } = windowedFlow(windowFor(size), send);
      onMessage = done;
      return {
        run: flow.run,
        close: async () => {
          queue.close();
          client.terminate();
          for (const ws of server.clients) ws.terminate();
          await new Promise((resolve) => server.close(resolve));
          await Promise.all(readers);
          void queued;
        },
      };
    },
  };
}

export async function websocketThroughputBench(): Promise<void> {
  for (const size of [64, 1024, 16384]) {
    const results = await measureFlows([raw(size), raw(size, 'event'), raw(size, 'poll'), pp(size), pp(size, true)], { rounds: 7, roundMs: 700 });
    printTable(`WebSocket over loopback, ~1 MiB in flight, ${size}-byte binary messages (ops = messages)`, results);
    const [plain, eventFloor, pollFloorResult, events, poll] = results;
    printFlowRatios(plain, [events, poll]);
    console.log('  against the floor of each style:');
    printFlowRatios(eventFloor, [events]);
    printFlowRatios(pollFloorResult, [poll]);
  }
}
