/**
 * `pp proxy enet`: a UDP relay that forwards every datagram unchanged and reads the ENet
 * traffic passively. Each game address gets its own socket to the target (so the server sees
 * one address per game, and replies find their way back); both directions of that flow go
 * through one `EnetObserver`, which reports every packet once, decoded. The proxy takes no part
 * in ENet: nothing is acknowledged, retransmitted or resequenced here, so whatever the two ENet
 * hosts agree on (compression, checksum, MTU, bandwidth) passes as it is.
 */
import { isIP } from 'node:net';
import { lookup } from 'node:dns/promises';
import { type DatagramAddress, type DatagramEndpoint } from '@pp/core';
import { loadZstd } from '@pp/enet';
import { bindUdpEndpoint } from '@pp/udp';
import { EnetObserver, type EnetObserverOptions } from '../enet/observer.js';
import { type Leg, type LegOptions, counter, peerName } from './leg.js';

/** As ENet asks of its own socket: bursts of fragments must not overflow the OS default. */
const SOCKET_BUFFER = 256 * 1024;
/** A flow silent this long is over (ENet gives up on a peer after 30 s at most). */
export const FLOW_IDLE_MS = 60_000;
/** Game addresses relayed at once (ENet's peer limit). */
export const MAX_FLOWS = 4095;

interface Flow {
  readonly connection: number;
  readonly peer: string;
  readonly game: DatagramAddress;
  readonly upstream: DatagramEndpoint;
  readonly observer: EnetObserver;
  lastActive: number;
}

async function ipOf(host: string): Promise<string> {
  return isIP(host) ? host : (await lookup(host)).address;
}

export async function startEnetLeg(options: LegOptions): Promise<Leg> {
  const { inspector } = options;
  const observerOptions: EnetObserverOptions = options.enet;
  // Zstd on Node 20 is WebAssembly, compiled asynchronously: have it ready before the first datagram.
  if (observerOptions.compression === 'auto' || observerOptions.compression === 4) await loadZstd().catch(() => {});
  const targetIp = await ipOf(options.target.host);
  const target = { ip: targetIp, port: options.target.port };
  const listenIp = options.listen.host === '*' ? '*' : await ipOf(options.listen.host);
  const front = bindUdpEndpoint(listenIp, options.listen.port, { receiveBufferSize: SOCKET_BUFFER, sendBufferSize: SOCKET_BUFFER });
  const upstreamBind = isIP(targetIp) === 6 ? '::' : '0.0.0.0';
  const next = counter();
  const flows = new Map<string, Flow>();
  let refused = 0;

  const close = (flow: Flow, detail: string): void => {
    flows.delete(`${flow.game.ip}|${flow.game.port}`);
    flow.upstream.close();
    inspector.connection('close', flow.connection, flow.peer, detail);
  };

  const open = (game: DatagramAddress): Flow | null => {
    const connection = next();
    const peer = peerName(game.ip, game.port);
    let upstream: DatagramEndpoint;
    try {
      upstream = bindUdpEndpoint(upstreamBind, 0, { receiveBufferSize: SOCKET_BUFFER, sendBufferSize: SOCKET_BUFFER });
    } catch (error) {
      inspector.connection('close', connection, peer, `cannot open a socket to the target: ${(error as Error).message}`);
      return null;
    }
    const observer = new EnetObserver({
      packet: (direction, frame, bytes, enet) => inspector.packet({ connection, peer, direction, frame, bytes, enet }).index,
      protocol: (direction, what, text, packets) => inspector.protocol(connection, peer, direction, what, text, packets),
      undecodable: (direction, bytes, note) => void inspector.packet({ connection, peer, direction, frame: 'datagram', bytes, note }),
    }, observerOptions);
    const flow: Flow = { connection, peer, game, upstream, observer, lastActive: Date.now() };
    upstream.onDatagram = (data, from) => {
      if (from.port !== target.port || from.ip !== target.ip) return;
      flow.lastActive = Date.now();
      front.send(data, game);
      observer.datagram('s2c', data);
    };
    upstream.onError = (error) => inspector.connection('close', connection, peer, `server side: ${error.message}`);
    flows.set(`${game.ip}|${game.port}`, flow);
    inspector.connection('open', connection, peer);
    return flow;
  };

  front.onDatagram = (data, from) => {
    let flow = flows.get(`${from.ip}|${from.port}`) ?? null;
    if (flow === null) {
      if (flows.size >= MAX_FLOWS) {
        if (refused++ === 0) inspector.connection('close', 0, peerName(from.ip, from.port), `refused: already ${MAX_FLOWS} games relayed`);
        return;
      }
      flow = open(from);
      if (flow === null) return;
    }
    flow.lastActive = Date.now();
    flow.upstream.send(data, target);
    flow.observer.datagram('c2s', data);
  };

  const sweep = setInterval(() => {
    const now = Date.now();
    for (const flow of [...flows.values()]) if (now - flow.lastActive > FLOW_IDLE_MS) close(flow, `silent for ${FLOW_IDLE_MS / 1000} s`);
  }, 5000);
  sweep.unref();

  return {
    address: { host: options.listen.host, port: front.localAddress().port },
    close: async () => {
      clearInterval(sweep);
      for (const flow of [...flows.values()]) close(flow, 'proxy stopped');
      front.close();
    },
  };
}
