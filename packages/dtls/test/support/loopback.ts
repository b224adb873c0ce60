/** A connected DTLS pair over loopback UDP: our PacketPeerDTLS client and a DTLSServer session. */
import { TLSOptions } from '@pp/core';
import { makeTestChain, type TestKeyType } from '@pp/interop';
import { PacketPeerUDP } from '@pp/udp';
import { PacketPeerDTLS, type PacketPeerDTLSOptions } from '../../src/index.js';
import { startServerLoop, type ServerLoop } from './server-loop.js';

export interface LoopbackPair {
  client: PacketPeerDTLS;
  server: PacketPeerDTLS;
  udp: PacketPeerUDP;
  loop: ServerLoop;
  close(): void;
}

export async function loopbackPair(keyType: TestKeyType = 'ec', options: PacketPeerDTLSOptions = {}): Promise<LoopbackPair> {
  const chain = makeTestChain({ keyType });
  const loop = startServerLoop(chain.key, chain.cert, options);
  const accepted = loop.nextConnected();
  const udp = new PacketPeerUDP();
  if (udp.connectToHost('127.0.0.1', loop.port) !== 0) throw new Error('connectToHost failed');
  const client = new PacketPeerDTLS(options);
  await client.connectToPeerAsync(udp, 'localhost', TLSOptions.client(chain.caCert), { timeoutMs: 10_000 });
  const server = await accepted;
  return {
    client, server, udp, loop,
    close() {
      client.close();
      udp.close();
      loop.stop();
    },
  };
}
