/** wss:// with Godot's TLSOptions: verified, name-overridden, unsafe, and refused. */
import { ErrorCode } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { TLSOptions, WebSocketPeer } from '../../src/index.js';
import { testCertificate } from '../support/certs.js';
import { useScope } from '../support/scope.js';
import { serveUpgrade, type PeerServer } from '../support/servers.js';

const scope = useScope();

async function tlsServer(): Promise<PeerServer> {
  const { key, cert } = testCertificate();
  return scope.add(await serveUpgrade({}, { key, cert }), (s) => s.close());
}

function connect(url: string, tls?: TLSOptions): Promise<WebSocketPeer> {
  const peer = scope.add(new WebSocketPeer(), (p) => p.close(-1));
  expect(peer.connectToUrl(url, tls)).toBe(ErrorCode.OK);
  return peer.waitForOpen({ timeoutMs: 5000 }).then(() => peer);
}

describe('TLSOptions', () => {
  it('client(trustedChain) verifies the server against that chain and the URL\'s host', async () => {
    const s = await tlsServer();
    const { cert } = testCertificate();
    const peer = await connect(`wss://localhost:${s.port}/`, TLSOptions.client(cert));
    expect(peer.getRequestedUrl()).toBe(`wss://localhost:${s.port}/`);
    const remote = await s.nextPeer();
    await remote.waitForOpen({ timeoutMs: 5000 });
    expect(remote.getRequestedUrl()).toBe(`wss://localhost:${s.port}/`);
  });

  it('client(trustedChain, commonNameOverride) checks that name instead', async () => {
    const s = await tlsServer();
    const { cert } = testCertificate();
    await connect(`wss://127.0.0.1:${s.port}/`, TLSOptions.client(cert, 'localhost'));
    await expect(connect(`wss://127.0.0.1:${s.port}/`, TLSOptions.client(cert, 'game.example'))).rejects
      .toMatchObject({ code: ErrorCode.ERR_CANT_CONNECT, message: expect.stringMatching(/game\.example/) });
  });

  it('the default client options refuse an untrusted certificate; clientUnsafe() accepts it', async () => {
    const s = await tlsServer();
    await expect(connect(`wss://localhost:${s.port}/`)).rejects.toMatchObject({ message: expect.stringMatching(/self.signed/i) });
    await connect(`wss://localhost:${s.port}/`, TLSOptions.clientUnsafe());
  });

  it('describes itself like Godot\'s', () => {
    const { key, cert } = testCertificate();
    const server = TLSOptions.server(key, cert);
    expect([server.isServer(), server.isUnsafeClient(), server.getPrivateKey()?.saveToString(), server.getOwnCertificate()?.saveToString()])
      .toEqual([true, false, key, cert]);
    const client = TLSOptions.client(cert, 'name');
    expect([client.isServer(), client.getTrustedCaChain()?.saveToString(), client.getCommonNameOverride()]).toEqual([false, cert, 'name']);
    expect(TLSOptions.clientUnsafe().isUnsafeClient()).toBe(true);
  });
});
