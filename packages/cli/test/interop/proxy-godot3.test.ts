/**
 * The proofs for `pp proxy tcp` and `pp proxy udp`: a real Godot 3.2.3 (`StreamPeerTCP` +
 * `PacketPeerStream`, and `PacketPeerUDP`) talks through the real `pp` binary to @pp echo
 * servers (`TCPServer` + `PacketPeerStream`, `UDPServer`). Every value comes back to Godot byte
 * for byte, and pp's log shows each one decoded in the Godot 3 format, in both directions.
 */
import { bytesToVar, varToStr, type VariantLike } from '@pp/core';
import { runGodot3, type GodotRun } from '@pp/interop';
import { describeWithGodot3 } from '@pp/interop/vitest';
import { PacketPeerStream, TCPServer } from '@pp/stream';
import { UDPServer } from '@pp/udp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GODOT3_GENERATOR } from '../../../interop/test/support/codec/godot3-generator.js';
import { packetsOf, spawnPp, type PpProcess } from './spawn-pp.js';

const format = 'godot3' as const;
const VALUES = 81; // 3 of each of the 27 Godot 3 types
const SEED = 20261203;

/** GDScript: sends `values` (a few per frame) with `send(bytes)`, counts echoes equal to what was sent. */
const EXCHANGE = (setup: string, send: string, poll: string) => `extends SceneTree
${GODOT3_GENERATOR}
var values = []
var sent = []
var next = 0
var received = 0
var matched = 0
var frames = 0
${setup}
func _idle(_delta):
	frames += 1
	if frames > 20000:
		pp_fail("no echo after %d frames: %d of %d back" % [frames, received, sent.size()])
	if not ready():
		return
	for k in 3:
		if next < values.size():
			var bytes = var2bytes(values[next])
			sent.append(bytes)
			pp_emit_bytes("sent", bytes)
			${send}
			next += 1
	${poll}
	if received == values.size():
		pp_emit("matched", matched)
		finish()
		pp_release()
		pp_done()

func got(packet):
	if received < sent.size() and packet == sent[received]:
		matched += 1
	received += 1
`;

function checkLog(pp: PpProcess, sent: Uint8Array[], transport: string, frame: string): void {
  const expected = sent.map((b) => varToStr(bytesToVar(b, { format, exact: true, allowObjects: true }) as VariantLike, { format }));
  for (const direction of ['c2s', 's2c'] as const) {
    const logged = packetsOf(pp.events, direction);
    expect(logged.map((e) => e.text)).toEqual(expected);
    expect(logged.every((e) => e.frame === frame && e.error === null && e.transport === transport)).toBe(true);
  }
  expect(new Set(packetsOf(pp.events, 'c2s').map((e) => e.type)).size).toBeGreaterThan(20);
}

describeWithGodot3('pp proxy between Godot 3.2.3 and @pp servers', () => {
  describe('tcp: StreamPeerTCP + PacketPeerStream', () => {
    let server: TCPServer;
    let pp: PpProcess;
    let run: GodotRun;
    let stopped: { code: number | null; stderr: string };

    beforeAll(async () => {
      server = new TCPServer({ format });
      await server.listenAsync(0, '127.0.0.1');
      server.on('connection', () => {
        const tcp = server.takeConnection();
        if (!tcp) return;
        const peer = new PacketPeerStream({ streamPeer: tcp, format });
        peer.on('packet', (packet) => peer.putPacket(packet));
      });
      pp = spawnPp(['proxy', 'tcp', '--listen', '127.0.0.1:0', '--target', `127.0.0.1:${server.getLocalPort()}`, '--format', 'godot3', '--json']);
      const { port } = await pp.ready;
      run = await runGodot3({
        script: EXCHANGE(
          `var tcp = StreamPeerTCP.new()
var pps = PacketPeerStream.new()
func _init():
	rng.seed = ${SEED}
	for i in ${VALUES}:
		values.append(pp_generate(i % TYPE_MAX, 1))
	pp_emit("connect", tcp.connect_to_host("127.0.0.1", ${port}))
	pps.stream_peer = tcp
func ready():
	return tcp.get_status() == StreamPeerTCP.STATUS_CONNECTED
func finish():
	tcp.disconnect_from_host()`,
          'pps.put_packet(bytes)',
          `while pps.get_available_packet_count() > 0:
		got(pps.get_packet())`,
        ),
        timeoutMs: 60_000,
      });
      await pp.waitFor((events) => events.some((e) => e.kind === 'close'), 10_000, 'the close event');
      stopped = await pp.stop();
    }, 90_000);

    afterAll(async () => {
      await pp?.stop();
      server?.stop();
    });

    it('every value came back to Godot byte for byte, and the log shows each decoded both ways', () => {
      const sent = run.taggedBytes('sent');
      expect(sent).toHaveLength(VALUES);
      expect(run.payload('matched')).toBe(String(VALUES));
      checkLog(pp, sent, 'tcp', 'frame');
      expect(stopped.code).toBe(0);
      expect(stopped.stderr).toMatch(new RegExp(`1 connection\\(s\\), ${2 * VALUES} packet\\(s\\).* 0 undecodable`));
    });
  });

  describe('udp: PacketPeerUDP', () => {
    let server: UDPServer;
    let pp: PpProcess;
    let run: GodotRun;

    beforeAll(async () => {
      server = new UDPServer({ format });
      expect(server.listen(0, '127.0.0.1')).toBe(0);
      server.on('connection', () => {
        const peer = server.takeConnection();
        peer?.on('packet', (packet) => peer.putPacket(packet));
      });
      pp = spawnPp(['proxy', 'udp', '--listen', '127.0.0.1:0', '--target', `127.0.0.1:${server.getLocalPort()}`, '--format', 'godot3', '--json']);
      const { port } = await pp.ready;
      run = await runGodot3({
        script: EXCHANGE(
          `var udp = PacketPeerUDP.new()
func _init():
	rng.seed = ${SEED}
	for i in ${VALUES}:
		values.append(pp_generate(i % TYPE_MAX, 1))
	pp_emit("connect", udp.connect_to_host("127.0.0.1", ${port}))
func ready():
	return true
func finish():
	udp.close()`,
          'udp.put_packet(bytes)',
          `while udp.get_available_packet_count() > 0:
		got(udp.get_packet())`,
        ),
        timeoutMs: 60_000,
      });
      await pp.waitFor((events) => packetsOf(events, 's2c').length >= VALUES, 10_000, 'the echoes in the log');
    }, 90_000);

    afterAll(async () => {
      await pp?.stop();
      server?.stop();
    });

    it('every datagram came back to Godot byte for byte, and the log shows each decoded both ways', () => {
      const sent = run.taggedBytes('sent');
      expect(sent).toHaveLength(VALUES);
      expect(run.payload('matched')).toBe(String(VALUES));
      checkLog(pp, sent, 'udp', 'datagram');
    });
  });
});
