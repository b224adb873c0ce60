/**
 * Our PacketPeerDTLS (client) against `openssl s_server -dtls1_2`: RSA and ECDSA chains verified
 * against the CA, with and without `-listen` (cookies), with `-mtu 500` (a fragmented handshake),
 * data both ways; refusals for a wrong host name and an untrusted CA.
 */
import { TLSOptions } from '@pp/core';
import { makeTestChain, opensslAvailability, startOpensslDtlsServer, type OpensslProcess } from '@pp/interop';
import { describeWithPeer } from '@pp/interop/vitest';
import { PacketPeerUDP } from '@pp/udp';
import { afterEach, expect, it } from 'vitest';
import { DTLSStatus, PacketPeerDTLS } from '../../src/index.js';

const WAIT = { timeoutMs: 15_000 };
const opened: Array<{ close(): void }> = [];
const servers: OpensslProcess[] = [];

afterEach(async () => {
  for (const item of opened.splice(0)) item.close();
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function connectTo(port: number, hostname: string, options: TLSOptions): Promise<PacketPeerDTLS> {
  const udp = new PacketPeerUDP();
  opened.push(udp);
  expect(udp.connectToHost('127.0.0.1', port)).toBe(0);
  const dtls = new PacketPeerDTLS();
  opened.push(dtls);
  await dtls.connectToPeerAsync(udp, hostname, options, WAIT);
  return dtls;
}

async function exchange(dtls: PacketPeerDTLS, server: OpensslProcess): Promise<void> {
  expect(dtls.getStatus()).toBe(DTLSStatus.STATUS_CONNECTED);
  dtls.putPacket(new TextEncoder().encode('hello from pp\n'));
  await server.waitFor(/hello from pp/);
  server.write('hello from openssl\n');
  await dtls.waitForPacket(WAIT);
  expect(new TextDecoder().decode(dtls.getPacket())).toBe('hello from openssl\n');
}

describeWithPeer('PacketPeerDTLS against openssl s_server', opensslAvailability(), async () => undefined, () => {
  for (const keyType of ['ec', 'rsa'] as const) {
    for (const listen of [false, true]) {
      it(`${keyType} chain verified${listen ? ', -listen (cookies)' : ''}`, async () => {
        const chain = makeTestChain({ keyType });
        const server = await startOpensslDtlsServer({ cert: chain.cert, key: chain.key, listen });
        servers.push(server);
        const dtls = await connectTo(server.port, 'localhost', TLSOptions.client(chain.caCert));
        await exchange(dtls, server);
      });
    }
  }

  it('-mtu 500: a fragmented handshake is reassembled', async () => {
    const chain = makeTestChain({ keyType: 'rsa' });
    const server = await startOpensslDtlsServer({ cert: chain.cert, key: chain.key, mtu: 500, listen: true });
    servers.push(server);
    const dtls = await connectTo(server.port, 'localhost', TLSOptions.client(chain.caCert));
    await exchange(dtls, server);
  });

  it('a wrong host name ends in STATUS_ERROR_HOSTNAME_MISMATCH', async () => {
    const chain = makeTestChain({ keyType: 'ec' });
    const server = await startOpensslDtlsServer({ cert: chain.cert, key: chain.key });
    servers.push(server);
    await expect(connectTo(server.port, 'example.com', TLSOptions.client(chain.caCert))).rejects.toMatchObject({ reason: 'certificate', certificate: 'hostname-mismatch' });
    const dtls = opened.at(-1) as PacketPeerDTLS;
    expect(dtls.getStatus()).toBe(DTLSStatus.STATUS_ERROR_HOSTNAME_MISMATCH);
  });

  it('an expired chain ends in STATUS_ERROR (our clock moved past the leaf\'s notAfter)', async () => {
    const chain = makeTestChain({ keyType: 'ec' });
    const server = await startOpensslDtlsServer({ cert: chain.cert, key: chain.key });
    servers.push(server);
    const udp = new PacketPeerUDP();
    opened.push(udp);
    udp.connectToHost('127.0.0.1', server.port);
    const later = new Date(Date.now() + 60 * 86_400_000); // the test leaf is valid for 30 days
    const dtls = new PacketPeerDTLS({ currentDate: () => later });
    opened.push(dtls);
    await expect(dtls.connectToPeerAsync(udp, 'localhost', TLSOptions.client(chain.caCert), WAIT)).rejects.toMatchObject({ certificate: 'expired' });
    expect(dtls.getStatus()).toBe(DTLSStatus.STATUS_ERROR);
  });

  it('an untrusted CA ends in STATUS_ERROR', async () => {
    const chain = makeTestChain({ keyType: 'ec' });
    const other = makeTestChain({ keyType: 'ec', dnsNames: ['other.test'] });
    const server = await startOpensslDtlsServer({ cert: chain.cert, key: chain.key });
    servers.push(server);
    await expect(connectTo(server.port, 'localhost', TLSOptions.client(other.caCert))).rejects.toMatchObject({ reason: 'certificate', certificate: 'untrusted' });
    expect((opened.at(-1) as PacketPeerDTLS).getStatus()).toBe(DTLSStatus.STATUS_ERROR);
  });
});
