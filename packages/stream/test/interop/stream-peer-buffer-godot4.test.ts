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
import { Dictionary, Float, GodotObject, PackedStringArray, Vector2, Vector3, bytesToVar, seededRandom, varToBytes, type Variant, type VariantLike } from '@pp/core';
import { runGodot4, type GodotRun } from '@pp/interop';
import { describeWithGodot4 } from '@pp/interop/vitest';
import { beforeAll, expect, it } from 'vitest';
import { StreamPeerBuffer, halfBits, halfValue } from '../../src/index.js';

const SEED = 1515;
const next = seededRandom(SEED);
const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
const big64 = (): bigint => BigInt.asIntN(64, (BigInt(int(0, 2 ** 32 - 1)) << 32n) | BigInt(int(0, 2 ** 32 - 1)));
/** A double of random sign and magnitude 2^-30 … 2^20, sometimes integral. */
const real = (): number => {
  const value = (next() < 0.5 ? -1 : 1) * 2 ** (next() * 50 - 30);
  return next() < 0.1 ? Math.round(value) : value;
};

type Op = [name: string, arg: VariantLike, fullObjects?: boolean];
const VARIANTS: VariantLike[] = [
  42, -7, 2 ** 40, 1.5, new Float(3), 'héllo ✓', '', true, null, new Vector2(1.5, -2), new Vector3(0.5, 0, -3),
  [1, 'two', [3.5, null]], new Dictionary([['hp', 100], ['pos', new Vector2(3, 4)]]), PackedStringArray.fromStrings(['a', 'b']),
  Uint8Array.of(1, 2, 3), Float32Array.of(0.5, -1),
];
const STRINGS = ['', 'hello', 'ASCII only 123', 'with\ttab', 'héllo✓ 🎮'];
const UTF8 = ['', 'héllo wörld', '✓ ünïcødé 🎮', 'plain'];

function randomOp(): Op {
  switch (int(0, 13)) {
    case 0: return ['put_8', int(-300, 300)];
    case 1: return ['put_u8', int(0, 600)];
    case 2: return ['put_16', int(-70000, 70000)];
    case 3: return ['put_u16', int(0, 140000)];
    case 4: return ['put_32', int(-(2 ** 33), 2 ** 33)];
    case 5: return ['put_u32', int(0, 2 ** 34)];
    case 6: return ['put_64', big64()];
    case 7: return ['put_u64', big64()];
    case 8: return ['put_half', real()];
    case 9: return ['put_float', real()];
    case 10: return ['put_double', real()];
    case 11: return next() < 0.5 ? ['put_string', STRINGS[int(0, STRINGS.length - 1)] as string] : ['put_utf8_string', UTF8[int(0, UTF8.length - 1)] as string];
    case 12: return ['put_var', VARIANTS[int(0, VARIANTS.length - 1)] as VariantLike, next() < 0.5];
    default: return ['put_data', Uint8Array.from({ length: int(0, 12) }, () => int(0, 255))];
  }
}

const SPECIALS: number[] = [NaN, Infinity, -Infinity, 0, -0, 1, -1, 65504, -65504, 65519, 65520, 65535.99, 65536, 1e10, 2 ** -14, -(2 ** -14), 2 ** -15, 2 ** -24, -(2 ** -20), 1e-40];
interface Sequence {
  bigEndian: boolean;
  ops: Op[];
  /** End with a full Resource object (Godot's own, or our descriptor of one). */
  object: boolean;
}
const sequences: Sequence[] = [];
for (const bigEndian of [false, true]) {
  for (let i = 0; i < 3; i++) sequences.push({ bigEndian, ops: Array.from({ length: 80 }, randomOp), object: false });
  sequences.push({ bigEndian, ops: [...SPECIALS.map((v): Op => ['put_half', v]), ...SPECIALS.map((v): Op => ['put_float', v]), ...SPECIALS.map((v): Op => ['put_double', v]), ['put_string', 'héllo✓ 🎮'], ['put_utf8_string', 'héllo✓ 🎮']], object: true });
}

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

function applyOp(buffer: StreamPeerBuffer, [name, arg, fullObjects]: Op): void {
  const call = (method: string, value: unknown): unknown => (buffer as unknown as Record<string, (v: unknown) => unknown>)[method]!(value);
  if (name === 'put_var') buffer.putVar(arg, fullObjects);
  else call(camel(name), arg);
}

/** Reads back what `op` wrote; u64 as Godot's signed int. */
function readOp(buffer: StreamPeerBuffer, [name, arg, fullObjects]: Op): unknown {
  if (name === 'put_var') return buffer.getVar(fullObjects);
  if (name === 'put_data') return buffer.getData((arg as Uint8Array).length);
  const value = (buffer as unknown as Record<string, () => unknown>)[camel(name.replace('put_', 'get_'))]!();
  return name === 'put_u64' ? BigInt.asIntN(64, value as bigint) : value;
}

const camel = (name: string): string => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const plain = (value: unknown): unknown => (value instanceof Float ? value.value : value);

/** Whether a value read by one side equals the other side's (ints as bigints, floats by Object.is, the rest by encoding). */
function same(op: Op, ours: unknown, godot: unknown): boolean {
  const [name] = op;
  if (/^put_u?(8|16|32|64)$/.test(name)) return BigInt(ours as number) === BigInt(godot as number);
  if (/^put_(half|float|double)$/.test(name)) return Object.is(Number(plain(ours)), Number(plain(godot)));
  if (name === 'put_data') {
    const [a, b] = [ours as [number, Uint8Array], godot as [number, Uint8Array]];
    return a[0] === b[0] && hex(a[1]) === hex(b[1]);
  }
  if (typeof ours === 'string') return ours === godot;
  return hex(varToBytes(ours as VariantLike)) === hex(varToBytes(godot as VariantLike));
}

const SCRIPT = `extends Node

func _apply(buf: StreamPeerBuffer, op: Array) -> void:
	if op[0] == "put_var":
		buf.put_var(op[1], op[2])
	else:
		buf.call(op[0], op[1])

func _read(buf: StreamPeerBuffer, op: Array) -> Variant:
	match op[0]:
		"put_var":
			return buf.get_var(op[2])
		"put_data":
			return buf.get_data(op[1].size())
	return buf.call(op[0].replace("put_", "get_"))

func _read_all(buf: StreamPeerBuffer, s: Array) -> Array:
	buf.seek(0)
	var values = []
	for op in s[1]:
		values.append(_read(buf, op))
	if s[2]:
		values.append(buf.get_var(true).resource_name)
	return values

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
        'sequences.bin': varToBytes(sequences.map((s) => [s.bigEndian, s.ops.map((op) => (op.length === 3 ? [op[0], op[1], op[2]] : [op[0], op[1]])), s.object])),
        'ours.bin': varToBytes(ours.map((buffer) => buffer.dataArray)),
        'halfbits.bin': allHalves,
        'halfinputs.bin': varToBytes(Float64Array.from(halfInputs)),
      },
      timeoutMs: 120_000,
    });
  }, 150_000);

  it('writes the same bytes as Godot for every put_*, in both byte orders', () => {
    const bytes = run.taggedBytes('bytes');
    expect(bytes).toHaveLength(sequences.length);
    sequences.forEach((_, i) => expect(hex(ours[i]!.dataArray), `sequence ${i}`).toBe(hex(bytes[i]!)));
  });

  it("reads Godot's bytes back to Godot's values, and Godot reads ours back to ours", () => {
    const godotValues = run.taggedBytes('values').map((b) => bytesToVar(b, { allowObjects: true }) as Variant[]);
    const godotReadingOurs = run.taggedBytes('ours').map((b) => bytesToVar(b, { allowObjects: true }) as Variant[]);
    const godotBytes = run.taggedBytes('bytes');
    sequences.forEach((sequence, i) => {
      const theirs = new StreamPeerBuffer({ bigEndian: sequence.bigEndian });
      theirs.dataArray = godotBytes[i]!;
      const mine = ours[i]!;
      mine.seek(0);
      sequence.ops.forEach((op, j) => {
        const fromGodot = readOp(theirs, op);
        expect(same(op, fromGodot, godotValues[i]![j]), `sequence ${i} op ${j} ${op[0]}(${String(op[1])}): ours ${String(fromGodot)}, Godot ${String(godotValues[i]![j])}`).toBe(true);
        const fromOurs = readOp(mine, op);
        expect(same(op, fromOurs, godotReadingOurs[i]![j]), `Godot reading our sequence ${i} op ${j} ${op[0]}`).toBe(true);
      });
      if (sequence.object) {
        expect((theirs.getVar(true) as GodotObject).properties.get('resource_name')).toBe('from @pp');
        expect(godotReadingOurs[i]!.at(-1)).toBe('from @pp');
      }
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
