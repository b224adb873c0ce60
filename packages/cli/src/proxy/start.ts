/**
 * `startProxy`: the proxy as a library (what `pp proxy` runs): listen, relay to the target, and
 * hand every connection and packet, decoded, to the sinks.
 */
import type { TextFormat } from '@pp/core';
import { type HostPort, formatHostPort } from '../args.js';
import type { ProxyEvent, Transport } from './events.js';
import type { CompressionChoice } from '../enet/decompression.js';
import { startEnetLeg } from './enet.js';
import { Inspector, type ProxySink } from './inspector.js';
import type { Leg, LegOptions } from './leg.js';
import { startTcpLeg } from './tcp.js';
import { startUdpLeg } from './udp.js';
import { startWsLeg } from './ws.js';

/** Options of `startProxy`: the transport, where to listen and relay, and how to read the traffic. */
export interface ProxyOptions {
  /** What to relay: `tcp`, `udp`, `ws` or `enet`. */
  transport: Transport;
  /** Where the proxy listens (the address the game connects to instead of the server). */
  listen: HostPort;
  /** The server it relays to. */
  target: HostPort;
  /** @default 'godot4' */
  format?: TextFormat;
  /** Largest PacketPeerStream frame recognised on TCP. @default 16777216 */
  maxFrame?: number;
  /** WebSocket sub-protocols to offer. @default [] */
  protocols?: readonly string[];
  /** ENet: the game's `compression_mode` (a Godot `CompressionMode` number), or `auto` to find it in the traffic. @default 'auto' */
  compression?: CompressionChoice;
  /** ENet: datagrams carry ENet's CRC32 checksum (C applications that set `enet_crc32`; Godot never does). @default false */
  checksum?: boolean;
  /** ENet: also report every datagram's commands (acknowledgements and pings included). @default false */
  enetCommands?: boolean;
  /** ENet: largest packet reassembled (ENet's `maximumPacketSize`). @default 33554432 */
  maxPacketSize?: number;
  /** Called for every event, in order. */
  onEvent?: (event: ProxyEvent) => void;
}

/** A running proxy, from `startProxy`. */
export interface ProxyHandle {
  /** What it relays. */
  readonly transport: Transport;
  /** Where the proxy listens. */
  readonly address: HostPort;
  /** The server it relays to. */
  readonly target: HostPort;
  /** The inspector every packet goes through (numbered, decoded once, handed to every sink). */
  readonly inspector: Inspector;
  /** Adds an output; every later event is handed to it, in order. Returns the function that removes it. */
  addSink(sink: ProxySink): () => void;
  /** Closes the listening socket and every relayed connection; resolves once they are closed. */
  close(): Promise<void>;
}

const LEGS: Record<Transport, (options: LegOptions) => Promise<Leg>> = {
  tcp: startTcpLeg,
  udp: startUdpLeg,
  ws: startWsLeg,
  enet: startEnetLeg,
};

/**
 * Starts the proxy (what `pp proxy` runs): listens, relays each game to the target and hands every connection
 * and packet, decoded, to the sinks. Rejects when the listening socket cannot be opened.
 */
export async function startProxy(options: ProxyOptions): Promise<ProxyHandle> {
  const start = LEGS[options.transport];
  const inspector = new Inspector(options.transport, options.format ?? 'godot4');
  if (options.onEvent) inspector.addSink(options.onEvent);
  const leg = await start({
    listen: options.listen,
    target: options.target,
    inspector,
    maxFrame: options.maxFrame ?? 16 * 1024 * 1024,
    protocols: options.protocols ?? [],
    enet: {
      compression: options.compression ?? 'auto',
      checksum: options.checksum ?? false,
      commands: options.enetCommands ?? false,
      maxPacketSize: options.maxPacketSize ?? 32 * 1024 * 1024,
    },
  });
  return {
    transport: options.transport,
    address: leg.address,
    target: options.target,
    inspector,
    addSink: (sink) => inspector.addSink(sink),
    close: () => leg.close(),
  };
}

/** The one-line description `pp proxy` prints: `pp proxy <transport>: <listen> → <target>`. */
export function describeProxy(handle: ProxyHandle): string {
  return `pp proxy ${handle.transport}: ${formatHostPort(handle.address)} → ${formatHostPort(handle.target)}`;
}
