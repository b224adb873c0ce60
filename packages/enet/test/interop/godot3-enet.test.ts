/**
 * The engine against Godot 3.2.3's NetworkedMultiplayerENet (Godot's bundled ENet), in each of its
 * five compression modes, both roles. Godot 3's multiplayer layer frames every packet on
 * channels 1 (reliable) and 2 (unreliable) as `[u32 LE source][u32 LE target]` + payload and
 * takes the client's id from the CONNECT data; channel 0 carries its config messages. We speak
 * that framing by hand over the raw `ENetConnection` (event style), so this checks ENet's wire and
 * our driver, not a multiplayer layer.
 */
import { varToBytes } from '@pp/core';
import { freeUdpPort, startGodot3, type GodotHandle } from '@pp/interop';
import { describeWithGodot3 } from '@pp/interop/vitest';
import { until } from '@pp/conformance/testing';
import { afterEach, expect, it } from 'vitest';
import { ErrorCode, type DatagramEndpoint } from '@pp/core';
import { bindUdpEndpoint } from '@pp/udp';
import { CompressionMode, ENetConnection, FLAG_RELIABLE, loadZstd, type ENetPacketPeer } from '../../src/index.js';
import { expectBytes } from '../support/bytes.js';
import { expectGodot3Frame, godot3Cases as cases, godot3Frame as frame } from '../support/godot3-framing.js';

const MODES = [
  CompressionMode.COMPRESS_NONE, CompressionMode.COMPRESS_RANGE_CODER, CompressionMode.COMPRESS_FASTLZ,
  CompressionMode.COMPRESS_ZLIB, CompressionMode.COMPRESS_ZSTD,
];
const OUR_ID = 424242;
const WAIT_MS = 20_000;

/** A connection on a loopback UDP endpoint that counts the datagrams arriving compressed (bit 0x4000). */
function connection(mode: CompressionMode, maxPeers: number, maxChannels = 0): { connection: ENetConnection; compressed: { count: number } } {
  const compressed = { count: 0 };
  const endpoint: DatagramEndpoint = bindUdpEndpoint('127.0.0.1', 0);
  const result = new ENetConnection();
  expect(result.createHostOn(endpoint, maxPeers, maxChannels)).toBe(ErrorCode.OK);
  const deliver = endpoint.onDatagram!;
  endpoint.onDatagram = (data, from) => {
    if (data.length >= 2 && (data[0]! & 0x40) !== 0) compressed.count++;
    deliver(data, from);
  };
  result.compress(mode);
  return { connection: result, compressed };
}

interface Received {
  peer: ENetPacketPeer;
  data: Uint8Array;
  channel: number;
}

const fromBase64 = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64'));

describeWithGodot3('ENet engine ↔ Godot 3.2.3 NetworkedMultiplayerENet, every compression mode', () => {
  let godot: GodotHandle | undefined;
  const hosts: ENetConnection[] = [];
  afterEach(async () => {
    for (const host of hosts.splice(0)) host.destroy();
    await godot?.stop();
    godot = undefined;
  });

  for (const mode of MODES) {
    it(`Godot server, our client, compression_mode ${mode}`, async () => {
      await loadZstd();
      const payloads = cases();
      const port = await freeUdpPort();
      godot = await startGodot3({
        timeoutMs: 60_000,
        files: { 'cases.bin': varToBytes(payloads, { format: 'godot3' }) },
        script: `extends SceneTree
var enet = NetworkedMultiplayerENet.new()
var expected
var got = 0
var linger = 0

func _init():
	expected = bytes2var(pp_read_bytes("res://cases.bin")).size()
	enet.compression_mode = ${mode}
	pp_emit("listen", enet.create_server(${port}, 4))

func _idle(_delta):
	enet.poll()
	while enet.get_available_packet_count() > 0:
		var from = enet.get_packet_peer()
		var data = enet.get_packet()
		pp_emit("from", from)
		pp_emit_bytes("got", data)
		enet.set_target_peer(from)
		enet.transfer_mode = NetworkedMultiplayerPeer.TRANSFER_MODE_RELIABLE
		enet.put_packet(data)
		got += 1
	if got >= expected:
		linger += 1
		if linger > 120:
			pp_done()
`,
      });
      expect(await godot.waitForTag('listen', WAIT_MS)).toBe('0');
      const { connection: host, compressed: compressedIn } = connection(mode, 1);
      hosts.push(host);
      const received: Received[] = [];
      host.on('receive', (peer, data, channel) => received.push({ peer, data, channel }));
      const peer = await host.connectToHostAsync('127.0.0.1', port, 3, OUR_ID, { timeoutMs: WAIT_MS });
      expect(peer.getChannels()).toBe(3);
      for (const payload of payloads) expect(peer.send(1, frame(OUR_ID, 1, payload), FLAG_RELIABLE)).toBe(ErrorCode.OK);
      await until(() => received.length >= payloads.length, 'echoes from Godot', WAIT_MS);
      received.forEach(({ data, channel }, i) => {
        expect(channel).toBe(1);
        expectGodot3Frame(data, 1, OUR_ID, payloads[i]!);
      });
      const run = await godot.finished;
      expect(run.tagged('from')).toEqual(payloads.map(() => String(OUR_ID)));
      run.tagged('got').forEach((text, i) => expectBytes(fromBase64(text), payloads[i]!));
      // The mode really was in use: Godot's datagrams arrived compressed and we read them.
      if (mode === CompressionMode.COMPRESS_NONE) expect(compressedIn.count).toBe(0);
      else expect(compressedIn.count).toBeGreaterThan(0);
    }, 90_000);

    it(`our server, Godot client, compression_mode ${mode}`, async () => {
      await loadZstd();
      const payloads = cases();
      const { connection: host, compressed: compressedIn } = connection(mode, 4, 3);
      hosts.push(host);
      const connects: Array<{ peer: ENetPacketPeer; data: number }> = [];
      const received: Received[] = [];
      host.on('connect', (peer, data) => connects.push({ peer, data }));
      host.on('receive', (peer, data, channel) => received.push({ peer, data, channel }));
      godot = await startGodot3({
        timeoutMs: 60_000,
        files: { 'cases.bin': varToBytes(payloads, { format: 'godot3' }) },
        script: `extends SceneTree
var enet = NetworkedMultiplayerENet.new()
var cases
var sent = false
var got = 0

func _init():
	cases = bytes2var(pp_read_bytes("res://cases.bin"))
	enet.compression_mode = ${mode}
	pp_emit("connect", enet.create_client("127.0.0.1", ${host.getLocalPort()}))

func _idle(_delta):
	enet.poll()
	if not sent and enet.get_connection_status() == NetworkedMultiplayerPeer.CONNECTION_CONNECTED:
		pp_emit("id", enet.get_unique_id())
		enet.set_target_peer(1)
		enet.transfer_mode = NetworkedMultiplayerPeer.TRANSFER_MODE_RELIABLE
		for c in cases:
			enet.put_packet(c)
		sent = true
	while enet.get_available_packet_count() > 0:
		pp_emit("from", enet.get_packet_peer())
		pp_emit_bytes("echo", enet.get_packet())
		got += 1
	if got >= cases.size():
		pp_done()
`,
      });
      expect(await godot.waitForTag('connect', WAIT_MS)).toBe('0');
      await until(() => connects.length > 0, 'CONNECT from Godot', WAIT_MS);
      const { peer: godotPeer, data: godotId } = connects[0]!;
      expect(await godot.waitForTag('id', WAIT_MS)).toBe(String(godotId));
      await until(() => received.length >= payloads.length, 'packets from Godot', WAIT_MS);
      received.forEach(({ data, channel }, i) => {
        expect(channel).toBe(1);
        expectGodot3Frame(data, godotId, 1, payloads[i]!);
        expect(godotPeer.send(1, frame(1, godotId, data.subarray(8)), FLAG_RELIABLE)).toBe(ErrorCode.OK);
      });
      const run = await godot.finished;
      expect(run.tagged('from')).toEqual(payloads.map(() => '1'));
      run.tagged('echo').forEach((text, i) => expectBytes(fromBase64(text), payloads[i]!));
      if (mode === CompressionMode.COMPRESS_NONE) expect(compressedIn.count).toBe(0);
      else expect(compressedIn.count).toBeGreaterThan(0);
    }, 90_000);
  }
});
