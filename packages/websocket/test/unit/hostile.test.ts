/**
 * Hostile and broken peers against a WebSocketPeer server: each case ends in a clear error on
 * that connection only, memory stays bounded, and the server keeps serving.
 */
import { ErrorCode, type GodotError } from '@pp/core';
import { afterEach, describe, expect, it } from 'vitest';
import { State, WebSocketPeer, type WebSocketPeerOptions } from '../../src/index.js';
import { Opcode, RawClient, encodeFrame } from '../support/raw-client.js';
import { nextEvent, until, useScope } from '../support/scope.js';
import { serveStream, type PeerServer } from '../support/servers.js';

const scope = useScope();
let server: PeerServer | undefined;

async function start(options: WebSocketPeerOptions = {}): Promise<PeerServer> {
  server = scope.add(await serveStream(options), (s) => s.close());
  return server;
}

async function rawPair(options: WebSocketPeerOptions = {}, headers: string[] = []): Promise<{ raw: RawClient; remote: WebSocketPeer }> {
  const s = await start(options);
  const { client: raw, response } = await RawClient.handshake(s.port, headers);
  scope.add(raw, (r) => r.destroy());
  expect(response.status).toBe(101);
  const remote = await s.nextPeer();
  await remote.waitForOpen({ timeoutMs: 5000 });
  return { raw, remote };
}

/** The connection failed with `code`: the raw client got that Close frame, the peer reports it. */
async function expectFailure(raw: RawClient, remote: WebSocketPeer, code: number, reason: string, message: RegExp): Promise<void> {
  const failed = remote.lastError === null ? nextEvent<GodotError>(remote, 'error') : Promise.resolve(remote.lastError);
  expect((await raw.readClose()).code).toBe(code);
  const error = await failed;
  expect(error.code).toBe(ErrorCode.ERR_CONNECTION_ERROR);
  expect(error.message).toMatch(message);
  await until(() => remote.getReadyState() === State.CLOSED, 'the peer closing');
  expect([remote.getCloseCode(), remote.getCloseReason()]).toEqual([code, reason]);
}

afterEach(async () => {
  // Whatever the case did, the same server still serves a well-behaved client.
  const s = server;
  server = undefined;
  if (s === undefined) return;
  const client = scope.add(new WebSocketPeer(), (p) => p.close(-1));
  client.connectToUrl(s.url);
  const remote = await s.nextPeer();
  await client.waitForOpen({ timeoutMs: 5000 });
  await remote.waitForOpen({ timeoutMs: 5000 });
  client.putPacket(Uint8Array.of(42));
  await remote.waitForPacket({ timeoutMs: 5000 });
  expect(remote.getPacket()).toEqual(Uint8Array.of(42));
});

describe('limits', () => {
  it('a message over inboundBufferSize closes with 1009', async () => {
    const { raw, remote } = await rawPair();
    raw.send(Opcode.BINARY, new Uint8Array(65536));
    await expectFailure(raw, remote, 1009, 'Message too big', /Max payload size exceeded/);
  });

  it('…also when it comes in fragments, and between two of our own peers', async () => {
    const { raw, remote } = await rawPair({ inboundBufferSize: 1000 });
    raw.send(Opcode.BINARY, new Uint8Array(600), { fin: false });
    raw.send(Opcode.CONTINUATION, new Uint8Array(600));
    await expectFailure(raw, remote, 1009, 'Message too big', /Max payload size exceeded/);

    const client = scope.add(new WebSocketPeer({ outboundBufferSize: 2000 }), (p) => p.close(-1));
    client.connectToUrl(server?.url ?? '');
    await server?.nextPeer();
    await client.waitForOpen({ timeoutMs: 5000 });
    expect(client.putPacket(new Uint8Array(1001))).toBe(ErrorCode.OK);
    await nextEvent(client, 'close');
    expect(client.getCloseCode()).toBe(1009);
  });

  it('invalid UTF-8 in a text frame closes with 1007', async () => {
    const { raw, remote } = await rawPair();
    raw.send(Opcode.TEXT, Uint8Array.of(0x68, 0xff, 0xfe));
    await expectFailure(raw, remote, 1007, 'Invalid frame payload data', /invalid UTF-8/);
  });

  it('a flood of unread messages: the queue stops at maxQueuedPackets, reading pauses, nothing is lost', async () => {
    const { raw, remote } = await rawPair({ maxQueuedPackets: 1000 });
    const tcp = server?.sockets[0];
    // 100,000 masked frames of 32 bytes (3.8 MB), built directly (all with the same mask key).
    const count = 100_000;
    const frame = 2 + 4 + 32;
    const flood = Buffer.alloc(count * frame);
    for (let i = 0; i < count; i++) {
      flood[i * frame] = 0x82;
      flood[i * frame + 1] = 0x80 | 32;
      flood.writeUInt32LE(i, i * frame + 6); // mask key 0: the payload goes out as is
    }
    raw.write(flood);
    await until(() => remote.getAvailablePacketCount() === 1000, 'the queue filling up');
    // The server stopped reading: what it took from the kernel is a small, bounded part of the flood.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(remote.getAvailablePacketCount()).toBe(1000);
    expect(tcp?.bytesRead).toBeLessThan(512 * 1024);
    let next = 0;
    let wrong = 0;
    while (next < count) {
      await remote.waitForPacket({ timeoutMs: 5000 });
      if (remote.getAvailablePacketCount() > 1000) wrong++;
      while (remote.getAvailablePacketCount() > 0) {
        const packet = remote.getPacket();
        if (packet.length !== 32 || new DataView(packet.buffer, packet.byteOffset).getUint32(0, true) !== next) wrong++;
        next++;
      }
    }
    expect(wrong).toBe(0);
    expect(remote.droppedPackets).toBe(0);
    expect(tcp?.bytesRead).toBeGreaterThanOrEqual(count * frame);
  });

  it('unread bytes stop at the inbound buffer (65535 by default)', async () => {
    const { raw, remote } = await rawPair();
    for (let i = 0; i < 20; i++) raw.send(Opcode.BINARY, new Uint8Array(10_000).fill(i));
    await until(() => remote.getAvailablePacketCount() === 6, 'six messages of 10 kB');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(remote.getAvailablePacketCount()).toBe(6);
    for (let i = 0; i < 20; i++) {
      await remote.waitForPacket({ timeoutMs: 5000 });
      expect(remote.getPacket()[0]).toBe(i);
    }
  });

  it('more than 16384 fragments of one message close with 1008', async () => {
    const { raw, remote } = await rawPair();
    const parts = [encodeFrame(Opcode.BINARY, new Uint8Array(0), { fin: false })];
    for (let i = 0; i < 20_000; i++) parts.push(encodeFrame(Opcode.CONTINUATION, new Uint8Array(0), { fin: false }));
    raw.write(Buffer.concat(parts));
    await expectFailure(raw, remote, 1008, 'Unknown', /Too many message fragments/);
  });
});

describe('protocol', () => {
  it('fragmented messages are reassembled into one packet (a Ping in between is fine)', async () => {
    const { raw, remote } = await rawPair();
    raw.send(Opcode.TEXT, 'hel', { fin: false });
    raw.send(Opcode.PING, 'p');
    raw.send(Opcode.CONTINUATION, 'lo ', { fin: false });
    raw.send(Opcode.CONTINUATION, 'wörld');
    await remote.waitForPacket({ timeoutMs: 5000 });
    expect(new TextDecoder().decode(remote.getPacket())).toBe('hello wörld');
    expect(remote.wasStringPacket()).toBe(true);
    expect((await raw.readFrame()).opcode).toBe(Opcode.PONG);
  });

  it('a compressed frame (RSV1) is a protocol error: 1002, since no compression was agreed', async () => {
    const { raw, remote } = await rawPair({}, ['Sec-WebSocket-Extensions: permessage-deflate']);
    raw.send(Opcode.BINARY, Uint8Array.of(1, 2, 3), { rsv1: true });
    await expectFailure(raw, remote, 1002, 'Protocol error', /RSV1/);
  });

  it('an unmasked client frame is a protocol error: 1002', async () => {
    const { raw, remote } = await rawPair();
    raw.send(Opcode.BINARY, Uint8Array.of(1), { mask: false });
    await expectFailure(raw, remote, 1002, 'Protocol error', /MASK/);
  });

  it('a control frame over 125 bytes is a protocol error: 1002', async () => {
    const { raw, remote } = await rawPair();
    raw.send(Opcode.PING, new Uint8Array(126));
    await expectFailure(raw, remote, 1002, 'Protocol error', /payload length/);
  });
});

describe('handshake', () => {
  it('a client that never finishes the handshake is dropped after handshakeTimeout', async () => {
    const s = await start({ handshakeTimeout: 0.1 });
    const silent = scope.add(await RawClient.open(s.port), (r) => r.destroy());
    const partial = scope.add(await RawClient.open(s.port), (r) => r.destroy());
    partial.write('GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n');
    const peers = [await s.nextPeer(), await s.nextPeer()];
    for (const remote of peers) {
      await expect(remote.waitForOpen({ timeoutMs: 5000 })).rejects.toMatchObject({ code: ErrorCode.ERR_TIMEOUT });
      expect(remote.getReadyState()).toBe(State.CLOSED);
    }
    await Promise.all([silent.closed, partial.closed]);
  });

  it.each([
    { what: 'a wrong version', lines: ['Sec-WebSocket-Version: 8'], message: /Sec-WebSocket-Version/ },
    { what: 'a bad key', lines: ['Sec-WebSocket-Key: short'], message: /Sec-WebSocket-Key/ },
    { what: 'no Upgrade header', lines: ['Upgrade: h2c'], message: /Upgrade header/ },
  ])('a bad handshake ($what) is answered with HTTP 400 and reported', async ({ lines, message }) => {
    const s = await start();
    const raw = scope.add(await RawClient.open(s.port), (r) => r.destroy());
    const headers = new Map([
      ['Host', '127.0.0.1'], ['Upgrade', 'websocket'], ['Connection', 'Upgrade'],
      ['Sec-WebSocket-Key', 'dGhlIHNhbXBsZSBub25jZQ=='], ['Sec-WebSocket-Version', '13'],
    ]);
    for (const line of lines) {
      const [name, value] = line.split(': ') as [string, string];
      headers.set(name, value);
    }
    raw.write(`GET / HTTP/1.1\r\n${[...headers].map(([n, v]) => `${n}: ${v}`).join('\r\n')}\r\n\r\n`);
    expect((await raw.readResponse()).status).toBe(400);
    const remote = await s.nextPeer();
    await expect(remote.waitForOpen({ timeoutMs: 5000 })).rejects.toMatchObject({ code: ErrorCode.ERR_CONNECTION_ERROR });
    expect(remote.lastError?.message).toMatch(message);
    await raw.closed;
  });

  it('a plain HTTP request gets 426, garbage gets 400, and both are reported', async () => {
    const s = await start();
    const plain = scope.add(await RawClient.open(s.port), (r) => r.destroy());
    plain.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    expect((await plain.readResponse()).status).toBe(426);
    const garbage = scope.add(await RawClient.open(s.port), (r) => r.destroy());
    garbage.write('\x16\x03\x01 definitely not HTTP\r\n\r\n');
    expect((await garbage.readResponse()).status).toBe(400);
    const [first, second] = [await s.nextPeer(), await s.nextPeer()];
    await expect(first.waitForOpen()).rejects.toThrow(/Not a WebSocket upgrade/);
    await expect(second.waitForOpen()).rejects.toThrow(/Malformed handshake request/);
    await Promise.all([plain.closed, garbage.closed]);
  });

  it('a client that disconnects in the middle of the handshake is reported, not thrown', async () => {
    const s = await start();
    const raw = await RawClient.open(s.port);
    raw.write('GET / HTTP/1.1\r\n');
    const remote = await s.nextPeer();
    raw.destroy();
    await expect(remote.waitForOpen({ timeoutMs: 5000 })).rejects.toThrow(/closed during the handshake|Malformed/);
  });
});
