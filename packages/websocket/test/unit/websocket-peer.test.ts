/** WebSocketPeer: Godot's API, defaults, states, handshake options and close semantics. */
import { createServer as createHttpServer, type IncomingHttpHeaders } from 'node:http';
import { createServer, type Socket } from 'node:net';
import { expectPlainPackets } from '@pp/conformance/testing';
import { ErrorCode, GodotError } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket as WsClient } from 'ws';
import { State, TLSOptions, WebSocketPeer, WriteMode } from '../../src/index.js';
import { testCertificate } from '../support/certs.js';
import { RawClient, Opcode } from '../support/raw-client.js';
import { nextEvent, until, useScope } from '../support/scope.js';
import { closeServer, listen, serveStream, type PeerServer } from '../support/servers.js';

const scope = useScope();

async function server(options: ConstructorParameters<typeof WebSocketPeer>[0] = {}): Promise<PeerServer> {
  return scope.add(await serveStream(options), (s) => s.close());
}

function peer(options: ConstructorParameters<typeof WebSocketPeer>[0] = {}): WebSocketPeer {
  return scope.add(new WebSocketPeer(options), (p) => p.close(-1));
}

/** A connected pair: our client and the server's peer, both OPEN. */
async function pair(serverOptions = {}, clientOptions = {}): Promise<{ client: WebSocketPeer; remote: WebSocketPeer; url: string }> {
  const s = await server(serverOptions);
  const client = peer(clientOptions);
  expect(client.connectToUrl(s.url)).toBe(ErrorCode.OK);
  const remote = await s.nextPeer();
  await Promise.all([client.waitForOpen({ timeoutMs: 5000 }), remote.waitForOpen({ timeoutMs: 5000 })]);
  return { client, remote, url: s.url };
}

describe('defaults and settings', () => {
  it('has Godot 4\'s defaults', async () => {
    const p = peer();
    expect(p.getReadyState()).toBe(State.CLOSED);
    expect(p.getCloseCode()).toBe(-1);
    expect(p.getCloseReason()).toBe('');
    expect(p.supportedProtocols).toEqual([]);
    expect(p.handshakeHeaders).toEqual([]);
    expect(p.inboundBufferSize).toBe(65535);
    expect(p.outboundBufferSize).toBe(65535);
    expect(p.maxQueuedPackets).toBe(4096);
    expect(p.heartbeatInterval).toBe(0);
    expect(p.handshakeTimeout).toBe(3);
    expect(p.outboundWriteMode).toBe(WriteMode.BINARY);
    expect(p.getMaxPacketSize()).toBe(65535);
    expect(p.getCurrentOutboundBufferedAmount()).toBe(0);
    expect(p.send(Uint8Array.of(1))).toBe(ErrorCode.FAILED);
    await expect(p.waitForOpen()).rejects.toMatchObject({ code: ErrorCode.ERR_UNCONFIGURED });
  });

  it('checks settings when they are set, stripping protocol edges like Godot', () => {
    const p = peer({ supportedProtocols: [' chat ', 'godot'], handshakeHeaders: ['X-Game: pp'] });
    expect(p.supportedProtocols).toEqual(['chat', 'godot']);
    expect(p.handshakeHeaders).toEqual(['X-Game: pp']);
    const invalid = (set: () => void): void => {
      let error: unknown;
      try {
        set();
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(GodotError);
      expect((error as GodotError).code).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    };
    invalid(() => (p.supportedProtocols = ['two words']));
    invalid(() => (p.supportedProtocols = ['a', 'a']));
    invalid(() => (p.handshakeHeaders = ['no colon']));
    invalid(() => (p.handshakeHeaders = ['Sec-WebSocket-Key: x']));
    invalid(() => (p.handshakeHeaders = ['X-Evil: a\r\nInjected: b']));
    invalid(() => (p.inboundBufferSize = 0));
    invalid(() => (p.outboundBufferSize = -1));
    invalid(() => (p.maxQueuedPackets = 1.5));
    invalid(() => (p.heartbeatInterval = -1));
    invalid(() => (p.handshakeTimeout = 0));
    invalid(() => (p.heartbeatInterval = 5000)); // seconds, as in Godot: 5000 is milliseconds by mistake
    invalid(() => new WebSocketPeer({ handshakeTimeout: 5000 }));
    expect(p.supportedProtocols).toEqual(['chat', 'godot']);
    p.outboundBufferSize = 0;
    expect(p.getMaxPacketSize()).toBe(0x7fffffff);
  });
});

describe('connectToUrl', () => {
  it('refuses what Godot refuses', async () => {
    const p = peer();
    expect(p.connectToUrl('')).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(p.connectToUrl('http://127.0.0.1:1/')).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(p.connectToUrl('ws://')).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(p.connectToUrl('ws://127.0.0.1:1', TLSOptions.server(testCertificate().key, testCertificate().cert))).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(p.getReadyState()).toBe(State.CLOSED);
    const s = await server();
    expect(p.connectToUrl(s.url)).toBe(ErrorCode.OK);
    expect(p.getReadyState()).toBe(State.CONNECTING);
    expect(p.connectToUrl(s.url)).toBe(ErrorCode.ERR_ALREADY_IN_USE);
    await p.waitForOpen({ timeoutMs: 5000 });
  });

  it('opens: states, open event, addresses and the requested URL on both sides', async () => {
    const s = await server();
    const client = peer();
    const opened = nextEvent(client, 'open');
    // No scheme means ws://, as in Godot.
    expect(client.connectToUrl(`127.0.0.1:${s.port}/lobby?room=7`)).toBe(ErrorCode.OK);
    const remote = await s.nextPeer();
    expect(remote.getReadyState()).toBe(State.CONNECTING);
    await opened;
    await remote.waitForOpen({ timeoutMs: 5000 });
    expect(client.getReadyState()).toBe(State.OPEN);
    expect(remote.getReadyState()).toBe(State.OPEN);
    expect(client.getRequestedUrl()).toBe(`127.0.0.1:${s.port}/lobby?room=7`);
    expect(remote.getRequestedUrl()).toBe(`ws://127.0.0.1:${s.port}/lobby?room=7`);
    expect(client.getConnectedHost()).toBe('127.0.0.1');
    expect(client.getConnectedPort()).toBe(s.port);
    expect(remote.getConnectedHost()).toBe('127.0.0.1');
    expect(remote.getConnectedPort()).toBeGreaterThan(0);
    expect(client.getSelectedProtocol()).toBe('');
    client.setNoDelay(false);
    remote.setNoDelay(true);
  });

  it('a refused connection: ERR_CANT_CONNECT through waitForOpen and the error event, close code -1', async () => {
    const tcp = createServer();
    const port = await listen(tcp);
    await closeServer(tcp);
    const p = peer();
    const failed = nextEvent<GodotError>(p, 'error');
    p.connectToUrl(`ws://127.0.0.1:${port}`);
    await expect(p.waitForOpen({ timeoutMs: 5000 })).rejects.toMatchObject({ name: 'GodotError', code: ErrorCode.ERR_CANT_CONNECT });
    expect((await failed).message).toMatch(/ECONNREFUSED/);
    expect(p.getReadyState()).toBe(State.CLOSED);
    expect(p.getCloseCode()).toBe(-1);
    await expect(WebSocketPeer.connect(`ws://127.0.0.1:${port}`, { timeoutMs: 5000 })).rejects.toBeInstanceOf(GodotError);
  });

  it('a server that never answers the handshake: dropped after handshakeTimeout with ERR_TIMEOUT', async () => {
    const sockets = new Set<Socket>();
    const silent = scope.add(createServer((socket) => sockets.add(socket)), (s) => closeServer(s, sockets));
    const port = await listen(silent);
    const p = peer({ handshakeTimeout: 0.1 });
    p.connectToUrl(`ws://127.0.0.1:${port}`);
    await expect(p.waitForOpen({ timeoutMs: 5000 })).rejects.toMatchObject({ code: ErrorCode.ERR_TIMEOUT });
    expect(p.lastError?.message).toMatch(/handshake timed out after 0\.1 s/);
    expect(p.getReadyState()).toBe(State.CLOSED);
  });

  it('WebSocketPeer.connect resolves with an open peer', async () => {
    const s = await server();
    const client = scope.add(await WebSocketPeer.connect(s.url, { timeoutMs: 5000 }), (p) => p.close(-1));
    expect(client.getReadyState()).toBe(State.OPEN);
    expect(client).toBeInstanceOf(WebSocketPeer);
  });

  it('a peer can connect again after closing; the new connection starts empty', async () => {
    const { client, remote, url } = await pair();
    remote.putPacket(Uint8Array.of(1));
    await client.waitForPacket({ timeoutMs: 5000 });
    client.close(-1);
    expect(client.connectToUrl(url)).toBe(ErrorCode.OK);
    expect(client.getAvailablePacketCount()).toBe(0);
    expect(client.getCloseCode()).toBe(-1);
    await client.waitForOpen({ timeoutMs: 5000 });
  });
});

describe('messages', () => {
  it('a received message is a plain Uint8Array (not a Buffer): its slice() is a copy, in both styles', async () => {
    const { client, remote } = await pair();
    const packets: Uint8Array[] = [];
    expect(client.putPacket(Uint8Array.of(1, 2, 3))).toBe(ErrorCode.OK);
    await remote.waitForPacket({ timeoutMs: 5000 });
    packets.push(remote.getPacket());
    const evented = new Promise<Uint8Array>((resolve) => remote.once('packet', resolve));
    expect(client.sendText('hi')).toBe(ErrorCode.OK);
    packets.push(await evented);
    expectPlainPackets(packets);
    expect(packets.map((packet) => [...packet])).toEqual([[1, 2, 3], [104, 105]]);
  });

  it('text and binary frames: sendText, send(…, TEXT), putPacket, outboundWriteMode, wasStringPacket', async () => {
    const { client, remote } = await pair();
    expect(client.sendText('héllo ✓')).toBe(ErrorCode.OK);
    expect(client.send(Uint8Array.of(104, 105), WriteMode.TEXT)).toBe(ErrorCode.OK);
    expect(client.send(Uint8Array.of(1, 2))).toBe(ErrorCode.OK);
    expect(client.putPacket(Uint8Array.of(3))).toBe(ErrorCode.OK);
    client.outboundWriteMode = WriteMode.TEXT;
    expect(client.putVar('as text')).toBe(ErrorCode.OK);
    const seen: Array<[number[], boolean]> = [];
    while (seen.length < 5) {
      await remote.waitForPacket({ timeoutMs: 5000 });
      const data = remote.getPacket();
      seen.push([[...data], remote.wasStringPacket()]);
    }
    expect(seen.slice(0, 4)).toEqual([
      [[...new TextEncoder().encode('héllo ✓')], true],
      [[104, 105], true],
      [[1, 2], false],
      [[3], false],
    ]);
    expect(seen[4]?.[1]).toBe(true);
  });

  it('wasStringPacket() describes each packet of a for-await loop', async () => {
    const { client, remote } = await pair();
    const seen: boolean[] = [];
    const reading = (async () => {
      for await (const _packet of remote) {
        seen.push(remote.wasStringPacket());
        if (seen.length === 4) break;
      }
    })();
    // Each one arrives while the loop waits, so it goes straight to the loop.
    for (const text of [true, false, true, false]) {
      const before = seen.length;
      if (text) client.sendText('t');
      else client.putPacket(Uint8Array.of(1));
      await until(() => seen.length > before, 'the loop taking the packet');
    }
    await reading;
    expect(seen).toEqual([true, false, true, false]);
  });

  it('every message leaves as one final frame of the right type, even at the size limit', async () => {
    const s = await server();
    const { client } = await RawClient.handshake(s.port);
    scope.add(client, (c) => c.destroy());
    const remote = await s.nextPeer();
    await remote.waitForOpen({ timeoutMs: 5000 });
    const big = new Uint8Array(65535).fill(7);
    expect(remote.putPacket(big)).toBe(ErrorCode.OK);
    expect(remote.sendText('hi')).toBe(ErrorCode.OK);
    const first = await client.readFrame();
    const second = await client.readFrame();
    expect([first.opcode, first.fin, first.payload.length]).toEqual([Opcode.BINARY, true, 65535]);
    expect([second.opcode, second.fin, second.payload.toString()]).toEqual([Opcode.TEXT, true, 'hi']);
  });

  it('outbound limit in bytes: outboundBufferSize, then ERR_OUT_OF_MEMORY', async () => {
    const { client } = await pair({}, { outboundBufferSize: 10 });
    expect(client.getMaxPacketSize()).toBe(10);
    expect(client.send(new Uint8Array(11))).toBe(ErrorCode.ERR_OUT_OF_MEMORY);
    expect(client.send(new Uint8Array(10))).toBe(ErrorCode.OK);
  });

  it('outbound limit in messages: maxQueuedPackets waiting behind a stalled connection, then ERR_OUT_OF_MEMORY', async () => {
    const wss = scope.add(new WebSocketServer({ port: 0, host: '127.0.0.1' }), (w) => {
      for (const c of w.clients) c.terminate();
      return new Promise((r) => w.close(r));
    });
    let stalled: WsClient | undefined;
    wss.on('connection', (ws: WsClient) => {
      stalled = ws;
      ws.pause(); // stops reading: the client's buffers fill up
    });
    await nextEvent(wss, 'listening');
    const client = peer({ outboundBufferSize: 0, maxQueuedPackets: 3 });
    client.connectToUrl(`ws://127.0.0.1:${(wss.address() as { port: number }).port}`);
    await client.waitForOpen({ timeoutMs: 5000 });
    // Like Godot's (whose send writes to the socket at once), the queue only grows once the
    // connection cannot take more.
    const big = new Uint8Array(1 << 20);
    for (let i = 0; i < 256 && client.getCurrentOutboundBufferedAmount() === 0; i++) {
      expect(client.send(big)).toBe(ErrorCode.OK);
    }
    expect(client.getCurrentOutboundBufferedAmount()).toBeGreaterThan(0);
    const results = [1, 2, 3, 4].map(() => client.send(Uint8Array.of(1)));
    expect(results.at(-1)).toBe(ErrorCode.ERR_OUT_OF_MEMORY);
    expect(results.filter((code) => code === ErrorCode.OK).length).toBeGreaterThanOrEqual(2);
    // Once the server reads again, everything drains and sending works again.
    stalled?.resume();
    await client.waitForDrain({ timeoutMs: 10_000 });
    expect(client.getCurrentOutboundBufferedAmount()).toBe(0);
    expect(client.send(Uint8Array.of(2))).toBe(ErrorCode.OK);
  });

  it('packets received before the other side closed stay readable', async () => {
    const { client, remote } = await pair();
    remote.putPacket(Uint8Array.of(1));
    remote.close(4000, 'bye');
    await nextEvent(client, 'close');
    expect(client.getReadyState()).toBe(State.CLOSED);
    expect(client.getAvailablePacketCount()).toBe(1);
    expect(client.getPacket()).toEqual(Uint8Array.of(1));
  });
});

describe('closing', () => {
  it('close codes and reasons in both directions', async () => {
    const first = await pair();
    first.client.close(4000, 'client leaves');
    expect(first.client.getReadyState()).toBe(State.CLOSING);
    expect(first.client.send(Uint8Array.of(1))).toBe(ErrorCode.FAILED);
    await Promise.all([nextEvent(first.client, 'close'), nextEvent(first.remote, 'close')]);
    expect([first.remote.getCloseCode(), first.remote.getCloseReason()]).toEqual([4000, 'client leaves']);
    expect(first.client.getReadyState()).toBe(State.CLOSED);
    // The server answers with the same code (wslay and ws both echo it).
    expect(first.client.getCloseCode()).toBe(4000);

    const second = await pair();
    second.remote.close(1001, 'server shuts down');
    await nextEvent(second.client, 'close');
    expect([second.client.getCloseCode(), second.client.getCloseReason()]).toEqual([1001, 'server shuts down']);
  });

  it('close(-1) drops the connection: the other side sees -1', async () => {
    const { client, remote } = await pair();
    const closed = nextEvent(remote, 'close');
    client.close(-1);
    expect(client.getReadyState()).toBe(State.CLOSED);
    await closed;
    expect(remote.getCloseCode()).toBe(-1);
    expect(remote.getCloseReason()).toBe('');
  });

  it('close() while connecting ends the attempt at once', async () => {
    const s = await server();
    const p = peer();
    p.connectToUrl(s.url);
    const waiting = p.waitForOpen({ timeoutMs: 5000 });
    p.close();
    expect(p.getReadyState()).toBe(State.CLOSED);
    await expect(waiting).rejects.toMatchObject({ code: ErrorCode.ERR_CANT_CONNECT });
  });

  it('refuses close codes a Close frame may not carry', async () => {
    const { client } = await pair();
    expect(() => client.close(1005)).toThrow(GodotError);
    expect(() => client.close(999)).toThrow(GodotError);
    expect(() => client.close(4000, 'x'.repeat(124))).toThrow(GodotError);
    expect(client.getReadyState()).toBe(State.OPEN);
  });
});

describe('handshake options', () => {
  it('sub-protocols: the server picks the first client offer it supports', async () => {
    const { client, remote } = await pair({ supportedProtocols: ['b', 'c'] }, { supportedProtocols: ['a', 'c', 'b'] });
    expect(client.getSelectedProtocol()).toBe('c');
    expect(remote.getSelectedProtocol()).toBe('c');
  });

  it.each([
    ['the client offers none, the server requires one', [], ['godot']],
    ['the client offers protocols the server does not know', ['x'], ['godot']],
    ['the client offers protocols, the server supports none', ['x'], []],
  ])('sub-protocols: refused when %s', async (_case, offered, supported) => {
    const s = await server({ supportedProtocols: supported });
    const client = peer({ supportedProtocols: offered });
    client.connectToUrl(s.url);
    const remote = await s.nextPeer();
    await expect(client.waitForOpen({ timeoutMs: 5000 })).rejects.toMatchObject({ code: ErrorCode.ERR_CANT_CONNECT });
    expect(client.lastError?.message).toMatch(/400/);
    await expect(remote.waitForOpen({ timeoutMs: 5000 })).rejects.toBeInstanceOf(GodotError);
    expect(remote.lastError?.message).toMatch(/No common sub-protocol/);
  });

  it('a client refuses a server that picks a protocol it did not offer', async () => {
    const wss = scope.add(new WebSocketServer({ port: 0, host: '127.0.0.1', handleProtocols: () => 'other' }), (w) => new Promise((r) => w.close(r)));
    await nextEvent(wss, 'listening');
    const port = (wss.address() as { port: number }).port;
    const client = peer({ supportedProtocols: ['mine'] });
    client.connectToUrl(`ws://127.0.0.1:${port}`);
    await expect(client.waitForOpen({ timeoutMs: 5000 })).rejects.toMatchObject({ code: ErrorCode.ERR_CANT_CONNECT });
    expect(client.lastError?.message).toMatch(/subprotocol/);
  });

  it('custom handshake headers go out verbatim; no compression is offered or accepted', async () => {
    let requestHeaders: IncomingHttpHeaders | undefined;
    const accepted: WebSocketPeer[] = [];
    const http = scope.add(createHttpServer(), (h) => {
      for (const p of accepted) p.close(-1);
      return closeServer(h);
    });
    http.on('upgrade', (request, socket, head: Buffer) => {
      requestHeaders = request.headers;
      const remote = new WebSocketPeer({ handshakeHeaders: ['X-Server: yes', 'Set-Cookie: a=b'] });
      accepted.push(remote);
      remote.acceptUpgrade(request, socket, head);
    });
    const port = await listen(http);
    const client = peer({ handshakeHeaders: ['X-Client: 42', 'Authorization: Bearer token'] });
    client.connectToUrl(`ws://127.0.0.1:${port}/`);
    await client.waitForOpen({ timeoutMs: 5000 });
    expect(requestHeaders?.['x-client']).toBe('42');
    expect(requestHeaders?.authorization).toBe('Bearer token');
    expect(requestHeaders?.['sec-websocket-extensions']).toBeUndefined();
    expect(requestHeaders?.origin).toBeUndefined();

    const { client: raw, response } = await RawClient.handshake(port, ['Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits']);
    scope.add(raw, (r) => r.destroy());
    expect(response.status).toBe(101);
    expect(response.headers['x-server']).toBe('yes');
    expect(response.headers['set-cookie']).toBe('a=b');
    expect(response.headers.connection).toBe('Upgrade');
    expect(response.headers['sec-websocket-extensions']).toBeUndefined();
  });
});

describe('heartbeat', () => {
  async function pingCountingServer(answered: number): Promise<{ port: number; pings: () => number }> {
    const wss = scope.add(new WebSocketServer({ port: 0, host: '127.0.0.1', autoPong: false }), (w) => {
      for (const c of w.clients) c.terminate();
      return new Promise((r) => w.close(r));
    });
    await nextEvent(wss, 'listening');
    let pings = 0;
    wss.on('connection', (ws: WsClient) => {
      ws.on('ping', () => {
        pings++;
        if (pings <= answered) ws.pong();
      });
    });
    return { port: (wss.address() as { port: number }).port, pings: () => pings };
  }

  it('pings every interval and drops the connection (code -1) when a Ping goes unanswered', async () => {
    const server = await pingCountingServer(3);
    const client = peer({ heartbeatInterval: 0.02 });
    client.connectToUrl(`ws://127.0.0.1:${server.port}`);
    await client.waitForOpen({ timeoutMs: 5000 });
    const failed = nextEvent<GodotError>(client, 'error');
    await nextEvent(client, 'close');
    expect(server.pings()).toBe(4);
    expect(client.getCloseCode()).toBe(-1);
    expect((await failed).message).toMatch(/heartbeat/);
    expect((await failed).code).toBe(ErrorCode.ERR_CONNECTION_ERROR);
  });

  it('a peer that answers keeps the connection alive', async () => {
    const server = await pingCountingServer(Infinity);
    const client = peer({ heartbeatInterval: 0.01 });
    client.connectToUrl(`ws://127.0.0.1:${server.port}`);
    await client.waitForOpen({ timeoutMs: 5000 });
    await until(() => server.pings() >= 10, 'ten pings');
    expect(client.getReadyState()).toBe(State.OPEN);
  });
});
