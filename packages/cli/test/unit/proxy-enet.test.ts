/**
 * `pp proxy enet` in-process over loopback, with @pp/enet's ENetMultiplayerPeer (Godot 4's
 * rules) on both sides: every value arrives unchanged, and the log shows each packet once,
 * decoded, with its ENet channel and flags and as Godot sees it (peer ids, mode, channel).
 */
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '@pp/conformance/testing';
import { ConnectionStatus, Dictionary, ErrorCode, Float, TransferMode, Vector2, bytesToVar, varToStr, type VariantLike } from '@pp/core';
import { ENetMultiplayerPeer } from '@pp/enet';
import { afterEach, describe, expect, it } from 'vitest';
import { ExitCode, main, startProxy, type PacketEvent, type ProtocolEvent, type ProxyEvent } from '../../src/index.js';
import { testIO } from '../support/cli-io.js';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Case {
  value: VariantLike;
  mode: TransferMode;
  channel: number;
}

const CASES: Case[] = [
  { value: 'hello', mode: TransferMode.RELIABLE, channel: 0 },
  { value: new Vector2(1.5, -2), mode: TransferMode.UNRELIABLE_ORDERED, channel: 0 },
  { value: new Dictionary([['hp', 100], ['name', 'p1']]), mode: TransferMode.UNRELIABLE, channel: 0 },
  { value: [1, new Float(2), 'x'], mode: TransferMode.RELIABLE, channel: 2 },
  { value: new Uint8Array(6000).map((_, i) => i % 251), mode: TransferMode.RELIABLE, channel: 1 },
];
const MODE_NAMES = { [TransferMode.RELIABLE]: 'RELIABLE', [TransferMode.UNRELIABLE]: 'UNRELIABLE', [TransferMode.UNRELIABLE_ORDERED]: 'UNRELIABLE_ORDERED' };

/** An ENetMultiplayerPeer server that sends every value back to its sender, same mode and channel. */
function echoServer(): ENetMultiplayerPeer {
  const server = new ENetMultiplayerPeer();
  server.setBindIp('127.0.0.1');
  expect(server.createServer(0, 4, 3)).toBe(ErrorCode.OK);
  cleanups.push(() => server.close());
  server.on('packet', (data, info) => {
    server.setTargetPeer(info.peer);
    server.transferMode = info.mode;
    server.transferChannel = info.channel;
    server.putPacket(data);
  });
  return server;
}

async function client(port: number): Promise<{ peer: ENetMultiplayerPeer; received: unknown[] }> {
  const peer = new ENetMultiplayerPeer();
  expect(peer.createClient('127.0.0.1', port, 3)).toBe(ErrorCode.OK);
  cleanups.push(() => peer.close());
  const received: unknown[] = [];
  peer.on('packet', (data) => received.push(bytesToVar(data, { exact: true })));
  await until(() => peer.getConnectionStatus() === ConnectionStatus.CONNECTED, 'the client connecting through the proxy', 10_000);
  return { peer, received };
}

function send(peer: ENetMultiplayerPeer, cases: readonly Case[]): void {
  peer.setTargetPeer(1);
  for (const c of cases) {
    peer.transferMode = c.mode;
    peer.transferChannel = c.channel;
    expect(peer.putVar(c.value)).toBe(ErrorCode.OK);
  }
}

describe('pp proxy enet', () => {
  it('relays ENet unchanged and shows each packet once, decoded, with channel, flags, peer ids and mode, both ways', async () => {
    const server = echoServer();
    const events: ProxyEvent[] = [];
    const proxy = await startProxy({
      transport: 'enet', listen: { host: '127.0.0.1', port: 0 }, target: { host: '127.0.0.1', port: server.host!.getLocalPort() },
      onEvent: (e) => events.push(e),
    });
    cleanups.push(() => proxy.close());
    const { peer, received } = await client(proxy.address.port);
    send(peer, CASES);
    await until(() => received.length === CASES.length, 'every echo', 10_000);
    expect(received.map((v) => varToStr(v as VariantLike))).toEqual(CASES.map((c) => varToStr(c.value)));

    const id = peer.getUniqueId();
    const connect = events.find((e): e is ProtocolEvent => e.kind === 'protocol' && e.what === 'connect');
    expect(connect?.text).toContain(`data ${id}`);
    expect(events.some((e) => e.kind === 'protocol' && e.what === 'verify_connect' && e.direction === 's2c')).toBe(true);
    for (const direction of ['c2s', 's2c'] as const) {
      const logged = events.filter((e): e is PacketEvent => e.kind === 'packet' && e.direction === direction);
      expect(logged.map((e) => e.text)).toEqual(CASES.map((c) => varToStr(c.value)));
      logged.forEach((e, i) => {
        const c = CASES[i]!;
        expect(e.error).toBeNull();
        expect(e.enet?.channel).toBe(c.channel === 0 ? (c.mode === TransferMode.RELIABLE ? 0 : 1) : c.channel + 1);
        // Small packets travel as SEND_UNSEQUENCED / SEND_UNRELIABLE / SEND_RELIABLE: flags 2 / 0 / 1.
        expect(e.enet?.flags).toBe({ [TransferMode.UNRELIABLE]: 2, [TransferMode.UNRELIABLE_ORDERED]: 0, [TransferMode.RELIABLE]: 1 }[c.mode]);
        expect(e.godot).toEqual({ mode: MODE_NAMES[c.mode], channel: c.channel, from: direction === 'c2s' ? id : 1, to: direction === 'c2s' ? 1 : id });
      });
      expect(logged[4]?.enet?.fragments).toBe(5);
    }
  });

  it('prints the log, records the session with its ENet details, and pp replay shows it again (also as Godot 3 would frame it)', async () => {
    const server = echoServer();
    const file = join(tmpdir(), `pp-enet-record-${process.pid}-${Date.now()}.jsonl`);
    cleanups.push(() => rm(file, { force: true }));
    const io = testIO();
    const done = main(['proxy', 'enet', '--listen', '127.0.0.1:0', '--target', `127.0.0.1:${server.host!.getLocalPort()}`, '--record', file, '--compress', 'auto'], io);
    await until(() => /pp proxy enet: 127\.0\.0\.1:\d+/.test(io.err()), 'the proxy listening', 5000);
    const port = Number(/127\.0\.0\.1:(\d+) →/.exec(io.err())![1]);
    const { peer, received } = await client(port);
    send(peer, CASES.slice(0, 2));
    await until(() => received.length === 2, 'the echoes', 10_000);
    const id = peer.getUniqueId();
    peer.close();
    await until(() => io.out().includes('DISCONNECT'), 'the disconnection', 10_000);
    io.interrupt();
    expect(await done).toBe(ExitCode.OK);
    const out = io.out();
    expect(out).toMatch(new RegExp(`C→S 127\\.0\\.0\\.1:\\d+ enet CONNECT: the client's peer 0 asks for 5 channel\\(s\\).*data ${id}`));
    expect(out).toMatch(new RegExp(`#0 C→S 127\\.0\\.0\\.1:\\d+ enet ch0 reliable seq 1 flags 1 · ${id}→1 RELIABLE ch0 · \\d+ B String "hello"`));
    expect(out).toMatch(new RegExp(`#1 C→S .* enet ch1 unreliable seq 0\\.1 flags 0 · ${id}→1 UNRELIABLE_ORDERED ch0 · 12 B Vector2 Vector2\\(1\\.5, -2\\)`));
    expect(out).toMatch(new RegExp(`S→C .* enet ch0 reliable seq 1 flags 1 · 1→${id} RELIABLE ch0 · \\d+ B String "hello"`));
    expect(out).toMatch(/C→S .* enet DISCONNECT/);
    expect(io.err()).toMatch(/1 connection\(s\), 4 packet\(s\)/);

    const recorded = (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(recorded[0]).toMatchObject({ pp: 'record', transport: 'enet' });
    expect(recorded.find((r) => r.kind === 'packet')).toMatchObject({ index: 0, frame: 'reliable', enet: { channel: 0, flags: 1, connectData: id } });

    const replay = testIO();
    expect(await main(['replay', file], replay)).toBe(ExitCode.OK);
    const packetLines = (text: string): string[] => text.split('\n').filter((l) => / #\d+ /.test(l)).map((l) => l.slice(13));
    expect(packetLines(replay.out())).toEqual(packetLines(out));
    expect(replay.out()).toMatch(/enet CONNECT: /);
    // Read by Godot 3's rules, ENet channel 0 is NetworkedMultiplayerENet's config channel: "hello" is no config message.
    const godot3 = testIO();
    expect(await main(['replay', file, '--format', 'godot3', '--json'], godot3)).toBe(ExitCode.OK);
    const first = godot3.out().split('\n').map((l) => JSON.parse(l || 'null') as PacketEvent | null).find((e) => e?.kind === 'packet');
    expect(first).toMatchObject({ type: '?', godot: { mode: 'RELIABLE', channel: 0 }, error: { message: expect.stringMatching(/not a Godot 3 config message/) } });
  });

  it('refuses a bad --compress with exit code 2', async () => {
    const io = testIO();
    expect(await main(['proxy', 'enet', '--listen', '127.0.0.1:0', '--target', '127.0.0.1:1', '--compress', 'lz4'], io)).toBe(ExitCode.USAGE);
    expect(io.err()).toMatch(/--compress must be auto, none, range-coder, fastlz, zlib, zstd, not 'lz4'/);
  });
});
