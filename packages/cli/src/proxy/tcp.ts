/**
 * `pp proxy tcp`: every byte forwarded unchanged (with TCP's back-pressure and half-close), and
 * each direction's bytes read as PacketPeerStream frames on the side. Plain `node:net`: a
 * transparent relay must not impose a peer's framing or buffer limits on the bytes it passes.
 */
import { type Server, type Socket, createConnection, createServer } from 'node:net';
import { FrameSplitter } from './frame-splitter.js';
import type { Direction } from './events.js';
import { type Leg, type LegOptions, counter, peerName } from './leg.js';

export async function startTcpLeg(options: LegOptions): Promise<Leg> {
  const { inspector, target, maxFrame } = options;
  const next = counter();
  const sockets = new Set<Socket>();

  const server: Server = createServer({ allowHalfOpen: true }, (client) => {
    const connection = next();
    const peer = peerName(client.remoteAddress, client.remotePort);
    const upstream = createConnection({ host: target.host, port: target.port, allowHalfOpen: true });
    sockets.add(client);
    sockets.add(upstream);
    inspector.connection('open', connection, peer);

    const watch = (socket: Socket, direction: Direction): void => {
      const splitter = new FrameSplitter(maxFrame, {
        frame: (bytes) => inspector.packet({ connection, peer, direction, frame: 'frame', bytes }),
        raw: (bytes, note) => inspector.packet({ connection, peer, direction, frame: 'raw', bytes, note }),
      });
      socket.on('data', (chunk: Buffer) => splitter.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength)));
      socket.on('end', () => splitter.end());
    };
    watch(client, 'c2s');
    watch(upstream, 's2c');
    client.pipe(upstream);
    upstream.pipe(client);

    let reason: string | undefined;
    let open = 2;
    const closed = (): void => {
      if (--open > 0) return;
      sockets.delete(client);
      sockets.delete(upstream);
      inspector.connection('close', connection, peer, reason);
    };
    client.on('error', (error) => {
      reason ??= `game side: ${error.message}`;
      upstream.destroy();
    });
    upstream.on('error', (error) => {
      reason ??= `server side: ${error.message}`;
      client.destroy();
    });
    client.on('close', closed);
    upstream.on('close', closed);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.listen.port, options.listen.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.listen.port;
  return {
    address: { host: options.listen.host, port },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
