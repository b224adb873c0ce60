/**
 * Drives a client and a server engine against each other in memory with simulated time: every
 * datagram either side emits is delivered (or dropped, duplicated, reordered by a seeded link),
 * and when nothing is in flight time jumps to the next deadline. Deterministic for a given seed.
 */
import { createPrivateKey, X509Certificate as NodeX509 } from 'node:crypto';
import { seededRandom } from '@pp/core';
import { makeTestChain, type TestKeyType } from '@pp/interop';
import {
  CookieExchange, createDtlsClient, createDtlsServer, type DtlsClientConfig, type DtlsConnection, type DtlsEvent,
  type DtlsServerConfig,
} from '../../src/index.js';

export interface LinkOptions {
  /** Probability that a datagram is dropped. */
  loss?: number;
  duplicate?: number;
  /** Probability that a datagram is held back behind the next one. */
  reorder?: number;
  seed?: number;
}

export function pemChainToDer(pem: string): Uint8Array[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)]
    .map((match) => new Uint8Array(new NodeX509(match[0]).raw));
}

export function serverConfigFor(keyType: TestKeyType, extra: Partial<DtlsServerConfig> = {}): DtlsServerConfig {
  const chain = makeTestChain({ keyType });
  return { privateKey: createPrivateKey(chain.key), chain: pemChainToDer(chain.cert), ...extra };
}

export function clientConfigFor(keyType: TestKeyType, extra: Partial<DtlsClientConfig> = {}): DtlsClientConfig {
  const chain = makeTestChain({ keyType });
  return { verifyChain: true, checkHostname: 'localhost', serverName: 'localhost', trustedCas: [new NodeX509(chain.caCert)], ...extra };
}

type Side = 'client' | 'server';

export class EnginePair {
  now = 1_000;
  readonly client: DtlsConnection;
  server: DtlsConnection | undefined;
  readonly cookies = new CookieExchange();
  readonly events: Record<Side, DtlsEvent[]> = { client: [], server: [] };
  /** Every datagram each side sent, in order, with its send time. */
  readonly sent: Record<Side, Array<{ at: number; data: Uint8Array }>> = { client: [], server: [] };
  helloVerifyRequests = 0;
  readonly #random: () => number;
  readonly #link: LinkOptions;
  readonly #serverConfig: DtlsServerConfig;
  readonly #inFlight: Array<{ to: Side; data: Uint8Array }> = [];
  /** Filters what reaches a side (return undefined to drop); for attack tests. */
  tamper: ((to: Side, data: Uint8Array) => Uint8Array | undefined) | undefined;

  constructor(clientConfig: DtlsClientConfig, serverConfig: DtlsServerConfig, link: LinkOptions = {}) {
    this.#random = seededRandom(link.seed ?? 1);
    this.#link = link;
    this.#serverConfig = serverConfig;
    this.client = createDtlsClient(clientConfig, this.now);
  }

  /** Moves datagrams until `done()` or `maxMs` of simulated time passed. Returns whether done. */
  run(done: () => boolean, maxMs = 300_000): boolean {
    const end = this.now + maxMs;
    for (let guard = 0; guard < 100_000; guard++) {
      this.#collect();
      if (done()) return true;
      const next = this.#inFlight.shift();
      if (next !== undefined) {
        this.#deliver(next.to, next.data);
        continue;
      }
      const deadlines = [this.client.pollTimeout(), this.server?.pollTimeout()].filter((d): d is number => d !== undefined);
      if (deadlines.length === 0) return done();
      const at = Math.min(...deadlines);
      if (at > end) return done();
      this.now = Math.max(this.now, at);
      this.client.handleTimeout(this.now);
      this.server?.handleTimeout(this.now);
    }
    throw new Error('EnginePair.run: no progress');
  }

  handshake(maxMs?: number): boolean {
    return this.run(() => this.client.state !== 'handshaking' && (this.server === undefined || this.server.state !== 'handshaking')
      && this.server !== undefined, maxMs);
  }

  /** Delivers directly (no link effects) to a side, as raw bytes from the network. */
  inject(to: Side, data: Uint8Array): void {
    this.#deliver(to, data, true);
    this.#collect();
  }

  #deliver(to: Side, data: Uint8Array, raw = false): void {
    const filtered = !raw && this.tamper !== undefined ? this.tamper(to, data) : data;
    if (filtered === undefined) return;
    if (to === 'client') return this.client.handleDatagram(filtered, this.now);
    if (this.server !== undefined) return this.server.handleDatagram(filtered, this.now);
    const result = this.cookies.check(filtered, 'client:1', this.now);
    if (result.kind === 'hello-verify-request') {
      this.helloVerifyRequests++;
      this.#send('client', result.datagram);
    } else if (result.kind === 'verified') {
      this.server = createDtlsServer(this.#serverConfig, result.client, this.now);
    }
  }

  #send(to: Side, data: Uint8Array): void {
    this.sent[to === 'client' ? 'server' : 'client'].push({ at: this.now, data });
    const r = this.#random;
    if (r() < (this.#link.loss ?? 0)) return;
    const copies = r() < (this.#link.duplicate ?? 0) ? 2 : 1;
    for (let i = 0; i < copies; i++) {
      if (this.#inFlight.length > 0 && r() < (this.#link.reorder ?? 0)) this.#inFlight.splice(this.#inFlight.length - 1, 0, { to, data });
      else this.#inFlight.push({ to, data });
    }
  }

  #collect(): void {
    for (let d = this.client.pollTransmit(); d !== undefined; d = this.client.pollTransmit()) this.#send('server', d);
    for (let e = this.client.pollEvent(); e !== undefined; e = this.client.pollEvent()) this.events.client.push(e);
    if (this.server === undefined) return;
    for (let d = this.server.pollTransmit(); d !== undefined; d = this.server.pollTransmit()) this.#send('client', d);
    for (let e = this.server.pollEvent(); e !== undefined; e = this.server.pollEvent()) this.events.server.push(e);
  }

  /** Data events received by a side, as text. */
  received(side: Side): string[] {
    return this.events[side].flatMap((event) => (event.type === 'data' ? [new TextDecoder().decode(event.data)] : []));
  }
}
