/**
 * The proof for `pp proxy ws`: a real Godot 4.6 (web build) `WebSocketPeer` talks through the
 * real `pp` binary to an @pp echo server. Every value comes back to Godot byte for byte, and
 * pp's log shows each one decoded, in both directions.
 */
import { bytesToVar, varToStr, type VariantLike } from '@pp/core';
import { runGodot4, type GodotRun } from '@pp/interop';
import { describeWithGodot4 } from '@pp/interop/vitest';
import { afterAll, beforeAll, expect, it } from 'vitest';
// The codec interop suite's seeded Godot generator: values of every type.
import { GODOT4_GENERATOR } from '../../../interop/test/support/codec/godot4-generator.js';
import { packetsOf, spawnPp, type PpProcess } from './spawn-pp.js';
import { startWsEcho } from './ws-echo.js';

const VALUES = 117; // 3 of each of the 39 types
const SEED = 20261202;

describeWithGodot4('pp proxy ws between Godot 4.6 and an @pp server', () => {
  let echo: Awaited<ReturnType<typeof startWsEcho>>;
  let pp: PpProcess;
  let run: GodotRun;
  let sent: Uint8Array[];
  let stopped: { code: number | null; stderr: string };

  beforeAll(async () => {
    echo = await startWsEcho();
    pp = spawnPp(['proxy', 'ws', '--listen', '127.0.0.1:0', '--target', `127.0.0.1:${echo.port}`, '--json']);
    const { port } = await pp.ready;
    run = await runGodot4({
      script: `extends Node
${GODOT4_GENERATOR}
var ws := WebSocketPeer.new()
var values := []
var sent := []
var next := 0
var received := 0
var matched := 0
var texts := 0
func _ready():
	rng.seed = ${SEED}
	for i in ${VALUES}:
		values.append(pp_generate(i % TYPE_MAX, 1))
	pp_emit("connect", ws.connect_to_url("ws://127.0.0.1:${port}/game"))
func _process(_delta):
	ws.poll()
	if ws.get_ready_state() != WebSocketPeer.STATE_OPEN:
		return
	# A few values per frame: the web build refuses to buffer more than 64 KiB.
	for k in 4:
		if next < values.size():
			var bytes := var_to_bytes(values[next])
			sent.append(bytes)
			pp_emit_bytes("sent", bytes)
			# The very bytes emitted: NodePath padding differs between two var_to_bytes calls.
			ws.put_packet(bytes)
			next += 1
			if next == values.size():
				ws.send_text("hello from Godot")
	while ws.get_available_packet_count() > 0:
		var packet := ws.get_packet()
		if ws.was_string_packet():
			texts += 1
			pp_emit_text("text", packet.get_string_from_utf8())
		else:
			if received < sent.size() and packet == sent[received]:
				matched += 1
			received += 1
	if received == values.size() and texts == 1:
		pp_emit("matched", matched)
		ws.close(1000, "bye")
		pp_release()
		pp_done()
`,
      timeoutMs: 90_000,
    });
    sent = run.taggedBytes('sent');
    await pp.waitFor((events) => events.some((e) => e.kind === 'close'), 10_000, 'the close event');
    stopped = await pp.stop();
  }, 150_000);

  afterAll(async () => {
    await pp?.stop();
    await echo?.close();
  });

  it('every value Godot sent came back to Godot byte for byte, through the proxy', () => {
    expect(sent).toHaveLength(VALUES);
    expect(run.payload('matched')).toBe(String(VALUES));
    expect(run.taggedText('text')).toEqual(['hello from Godot']);
  });

  it("pp's log shows each value decoded, Godot → server and back, with frame type and size", () => {
    const expected = sent.map((b) => varToStr(bytesToVar(b, { exact: true, allowObjects: true }) as VariantLike));
    for (const direction of ['c2s', 's2c'] as const) {
      const logged = packetsOf(pp.events, direction);
      expect(logged).toHaveLength(VALUES + 1);
      expect(logged.slice(0, VALUES).map((e) => e.text)).toEqual(expected);
      expect(logged.slice(0, VALUES).map((e) => e.size)).toEqual(sent.map((b) => b.length));
      expect(logged.slice(0, VALUES).every((e) => e.frame === 'binary' && e.error === null && e.transport === 'ws')).toBe(true);
      expect(logged[VALUES]).toMatchObject({ frame: 'text', type: 'text', text: '"hello from Godot"' });
    }
    const types = new Set(packetsOf(pp.events, 'c2s').map((e) => e.type));
    expect(types.size).toBeGreaterThan(35);
  });

  it('pp reports the close and prints its summary on Ctrl-C', () => {
    expect(pp.events.find((e) => e.kind === 'close')).toMatchObject({ detail: 'close code 1000 "bye"' });
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toMatch(new RegExp(`1 connection\\(s\\), ${2 * (VALUES + 1)} packet\\(s\\)`));
  });
});
