/** What each transport's proxy leg is given, and gives back. */
import type { HostPort } from '../args.js';
import type { EnetObserverOptions } from '../enet/observer.js';
import type { Inspector } from './inspector.js';

export interface LegOptions {
  listen: HostPort;
  target: HostPort;
  inspector: Inspector;
  /** Largest PacketPeerStream frame recognised on TCP (bigger: the stream is shown raw). */
  maxFrame: number;
  /** WebSocket sub-protocols offered on both sides. */
  protocols: readonly string[];
  /** How ENet datagrams are read. */
  enet: EnetObserverOptions;
}

export interface Leg {
  /** Where the proxy listens (the port filled in when 0 was asked). */
  readonly address: HostPort;
  close(): Promise<void>;
}

/** Connection numbers, shared by a leg's connections. */
export function counter(): () => number {
  let n = 0;
  return () => ++n;
}

export function peerName(host: string | undefined, port: number | undefined): string {
  const h = (host ?? '?').replace(/^::ffff:/, '');
  return h.includes(':') ? `[${h}]:${port ?? 0}` : `${h}:${port ?? 0}`;
}
