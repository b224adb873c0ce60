/**
 * The proof for `pp proxy enet --format godot3`: a real Godot 3.2.3 `NetworkedMultiplayerENet`
 * client talks through the real `pp` binary to an @pp `ENetConnection` server that speaks Godot
 * 3's framing (`[u32 source][i32 target]` on channels 1 and 2, a config message on channel 0)
 * and echoes every value, in each of Godot's five compression modes (pp finds the mode by
 * itself). Every value comes back to Godot byte for byte, and pp's log shows each one decoded
 * after the 8-byte header, with the peer ids, transfer mode and ENet channel, both ways.
 */
import { bytesToVar, varToStr, type VariantLike } from '@pp/core';
import { ENetConnection, FLAG_RELIABLE, loadZstd, type CompressionMode } from '@pp/enet';
import { startGodot3, type GodotHandle } from '@pp/interop';
import { describeWithGodot3 } from '@pp/interop/vitest';
import { afterEach, expect, it } from 'vitest';
import { packetsOf, spawnPp, type PpProcess } from './spawn-pp.js';

const format = 'godot3' as const;
/** GDScript values and the transfer mode each is sent with (0 UNRELIABLE, 1 UNRELIABLE_ORDERED, 2 RELIABLE). */
const VALUES = `[{"hp": 100, "name": "p1"}, Vector2(1.5, -2), "hello", [1, 2.5, "x"], big]`;
const MODES = [2, 0, 1, 2, 2];
const MODE_NAMES = ['UNRELIABLE', 'UNRELIABLE_ORDERED', 'RELIABLE'];
const ADD_PEER = 99;

function frame(source: number, target: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + payload.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, source, true);
  view.setInt32(4, target, true);
  out.set(payload, 8);
  return out;
}

/** A Godot 3 server by hand on the raw ENetConnection: tells the client of a peer 99 joining, echoes everything from 1. */
function godot3Server(mode: CompressionMode): ENetConnection {
  const server = new ENetConnection();
  expect(server.createHostBound('127.0.0.1', 0, 4, 3)).toBe(0);
  server.compress(mode);
  server.on('connect', (peer) => {
    const config = new Uint8Array(8);
    new DataView(config.buffer).setUint32(4, ADD_PEER, true); // SYSMSG_ADD_PEER = 0
    peer.send(0, config, FLAG_RELIABLE);
  });
  server.on('receive', (peer, data, channel, flags) => {
    const source = new DataView(data.buffer, data.byteOffset, data.length).getUint32(0, true);
    peer.send(channel, frame(1, source, data.subarray(8)), flags & 3);
  });
  return server;
}

describeWithGodot3('pp proxy enet: Godot 3.2.3 NetworkedMultiplayerENet → pp → @pp ENetConnection', () => {
  let godot: GodotHandle | undefined;
  let pp: PpProcess | undefined;
  let server: ENetConnection | undefined;
  afterEach(async () => {
    await godot?.stop();
    await pp?.stop();
    server?.destroy();
  });

  for (const mode of [0, 1, 2, 3, 4] as CompressionMode[]) {
    it(`compression_mode ${mode}: every value echoed byte for byte; the log decodes each after Godot 3's header, with ids, mode and channel`, async () => {
      await loadZstd();
      server = godot3Server(mode);
      pp = spawnPp(['proxy', 'enet', '--listen', '127.0.0.1:0', '--target', `127.0.0.1:${server.getLocalPort()}`, '--format', format, '--json', '--enet-commands']);
      const { port } = await pp.ready;
      godot = await startGodot3({
        timeoutMs: 60_000,
        script: `extends SceneTree
var enet = NetworkedMultiplayerENet.new()
var values
var modes = ${JSON.stringify(MODES)}
var sent = false
var got = 0
var frames = 0

func _init():
	var big = PoolByteArray()
	big.resize(4000)
	for k in 4000:
		big[k] = k % 251
	values = ${VALUES}
	enet.compression_mode = ${mode}
	pp_emit("connect", enet.create_client("127.0.0.1", ${port}))

func _idle(_delta):
	frames += 1
	if frames > 30000:
		pp_fail("only %d of %d echoes" % [got, values.size()])
	enet.poll()
	if not sent and enet.get_connection_status() == NetworkedMultiplayerPeer.CONNECTION_CONNECTED:
		pp_emit("id", enet.get_unique_id())
		enet.set_target_peer(1)
		for i in values.size():
			enet.transfer_mode = modes[i]
			var bytes = var2bytes(values[i])
			pp_emit_bytes("sent", bytes)
			enet.put_packet(bytes)
		sent = true
	while enet.get_available_packet_count() > 0:
		pp_emit("from", enet.get_packet_peer())
		pp_emit_bytes("echo", enet.get_packet())
		got += 1
	if got >= values.size():
		pp_done()
`,
      });
      expect(await godot.waitForTag('connect', 20_000)).toBe('0');
      const id = Number(await godot.waitForTag('id', 20_000));
      const run = await godot.finished;
      const sent = run.taggedBytes('sent');
      expect(sent).toHaveLength(MODES.length);
      expect(run.taggedBytes('echo').map((b) => Buffer.from(b).toString('hex')).sort()).toEqual(sent.map((b) => Buffer.from(b).toString('hex')).sort());
      expect(run.tagged('from')).toEqual(MODES.map(() => '1'));

      await pp.waitFor((events) => packetsOf(events, 's2c').length >= MODES.length + 1, 10_000, 'the echoes in the log');
      const texts = sent.map((b) => varToStr(bytesToVar(b, { format, exact: true }) as VariantLike, { format }));
      expect(pp.events.find((e) => e.kind === 'protocol' && e.what === 'connect')?.text).toContain(`data ${id} (Godot: the client's peer id)`);
      for (const direction of ['c2s', 's2c'] as const) {
        const logged = packetsOf(pp.events, direction).filter((e) => e.type !== 'system');
        expect(logged.map((e) => e.text).sort()).toEqual([...texts].sort());
        for (const [i, text] of texts.entries()) {
          const e = logged.find((l) => l.text === text)!;
          expect(e.error).toBeNull();
          const enet = e.enet as { channel: number; flags: number; fragments: number };
          expect(enet.channel).toBe(MODES[i] === 2 ? 1 : 2);
          expect(enet.flags).toBe([2, 0, 1][MODES[i]!]);
          expect(e.godot).toEqual({ mode: MODE_NAMES[MODES[i]!], channel: 0, from: direction === 'c2s' ? id : 1, to: direction === 'c2s' ? 1 : id });
          expect(e.size).toBe(sent[i]!.length + 8);
        }
        expect((logged.find((l) => String(l.text).startsWith('PoolByteArray('))!.enet as { fragments: number }).fragments).toBe(3);
      }
      expect(packetsOf(pp.events, 's2c').find((e) => e.type === 'system')).toMatchObject({ text: `ADD_PEER ${ADD_PEER}`, godot: { channel: 0 }, enet: { channel: 0, flags: 1 } });
      const compressed = pp.events.filter((e) => e.kind === 'protocol' && e.what === 'commands' && String(e.text).includes(' compressed ('));
      const names = ['none', 'range-coder', 'fastlz', 'zlib', 'zstd'];
      if (mode === 0) expect(compressed).toEqual([]);
      else expect(compressed.length > 0 && compressed.every((e) => String(e.text).includes(`compressed (${names[mode]})`))).toBe(true);
      expect(pp.events.filter((e) => e.kind === 'packet' && e.error !== null)).toEqual([]);
    }, 90_000);
  }
});
