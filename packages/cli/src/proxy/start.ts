/**
 * `startProxy`: the proxy as a library (what `pp proxy` runs): listen, relay to the target, and
 * hand every connection and packet, decoded, to the sinks.
 */
import type { TextFormat } from '@pp/core';
import { type HostPort, formatHostPort } from '../args.js';
import type { ProxyEvent, Transport } from './events.js';
import { Inspector, type ProxySink } from './inspector.js';
import type { Leg, LegOptions } from './leg.js';
import { startTcpLeg } from './tcp.js';
import { startUdpLeg } from './udp.js';
import { startWsLeg } from './ws.js';

export interface ProxyOptions {
  transport: Transport;
  listen: HostPort;
  target: HostPort;
  /** @default 'godot4' */
  format?: TextFormat;
  /** Largest PacketPeerStream frame recognised on TCP. @default 16777216 */
  maxFrame?: number;
  /** WebSocket sub-protocols to offer. @default [] */
  protocols?: readonly string[];
  /** Called for every event, in order. */
  onEvent?: (event: ProxyEvent) => void;
}

export interface ProxyHandle {
  readonly transport: Transport;
  /** Where the proxy listens. */
  readonly address: HostPort;
  readonly target: HostPort;
  readonly inspector: Inspector;
  addSink(sink: ProxySink): () => void;
  close(): Promise<void>;
}

/** Thrown for a transport that is not there yet. */
export class NotAvailableError extends Error {
  override readonly name = 'NotAvailableError';
}

const LEGS: Partial<Record<Transport, (options: LegOptions) => Promise<Leg>>> = {
  tcp: startTcpLeg,
  udp: startUdpLeg,
  ws: startWsLeg,
};

export async function startProxy(options: ProxyOptions): Promise<ProxyHandle> {
  const start = LEGS[options.transport];
  if (!start) throw new NotAvailableError(`not yet: @pp/enet is not released, so pp proxy ${options.transport} cannot run yet (tcp, udp and ws can)`);
  const inspector = new Inspector(options.transport, options.format ?? 'godot4');
  if (options.onEvent) inspector.addSink(options.onEvent);
  const leg = await start({
    listen: options.listen,
    target: options.target,
    inspector,
    maxFrame: options.maxFrame ?? 16 * 1024 * 1024,
    protocols: options.protocols ?? [],
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

export function describeProxy(handle: ProxyHandle): string {
  return `pp proxy ${handle.transport}: ${formatHostPort(handle.address)} → ${formatHostPort(handle.target)}`;
}
