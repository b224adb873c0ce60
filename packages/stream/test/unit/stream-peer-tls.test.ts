import { ErrorCode, TLSOptions, type GodotError } from '@pp/core';
import { makeSelfSigned, makeTestChain } from '@pp/interop';
import { describe, expect, it } from 'vitest';
import { StreamPeer, StreamPeerTLS, TLSStatus } from '../../src/index.js';
import { useSockets, withTimeout } from '../support/sockets.js';

const WAIT = { timeoutMs: 10_000 };

/** Two in-memory StreamPeers wired to each other: what one writes, the other receives. */
class LinkedStream extends StreamPeer {
  other: LinkedStream | undefined;
  connected = true;
  constructor() {
    super();
    this._opened();
  }
  close(): void {
    if (!this.connected) return;
    this.connected = false;
    this._closed();
    this.other?._receiveEnd();
  }
  abort(error: GodotError): void {
    this.connected = false;
    this._closed(error);
  }
  protected _isConnected(): boolean {
    return this.connected;
  }
  protected _write(data: Uint8Array): void {
    const other = this.other;
    queueMicrotask(() => other?._receive(data.slice()));
  }
  protected _bufferedAmount(): number {
    return 0;
  }
  protected _endOfStream(): void {
    this.close();
  }
}

function linked(): [LinkedStream, LinkedStream] {
  const a = new LinkedStream();
  const b = new LinkedStream();
  a.other = b;
  b.other = a;
  return [a, b];
}

describe('StreamPeerTLS', () => {
  const sockets = useSockets();

  it('over StreamPeerTCP: the chain and name verified, typed data and Variants both ways', async () => {
    const chain = makeTestChain({ keyType: 'ec' });
    const { client: tcpClient, accepted } = await sockets.pair();
    const server = sockets.track(new StreamPeerTLS());
    const client = sockets.track(new StreamPeerTLS());
    expect(client.getStatus()).toBe(TLSStatus.STATUS_DISCONNECTED);
    const accepting = server.acceptStreamAsync(accepted, TLSOptions.server(chain.key, chain.cert), WAIT);
    expect(client.connectToStream(tcpClient, 'localhost', TLSOptions.client(chain.caCert))).toBe(ErrorCode.OK);
    expect(client.getStatus()).toBe(StreamPeerTLS.STATUS_HANDSHAKING);
    await Promise.all([accepting, client.waitForConnected(WAIT)]);
    expect(client.getStatus()).toBe(TLSStatus.STATUS_CONNECTED);
    expect(client.getStream()).toBe(tcpClient);
    expect(client.putVar({ hp: 7 })).toBe(ErrorCode.OK);
    expect(client.putU32(0xdeadbeef)).toBe(ErrorCode.OK);
    const value = await server.getVarAsync(false, WAIT);
    expect((value as { get(key: string): unknown }).get('hp')).toBe(7);
    await server.waitForBytes(4, WAIT);
    expect(server.getU32()).toBe(0xdeadbeef);
    server.putUtf8String('héllo');
    await client.waitForBytes(4 + 6, WAIT);
    expect(client.getUtf8String()).toBe('héllo');

    const closed = new Promise<void>((resolve) => server.once('close', resolve));
    client.disconnectFromStream();
    expect(client.getStatus()).toBe(TLSStatus.STATUS_DISCONNECTED);
    await withTimeout(closed, 10_000, 'the server to see the close');
    expect(server.getStatus()).toBe(TLSStatus.STATUS_DISCONNECTED);
  });

  it('over any StreamPeer (an in-memory pair)', async () => {
    const chain = makeTestChain({ keyType: 'rsa' });
    const [a, b] = linked();
    const server = new StreamPeerTLS();
    const client = new StreamPeerTLS();
    await Promise.all([
      server.acceptStreamAsync(b, TLSOptions.server(chain.key, chain.cert), WAIT),
      client.connectToStreamAsync(a, 'localhost', TLSOptions.client(chain.caCert), WAIT),
    ]);
    client.putData(Uint8Array.of(1, 2, 3));
    expect(await server.getDataAsync(3, WAIT)).toEqual(Uint8Array.of(1, 2, 3));
    client.close();
    server.close();
  });

  it('a wrong host name ends in STATUS_ERROR_HOSTNAME_MISMATCH, an untrusted chain in STATUS_ERROR', async () => {
    const chain = makeTestChain({ keyType: 'ec' });
    const other = makeSelfSigned('elsewhere.test', 'ec');
    for (const [name, options, status] of [
      ['wrong.test', TLSOptions.client(chain.caCert), TLSStatus.STATUS_ERROR_HOSTNAME_MISMATCH],
      ['localhost', TLSOptions.client(other.cert), TLSStatus.STATUS_ERROR],
    ] as const) {
      const { client: tcpClient, accepted } = await sockets.pair();
      const server = sockets.track(new StreamPeerTLS());
      server.acceptStream(accepted, TLSOptions.server(chain.key, chain.cert));
      const client = sockets.track(new StreamPeerTLS());
      await expect(client.connectToStreamAsync(tcpClient, name, options, WAIT)).rejects.toMatchObject({ code: ErrorCode.ERR_UNAUTHORIZED });
      expect(client.getStatus()).toBe(status);
    }
  });

  it('clientUnsafe() accepts any certificate; a CN-only certificate matches its CN', async () => {
    const self = makeSelfSigned('godot.test', 'rsa');
    for (const [name, options] of [['', TLSOptions.clientUnsafe()], ['godot.test', TLSOptions.client(self.cert)]] as const) {
      const { client: tcpClient, accepted } = await sockets.pair();
      const server = sockets.track(new StreamPeerTLS());
      server.acceptStream(accepted, TLSOptions.server(self.key, self.cert));
      const client = sockets.track(new StreamPeerTLS());
      await client.connectToStreamAsync(tcpClient, name, options, WAIT);
      expect(client.getStatus()).toBe(TLSStatus.STATUS_CONNECTED);
    }
  });

  it('refuses server options for a client, client options for a server, and a stream that is not connected', async () => {
    const chain = makeTestChain({ keyType: 'ec' });
    const { client: tcpClient } = await sockets.pair();
    const tls = new StreamPeerTLS();
    expect(tls.connectToStream(tcpClient, 'localhost', TLSOptions.server(chain.key, chain.cert))).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(tls.acceptStream(tcpClient, TLSOptions.client())).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    const [a] = linked();
    a.close();
    expect(tls.connectToStream(a, 'localhost')).toBe(ErrorCode.ERR_UNCONFIGURED);
    expect(tls.getStatus()).toBe(TLSStatus.STATUS_DISCONNECTED);
  });

  it('garbage instead of a ClientHello ends that connection in STATUS_ERROR; others are unaffected', async () => {
    const chain = makeTestChain({ keyType: 'ec' });
    const server = await sockets.server();
    const { socket, accepted } = await sockets.raw(server);
    const bad = sockets.track(new StreamPeerTLS());
    const failed = bad.acceptStreamAsync(accepted, TLSOptions.server(chain.key, chain.cert), WAIT);
    socket.write(Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    await expect(failed).rejects.toMatchObject({ code: ErrorCode.ERR_CONNECTION_ERROR });
    expect(bad.getStatus()).toBe(TLSStatus.STATUS_ERROR);
    expect(bad.lastError?.code).toBe(ErrorCode.ERR_CONNECTION_ERROR);

    const { client: tcpClient, accepted: good } = await sockets.pair();
    const peer = sockets.track(new StreamPeerTLS());
    const client = sockets.track(new StreamPeerTLS());
    await Promise.all([
      peer.acceptStreamAsync(good, TLSOptions.server(chain.key, chain.cert), WAIT),
      client.connectToStreamAsync(tcpClient, 'localhost', TLSOptions.client(chain.caCert), WAIT),
    ]);
    expect(client.getStatus()).toBe(TLSStatus.STATUS_CONNECTED);
  });
});
