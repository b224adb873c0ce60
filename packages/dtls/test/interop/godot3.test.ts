/**
 * Godot 3.2.3 (`godot3-server`, mbedTLS 2.16 bundled): its PacketPeerDTLS client against our
 * DTLSServer (Godot's UDPServer loop, cookie exchange, chain verified by mbedTLS against our CA),
 * and our PacketPeerDTLS against its DTLSServer (its Crypto's CN-only self-signed RSA
 * certificate, trusted explicitly; the name checked against the CN), data both ways, close_notify
 * both ways, and a wrong host name refused on each side.
 */
import { readFileSync } from 'node:fs';
import { TLSOptions } from '@pp/core';
import { decodeBase64Text, withEngineOutput, freeUdpPort, makeTestChain, startGodot3, type GodotHandle } from '@pp/interop';
import { describeWithGodot3 } from '@pp/interop/vitest';
import { PacketPeerUDP } from '@pp/udp';
import { afterEach, expect, it } from 'vitest';
import { DTLSStatus, DtlsEndpoint, PacketPeerDTLS } from '../../src/index.js';
import { loopbackEndpoint } from '../support/dgram-endpoint.js';
import { startServerLoop, type ServerLoop } from '../support/server-loop.js';

const WAIT = { timeoutMs: 20_000 };
const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const script = (name: string, replace: Record<string, string>): string => {
  let source = readFileSync(new URL(`./godot/${name}`, import.meta.url), 'utf8');
  for (const [key, value] of Object.entries(replace)) source = source.replaceAll(key, value);
  return source;
};

let godot: GodotHandle | undefined;
const loops: ServerLoop[] = [];
const opened: Array<{ close(): void }> = [];

afterEach(async () => {
  for (const item of opened.splice(0)) item.close();
  for (const loop of loops.splice(0)) loop.stop();
  await godot?.stop();
  godot = undefined;
});

const withOutput = <T>(body: () => Promise<T>): Promise<T> => withEngineOutput(() => godot, body);

describeWithGodot3('DTLS against Godot 3.2.3 (mbedTLS)', () => {
  for (const [label, keyType, suites] of [
    ['RSA certificate, our suite order', 'rsa', undefined],
    ['ECDSA certificate, ChaCha20-Poly1305', 'ec', ['TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256']],
  ] as const) {
    it(`its client against our DTLSServer: ${label}`, async () => {
      const chain = makeTestChain({ keyType });
      const loop = startServerLoop(chain.key, chain.cert, suites === undefined ? {} : { cipherSuites: suites });
      loops.push(loop);
      const connected = loop.nextConnected(WAIT.timeoutMs);
      godot = await startGodot3({
        script: script('godot3_client.gd', { __PORT__: String(loop.port), __HOST__: 'localhost' }),
        files: { 'ca.crt': chain.caCert }, timeoutMs: 40_000,
      });
      await withOutput(async () => {
        expect(await godot!.waitForTag('connect')).toBe('0');
        const peer = await connected;
        await godot!.waitForTag('connected', WAIT.timeoutMs);
        if (suites !== undefined) expect(peer.cipherSuite).toBe(suites[0]);
        expect(loop.dtls.stats.helloVerifyRequests).toBeGreaterThanOrEqual(1);
        await peer.waitForPacket(WAIT);
        expect(new TextDecoder().decode(peer.getPacket())).toBe('hello from godot');
        const closed = new Promise<void>((resolve) => peer.once('close', resolve));
        peer.putPacket(text('héllo from pp'));
        peer.putPacket(text('bye'));
        expect(decodeBase64Text(await godot!.waitForTag('packet'))).toBe('héllo from pp');
        expect(decodeBase64Text(await godot!.waitForTag('packet'))).toBe('bye');
        await closed; // Godot's disconnect_from_peer sends close_notify
        expect(peer.getStatus()).toBe(DTLSStatus.STATUS_DISCONNECTED);
        await godot!.finished;
      });
    });
  }

  it('its client refuses our certificate for a wrong host name', async () => {
    const chain = makeTestChain({ keyType: 'ec' });
    const loop = startServerLoop(chain.key, chain.cert);
    loops.push(loop);
    godot = await startGodot3({
      script: script('godot3_client.gd', { __PORT__: String(loop.port), __HOST__: 'wrong.example' }),
      files: { 'ca.crt': chain.caCert }, timeoutMs: 40_000,
    });
    await withOutput(async () => {
      const status = Number(await godot!.waitForTag('status', WAIT.timeoutMs));
      // Godot says STATUS_ERROR_HOSTNAME_MISMATCH only when the failure happens inside
      // connect_to_peer's first handshake step (our flight arrived fast enough: connect returns
      // FAILED), else STATUS_ERROR from poll() — both seen here. Ours always reports the mismatch.
      expect([DTLSStatus.STATUS_ERROR, DTLSStatus.STATUS_ERROR_HOSTNAME_MISMATCH]).toContain(status);
      expect(loop.peers.every((peer) => peer.getStatus() !== DTLSStatus.STATUS_CONNECTED)).toBe(true);
    });
  });

  it('our client against its DTLSServer: CN-only self-signed certificate, cookies, echo, close_notify; a wrong name refused', async () => {
    const port = await freeUdpPort();
    godot = await startGodot3({ script: script('godot3_server.gd', { __PORT__: String(port) }), timeoutMs: 60_000 });
    await withOutput(async () => {
      const cert = decodeBase64Text(await godot!.waitForTag('cert', 30_000));
      expect(await godot!.waitForTag('setup')).toBe('0');
      expect(await godot!.waitForTag('listen')).toBe('0');

      const udp = new PacketPeerUDP();
      opened.push(udp);
      udp.connectToHost('127.0.0.1', port);
      const dtls = new PacketPeerDTLS();
      opened.push(dtls);
      await dtls.connectToPeerAsync(udp, 'localhost', TLSOptions.client(cert), WAIT);
      dtls.putPacket(text('hello from pp'));
      expect(decodeBase64Text(await godot!.waitForTag('packet'))).toBe('hello from pp');
      await dtls.waitForPacket(WAIT);
      expect(new TextDecoder().decode(dtls.getPacket())).toBe('echo:hello from pp');
      dtls.disconnectFromPeer();
      expect(await godot!.waitForTag('ended')).toBe(String(DTLSStatus.STATUS_DISCONNECTED));

      const udp2 = new PacketPeerUDP();
      opened.push(udp2);
      udp2.connectToHost('127.0.0.1', port);
      const wrong = new PacketPeerDTLS();
      opened.push(wrong);
      await expect(wrong.connectToPeerAsync(udp2, 'not-localhost.example', TLSOptions.client(cert), WAIT)).rejects.toMatchObject({ certificate: 'hostname-mismatch' });
      expect(wrong.getStatus()).toBe(DTLSStatus.STATUS_ERROR_HOSTNAME_MISMATCH);
      // Our bad_certificate alert ends its session too.
      expect(Number(await godot!.waitForTag('ended'))).toBe(DTLSStatus.STATUS_ERROR);
    });
  });

  it('DtlsEndpoint (the seam ENet runs on): its client against our server endpoint, our client endpoint against its DTLSServer', async () => {
    const chain = makeTestChain({ keyType: 'rsa' });
    const serverEndpoint = DtlsEndpoint.server(await loopbackEndpoint(), TLSOptions.server(chain.key, chain.cert));
    opened.push(serverEndpoint);
    const got: string[] = [];
    serverEndpoint.onDatagram = (data, from) => {
      got.push(new TextDecoder().decode(data));
      serverEndpoint.send(text('bye'), from);
    };
    godot = await startGodot3({
      script: script('godot3_client.gd', { __PORT__: String(serverEndpoint.localAddress().port), __HOST__: 'localhost' }),
      files: { 'ca.crt': chain.caCert }, timeoutMs: 40_000,
    });
    await withOutput(async () => {
      await godot!.waitForTag('connected', WAIT.timeoutMs);
      expect(decodeBase64Text(await godot!.waitForTag('packet', WAIT.timeoutMs))).toBe('bye');
      expect(got).toEqual(['hello from godot']);
      await godot!.finished;
    });
    await godot.stop();

    const port = await freeUdpPort();
    godot = await startGodot3({ script: script('godot3_server.gd', { __PORT__: String(port) }), timeoutMs: 60_000 });
    await withOutput(async () => {
      const cert = decodeBase64Text(await godot!.waitForTag('cert', 30_000));
      await godot!.waitForTag('listen');
      const server = { ip: '127.0.0.1', port };
      const client = DtlsEndpoint.client(await loopbackEndpoint(), server, 'localhost', TLSOptions.client(cert));
      opened.push(client);
      const echoed: string[] = [];
      client.onDatagram = (data) => echoed.push(new TextDecoder().decode(data));
      const connected = new Promise<void>((resolve) => {
        client.onSession = (_remote, event) => {
          if (event === 'connected') resolve();
        };
      });
      expect(client.send(text('lost while handshaking'), server)).toBe(0);
      await connected;
      client.send(text('over the endpoint'), server);
      expect(decodeBase64Text(await godot!.waitForTag('packet'))).toBe('over the endpoint');
      for (let i = 0; i < 100 && echoed.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(echoed).toEqual(['echo:over the endpoint']);
    });
  });
});
