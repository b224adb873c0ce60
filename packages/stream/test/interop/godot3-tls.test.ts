/**
 * StreamPeerTLS against Godot 3.2.3's StreamPeerSSL (mbedTLS 2.16, TLS 1.2) over TCP, both
 * roles: its client verifying our chain and name, our client verifying its CN-only self-signed
 * certificate, UTF-8 strings both ways, close_notify; a wrong name refused on each side.
 */
import { readFileSync } from 'node:fs';
import { TLSOptions } from '@pp/core';
import { decodeBase64Text, withEngineOutput, freeTcpPort, makeTestChain, startGodot3, type GodotHandle } from '@pp/interop';
import { describeWithGodot3 } from '@pp/interop/vitest';
import { afterEach, expect, it } from 'vitest';
import { StreamPeerTCP, StreamPeerTLS, TCPServer, TLSStatus } from '../../src/index.js';

const WAIT = { timeoutMs: 20_000 };
const cleanups: Array<{ close(): void } | { stop(): void }> = [];
let godot: GodotHandle | undefined;

afterEach(async () => {
  for (const item of cleanups.splice(0)) {
    if ('stop' in item) item.stop();
    else item.close();
  }
  await godot?.stop();
  godot = undefined;
});

const track = <T extends { close(): void } | { stop(): void }>(item: T): T => {
  cleanups.push(item);
  return item;
};

const script = (name: string, replace: Record<string, string>): string => {
  let source = readFileSync(new URL(`./godot/${name}`, import.meta.url), 'utf8');
  for (const [key, value] of Object.entries(replace)) source = source.replaceAll(key, value);
  return source;
};

const withOutput = <T>(body: () => Promise<T>): Promise<T> => withEngineOutput(() => godot, body);

describeWithGodot3('StreamPeerTLS against Godot 3.2.3 StreamPeerSSL', () => {
  it('its client against our acceptStream: chain and name verified by mbedTLS, strings both ways, close_notify', async () => {
    const chain = makeTestChain({ keyType: 'rsa' });
    const server = track(new TCPServer());
    await server.listenAsync(0, '127.0.0.1');
    godot = await startGodot3({
      script: script('godot3_tls_client.gd', { __PORT__: String(server.getLocalPort()), __HOST__: 'localhost' }),
      files: { 'ca.crt': chain.caCert }, timeoutMs: 40_000,
    });
    await withOutput(async () => {
      const tcp = track(await server.accept(WAIT));
      const tls = track(new StreamPeerTLS({ format: 'godot3' }));
      await tls.acceptStreamAsync(tcp, TLSOptions.server(chain.key, chain.cert), WAIT);
      expect(await godot!.waitForTag('ssl')).toBe('0');
      await tls.waitForBytes(4 + 16, WAIT);
      expect(tls.getUtf8String()).toBe('hello from godot');
      const closed = new Promise<void>((resolve) => tls.once('close', resolve));
      tls.putUtf8String('héllo from pp');
      expect(decodeBase64Text(await godot!.waitForTag('text'))).toBe('héllo from pp');
      tls.putUtf8String('bye');
      expect(decodeBase64Text(await godot!.waitForTag('text'))).toBe('bye');
      await closed;
      expect(tls.getStatus()).toBe(TLSStatus.STATUS_DISCONNECTED);
    });
  });

  it('its client refuses our certificate for a wrong host name', async () => {
    const chain = makeTestChain({ keyType: 'rsa' });
    const server = track(new TCPServer());
    await server.listenAsync(0, '127.0.0.1');
    godot = await startGodot3({
      script: script('godot3_tls_client.gd', { __PORT__: String(server.getLocalPort()), __HOST__: 'wrong.example' }),
      files: { 'ca.crt': chain.caCert }, timeoutMs: 40_000,
    });
    await withOutput(async () => {
      const tcp = track(await server.accept(WAIT));
      const tls = track(new StreamPeerTLS());
      await expect(tls.acceptStreamAsync(tcp, TLSOptions.server(chain.key, chain.cert), WAIT)).rejects.toBeDefined();
      expect(await godot!.waitForTag('ssl')).not.toBe('0');
      expect(Number(await godot!.waitForTag('status'))).toBe(TLSStatus.STATUS_ERROR_HOSTNAME_MISMATCH);
    });
  });

  it('our client against its accept_stream: CN-only self-signed certificate trusted, echo, close_notify; a wrong name refused', async () => {
    const port = await freeTcpPort();
    godot = await startGodot3({ script: script('godot3_tls_server.gd', { __PORT__: String(port) }), timeoutMs: 60_000 });
    await withOutput(async () => {
      const cert = decodeBase64Text(await godot!.waitForTag('cert', 30_000));
      expect(await godot!.waitForTag('listen')).toBe('0');

      const tcp = track(new StreamPeerTCP());
      await tcp.connectToHostAsync('127.0.0.1', port, WAIT);
      const tls = track(new StreamPeerTLS());
      await tls.connectToStreamAsync(tcp, 'localhost', TLSOptions.client(cert), WAIT);
      expect(await godot!.waitForTag('accept')).toBe('0');
      tls.putUtf8String('hello from pp');
      expect(decodeBase64Text(await godot!.waitForTag('text'))).toBe('hello from pp');
      await tls.waitForBytes(4 + 18, WAIT);
      expect(tls.getUtf8String()).toBe('echo:hello from pp');
      tls.disconnectFromStream();
      expect(await godot!.waitForTag('ended')).toBe(String(TLSStatus.STATUS_DISCONNECTED));

      const tcp2 = track(new StreamPeerTCP());
      await tcp2.connectToHostAsync('127.0.0.1', port, WAIT);
      const wrong = track(new StreamPeerTLS());
      await expect(wrong.connectToStreamAsync(tcp2, 'not-localhost.example', TLSOptions.client(cert), WAIT)).rejects.toBeDefined();
      expect(wrong.getStatus()).toBe(TLSStatus.STATUS_ERROR_HOSTNAME_MISMATCH);
      await godot!.waitForTag('ended');
    });
  });
});
