/**
 * @pp/udp against Godot 3.2.3 (`godot3-server`, native sockets), both roles, `format: 'godot3'`:
 * put_var/get_var both ways, Godot's UDPServer accepting our clients, and our UDPServer
 * accepting Godot's clients. Values come from a fixed seed; every Variant Godot receives is
 * echoed as var2bytes and compared byte for byte with our encoding.
 */
import { createSocket } from 'node:dgram';
import { ErrorCode, varToBytes, type VariantLike } from '@pp/core';
import { startGodot3, type GodotHandle } from '@pp/interop';
import { describeWithGodot3 } from '@pp/interop/vitest';
import { afterEach, expect, it } from 'vitest';
import { PacketPeerUDP, UDPServer } from '../../src/index.js';
import { godot3Cases } from '../support/cases.js';

const FORMAT = { format: 'godot3' } as const;
const WAIT_MS = 15_000;
const RUN_MS = 45_000;

const opened: Array<{ close(): void } | { stop(): void }> = [];
let godot: GodotHandle | undefined;

afterEach(async () => {
  for (const item of opened.splice(0)) {
    if ('stop' in item) item.stop();
    else item.close();
  }
  await godot?.stop();
  godot = undefined;
});

function track<T extends { close(): void } | { stop(): void }>(item: T): T {
  opened.push(item);
  return item;
}

/** A UDP port that was free a moment ago, for Godot 3 to listen on (it cannot report its own). */
async function freeUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

const expectedBytes = (value: VariantLike): string => Buffer.from(varToBytes(value, FORMAT)).toString('base64');

async function start(script: string, cases: VariantLike[]): Promise<GodotHandle> {
  godot = await startGodot3({ script, files: { 'cases.bin': varToBytes(cases, FORMAT) }, timeoutMs: RUN_MS });
  return godot;
}

/** Receives `count` Variants with getVar, checking each against `cases`. */
async function receiveAll(peer: PacketPeerUDP, cases: VariantLike[]): Promise<void> {
  for (const [i, expected] of cases.entries()) {
    await peer.wait({ timeoutMs: WAIT_MS });
    expect(peer.getVar(), `case ${i}`).toEqual(expected);
    expect(peer.lastVarError).toBeNull();
  }
}


describeWithGodot3('@pp/udp ↔ Godot 3.2.3', () => {
  it.each(['127.0.0.1', '*'])("Godot's PacketPeerUDP sends put_var to us (bound to %s); we answer with put_var; both sides decode every value", async (address) => {
    const cases = godot3Cases(1, 48);
    const server = track(new PacketPeerUDP(FORMAT));
    expect(server.bind(0, address)).toBe(ErrorCode.OK);
    const handle = await start(`extends SceneTree
var udp = PacketPeerUDP.new()
var cases
var got = 0

func _init():
	cases = bytes2var(pp_read_bytes("res://cases.bin"))
	pp_emit("dest", udp.set_dest_address("127.0.0.1", ${server.getLocalPort()}))
	for c in cases:
		var err = udp.put_var(c)
		if err != OK:
			pp_fail("put_var returned %d" % err)

func _idle(_delta):
	while udp.get_available_packet_count() > 0:
		pp_emit_var("echo", udp.get_var())
		got += 1
	if got == cases.size():
		pp_done()
`, cases);
    expect(await handle.waitForTag('dest', WAIT_MS)).toBe('0');
    await receiveAll(server, cases);
    expect(server.getPacketIp()).toBe('127.0.0.1');
    server.setDestAddress(server.getPacketIp(), server.getPacketPort());
    for (const value of cases) expect(server.putVar(value)).toBe(ErrorCode.OK);
    const run = await handle.finished;
    expect(run.tagged('echo')).toEqual(cases.map(expectedBytes));
  });

  it("Godot's PacketPeerUDP.listen() receives our client's put_var and answers the sender", async () => {
    const cases = godot3Cases(2, 48);
    const port = await freeUdpPort();
    const handle = await start(`extends SceneTree
var udp = PacketPeerUDP.new()
var cases
var got = 0

func _init():
	cases = bytes2var(pp_read_bytes("res://cases.bin"))
	pp_emit("listen", udp.listen(${port}, "127.0.0.1"))

func _idle(_delta):
	while udp.get_available_packet_count() > 0:
		var value = udp.get_var()
		pp_emit_var("got", value)
		udp.set_dest_address(udp.get_packet_ip(), udp.get_packet_port())
		udp.put_var(value)
		got += 1
	if got == cases.size():
		pp_done()
`, cases);
    expect(await handle.waitForTag('listen', WAIT_MS)).toBe('0');
    const client = track(new PacketPeerUDP(FORMAT));
    expect(client.connectToHost('127.0.0.1', port)).toBe(ErrorCode.OK);
    for (const value of cases) expect(client.putVar(value)).toBe(ErrorCode.OK);
    await receiveAll(client, cases);
    expect(client.getPacketPort()).toBe(port);
    const run = await handle.finished;
    expect(run.tagged('got')).toEqual(cases.map(expectedBytes));
  });

  it("Godot's UDPServer accepts two of our clients and answers each on its own connection", async () => {
    const cases = godot3Cases(3, 40);
    const port = await freeUdpPort();
    const handle = await start(`extends SceneTree
var server = UDPServer.new()
var peers = []
var got = 0

func _init():
	pp_emit("listen", server.listen(${port}, "127.0.0.1"))

func _idle(_delta):
	server.poll()
	while server.is_connection_available():
		var peer = server.take_connection()
		peers.append(peer)
		pp_emit("peer", "%s:%d" % [peer.get_packet_ip(), peer.get_packet_port()])
	for i in peers.size():
		var peer = peers[i]
		while peer.get_available_packet_count() > 0:
			var value = peer.get_var()
			pp_emit_var("got%d" % i, value)
			peer.put_var(value)
			got += 1
	if got == ${cases.length}:
		pp_done()
`, cases);
    expect(await handle.waitForTag('listen', WAIT_MS)).toBe('0');
    const halves = [cases.slice(0, cases.length / 2), cases.slice(cases.length / 2)];
    const clients = halves.map(() => track(new PacketPeerUDP(FORMAT)));
    for (const client of clients) expect(client.connectToHost('127.0.0.1', port)).toBe(ErrorCode.OK);
    // The first datagram of each client makes it a connection, in this order.
    for (const [i, client] of clients.entries()) {
      expect(client.putVar((halves[i] as VariantLike[])[0] as VariantLike)).toBe(ErrorCode.OK);
      expect(await handle.waitForTag('peer', WAIT_MS)).toBe(`127.0.0.1:${client.getLocalPort()}`);
    }
    for (const [i, client] of clients.entries()) {
      for (const value of (halves[i] as VariantLike[]).slice(1)) expect(client.putVar(value)).toBe(ErrorCode.OK);
    }
    for (const [i, client] of clients.entries()) await receiveAll(client, halves[i] as VariantLike[]);
    const run = await handle.finished;
    for (const [i, half] of halves.entries()) expect(run.tagged(`got${i}`)).toEqual(half.map(expectedBytes));
  });

  it.each(['127.0.0.1', '*'])('our UDPServer (on %s) accepts two Godot clients (connect_to_host) and answers each one', async (address) => {
    const cases = godot3Cases(4, 40);
    const server = track(new UDPServer(FORMAT));
    expect(server.listen(0, address)).toBe(ErrorCode.OK);
    const handle = await start(`extends SceneTree
var clients = [PacketPeerUDP.new(), PacketPeerUDP.new()]
var cases
var got = 0

func _init():
	cases = bytes2var(pp_read_bytes("res://cases.bin"))
	var half = cases.size() / 2
	for i in 2:
		pp_emit("connect", clients[i].connect_to_host("127.0.0.1", ${server.getLocalPort()}))
		for j in half:
			clients[i].put_var(cases[i * half + j])

func _idle(_delta):
	for i in 2:
		while clients[i].get_available_packet_count() > 0:
			pp_emit_var("echo%d" % i, clients[i].get_var())
			got += 1
	if got == cases.size():
		pp_done()
`, cases);
    expect([await handle.waitForTag('connect', WAIT_MS), await handle.waitForTag('connect', WAIT_MS)]).toEqual(['0', '0']);
    const half = cases.length / 2;
    const peers = [await server.accept({ timeoutMs: WAIT_MS }), await server.accept({ timeoutMs: WAIT_MS })];
    expect(new Set(peers.map((peer) => peer.getPacketPort())).size).toBe(2);
    // Godot's first client sent first, so it is the first connection.
    const own = (i: number): VariantLike[] => cases.slice(i * half, (i + 1) * half);
    for (const [i, peer] of peers.entries()) {
      await receiveAll(peer, own(i));
      for (const value of own(i)) expect(peer.putVar(value)).toBe(ErrorCode.OK);
    }
    const run = await handle.finished;
    for (const i of [0, 1]) expect(run.tagged(`echo${i}`)).toEqual(own(i).map(expectedBytes));
    expect(server.refusedConnections).toBe(0);
  });
});
