import { createSocket } from 'node:dgram';
import { ErrorCode, TLSOptions } from '@pp/core';
import { until } from '@pp/conformance/testing';
import { makeTestChain } from '@pp/interop';
import { PacketPeerUDP } from '@pp/udp';
import { afterEach, describe, expect, it } from 'vitest';
import { DTLSServer, DTLSStatus, PacketPeerDTLS } from '../../src/index.js';
import { loopbackPair, type LoopbackPair } from '../support/loopback.js';
import { startServerLoop, type ServerLoop } from '../support/server-loop.js';

const cleanup: Array<{ close(): void } | { stop(): void }> = [];
afterEach(() => {
  for (const item of cleanup.splice(0)) {
    if ('stop' in item) item.stop();
    else item.close();
  }
});
const track = <T extends { close(): void } | { stop(): void }>(item: T): T => {
  cleanup.push(item);
  return item;
};
const text = (value: string): Uint8Array => new TextEncoder().encode(value);

describe('PacketPeerDTLS', () => {
  it('goes DISCONNECTED → HANDSHAKING → CONNECTED, emits connected, carries packets and Variants', async () => {
    const chain = makeTestChain({ keyType: 'ec' });
    const loop = track(startServerLoop(chain.key, chain.cert));
    const udp = track(new PacketPeerUDP());
    udp.connectToHost('127.0.0.1', loop.port);
    const dtls = track(new PacketPeerDTLS());
    expect(dtls.getStatus()).toBe(DTLSStatus.STATUS_DISCONNECTED);
    const connected = new Promise<void>((resolve) => dtls.once('connected', resolve));
    expect(dtls.connectToPeer(udp, 'localhost', TLSOptions.client(chain.caCert))).toBe(ErrorCode.OK);
    expect(dtls.getStatus()).toBe(PacketPeerDTLS.STATUS_HANDSHAKING);
    expect(dtls.putPacket(text('early'))).toBe(ErrorCode.ERR_UNCONFIGURED);
    const server = loop.nextConnected();
    await connected;
    expect(dtls.getStatus()).toBe(DTLSStatus.STATUS_CONNECTED);
    expect(dtls.cipherSuite).toBe('TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256');
    const peer = await server;
    expect(dtls.putVar({ hp: 3 })).toBe(ErrorCode.OK);
    await peer.waitForPacket({ timeoutMs: 5000 });
    expect((peer.getVar() as { get(key: string): unknown }).get('hp')).toBe(3);
  });

  it('refuses an unconnected UDP peer and server options (ERR_INVALID_PARAMETER)', () => {
    const chain = makeTestChain({ keyType: 'ec' });
    const dtls = new PacketPeerDTLS();
    const udp = track(new PacketPeerUDP());
    expect(dtls.connectToPeer(udp, 'localhost')).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    udp.connectToHost('127.0.0.1', 9);
    expect(dtls.connectToPeer(udp, 'localhost', TLSOptions.server(chain.key, chain.cert))).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(dtls.lastError?.code).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(dtls.getStatus()).toBe(DTLSStatus.STATUS_DISCONNECTED);
  });

  it('connect() rejects with the DtlsError and the status tells hostname mismatch apart', async () => {
    const chain = makeTestChain({ keyType: 'ec' });
    const loop = track(startServerLoop(chain.key, chain.cert));
    const udp = track(new PacketPeerUDP());
    udp.connectToHost('127.0.0.1', loop.port);
    const dtls = track(new PacketPeerDTLS());
    const errors: unknown[] = [];
    dtls.on('error', (error) => errors.push(error));
    await expect(dtls.connectToPeerAsync(udp, 'wrong.test', TLSOptions.client(chain.caCert), { timeoutMs: 5000 }))
      .rejects.toMatchObject({ name: 'DtlsError', reason: 'certificate', certificate: 'hostname-mismatch', code: ErrorCode.ERR_CONNECTION_ERROR });
    expect(dtls.getStatus()).toBe(DTLSStatus.STATUS_ERROR_HOSTNAME_MISMATCH);
    expect(errors).toHaveLength(1);
    expect(dtls.lastError).toBe(errors[0]);
  });

  it('disconnectFromPeer sends close_notify: the other side ends DISCONNECTED and its reads report the close', async () => {
    const pair: LoopbackPair = track(await loopbackPair());
    const closed = new Promise<void>((resolve) => pair.server.once('close', resolve));
    pair.client.disconnectFromPeer();
    expect(pair.client.getStatus()).toBe(DTLSStatus.STATUS_DISCONNECTED);
    await closed;
    expect(pair.server.getStatus()).toBe(DTLSStatus.STATUS_DISCONNECTED);
    expect(pair.server.putPacket(text('x'))).toBe(ErrorCode.ERR_UNCONFIGURED);
  });

  it('times out with no server (handshake-timeout after the retransmission schedule)', async () => {
    const silent = createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', resolve));
    try {
      const udp = track(new PacketPeerUDP());
      udp.connectToHost('127.0.0.1', silent.address().port);
      const dtls = track(new PacketPeerDTLS({ handshakeTimeoutMinMs: 20, handshakeTimeoutMaxMs: 80 }));
      await expect(dtls.connectToPeerAsync(udp, 'localhost', TLSOptions.clientUnsafe(), { timeoutMs: 5000 })).rejects.toMatchObject({ reason: 'handshake-timeout', code: ErrorCode.ERR_TIMEOUT });
      expect(dtls.getStatus()).toBe(DTLSStatus.STATUS_ERROR);
    } finally {
      silent.close();
    }
  });
});

describe('DTLSServer', () => {
  it('a client that restarts on the same port reconnects; the old session ends DISCONNECTED', async () => {
    const chain = makeTestChain({ keyType: 'ec' });
    const loop = track(startServerLoop(chain.key, chain.cert));
    const firstUdp = track(new PacketPeerUDP());
    expect(firstUdp.bind(0, '127.0.0.1')).toBe(ErrorCode.OK);
    const port = firstUdp.getLocalPort();
    firstUdp.connectToHost('127.0.0.1', loop.port);
    const accepted = loop.nextConnected();
    await track(new PacketPeerDTLS()).connectToPeerAsync(firstUdp, 'localhost', TLSOptions.client(chain.caCert), { timeoutMs: 10_000 });
    const old = await accepted;
    firstUdp.close(); // the game died: no close_notify

    const secondUdp = track(new PacketPeerUDP());
    expect(secondUdp.bind(port, '127.0.0.1')).toBe(ErrorCode.OK);
    secondUdp.connectToHost('127.0.0.1', loop.port);
    const reaccepted = loop.nextConnected();
    const again = track(new PacketPeerDTLS());
    await again.connectToPeerAsync(secondUdp, 'localhost', TLSOptions.client(chain.caCert), { timeoutMs: 10_000 });
    const fresh = await reaccepted;
    expect(old.getStatus()).toBe(DTLSStatus.STATUS_DISCONNECTED);
    again.putPacket(text('hi'));
    await fresh.waitForPacket({ timeoutMs: 5000 });
    expect(new TextDecoder().decode(fresh.getPacket())).toBe('hi');
  });

  it('setup refuses client options and a key that does not match the certificate', () => {
    const chain = makeTestChain({ keyType: 'ec' });
    const other = makeTestChain({ keyType: 'rsa' });
    const server = new DTLSServer();
    expect(server.setup(TLSOptions.client())).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(server.setup(TLSOptions.server(other.key, chain.cert))).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(server.lastError?.message).toMatch(/does not match/);
    expect(server.setup(TLSOptions.server(chain.key, chain.cert))).toBe(ErrorCode.OK);
  });

  it('takeConnection before setup, or on an unconnected peer, gives a peer in STATUS_ERROR', () => {
    const server = new DTLSServer();
    const udp = track(new PacketPeerUDP());
    expect(server.takeConnection(udp).getStatus()).toBe(DTLSStatus.STATUS_ERROR);
  });

  it('a ClientHello flood from a thousand source ports: no session, bounded pending peers, a real client still connects', async () => {
    const chain = makeTestChain({ keyType: 'ec' });
    const loop: ServerLoop = track(startServerLoop(chain.key, chain.cert));
    // A valid ClientHello from our own engine, replayed from many ports (each needs a cookie).
    const probe = track(new PacketPeerUDP());
    probe.bind(0, '127.0.0.1');
    const capture = createSocket('udp4');
    await new Promise<void>((resolve) => capture.bind(0, '127.0.0.1', resolve));
    const hello = new Promise<Buffer>((resolve) => capture.once('message', resolve));
    probe.connectToHost('127.0.0.1', capture.address().port);
    const prober = track(new PacketPeerDTLS());
    prober.connectToPeer(probe, 'localhost', TLSOptions.clientUnsafe());
    const clientHello = await hello;
    capture.close();

    const floods = 1000;
    const answered = (): number => loop.dtls.stats.helloVerifyRequests + loop.udp.refusedConnections;
    for (let batch = 0; batch < floods / 100; batch++) {
      const before = answered();
      const sockets = await Promise.all(Array.from({ length: 100 }, async () => {
        const socket = createSocket('udp4');
        await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
        return socket;
      }));
      await Promise.all(sockets.map((socket) => new Promise<void>((resolve) => socket.send(clientHello, loop.port, '127.0.0.1', () => resolve()))));
      // The kernel may drop some of a burst of 100; most must reach the cookie check (waited for,
      // since the server loop polls and a loaded machine runs it late).
      await until(() => answered() - before >= 50, 'half of the burst answered with a cookie or refused', 10_000);
      for (const socket of sockets) socket.close();
      expect(loop.udp.pendingConnectionCount).toBeLessThanOrEqual(16);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(loop.peers).toHaveLength(0);
    expect(loop.dtls.stats.sessions).toBe(0);
    expect(answered()).toBeGreaterThanOrEqual(floods * 0.5);

    const udp = track(new PacketPeerUDP());
    udp.connectToHost('127.0.0.1', loop.port);
    const client = track(new PacketPeerDTLS());
    await client.connectToPeerAsync(udp, 'localhost', TLSOptions.client(chain.caCert), { timeoutMs: 10_000 });
    expect(loop.dtls.stats.sessions).toBe(1);
  });
});
