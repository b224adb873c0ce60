/**
 * StreamPeerBuffer and put_half/get_half judged by Godot 4.6 (web build): seeded sequences of
 * every put_* (integers wrapping past their range, half, float, double, strings, Variants with
 * and without objects, raw data) in both byte orders are written by Godot and by us and must give
 * the same bytes; Godot's bytes are read back by our getters and ours by Godot's, each against
 * the other's values. Half precision: Godot writes 20 000 seeded doubles plus the edge cases
 * (NaN, ±inf, ±0, subnormals, overflow, float32 double rounding, truncation ties) and reads all
 * 65 536 bit patterns; a scripted session checks the cursor, seek, resize, clear, duplicate and
 * reads past the end.
 */
import { GodotObject, bytesToVar, varToBytes, type Variant, type VariantLike } from '@pp/core';
import { runGodot4, type GodotRun } from '@pp/interop';
import { describeWithGodot4 } from '@pp/interop/vitest';
import { beforeAll, expect, it } from 'vitest';
import { StreamPeerBuffer, halfBits, halfValue } from '../../src/index.js';
import {
  GD_APPLY_AND_READ, SPECIALS, applyOp, caseRandom, expectReadBack, expectSameBytes, hex, makeSequences, plain, sequencesForGodot,
  type Sequence,
} from './buffer-cases.js';

const { next } = caseRandom(1516);
const sequences = makeSequences({ seed: 1515, half: true, nonAscii: true, objects: true });

/** put_half inputs: seeded doubles over half's whole range, the specials, truncation ties and float32 double rounding. */
const halfInputs: number[] = [...SPECIALS];
for (let i = 0; i < 20_000; i++) halfInputs.push((next() < 0.5 ? -1 : 1) * 2 ** (next() * 46 - 28));
for (let bits = 1; bits < 0x7c00; bits += 97) {
  const low = halfValue(bits);
  const high = halfValue(bits + 1);
  // Exactly halfway between two halves (IEEE would round to even; Godot truncates) and just below the upper one.
  halfInputs.push((low + high) / 2, -(low + high) / 2, high - (high - low) * 2 ** -14, high - 2 ** -40 * high);
}

const RESOURCE = new GodotObject('Resource', [['resource_local_to_scene', false], ['resource_name', 'from @pp'], ['script', null]]);

function ourBuffer(sequence: Sequence): StreamPeerBuffer {
  const buffer = new StreamPeerBuffer({ bigEndian: sequence.bigEndian });
  for (const op of sequence.ops) applyOp(buffer, op);
  if (sequence.object) buffer.putVar(RESOURCE, true);
  return buffer;
}

const SCRIPT = `extends Node

${GD_APPLY_AND_READ}
func _ready():
	var sequences: Array = bytes_to_var(pp_read_bytes("res://sequences.bin"))
	var ours: Array = bytes_to_var(pp_read_bytes("res://ours.bin"))
	var res := Resource.new()
	res.resource_name = "from @pp"
	for i in sequences.size():
		var s: Array = sequences[i]
		var buf := StreamPeerBuffer.new()
		buf.big_endian = s[0]
		for op in s[1]:
			_apply(buf, op)
		if s[2]:
			buf.put_var(res, true)
		pp_emit_bytes("bytes", buf.data_array)
		pp_emit_var("values", _read_all(buf, s))
		var mine := StreamPeerBuffer.new()
		mine.big_endian = s[0]
		mine.data_array = ours[i]
		pp_emit_var("ours", _read_all(mine, s))
	var halves := StreamPeerBuffer.new()
	halves.data_array = pp_read_bytes("res://halfbits.bin")
	for chunk in range(16):
		var out := StreamPeerBuffer.new()
		for i in range(4096):
			out.put_float(halves.get_half())
		pp_emit_bytes("halfvalues", out.data_array)
	var inputs: PackedFloat64Array = bytes_to_var(pp_read_bytes("res://halfinputs.bin"))
	var enc := StreamPeerBuffer.new()
	for v in inputs:
		enc.put_half(v)
	pp_emit_bytes("halfbits", enc.data_array)
	pp_emit_var("session", _session())
	pp_done()

func _session() -> Array:
	var b := StreamPeerBuffer.new()
	var r = []
	b.put_u32(0x01020304)
	r.append([b.get_position(), b.get_size(), b.get_available_bytes()])
	b.seek(1)
	r.append(b.get_u8())
	b.put_u16(0xBEEF)
	r.append(b.data_array)
	b.seek(2)
	r.append(b.get_partial_data(10))
	r.append([b.get_position(), b.get_available_bytes()])
	b.seek(1)
	var got = b.get_data(10)
	r.append([got[0], got[1].size(), got[1].slice(0, 3), b.get_position()])
	b.seek(-1)
	r.append(b.get_position())
	b.seek(5)
	r.append(b.get_position())
	b.resize(8)
	r.append([b.get_size(), b.get_position(), b.data_array])
	b.seek(6)
	b.resize(2)
	r.append([b.get_size(), b.get_position(), b.get_available_bytes(), b.get_partial_data(4)])
	b.put_u8(9)
	r.append([b.get_size(), b.get_position()])
	b.seek(0)
	b.put_data(PackedByteArray([7, 7, 7, 7, 7, 7, 7]))
	b.seek(5)
	r.append(b.get_u32())
	r.append(b.get_position())
	b.big_endian = true
	b.seek(1)
	var d := b.duplicate()
	r.append([d.data_array, d.get_position(), d.big_endian])
	b.data_array = PackedByteArray([1, 2, 3])
	r.append([b.get_position(), b.get_size()])
	b.seek(3)
	r.append([b.get_var(), b.get_available_bytes()])
	b.clear()
	r.append([b.get_size(), b.get_position(), b.data_array])
	b.put_var("x")
	b.seek(0)
	r.append(b.get_var())
	return r
`;

describeWithGodot4('StreamPeerBuffer and half floats against Godot 4.6', () => {
  let run: GodotRun;
  const ours = sequences.map(ourBuffer);
  const allHalves = new Uint8Array(65536 * 2);
  for (let bits = 0; bits < 65536; bits++) new DataView(allHalves.buffer).setUint16(bits * 2, bits, true);

  beforeAll(async () => {
    run = await runGodot4({
      script: SCRIPT,
      files: {
        'sequences.bin': sequencesForGodot(sequences, 'godot4'),
        'ours.bin': varToBytes(ours.map((buffer) => buffer.dataArray)),
        'halfbits.bin': allHalves,
        'halfinputs.bin': varToBytes(Float64Array.from(halfInputs)),
      },
      timeoutMs: 120_000,
    });
  }, 150_000);

  it('writes the same bytes as Godot for every put_*, in both byte orders', () => {
    expectSameBytes(run, sequences, ours);
  });

  it("reads Godot's bytes back to Godot's values, and Godot reads ours back to ours", () => {
    const read = expectReadBack(run, sequences, ours, 'godot4');
    sequences.forEach((sequence, i) => {
      if (!sequence.object) return;
      expect((read[i]!.theirs.getVar(true) as GodotObject).properties.get('resource_name')).toBe('from @pp');
      expect(read[i]!.godotReadingOurs.at(-1)).toBe('from @pp');
    });
  });

  it("writes Godot's half bits for every seeded double and edge case", () => {
    const [godot] = run.taggedBytes('halfbits');
    const view = new DataView(godot!.buffer, godot!.byteOffset, godot!.byteLength);
    expect(godot!.length).toBe(halfInputs.length * 2);
    const wrong = halfInputs.flatMap((value, i) => {
      const theirs = view.getUint16(i * 2, true);
      return halfBits(value) === theirs ? [] : [`${value}: ours ${halfBits(value).toString(16)}, Godot ${theirs.toString(16)}`];
    });
    expect(wrong).toEqual([]);
  });

  it('reads all 65 536 half bit patterns as Godot does (subnormals, inf and NaN included)', () => {
    const chunks = run.taggedBytes('halfvalues');
    expect(chunks).toHaveLength(16);
    const wrong: string[] = [];
    chunks.forEach((chunk, c) => {
      const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      for (let i = 0; i < 4096; i++) {
        const bits = c * 4096 + i;
        if (!Object.is(halfValue(bits), view.getFloat32(i * 4, true))) wrong.push(`${bits.toString(16)}: ours ${halfValue(bits)}, Godot ${view.getFloat32(i * 4, true)}`);
      }
    });
    expect(wrong).toEqual([]);
  });

  it('moves the cursor, seeks, resizes, clears and duplicates as Godot does', () => {
    const godot = bytesToVar(run.taggedBytes('session')[0]!) as Variant[];
    const b = new StreamPeerBuffer();
    const r: unknown[] = [];
    b.putU32(0x01020304);
    r.push([b.getPosition(), b.getSize(), b.getAvailableBytes()]);
    b.seek(1);
    r.push(b.getU8());
    b.putU16(0xbeef);
    r.push(b.dataArray);
    b.seek(2);
    r.push(b.getPartialData(10));
    r.push([b.getPosition(), b.getAvailableBytes()]);
    b.seek(1);
    const got = b.getData(10);
    r.push([got[0], got[1].length, got[1].slice(0, 3), b.getPosition()]);
    expect(() => b.seek(-1)).toThrow(/outside/);
    r.push(b.getPosition());
    expect(() => b.seek(5)).toThrow(/outside/);
    r.push(b.getPosition());
    b.resize(8);
    r.push([b.getSize(), b.getPosition(), b.dataArray]);
    b.seek(6);
    b.resize(2);
    r.push([b.getSize(), b.getPosition(), b.getAvailableBytes(), b.getPartialData(4)]);
    b.putU8(9);
    r.push([b.getSize(), b.getPosition()]);
    b.seek(0);
    b.putData(Uint8Array.of(7, 7, 7, 7, 7, 7, 7));
    b.seek(5);
    expect(() => b.getU32()).toThrow(/needs 4 bytes/);
    r.push(godot[11]); // Godot decodes what is left (see below)
    r.push(b.getPosition());
    b.bigEndian = true;
    b.seek(1);
    const d = b.duplicate();
    r.push([d.dataArray, d.getPosition(), d.bigEndian]);
    b.dataArray = Uint8Array.of(1, 2, 3);
    r.push([b.getPosition(), b.getSize()]);
    b.seek(3);
    r.push([b.getVar(), b.getAvailableBytes()]);
    b.clear();
    r.push([b.getSize(), b.getPosition(), b.dataArray]);
    b.putVar('x');
    b.seek(0);
    r.push(b.getVar());

    const view = (value: unknown): unknown => hex(varToBytes(value as VariantLike));
    // Godot's typed getter past the end decodes the bytes that are left (here 07 07, then whatever
    // its stack held) and moves the cursor to the end; ours throws and stays.
    expect((plain(godot[11]) as number) & 0xffff).toBe(0x0707);
    expect(godot[12]).toBe(7);
    expect(r[12]).toBe(5);
    r[12] = godot[12];
    // Godot's get_data past the end gives `bytes` bytes (the tail is whatever memory held); ours gives what was left.
    const [code, size, head, position] = godot[5] as [number, number, Uint8Array, number];
    expect([code, size, position]).toEqual([31, 10, 4]);
    expect(r[5]).toEqual([31, 3, head, 4]);
    (r[5] as unknown[])[1] = size;
    // Godot's resize(8) grows with uninitialised memory; ours with zeros.
    const [, , grown] = godot[8] as [number, number, Uint8Array];
    expect(grown.length).toBe(8);
    expect(hex(grown.subarray(0, 4))).toBe(hex((r[8] as [number, number, Uint8Array])[2].subarray(0, 4)));
    expect(hex((r[8] as [number, number, Uint8Array])[2].subarray(4))).toBe('00000000');
    (r[8] as unknown[])[2] = grown;
    expect(r.map(view)).toEqual(godot.map(view));
  });
});
