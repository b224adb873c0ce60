/**
 * StreamPeerBuffer judged by Godot 3.2.3 (`godot3-server`), `format: 'godot3'`: seeded sequences
 * of every put_* Godot 3 has (no put_half) in both byte orders give the same bytes on both sides,
 * our getters read Godot's bytes back to Godot's values and Godot's read ours back to ours.
 * put_string stays ASCII here: 3.2.3's get_string mangles bytes above 0x7F (its put_string of
 * non-ASCII text is checked by the TCP interop test).
 */
import { varToBytes } from '@pp/core';
import { runGodot3, type GodotRun } from '@pp/interop';
import { describeWithGodot3 } from '@pp/interop/vitest';
import { beforeAll, expect, it } from 'vitest';
import { StreamPeerBuffer } from '../../src/index.js';
import { GD_APPLY_AND_READ, applyOp, expectReadBack, expectSameBytes, makeSequences, sequencesForGodot } from './buffer-cases.js';

const FORMAT = 'godot3';
const sequences = makeSequences({ seed: 3232, half: false, nonAscii: false, objects: false });
const ours = sequences.map((sequence) => {
  const buffer = new StreamPeerBuffer({ bigEndian: sequence.bigEndian, format: FORMAT });
  for (const op of sequence.ops) applyOp(buffer, op);
  return buffer;
});

describeWithGodot3('StreamPeerBuffer against Godot 3.2.3', () => {
  let run: GodotRun;

  beforeAll(async () => {
    run = await runGodot3({
      script: `extends SceneTree
${GD_APPLY_AND_READ}
func _init():
	var sequences = bytes2var(pp_read_bytes("res://sequences.bin"))
	var ours = bytes2var(pp_read_bytes("res://ours.bin"))
	for i in range(sequences.size()):
		var s = sequences[i]
		var buf = StreamPeerBuffer.new()
		buf.big_endian = s[0]
		for op in s[1]:
			_apply(buf, op)
		pp_emit_bytes("bytes", buf.data_array)
		pp_emit_var("values", _read_all(buf, s))
		var mine = StreamPeerBuffer.new()
		mine.big_endian = s[0]
		mine.data_array = ours[i]
		pp_emit_var("ours", _read_all(mine, s))
	pp_done()
`,
      files: {
        'sequences.bin': sequencesForGodot(sequences, FORMAT),
        'ours.bin': varToBytes(ours.map((buffer) => buffer.dataArray), { format: FORMAT }),
      },
      timeoutMs: 60_000,
    });
  }, 90_000);

  it('writes the same bytes as Godot 3 for every put_*, in both byte orders', () => {
    expectSameBytes(run, sequences, ours);
  });

  it("reads Godot 3's bytes back to its values, and Godot 3 reads ours back to ours", () => {
    expect(expectReadBack(run, sequences, ours, FORMAT)).toHaveLength(sequences.length);
  });
});
