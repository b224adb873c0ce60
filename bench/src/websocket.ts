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
import { pollPackets } from './poll-reader.js';

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
        const peer = new WebSocketPeer({ inboundBufferSize: size });
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

function raw(size: number): FlowCase {
  return {
    name: `raw ws, ${size} B messages`,
    bytes: size,
    async open(): Promise<Flow> {
      let onMessage = (): void => undefined;
      const server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false, maxPayload: size });
      server.on('connection', (ws) => ws.on('message', () => onMessage()));
      const client = new WebSocket(`ws://127.0.0.1:${await listening(server)}`, { perMessageDeflate: false });
      await new Promise((resolve) => client.once('open', resolve));
      const payload = new Uint8Array(size).fill(7);
      const { flow, done } = windowedFlow(windowFor(size), () => client.send(payload));
      onMessage = done;
      return {
        run: flow.run,
        close: async () => {
          client.terminate();
          for (const ws of server.clients) ws.terminate();
          await new Promise((resolve) => server.close(resolve));
        },
      };
    },
  };
}

export async function websocketThroughputBench(): Promise<void> {
  for (const size of [64, 1024, 16384]) {
    const results = await measureFlows([raw(size), pp(size), pp(size, true)], { rounds: 7, roundMs: 700 });
    printTable(`WebSocket over loopback, ~1 MiB in flight, ${size}-byte binary messages (ops = messages)`, results);
    printFlowRatios(results[0], results.slice(1));
  }
}
