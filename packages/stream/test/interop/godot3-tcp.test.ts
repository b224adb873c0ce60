/**
 * @pp/stream against Godot 3.2.3 (`godot3-server`, native sockets), both roles, `format: 'godot3'`:
 * PacketPeerStream both ways (1000 packets in a burst, packets up to the 65532 limit, frames split
 * across reads and many frames in one read), and StreamPeerTCP's put_var/get_var and typed helpers
 * both ways. Payloads come from a fixed seed.
 */
import { createHash } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import {
  Color, Dictionary, PackedStringArray, Vector2, Vector3, seededRandom, varToBytes, type VariantLike,
} from '@pp/core';
import { startGodot3, type GodotHandle } from '@pp/interop';
import { describeWithGodot3 } from '@pp/interop/vitest';
import { afterEach, expect, it } from 'vitest';
import { PacketPeerStream, StreamPeerTCP, TCPServer } from '../../src/index.js';

const FORMAT = { format: 'godot3' } as const;
const WAIT_MS = 20_000;
const RUN_MS = 60_000;

const cleanups: Array<() => void> = [];
let godot: GodotHandle | undefined;

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  await godot?.stop();
  godot = undefined;
});

/** `count` payloads of 1 … `max` random bytes, then `tail` payloads of the sizes given. */
function payloads(seed: number, count: number, max: number, tail: number[]): Uint8Array[] {
  const next = seededRandom(seed);
  const sizes = [...Array.from({ length: count }, () => 1 + Math.floor(next() * max)), ...tail];
  return sizes.map((size) => Uint8Array.from({ length: size }, () => Math.floor(next() * 256)));
}

const VALUES: VariantLike[] = [
  42, -7, 2 ** 40, 1.5, -0.25, 'héllo wörld ✓', '', true, null,
  new Vector2(1.5, -2), new Vector3(0.5, 0, -3), new Color(1, 0.5, 0, 1),
  [1, 'two', [3.5, null]], new Dictionary([['hp', 100], ['name', 'p1'], ['pos', new Vector2(3, 4)]]),
  Uint8Array.of(1, 2, 3), Int32Array.of(-1, 2 ** 31 - 1), Float32Array.of(0.5, -1.25), PackedStringArray.fromStrings(['a', 'bc']),
];

const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');
const base64 = (value: VariantLike): string => Buffer.from(varToBytes(value, FORMAT)).toString('base64');

/** GDScript: SHA-256 of a PoolByteArray as hex (Godot 3.2.3 has no sha256_string). */
const SHA_HELPER = `
func sha(bytes):
	var h = HashingContext.new()
	h.start(HashingContext.HASH_SHA256)
	h.update(bytes)
	return h.finish().hex_encode()
`;

async function listening(): Promise<TCPServer> {
  const server = new TCPServer(FORMAT);
  cleanups.push(() => server.stop());
  await server.listenAsync(0, '127.0.0.1');
  return server;
}

async function freeTcpPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function track<T extends { close(): void }>(peer: T): T {
  cleanups.push(() => peer.close());
  return peer;
}

async function start(script: string, files: Record<string, Uint8Array>): Promise<GodotHandle> {
  godot = await startGodot3({ script: script + SHA_HELPER, files, timeoutMs: RUN_MS });
  return godot;
}

/** Reads `count` packets (with a wait per packet). */
async function receive(peer: PacketPeerStream, count: number): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  while (out.length < count) {
    await peer.waitForPacket({ timeoutMs: WAIT_MS });
    while (peer.getAvailablePacketCount() > 0 && out.length < count) out.push(peer.getPacket());
  }
  return out;
}

describeWithGodot3('@pp/stream ↔ Godot 3.2.3', () => {
  it("Godot's StreamPeerTCP + PacketPeerStream as client: 1000-packet bursts and 65532-byte packets both ways, put_var both ways", async () => {
    const server = await listening();
    // Godot sends up to its output limit (65532); it can only receive 65531 (its ring holds 65535 bytes).
    const fromGodot = payloads(11, 1000, 2000, [65532, 40_000, 65532, 1]);
    const toGodot = payloads(12, 1000, 2000, [65531, 40_000, 65531, 1]);
    const handle = await start(`extends SceneTree
var tcp = StreamPeerTCP.new()
var pps = PacketPeerStream.new()
var outgoing
var incoming
var values
var state = 0
var got = 0

func _init():
	outgoing = bytes2var(pp_read_bytes("res://from-godot.bin"))
	incoming = bytes2var(pp_read_bytes("res://to-godot.bin"))
	values = bytes2var(pp_read_bytes("res://values.bin"))
	pp_emit("connect", tcp.connect_to_host("127.0.0.1", ${server.getLocalPort()}))
	pps.stream_peer = tcp

func _idle(_delta):
	if state == 0:
		var status = tcp.get_status()
		if status == StreamPeerTCP.STATUS_CONNECTED:
			for p in outgoing:
				var err = pps.put_packet(p)
				if err != OK:
					pp_fail("put_packet returned %d" % err)
			for v in values:
				pps.put_var(v)
			pp_emit("sent", outgoing.size())
			state = 1
		elif status != StreamPeerTCP.STATUS_CONNECTING:
			pp_fail("status %d" % status)
		return
	while pps.get_available_packet_count() > 0:
		if got < incoming.size():
			var p = pps.get_packet()
			if pps.get_packet_error() != OK or p != incoming[got]:
				pp_emit("bad", "%d %d %s" % [got, p.size(), sha(p)])
		else:
			pp_emit_var("value", pps.get_var())
		got += 1
	if got == incoming.size() + values.size():
		pp_emit("received", got)
		pp_done()
`, {
      'from-godot.bin': varToBytes(fromGodot, FORMAT),
      'to-godot.bin': varToBytes(toGodot, FORMAT),
      'values.bin': varToBytes(VALUES, FORMAT),
    });
    const accepted = track(await server.accept({ timeoutMs: WAIT_MS }));
    let reads = 0;
    accepted.on('readable', () => reads++);
    const peer = track(new PacketPeerStream({ ...FORMAT, streamPeer: accepted }));
    const received = await receive(peer, fromGodot.length);
    expect(received.map(sha)).toEqual(fromGodot.map(sha));
    // Many frames arrived per socket read, and the 65532-byte ones took several reads each.
    expect(reads).toBeLessThan(fromGodot.length);
    for (const value of VALUES) {
      await peer.waitForPacket({ timeoutMs: WAIT_MS });
      expect(peer.getVar()).toEqual(value);
    }
    for (const p of toGodot) expect(peer.putPacket(p)).toBe(0);
    for (const value of VALUES) expect(peer.putVar(value)).toBe(0);
    const run = await handle.finished;
    expect(run.tagged('bad')).toEqual([]);
    expect(run.payload('received')).toBe(String(toGodot.length + VALUES.length));
    expect(run.tagged('value')).toEqual(VALUES.map(base64));
    expect(peer.lastError).toBeNull();
  });

  it("Godot's TCP_Server + PacketPeerStream as server echoes our bursts, split frames and many frames per write", async () => {
    const port = await freeTcpPort();
    const packets = payloads(21, 1000, 3000, [65531, 65531, 2]);
    const handle = await start(`extends SceneTree
var server = TCP_Server.new()
var pps = PacketPeerStream.new()
var tcp
var raw = ${packets.length}
var got = 0
var acked = false

func _init():
	pp_emit("listen", server.listen(${port}, "127.0.0.1"))

func _idle(_delta):
	if tcp == null:
		if server.is_connection_available():
			tcp = server.take_connection()
			pps.stream_peer = tcp
		return
	while pps.get_available_packet_count() > 0:
		if got < raw or got == raw + 1:
			pps.put_packet(pps.get_packet())
		elif got == raw:
			pp_emit("first-half-pending", pps.get_packet().size())
		else:
			var value = pps.get_var()
			pps.put_var(value)
		got += 1
	if got == raw + 1 and not acked and pps.get_available_packet_count() == 0:
		acked = true
		pp_emit("waiting", got)
	if got == raw + 2 + ${VALUES.length}:
		pp_done()
	if tcp.get_status() != StreamPeerTCP.STATUS_CONNECTED:
		pp_fail("disconnected")
`, {});
    expect(await handle.waitForTag('listen', WAIT_MS)).toBe('0');
    const tcp = track(new StreamPeerTCP(FORMAT));
    await tcp.connectToHostAsync('127.0.0.1', port, { timeoutMs: WAIT_MS });
    const peer = track(new PacketPeerStream({ ...FORMAT, streamPeer: tcp }));
    // Half of the packets as one write of many frames, the other half one putPacket each.
    const frames = packets.slice(0, 500).map((p) => {
      const out = new Uint8Array(4 + p.length);
      new DataView(out.buffer).setUint32(0, p.length, true);
      out.set(p, 4);
      return out;
    });
    expect(tcp.putData(Uint8Array.from(frames.flatMap((f) => [...f])))).toBe(0);
    for (const p of packets.slice(500)) expect(peer.putPacket(p)).toBe(0);
    const echoed = await receive(peer, packets.length);
    expect(echoed.map(sha)).toEqual(packets.map(sha));
    // A frame split across reads: a complete marker frame and half of the next one in one write;
    // Godot sees the marker but not the half; the rest follows in two writes only after that.
    const split = payloads(22, 1, 1000, [])[0] as Uint8Array;
    const splitFrame = new Uint8Array(4 + split.length);
    new DataView(splitFrame.buffer).setUint32(0, split.length, true);
    splitFrame.set(split, 4);
    expect(tcp.putData(Uint8Array.from([1, 0, 0, 0, 0xaa, ...splitFrame.subarray(0, 300)]))).toBe(0);
    expect(await handle.waitForTag('first-half-pending', WAIT_MS)).toBe('1');
    expect(await handle.waitForTag('waiting', WAIT_MS)).toBe(String(packets.length + 1));
    expect(tcp.putData(splitFrame.subarray(300, 700))).toBe(0);
    expect(tcp.putData(splitFrame.subarray(700))).toBe(0);
    for (const value of VALUES) expect(peer.putVar(value)).toBe(0);
    expect((await receive(peer, 1)).map(sha)).toEqual([sha(split)]);
    for (const value of VALUES) {
      await peer.waitForPacket({ timeoutMs: WAIT_MS });
      expect(peer.getVar()).toEqual(value);
    }
    await handle.finished;
  });

  it('Godot 3.2.3 never delivers a 65532-byte packet (its ring holds 65535 bytes): the documented stall', async () => {
    const server = await listening();
    const handle = await start(`extends SceneTree
var tcp = StreamPeerTCP.new()
var pps = PacketPeerStream.new()

func _init():
	tcp.connect_to_host("127.0.0.1", ${server.getLocalPort()})
	pps.stream_peer = tcp

func _idle(_delta):
	if tcp.get_status() != StreamPeerTCP.STATUS_CONNECTED:
		return
	var count = pps.get_available_packet_count()
	if count > 0:
		pp_fail("a packet arrived")
	elif tcp.get_available_bytes() == 1:
		pp_emit("stalled", "%d %d" % [pps.input_buffer_max_size, tcp.get_available_bytes()])
		pp_done()
`, {});
    const accepted = track(await server.accept({ timeoutMs: WAIT_MS }));
    const peer = track(new PacketPeerStream({ ...FORMAT, streamPeer: accepted }));
    expect(peer.putPacket(new Uint8Array(65532))).toBe(0);
    expect(await handle.waitForTag('stalled', WAIT_MS)).toBe('65532 1');
    await handle.finished;
  });

  it('StreamPeerTCP put_var/get_var and the typed helpers, both ways and both byte orders', async () => {
    const server = await listening();
    const typed = `
func put_typed(p):
	p.put_8(-5)
	p.put_u8(250)
	p.put_16(-1234)
	p.put_u16(65535)
	p.put_32(-123456789)
	p.put_u32(4000000000)
	p.put_64(-9007199254740993)
	p.put_u64(1234567890123)
	p.put_float(1.5)
	p.put_double(0.1)
	p.put_string("hello")
	p.put_utf8_string("héllo ✓")

func get_typed(p):
	return [p.get_8(), p.get_u8(), p.get_16(), p.get_u16(), p.get_32(), p.get_u32(), p.get_64(), p.get_u64(),
		p.get_float(), p.get_double(), p.get_string(), p.get_utf8_string()]
`;
    const handle = await start(`extends SceneTree
var tcp = StreamPeerTCP.new()
var values
var state = 0

func _init():
	values = bytes2var(pp_read_bytes("res://values.bin"))
	tcp.connect_to_host("127.0.0.1", ${server.getLocalPort()})

func _idle(_delta):
	if state == 0 and tcp.get_status() == StreamPeerTCP.STATUS_CONNECTED:
		for v in values:
			tcp.put_var(v)
		put_typed(tcp)
		tcp.big_endian = true
		put_typed(tcp)
		tcp.big_endian = false
		state = 1
	elif state == 1 and tcp.get_available_bytes() > 0:
		# Blocking reads: Node has sent everything by now or is about to.
		for i in values.size():
			pp_emit_var("value", tcp.get_var())
		pp_emit_var("typed", get_typed(tcp))
		tcp.big_endian = true
		pp_emit_var("typed", get_typed(tcp))
		pp_done()
${typed}`, { 'values.bin': varToBytes(VALUES, FORMAT) });
    const accepted = track(await server.accept({ timeoutMs: WAIT_MS }));
    for (const value of VALUES) expect(await accepted.getVarAsync(false, { timeoutMs: WAIT_MS })).toEqual(value);
    const expectedTyped = [-5, 250, -1234, 65535, -123456789, 4000000000, -9007199254740993n, 1234567890123n, 1.5, 0.1, 'hello', 'héllo ✓'];
    // 42 bytes of numbers, then put_string("hello") (4 + 5) and put_utf8_string("héllo ✓") (4 + 10).
    const readTyped = async (): Promise<unknown[]> => {
      await accepted.waitForBytes(42 + 9 + 14, { timeoutMs: WAIT_MS });
      return [
        accepted.get8(), accepted.getU8(), accepted.get16(), accepted.getU16(), accepted.get32(), accepted.getU32(),
        accepted.get64(), accepted.getU64(), accepted.getFloat(), accepted.getDouble(), accepted.getString(),
        accepted.getUtf8String(),
      ];
    };
    expect(await readTyped()).toEqual(expectedTyped);
    accepted.bigEndian = true;
    expect(await readTyped()).toEqual(expectedTyped);
    accepted.bigEndian = false;
    for (const value of VALUES) expect(accepted.putVar(value)).toBe(0);
    const putTyped = (): void => {
      accepted.put8(-5);
      accepted.putU8(250);
      accepted.put16(-1234);
      accepted.putU16(65535);
      accepted.put32(-123456789);
      accepted.putU32(4000000000);
      accepted.put64(-9007199254740993n);
      accepted.putU64(1234567890123n);
      accepted.putFloat(1.5);
      accepted.putDouble(0.1);
      accepted.putString('hello');
      accepted.putUtf8String('héllo ✓');
    };
    putTyped();
    accepted.bigEndian = true;
    putTyped();
    const run = await handle.finished;
    expect(run.tagged('value')).toEqual(VALUES.map(base64));
    expect(run.tagged('typed')).toEqual([base64(expectedTyped as VariantLike), base64(expectedTyped as VariantLike)]);
  });
});
