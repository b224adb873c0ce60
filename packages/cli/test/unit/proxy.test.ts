/**
 * `pp proxy` in-process over loopback, with @pp peers on both sides: everything arrives
 * unchanged, and the log (JSON lines) shows each packet decoded in both directions.
 */
import { once } from 'node:events';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '@pp/conformance/testing';
import { Dictionary, Float, Vector2, bytesToVar, varToBytes, varToStr, type VariantLike } from '@pp/core';
import { PacketPeerStream, StreamPeerTCP } from '@pp/stream';
import { PacketPeerUDP, UDPServer } from '@pp/udp';
import { WebSocketPeer, WriteMode } from '@pp/websocket';
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode, main, startProxy, type PacketEvent, type ProxyEvent, type ProxyHandle } from '../../src/index.js';
import { testIO, type TestIO } from '../support/cli-io.js';

const VALUES: VariantLike[] = [1, new Float(2), 'hello', new Vector2(1.5, -2), new Dictionary([['hp', 100], ['name', 'p1']]), [1, [2, 'x']], new Uint8Array([1, 2, 3])];

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function packets(events: ProxyEvent[], direction: 'c2s' | 's2c'): PacketEvent[] {
  return events.filter((e): e is PacketEvent => e.kind === 'packet' && e.direction === direction);
}

async function proxy(transport: 'tcp' | 'udp' | 'ws', targetPort: number, format: 'godot4' | 'godot3' = 'godot4'): Promise<{ handle: ProxyHandle; events: ProxyEvent[] }> {
  const events: ProxyEvent[] = [];
  const handle = await startProxy({ transport, listen: { host: '127.0.0.1', port: 0 }, target: { host: '127.0.0.1', port: targetPort }, format, onEvent: (e) => events.push(e) });
  cleanups.push(() => handle.close());
  return { handle, events };
}

describe('pp proxy tcp', () => {
  it('relays PacketPeerStream frames unchanged and logs each decoded, both ways', async () => {
    // An echo server: every byte straight back, so every frame comes back whole.
    const echo = createServer((socket) => socket.pipe(socket));
    echo.listen(0, '127.0.0.1');
    await once(echo, 'listening');
    cleanups.push(() => new Promise((r) => echo.close(r)));
    const { handle, events } = await proxy('tcp', (echo.address() as { port: number }).port);

    const client = new StreamPeerTCP();
    await client.connectToHostAsync('127.0.0.1', handle.address.port, { timeoutMs: 5000 });
    const peer = new PacketPeerStream({ streamPeer: client });
    cleanups.push(() => peer.close());
    for (const v of VALUES) peer.putVar(v);
    const received: unknown[] = [];
    while (received.length < VALUES.length) {
      await peer.waitForPacket({ timeoutMs: 5000 });
      received.push(bytesToVar(peer.getPacket(), { exact: true }));
    }
    expect(received.map((v) => varToStr(v as VariantLike))).toEqual(VALUES.map((v) => varToStr(v)));
    await until(() => packets(events, 's2c').length === VALUES.length);
    for (const direction of ['c2s', 's2c'] as const) {
      const logged = packets(events, direction);
      expect(logged.map((e) => e.text)).toEqual(VALUES.map((v) => varToStr(v)));
      expect(logged.every((e) => e.frame === 'frame' && e.error === null && e.transport === 'tcp')).toBe(true);
    }
    expect(events[0]).toMatchObject({ kind: 'open', connection: 1 });
  });

  it('forwards bytes that are not PacketPeerStream framing unchanged, shown raw with the reason', async () => {
    const echo: Server = createServer((socket: Socket) => socket.pipe(socket));
    echo.listen(0, '127.0.0.1');
    await once(echo, 'listening');
    cleanups.push(() => new Promise((r) => echo.close(r)));
    const { handle, events } = await proxy('tcp', (echo.address() as { port: number }).port);
    const socket = createConnection(handle.address.port, '127.0.0.1');
    cleanups.push(() => socket.destroy());
    const request = Buffer.from('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    socket.write(request);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    await until(() => Buffer.concat(chunks).length >= request.length);
    expect(Buffer.concat(chunks)).toEqual(request);
    const raw = packets(events, 'c2s');
    expect(raw[0]).toMatchObject({ frame: 'raw', type: '?', error: { name: 'ERR_INVALID_DATA' } });
    expect(raw[0]?.error?.message).toMatch(/not PacketPeerStream framing/);
    expect(Buffer.concat(raw.map((e) => Buffer.from(e.bytes)))).toEqual(request);
  });
});

describe('pp proxy udp', () => {
  it('relays datagrams per game address and logs each decoded, both ways (Godot 3 format)', async () => {
    const g3 = { format: 'godot3' } as const;
    const server = new UDPServer(g3);
    expect(server.listen(0, '127.0.0.1')).toBe(0);
    cleanups.push(() => server.stop());
    server.on('connection', () => {
      const peer = server.takeConnection();
      peer?.on('packet', (packet) => peer.putPacket(packet));
    });
    const { handle, events } = await proxy('udp', server.getLocalPort(), 'godot3');
    const client = new PacketPeerUDP(g3);
    cleanups.push(() => client.close());
    expect(client.connectToHost('127.0.0.1', handle.address.port)).toBe(0);
    const values: VariantLike[] = [1, 'two', new Vector2(3, 4), { k: [1, 2] }];
    const received: string[] = [];
    for (const v of values) {
      client.putVar(v);
      await client.waitForPacket({ timeoutMs: 5000 });
      received.push(varToStr(bytesToVar(client.getPacket(), { ...g3, exact: true }) as VariantLike, g3));
    }
    expect(received).toEqual(values.map((v) => varToStr(v, g3)));
    await until(() => packets(events, 's2c').length === values.length);
    expect(packets(events, 'c2s').map((e) => e.text)).toEqual(received);
    expect(packets(events, 's2c').map((e) => e.text)).toEqual(received);
    expect(packets(events, 'c2s')[2]?.text).toBe('Vector2( 3, 4 )');
  });
});

describe('pp proxy ws', () => {
  it('relays text and binary messages, close code and reason, and logs each decoded', async () => {
    const echo = createServer((socket) => {
      const peer = new WebSocketPeer();
      peer.acceptStream(socket);
      peer.on('packet', (packet, { wasString }) => {
        if (wasString && new TextDecoder().decode(packet) === 'bye') peer.close(4001, 'done');
        else peer.send(packet, wasString ? WriteMode.TEXT : WriteMode.BINARY);
      });
    });
    echo.listen(0, '127.0.0.1');
    await once(echo, 'listening');
    cleanups.push(() => new Promise((r) => echo.close(r)));
    const { handle, events } = await proxy('ws', (echo.address() as { port: number }).port);

    const client = await WebSocketPeer.connect(`ws://127.0.0.1:${handle.address.port}/game`, { timeoutMs: 5000 });
    cleanups.push(() => client.close());
    for (const v of VALUES) client.putVar(v);
    client.sendText('héllo');
    const received: string[] = [];
    while (received.length < VALUES.length + 1) {
      await client.waitForPacket({ timeoutMs: 5000 });
      const packet = client.getPacket();
      received.push(client.wasStringPacket() ? `text:${new TextDecoder().decode(packet)}` : varToStr(bytesToVar(packet, { exact: true }) as VariantLike));
    }
    expect(received).toEqual([...VALUES.map((v) => varToStr(v)), 'text:héllo']);
    const closed = new Promise<void>((resolve) => client.on('close', () => resolve()));
    client.sendText('bye');
    await closed;
    expect([client.getCloseCode(), client.getCloseReason()]).toEqual([4001, 'done']);
    await until(() => events.some((e) => e.kind === 'close'));
    const s2c = packets(events, 's2c');
    expect(s2c.map((e) => e.text)).toEqual([...VALUES.map((v) => varToStr(v)), '"héllo"']);
    expect(s2c.at(-1)).toMatchObject({ frame: 'text', type: 'text' });
    expect(packets(events, 'c2s')[0]).toMatchObject({ frame: 'binary', type: 'int', transport: 'ws' });
    expect(events.find((e) => e.kind === 'close')).toMatchObject({ detail: 'close code 4001 "done"' });
  });
});

describe('pp proxy (the command) and pp replay', () => {
  let io: TestIO;

  it('prints JSON lines, records the session, and pp replay reads it back', async () => {
    const echo = createServer((socket) => socket.pipe(socket));
    echo.listen(0, '127.0.0.1');
    await once(echo, 'listening');
    cleanups.push(() => new Promise((r) => echo.close(r)));
    const file = join(tmpdir(), `pp-record-${process.pid}-${Date.now()}.jsonl`);
    cleanups.push(() => rm(file, { force: true }));
    io = testIO();
    const done = main(['proxy', 'tcp', '--listen', '127.0.0.1:0', '--target', `127.0.0.1:${(echo.address() as { port: number }).port}`, '--json', '--record', file], io);
    await until(() => io.out().includes('"kind":"listening"'));
    const listening = JSON.parse(io.out().split('\n')[0] as string) as { listen: string };
    const port = Number(listening.listen.split(':')[1]);

    const client = new StreamPeerTCP();
    await client.connectToHostAsync('127.0.0.1', port, { timeoutMs: 5000 });
    const peer = new PacketPeerStream({ streamPeer: client });
    peer.putVar({ hp: 100 });
    peer.putPacket(new Uint8Array([0xff, 0, 0, 0]));
    await peer.waitForPacket({ timeoutMs: 5000 });
    await peer.waitForPacket({ timeoutMs: 5000 });
    peer.close();
    await until(() => io.out().includes('"kind":"close"'));
    io.interrupt();
    expect(await done).toBe(ExitCode.OK);
    expect(io.err()).toMatch(/1 connection\(s\), 4 packet\(s\).*1 .*undecodable|2 undecodable/s);

    const lines = io.out().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const logged = lines.filter((l) => l.kind === 'packet');
    expect(logged).toHaveLength(4);
    expect(logged[0]).toMatchObject({ direction: 'c2s', type: 'Dictionary', text: '{\n"hp": 100\n}', hex: Buffer.from(varToBytes({ hp: 100 })).toString('hex') });
    expect(logged[1]).toMatchObject({ direction: 'c2s', type: '?', error: { name: 'ERR_INVALID_DATA' }, hex: 'ff000000' });

    const recorded = (await readFile(file, 'utf8')).trim().split('\n');
    expect(JSON.parse(recorded[0] as string)).toMatchObject({ pp: 'record', transport: 'tcp', format: 'godot4' });
    const replay = testIO();
    expect(await main(['replay', file], replay)).toBe(ExitCode.OK);
    const text = replay.out().trim().split('\n');
    expect(text[0]).toMatch(/connected 127\.0\.0\.1:\d+ \(tcp connection 1\)/);
    expect(text[1]).toMatch(/#0 C→S 127\.0\.0\.1:\d+ tcp frame 28 B Dictionary \{ "hp": 100 \}$/);
    expect(text[2]).toMatch(/#1 C→S .* ! ERR_INVALID_DATA at byte 0: .* \| hex ff000000$/);
    expect(replay.err()).toMatch(/pp replay .*: 1 connection\(s\), 4 packet\(s\)/);
    const only = testIO();
    await main(['replay', file, '--direction', 's2c', '--json'], only);
    expect(only.out().trim().split('\n').map((l) => (JSON.parse(l) as { direction?: string }).direction).filter(Boolean)).toEqual(['s2c', 's2c']);
  });

  it('answers bad arguments with exit code 2', async () => {
    for (const args of [['proxy'], ['proxy', 'quic', '--listen', ':1', '--target', ':2'], ['proxy', 'ws', '--target', ':2'], ['proxy', 'ws', '--listen', 'x', '--target', ':2']]) {
      expect(await main(args, testIO())).toBe(ExitCode.USAGE);
    }
    expect(await main(['replay', '/nonexistent/file'], testIO())).toBe(ExitCode.IO);
  });
});
