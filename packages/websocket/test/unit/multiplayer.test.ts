/** WebSocketMultiplayerPeer: Godot's wire protocol (the 4-byte id), errors, limits, TLS. */
import { connect, createServer, type Server, type Socket } from 'node:net';
import { ConnectionStatus, ErrorCode, GodotError } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket as WsSocket } from 'ws';
import { TLSOptions, WebSocketMultiplayerPeer, WebSocketPeer } from '../../src/index.js';
import { testCertificate } from '../support/certs.js';
import { Opcode, RawClient } from '../support/raw-client.js';
import { nextEvent, until, useScope } from '../support/scope.js';
import { closeServer, listen } from '../support/servers.js';

const scope = useScope();

function multiplayer(options: ConstructorParameters<typeof WebSocketMultiplayerPeer>[0] = {}): WebSocketMultiplayerPeer {
  return scope.add(new WebSocketMultiplayerPeer(options), (p) => p.close());
}

async function server(options: ConstructorParameters<typeof WebSocketMultiplayerPeer>[0] = {}, tls?: TLSOptions): Promise<WebSocketMultiplayerPeer> {
  const peer = multiplayer(options);
  expect(peer.createServer(0, '127.0.0.1', tls)).toBe(ErrorCode.OK);
  expect(peer.getConnectionStatus()).toBe(ConnectionStatus.CONNECTING);
  await peer.waitForConnected({ timeoutMs: 5000 });
  return peer;
}

async function client(to: WebSocketMultiplayerPeer, options = {}): Promise<WebSocketMultiplayerPeer> {
  const peer = multiplayer(options);
  expect(peer.createClient(`ws://127.0.0.1:${to.getLocalPort()}`)).toBe(ErrorCode.OK);
  await peer.waitForConnected({ timeoutMs: 5000 });
  return peer;
}

/** A plain `ws` server whose connections are handed to `onConnection`. */
async function wsServer(onConnection: (ws: WsSocket) => void): Promise<number> {
  const wss = scope.add(new WebSocketServer({ port: 0, host: '127.0.0.1' }), (w) => {
    for (const c of w.clients) c.terminate();
    return new Promise((r) => w.close(r));
  });
  wss.on('connection', onConnection);
  await nextEvent(wss, 'listening');
  return (wss.address() as { port: number }).port;
}

describe('wire protocol', () => {
  it('the server\'s first message is the id, 4 bytes int32 LE; then payloads travel bare', async () => {
    const s = await server();
    const joined = nextEvent<number>(s, 'peerConnected');
    const { client: raw } = await RawClient.handshake(s.getLocalPort());
    scope.add(raw, (r) => r.destroy());
    const hello = await raw.readFrame();
    expect(hello.opcode).toBe(Opcode.BINARY);
    expect(hello.payload.length).toBe(4);
    const id = hello.payload.readInt32LE(0);
    expect(id).toBe(await joined);
    expect(id).toBeGreaterThanOrEqual(2);
    s.setTargetPeer(id);
    s.putPacket(Uint8Array.of(9, 8, 7));
    expect([...(await raw.readFrame()).payload]).toEqual([9, 8, 7]);
    raw.send(Opcode.BINARY, Uint8Array.of(1, 2));
    await s.waitForPacket({ timeoutMs: 5000 });
    expect(s.getPacketPeer()).toBe(id);
    expect(s.getPacket()).toEqual(Uint8Array.of(1, 2));
  });

  it('a client takes its id from a plain WebSocket server (39 30 00 00 = 12345) and exchanges Variants', async () => {
    let remote: WsSocket | undefined;
    const port = await wsServer((ws) => {
      remote = ws;
      ws.send(Buffer.from('39300000', 'hex'));
      ws.on('message', (data: Buffer) => ws.send(data));
    });
    const c = multiplayer();
    const connected = nextEvent<number>(c, 'peerConnected');
    c.createClient(`ws://127.0.0.1:${port}`);
    expect(c.getConnectionStatus()).toBe(ConnectionStatus.CONNECTING);
    await c.waitForConnected({ timeoutMs: 5000 });
    expect(await connected).toBe(1);
    expect(c.getUniqueId()).toBe(12345);
    expect(c.isServer()).toBe(false);
    expect(c.getPeer(1)).toBeInstanceOf(WebSocketPeer);
    // A client always sends to the server, whatever its target.
    c.setTargetPeer(777);
    expect(c.putVar(['hello', 42])).toBe(ErrorCode.OK);
    await c.waitForPacket({ timeoutMs: 5000 });
    expect(c.getPacketPeer()).toBe(1);
    expect(c.getVar()).toEqual(['hello', 42]);
    expect(remote).toBeDefined();
  });

  it.each([
    ['three bytes', '393000'],
    ['id 1', '01000000'],
    ['id 0', '00000000'],
    ['a negative id', 'ffffffff'],
  ])('a client refuses a bad id (%s) and ends DISCONNECTED', async (_case, hex) => {
    const port = await wsServer((ws) => ws.send(Buffer.from(hex, 'hex')));
    const c = multiplayer();
    let connected = false;
    c.on('peerConnected', () => (connected = true));
    c.createClient(`ws://127.0.0.1:${port}`);
    await expect(c.waitForConnected({ timeoutMs: 5000 })).rejects.toMatchObject({ code: ErrorCode.ERR_INVALID_DATA });
    expect(c.getConnectionStatus()).toBe(ConnectionStatus.DISCONNECTED);
    expect(c.getUniqueId()).toBe(0);
    expect(connected).toBe(false);
  });

  it('a client that gets no id within handshakeTimeout is reset, without peerDisconnected', async () => {
    const port = await wsServer(() => undefined);
    const c = multiplayer({ handshakeTimeout: 0.1 });
    let disconnected = false;
    c.on('peerDisconnected', () => (disconnected = true));
    c.createClient(`ws://127.0.0.1:${port}`);
    await expect(c.waitForConnected({ timeoutMs: 5000 })).rejects.toMatchObject({ code: ErrorCode.ERR_TIMEOUT });
    expect(c.getConnectionStatus()).toBe(ConnectionStatus.DISCONNECTED);
    expect(disconnected).toBe(false);
  });

  it('empty messages are skipped, as Godot\'s multiplayer peer does', async () => {
    const s = await server();
    const { client: raw } = await RawClient.handshake(s.getLocalPort());
    scope.add(raw, (r) => r.destroy());
    await raw.readFrame();
    raw.send(Opcode.BINARY, new Uint8Array(0));
    raw.send(Opcode.BINARY, Uint8Array.of(5));
    await s.waitForPacket({ timeoutMs: 5000 });
    expect(s.getPacket()).toEqual(Uint8Array.of(5));
    expect(s.getAvailablePacketCount()).toBe(0);
  });
});

describe('server', () => {
  it('Godot\'s defaults and getters', async () => {
    const idle = multiplayer();
    expect(idle.handshakeTimeout).toBe(3);
    expect(idle.inboundBufferSize).toBe(65535);
    expect(idle.outboundBufferSize).toBe(65535);
    expect(idle.maxQueuedPackets).toBe(4096);
    expect(idle.supportedProtocols).toEqual([]);
    expect(idle.handshakeHeaders).toEqual([]);
    expect(idle.getMaxPacketSize()).toBe(65526);
    expect(idle.isServerRelaySupported()).toBe(true);
    expect(() => (idle.handshakeTimeout = 0)).toThrow(GodotError);
    expect(() => (idle.supportedProtocols = ['bad protocol'])).toThrow(GodotError);
    const s = await server();
    const c = await client(s);
    expect(s.getPeer(c.getUniqueId())).toBeInstanceOf(WebSocketPeer);
    expect(s.getPeer(12)).toBeNull();
    expect(s.getPeerAddress(c.getUniqueId())).toBe('127.0.0.1');
    expect(s.getPeerPort(c.getUniqueId())).toBeGreaterThan(0);
    expect(s.getPeerAddress(12)).toBe('');
    expect(s.getPeerPort(12)).toBe(0);
  });

  it('refuses to start twice, and reports a port in use', async () => {
    const s = await server();
    expect(s.createServer(0)).toBe(ErrorCode.ERR_ALREADY_IN_USE);
    expect(s.createClient('ws://127.0.0.1:1')).toBe(ErrorCode.ERR_ALREADY_IN_USE);
    const other = multiplayer();
    expect(other.createServer(s.getLocalPort(), '127.0.0.1')).toBe(ErrorCode.OK);
    await expect(other.waitForConnected({ timeoutMs: 5000 })).rejects.toMatchObject({ code: ErrorCode.ERR_ALREADY_IN_USE });
    expect(other.getConnectionStatus()).toBe(ConnectionStatus.DISCONNECTED);
    // On every address ('*', the default) the bind happens in the call: a taken port is known there.
    let failed = 0;
    other.on('error', () => failed++);
    expect(other.createServer(s.getLocalPort())).toBe(ErrorCode.ERR_ALREADY_IN_USE);
    expect(other.getConnectionStatus()).toBe(ConnectionStatus.DISCONNECTED);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect([failed, other.getConnectionStatus()]).toEqual([0, ConnectionStatus.DISCONNECTED]);
    expect(other.createServer(0)).toBe(ErrorCode.OK);
    await other.waitForConnected({ timeoutMs: 5000 });
    other.close();
    expect(other.createServer(70000)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(other.createServer(0, '*', TLSOptions.client())).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(other.createClient('ws://127.0.0.1:1', TLSOptions.server(testCertificate().key, testCertificate().cert))).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(other.createClient('ftp://x')).toBe(ErrorCode.ERR_INVALID_PARAMETER);
  });

  it('drops a connection that does not finish its handshake within handshakeTimeout', async () => {
    const s = await server({ handshakeTimeout: 0.1 });
    let joined = false;
    s.on('peerConnected', () => (joined = true));
    const raw = scope.add(await RawClient.open(s.getLocalPort()), (r) => r.destroy());
    await raw.closed;
    expect(joined).toBe(false);
  });

  it('proxies its settings to every connection (sub-protocols)', async () => {
    const s = await server({ supportedProtocols: ['godot-chat'] });
    const ok = await client(s, { supportedProtocols: ['godot-chat'] });
    expect(s.getPeer(ok.getUniqueId())?.getSelectedProtocol()).toBe('godot-chat');
    const refused = multiplayer();
    refused.createClient(`ws://127.0.0.1:${s.getLocalPort()}`);
    await expect(refused.waitForConnected({ timeoutMs: 5000 })).rejects.toMatchObject({ code: ErrorCode.ERR_CANT_CONNECT });
  });

  it('with refuseNewConnections, connections are dropped before and during the handshake', async () => {
    const s = await server();
    const sockets = new Set<Socket>();
    // A relay that holds the client's bytes until the server refuses, so the handshake is in flight.
    let release: (() => void) | undefined;
    const relay: Server = scope.add(createServer((inbound) => {
      sockets.add(inbound);
      const outbound = connect(s.getLocalPort(), '127.0.0.1');
      sockets.add(outbound);
      inbound.on('error', () => undefined);
      outbound.on('error', () => undefined);
      outbound.on('connect', () => {
        release = () => inbound.pipe(outbound).pipe(inbound);
      });
    }), (r) => closeServer(r, sockets));
    const port = await listen(relay);
    const late = multiplayer();
    late.createClient(`ws://127.0.0.1:${port}`);
    await until(() => release !== undefined, 'the relay connecting');
    s.refuseNewConnections = true;
    release?.();
    await expect(late.waitForConnected({ timeoutMs: 5000 })).rejects.toBeInstanceOf(GodotError);
    const direct = multiplayer();
    direct.createClient(`ws://127.0.0.1:${s.getLocalPort()}`);
    await expect(direct.waitForConnected({ timeoutMs: 5000 })).rejects.toBeInstanceOf(GodotError);
  });

  it('bounds unread packets per connection: a flooding client waits, nothing is lost', async () => {
    const s = await server({ maxQueuedPackets: 8 });
    const a = await client(s);
    const b = await client(s);
    for (let i = 0; i < 100; i++) {
      a.putPacket(Uint8Array.of(1, i));
      b.putPacket(Uint8Array.of(2, i));
    }
    await until(() => s.getAvailablePacketCount() === 16, 'the queue filling up');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(s.getAvailablePacketCount()).toBe(16);
    const next = new Map([[a.getUniqueId(), 0], [b.getUniqueId(), 0]]);
    for (let n = 0; n < 200; n++) {
      await s.waitForPacket({ timeoutMs: 5000 });
      const from = s.getPacketPeer();
      const packet = s.getPacket();
      expect(packet[1]).toBe(next.get(from));
      next.set(from, (next.get(from) ?? 0) + 1);
    }
    expect([...next.values()]).toEqual([100, 100]);
    expect(s.droppedPackets).toBe(0);
  });

  it('clients that reset their connection at any stage are reported, never thrown; the server keeps serving', async () => {
    const { key, cert } = testCertificate();
    for (const tls of [false, true]) {
      const s = await server({}, tls ? TLSOptions.server(key, cert) : undefined);
      let [joined, left] = [0, 0];
      s.on('peerConnected', () => joined++);
      s.on('peerDisconnected', () => left++);
      const open = async (): Promise<Socket> => {
        const socket = scope.add(connect(s.getLocalPort(), '127.0.0.1'), (c) => c.destroy());
        socket.on('error', () => undefined);
        await nextEvent(socket, 'connect');
        return socket;
      };
      const reset = async (socket: Socket): Promise<void> => {
        const closed = nextEvent(socket, 'close');
        socket.resetAndDestroy();
        await closed;
      };
      await reset(await open());
      const partial = await open();
      partial.write(tls ? Uint8Array.of(0x16, 0x03, 0x01) : 'GET / HTTP/1.1\r\nHost: x\r\n');
      await new Promise((resolve) => setTimeout(resolve, 50));
      await reset(partial);
      if (!tls) {
        const { client: raw } = await RawClient.handshake(s.getLocalPort());
        await raw.readFrame();
        await until(() => joined === 1);
        await reset(raw.socket);
        await until(() => left === 1);
      }
      const good = multiplayer();
      good.createClient(`${tls ? 'wss' : 'ws'}://localhost:${s.getLocalPort()}`, tls ? TLSOptions.client(cert) : undefined);
      await good.waitForConnected({ timeoutMs: 5000 });
      await until(() => joined === (tls ? 1 : 2));
    }
  });

  it('serves wss:// with TLSOptions.server', async () => {
    const { key, cert } = testCertificate();
    const s = await server({}, TLSOptions.server(key, cert));
    const c = multiplayer();
    c.createClient(`wss://localhost:${s.getLocalPort()}`, TLSOptions.client(cert));
    await c.waitForConnected({ timeoutMs: 5000 });
    c.putVar('over TLS');
    await s.waitForPacket({ timeoutMs: 5000 });
    expect(s.getVar()).toBe('over TLS');
    const untrusting = multiplayer();
    untrusting.createClient(`wss://localhost:${s.getLocalPort()}`);
    await expect(untrusting.waitForConnected({ timeoutMs: 5000 })).rejects.toThrow(/self.signed|certificate/i);
  });

  it('close() forgets everything at once, without peerDisconnected', async () => {
    const s = await server();
    const c = await client(s);
    let events = 0;
    s.on('peerDisconnected', () => events++);
    const clientSaw = nextEvent<number>(c, 'peerDisconnected');
    s.close();
    expect(s.getConnectionStatus()).toBe(ConnectionStatus.DISCONNECTED);
    expect(s.getUniqueId()).toBe(0);
    expect(s.getPeer(c.getUniqueId())).toBeNull();
    expect(await clientSaw).toBe(1);
    expect(events).toBe(0);
  });
});
