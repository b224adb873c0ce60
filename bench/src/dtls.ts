/**
 * `pnpm bench dtls`: DTLS handshakes per second (RSA-2048 and P-256 certificates) — the engine in
 * memory, our client against our DTLSServer over loopback, and our client against
 * `openssl s_server -dtls1_2` — and echo throughput over DTLS beside plain @pp/udp in the same
 * run, plus one-way throughput into our DTLSServer and into `openssl s_server`.
 */
import { createPrivateKey, X509Certificate as NodeX509 } from 'node:crypto';
import { TLSOptions } from '@pp/core';
import {
  CookieExchange, DTLSServer, DTLSStatus, PacketPeerDTLS, createDtlsClient, createDtlsServer, type DtlsConnection,
} from '@pp/dtls';
import { makeTestChain, opensslAvailability, startOpensslDtlsServer, type OpensslProcess, type TestKeyType } from '@pp/interop';
import { PacketPeerUDP, UDPServer } from '@pp/udp';
import { printTable } from './measure.js';
import { measureFlows, windowedFlow, type Flow, type FlowCase } from './measure-async.js';

const WINDOW = 32;
const LABEL: Record<TestKeyType, string> = { rsa: 'RSA-2048', ec: 'P-256' };

const derChain = (pem: string): Uint8Array[] =>
  [...pem.matchAll(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g)].map((m) => new Uint8Array(new NodeX509(m[0]).raw));

/** A flow whose operations are sequential async steps (one handshake at a time). */
function sequential(step: () => Promise<void>, close: () => Promise<void> | void = () => undefined): Flow {
  return {
    async run(ms) {
      const end = performance.now() + ms;
      let count = 0;
      while (performance.now() < end) {
        await step();
        count++;
      }
      return count;
    },
    close,
  };
}

/** One full handshake between two engines, in memory (cookie exchange included). */
function memoryHandshake(keyType: TestKeyType): FlowCase {
  const chain = makeTestChain({ keyType });
  const server = { privateKey: createPrivateKey(chain.key), chain: derChain(chain.cert) };
  const client = { verifyChain: true, checkHostname: 'localhost', trustedCas: [new NodeX509(chain.caCert)] };
  const cookies = new CookieExchange();
  return {
    name: `engine in memory, ${LABEL[keyType]} (full handshake with cookie)`,
    async open() {
      return sequential(async () => {
        const c = createDtlsClient(client, 0);
        let s: DtlsConnection | undefined;
        for (let guard = 0; guard < 50 && (c.state === 'handshaking' || s?.state === 'handshaking'); guard++) {
          for (let d = c.pollTransmit(); d !== undefined; d = c.pollTransmit()) {
            if (s !== undefined) s.handleDatagram(d, 0);
            else {
              const result = cookies.check(d, 'bench', 0);
              if (result.kind === 'hello-verify-request') c.handleDatagram(result.datagram, 0);
              else if (result.kind === 'verified') s = createDtlsServer(server, result.client, 0);
            }
          }
          if (s !== undefined) for (let d = s.pollTransmit(); d !== undefined; d = s.pollTransmit()) c.handleDatagram(d, 0);
        }
        if (c.state !== 'connected') throw new Error(`memory handshake ended ${c.state}`);
        await Promise.resolve();
      });
    },
  };
}

interface DtlsServerLoop {
  port: number;
  peers: PacketPeerDTLS[];
  stop(): void;
}

function ourServer(keyType: TestKeyType, echo: boolean): DtlsServerLoop {
  const chain = makeTestChain({ keyType });
  const udp = new UDPServer();
  udp.listen(0, '127.0.0.1');
  const dtls = new DTLSServer();
  dtls.setup(TLSOptions.server(chain.key, chain.cert));
  const peers: PacketPeerDTLS[] = [];
  udp.on('connection', () => {
    while (udp.isConnectionAvailable()) {
      const peer = dtls.takeConnection(udp.takeConnection()!);
      if (peer.getStatus() !== DTLSStatus.STATUS_HANDSHAKING) continue;
      peers.push(peer);
      if (echo) peer.on('packet', (data) => peer.putPacket(data));
      else peer.on('packet', () => undefined);
      peer.on('close', () => peers.splice(peers.indexOf(peer), 1));
    }
  });
  return { port: udp.getLocalPort(), peers, stop: () => { for (const peer of [...peers]) peer.close(); udp.stop(); } };
}

async function connectClient(port: number, keyType: TestKeyType): Promise<{ dtls: PacketPeerDTLS; udp: PacketPeerUDP }> {
  const chain = makeTestChain({ keyType });
  const udp = new PacketPeerUDP();
  udp.connectToHost('127.0.0.1', port);
  const dtls = new PacketPeerDTLS();
  await dtls.connectToPeerAsync(udp, 'localhost', TLSOptions.client(chain.caCert), { timeoutMs: 10_000 });
  return { dtls, udp };
}

/** Sequential handshakes of our client against a server `start` opens (ours or openssl's). */
function clientHandshakes(name: string, keyType: TestKeyType, start: () => Promise<{ port: number; stop(): unknown }>): FlowCase {
  return {
    name: `PacketPeerDTLS → ${name}, ${LABEL[keyType]}`,
    async open() {
      const server = await start();
      return sequential(async () => {
        const { dtls, udp } = await connectClient(server.port, keyType);
        dtls.disconnectFromPeer();
        udp.close();
      }, async () => {
        await server.stop();
      });
    },
  };
}

const loopbackHandshake = (keyType: TestKeyType): FlowCase =>
  clientHandshakes('DTLSServer over loopback', keyType, async () => ourServer(keyType, false));

const opensslHandshake = (keyType: TestKeyType): FlowCase =>
  clientHandshakes('openssl s_server', keyType, () => {
    const chain = makeTestChain({ keyType });
    return startOpensslDtlsServer({ cert: chain.cert, key: chain.key });
  });

function dtlsEcho(size: number): FlowCase {
  return {
    name: `@pp/dtls echo (AES-128-GCM, P-256 cert), ${size} B`,
    bytes: size,
    async open() {
      const server = ourServer('ec', true);
      const { dtls, udp } = await connectClient(server.port, 'ec');
      const payload = new Uint8Array(size).fill(7);
      const { flow, done } = windowedFlow(WINDOW, () => dtls.putPacket(payload));
      dtls.on('packet', done);
      return { run: flow.run, close: () => { dtls.close(); udp.close(); server.stop(); } };
    },
  };
}

function udpEcho(size: number): FlowCase {
  return {
    name: `plain @pp/udp echo, ${size} B`,
    bytes: size,
    async open() {
      const server = new UDPServer();
      server.listen(0, '127.0.0.1');
      server.on('connection', () => {
        const peer = server.takeConnection()!;
        peer.on('packet', (data) => peer.putPacket(data));
      });
      const client = new PacketPeerUDP();
      client.connectToHost('127.0.0.1', server.getLocalPort());
      const payload = new Uint8Array(size).fill(7);
      const { flow, done } = windowedFlow(WINDOW, () => client.putPacket(payload));
      client.on('packet', done);
      return { run: flow.run, close: () => { client.close(); server.stop(); } };
    },
  };
}

/** One-way: our client sends as fast as the receiver's output shows progress (counted in bytes). */
function oneWayToOpenssl(size: number): FlowCase {
  return {
    name: `@pp/dtls → openssl s_server one way (its stdout), ${size} B`,
    bytes: size,
    async open() {
      const chain = makeTestChain({ keyType: 'ec' });
      const server: OpensslProcess & { port: number } = await startOpensslDtlsServer({ cert: chain.cert, key: chain.key});
      const { dtls, udp } = await connectClient(server.port, 'ec');
      const payload = new Uint8Array(size).fill(0x61);
      return {
        async run(ms) {
          const start = server.output().length;
          const end = performance.now() + ms;
          let sent = 0;
          while (performance.now() < end) {
            // Keep at most WINDOW packets ahead of what openssl has printed.
            while ((sent - (server.output().length - start) / size) < WINDOW) {
              dtls.putPacket(payload);
              sent++;
            }
            await new Promise((resolve) => setImmediate(resolve));
          }
          return Math.floor((server.output().length - start) / size);
        },
        async close() {
          dtls.close();
          udp.close();
          await server.stop();
        },
      };
    },
  };
}

export async function dtlsBench(): Promise<void> {
  const openssl = opensslAvailability().available;
  for (const keyType of ['rsa', 'ec'] as const) {
    const cases = [memoryHandshake(keyType), loopbackHandshake(keyType)];
    if (openssl) cases.push(opensslHandshake(keyType));
    printTable(`DTLS 1.2 handshakes, ${LABEL[keyType]} server certificate, ECDHE x25519/P-256 (ops = handshakes)`,
      await measureFlows(cases, { rounds: 3, roundMs: 1500, warmupMs: 300 }));
  }
  for (const size of [64, 1200]) {
    const cases = [udpEcho(size), dtlsEcho(size)];
    if (openssl) cases.push(oneWayToOpenssl(size));
    printTable(`Echo over loopback, ${WINDOW} packets in flight, ${size}-byte payloads (ops = packets)`,
      await measureFlows(cases, { rounds: 5, roundMs: 700 }));
  }
  if (!openssl) console.log('\n(openssl not found: the openssl lines were skipped)');
}
