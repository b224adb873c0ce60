/**
 * A seeded lossy UDP relay on loopback, for putting loss in front of a real peer (tc netem is
 * not available): datagrams reaching its front port go on to `target` from its back socket and
 * the answers come back to whoever sent last, each one dropped, duplicated or delayed (which
 * reorders them) by a seeded generator. One client at a time.
 */
import { createSocket, type Socket } from 'node:dgram';
import { seededRandom } from '@pp/core';

export interface LossyRelayConditions {
  /** Probability that a datagram is dropped. */
  loss: number;
  /** Probability that a datagram that passes is sent twice. */
  duplicate: number;
  /** Each copy waits a uniform 0 … `jitterMs` before it goes on. */
  jitterMs: number;
  seed: number;
}

export interface LossyUdpRelay {
  /** Where the client sends. */
  readonly port: number;
  readonly stats: { forwarded: number; dropped: number; duplicated: number };
  close(): void;
}

async function bindLoopback(): Promise<Socket> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => resolve());
  });
  return socket;
}

export async function startLossyUdpRelay(targetPort: number, conditions: LossyRelayConditions): Promise<LossyUdpRelay> {
  const front = await bindLoopback();
  const back = await bindLoopback();
  const random = seededRandom(conditions.seed);
  const stats = { forwarded: 0, dropped: 0, duplicated: 0 };
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let clientPort: number | undefined;

  const pass = (socket: Socket, message: Buffer, port: number): void => {
    if (random() < conditions.loss) {
      stats.dropped++;
      return;
    }
    const copies = random() < conditions.duplicate ? 2 : 1;
    if (copies === 2) stats.duplicated++;
    for (let i = 0; i < copies; i++) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        stats.forwarded++;
        socket.send(message, port, '127.0.0.1');
      }, Math.floor(random() * conditions.jitterMs));
      timers.add(timer);
    }
  };
  front.on('message', (message, from) => {
    clientPort = from.port;
    pass(back, message, targetPort);
  });
  back.on('message', (message) => {
    if (clientPort !== undefined) pass(front, message, clientPort);
  });
  return {
    port: front.address().port,
    stats,
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      front.close();
      back.close();
    },
  };
}
