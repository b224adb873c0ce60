/**
 * The echo servers and clients `pnpm bench enet` compares: an ENet echo server of ours and one of
 * C libenet, both driven by the same C libenet client; and, as the reference of what the socket
 * layer alone costs, a plain UDP echo in C and in `node:dgram`, both driven by the same C UDP
 * client. Every server reports the CPU time it used (user + system, all threads), so that the cost
 * per echo can be compared independently of how busy the shared machine is.
 */
import { ENetConnection, type ENetPacketPeer } from '@pp/enet';
import { CUDP_PEER_SOURCE, startCENetPeer, type CENetPeer } from '@pp/interop';
import { createSocket } from 'node:dgram';
import { collectGarbage } from './collect-garbage.js';

/** The socket buffers ENet asks for (`ENET_HOST_RECEIVE_BUFFER_SIZE`), given to every server. */
const SOCKET_BUFFER = 256 * 1024;

export interface EchoServer {
  readonly port: number;
  /** CPU microseconds used so far by the process that runs the server. */
  cpu(): Promise<number>;
  /** Datagrams the ENet host sent so far (retransmissions included); null for plain UDP. */
  sentDatagrams(): Promise<number | null>;
  /** Bytes of memory the server holds now (after a GC where it can collect). */
  memory(): Promise<number>;
  close(): Promise<void>;
}

/** The client side of a benchmark: sequential round trips and windowed floods. */
export interface EchoClient {
  /** `count` sequential round trips of `size` bytes: [p50 µs, p99 µs]. */
  pingpong(count: number, size: number): Promise<[number, number]>;
  /** `count` echoes of `size` bytes with `window` in flight; resolves with the milliseconds taken. */
  flood(count: number, size: number, window: number): Promise<number>;
  close(): Promise<void>;
}


function ownCpu(): number {
  const { user, system } = process.cpuUsage();
  return user + system;
}

function ownMemory(): Promise<number> {
  collectGarbage();
  const { heapUsed, external } = process.memoryUsage();
  return Promise.resolve(heapUsed + external);
}

async function childCpu(peer: CENetPeer): Promise<number> {
  peer.command('cpu');
  const words = (await peer.next('CPU')).words;
  return Number(words[1]) + Number(words[2]);
}

async function childRss(peer: CENetPeer): Promise<number> {
  peer.command('rss');
  const line = await peer.next('RSS');
  return Number(line.words.find((w) => /^\d+$/.test(w))) * 1024;
}

/** Our `ENetConnection` in event style, echoing every packet on its channel with its flags. */
export function ppENetEcho(maxPeers = 64): Promise<EchoServer> {
  const connection = new ENetConnection();
  if (connection.createHostBound('127.0.0.1', 0, maxPeers, 2) !== 0) throw new Error('createHostBound failed');
  connection.on('receive', (peer: ENetPacketPeer, packet, channel, flags) => {
    peer.send(channel, packet, flags);
  });
  return Promise.resolve({
    port: connection.getLocalPort(),
    cpu: () => Promise.resolve(ownCpu()),
    sentDatagrams: () => Promise.resolve(connection.host?.totalSentPackets ?? 0),
    memory: ownMemory,
    close: () => Promise.resolve(connection.destroy()),
  });
}

/** C libenet's echo server (the C peer's `--echo`). */
export async function cENetEcho(maxPeers = 64): Promise<EchoServer> {
  const { peer, port } = await startCENetPeer(['--server', '0', '--echo', '--quiet', '--channels', '2', '--peers', String(maxPeers)]);
  const sentDatagrams = async (): Promise<number> => {
    peer.command('stats');
    return Number((await peer.next('STATS')).words[1]);
  };
  return { port, cpu: () => childCpu(peer), sentDatagrams, memory: () => childRss(peer), close: () => peer.stop() };
}

/** A bare `node:dgram` socket sending every datagram back: the floor under any Node UDP server. */
export function dgramEcho(): Promise<EchoServer> {
  const socket = createSocket('udp4');
  return new Promise((resolve) => {
    socket.bind(0, '127.0.0.1', () => {
      socket.setRecvBufferSize(SOCKET_BUFFER);
      socket.setSendBufferSize(SOCKET_BUFFER);
      socket.on('message', (message, remote) => socket.send(message, remote.port, remote.address));
      resolve({
        port: socket.address().port,
        cpu: () => Promise.resolve(ownCpu()),
        sentDatagrams: () => Promise.resolve(null),
        memory: ownMemory,
        close: () => new Promise<void>((done) => socket.close(() => done())),
      });
    });
  });
}

/** The same bare echo in C (`recvfrom` / `sendto`). */
export async function cUdpEcho(): Promise<EchoServer> {
  const { peer, port } = await startCENetPeer(['--echo'], CUDP_PEER_SOURCE);
  return { port, cpu: () => childCpu(peer), sentDatagrams: () => Promise.resolve(null), memory: () => childRss(peer), close: () => peer.stop() };
}

/** A C client driven by `pingpong` / `flood` commands; `target` goes before their arguments. */
function commandClient(peer: CENetPeer, target: string): EchoClient {
  return {
    async pingpong(count, size) {
      peer.command(`pingpong ${target}${count} ${size}`);
      const words = (await peer.next('PINGPONG', 60_000)).words;
      return [Number(words[2]), Number(words[3])];
    },
    async flood(count, size, window) {
      peer.command(`flood ${target}${count} ${size} ${window}`);
      return Number((await peer.next('FLOOD', 120_000)).words[2]);
    },
    close: () => peer.stop(),
  };
}

/** The C libenet client (2 channels; reliable packets to peer 0 on channel 0). */
export async function cENetClient(port: number): Promise<EchoClient> {
  const { peer } = await startCENetPeer(['--client', '127.0.0.1', String(port), '--channels', '2', '--quiet']);
  await peer.next('CONNECT', 10_000);
  return commandClient(peer, '0 0 ');
}

/** The C UDP client (a datagram that does not come back within 50 ms is sent again). */
export async function cUdpClient(port: number): Promise<EchoClient> {
  const { peer } = await startCENetPeer(['--client', '127.0.0.1', String(port)], CUDP_PEER_SOURCE);
  return commandClient(peer, '');
}
