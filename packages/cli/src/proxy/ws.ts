/**
 * `pp proxy ws` on @pp/websocket: each game connection is accepted by a `WebSocketPeer` and
 * relayed by another `WebSocketPeer` connected to the target (same path), message by message,
 * keeping each message's type (text or binary) and the close code and reason. Buffers are not
 * Godot's 64 KiB here: a relay must not be the one that refuses a message.
 */
import { type Socket, createServer } from 'node:net';
import { State, WebSocketPeer, WriteMode, type WebSocketPeerOptions } from '@pp/websocket';
import type { Direction } from './events.js';
import { type Leg, type LegOptions, counter, peerName } from './leg.js';

const BIG = 64 * 1024 * 1024;

/** A close code that can be sent on: the other side's, or 1000 for "none" (1005) and "dropped" (-1, 1006). */
function forwardable(code: number): number {
  return (code >= 1000 && code <= 1014 && code !== 1004 && code !== 1005 && code !== 1006) || (code >= 3000 && code <= 4999) ? code : 1000;
}

export async function startWsLeg(options: LegOptions): Promise<Leg> {
  const { inspector, target } = options;
  const next = counter();
  const peers = new Set<WebSocketPeer>();
  const peerOptions: WebSocketPeerOptions = {
    supportedProtocols: [...options.protocols],
    inboundBufferSize: BIG,
    outboundBufferSize: 0,
    maxQueuedPackets: 1 << 20,
    handshakeTimeout: 10,
  };

  const server = createServer((socket: Socket) => {
    const connection = next();
    const peer = peerName(socket.remoteAddress, socket.remotePort);
    const game = new WebSocketPeer(peerOptions);
    peers.add(game);
    game.acceptStream(socket);
    let upstream: WebSocketPeer | null = null;
    const pending: Array<[Uint8Array, boolean]> = [];

    const relay = (from: WebSocketPeer, direction: Direction, to: () => WebSocketPeer | null): void => {
      from.on('packet', (bytes, info) => {
        inspector.packet({ connection, peer, direction, frame: info.wasString ? 'text' : 'binary', bytes });
        const other = to();
        if (other && other.getReadyState() === State.OPEN) other.send(bytes, info.wasString ? WriteMode.TEXT : WriteMode.BINARY);
        else if (direction === 'c2s') pending.push([bytes, info.wasString]);
      });
    };

    game.on('open', () => {
      inspector.connection('open', connection, peer);
      const path = new URL(game.getRequestedUrl() || 'ws://x/').pathname;
      const host = target.host.includes(':') ? `[${target.host}]` : target.host;
      upstream = new WebSocketPeer(peerOptions);
      peers.add(upstream);
      upstream.connectToUrl(`ws://${host}:${target.port}${path}`);
      upstream.on('open', () => {
        for (const [bytes, text] of pending.splice(0)) upstream?.send(bytes, text ? WriteMode.TEXT : WriteMode.BINARY);
      });
      relay(upstream, 's2c', () => game);
      upstream.on('close', () => {
        peers.delete(upstream as WebSocketPeer);
        const code = (upstream as WebSocketPeer).getCloseCode();
        if (game.getReadyState() === State.OPEN) game.close(forwardable(code), (upstream as WebSocketPeer).getCloseReason());
      });
      upstream.on('error', (error) => inspector.connection('close', connection, peer, `server side: ${error.message}`));
    });
    relay(game, 'c2s', () => upstream);
    game.on('close', () => {
      peers.delete(game);
      const code = game.getCloseCode();
      const reason = game.getCloseReason();
      if (upstream && upstream.getReadyState() !== State.CLOSED) upstream.close(forwardable(code), reason);
      inspector.connection('close', connection, peer, code > 0 ? `close code ${code}${reason ? ` "${reason}"` : ''}` : 'connection dropped');
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listen.port, options.listen.host, () => resolve());
  });
  const address = server.address();
  return {
    address: { host: options.listen.host, port: typeof address === 'object' && address ? address.port : options.listen.port },
    close: async () => {
      for (const peer of peers) peer.close(-1);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
