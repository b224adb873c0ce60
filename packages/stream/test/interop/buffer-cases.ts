/**
 * The seeded StreamPeerBuffer cases that Godot 4.6 and Godot 3.2.3 judge: sequences of every
 * `put_*` with their arguments, how we apply and read them back, and how a value read by one side
 * is compared with the other side's.
 */
import {
  Dictionary, Float, PackedStringArray, Vector2, Vector3, bytesToVar, seededRandom, varToBytes, type Variant, type VariantFormat,
  type VariantLike,
} from '@pp/core';
import type { GodotRun } from '@pp/interop';
import { expect } from 'vitest';
import { StreamPeerBuffer } from '../../src/index.js';

/** One call: the Godot method, its argument, and for `put_var` its `full_objects`. */
export type Op = [name: string, arg: VariantLike, fullObjects?: boolean];

export interface Sequence {
  bigEndian: boolean;
  ops: Op[];
  /** End with a full Resource object (Godot's own, or our descriptor of one). */
  object: boolean;
}

export interface CaseOptions {
  readonly seed: number;
  /** Include `put_half` (Godot 4 only). */
  readonly half: boolean;
  /** Include `put_string` of non-ASCII text (Godot 3.2.3's `get_string` mangles it). */
  readonly nonAscii: boolean;
  /** End the edge-case sequences with a full Resource object. */
  readonly objects: boolean;
}

const VARIANTS: VariantLike[] = [
  42, -7, 2 ** 40, 1.5, new Float(3), 'héllo ✓', '', true, null, new Vector2(1.5, -2), new Vector3(0.5, 0, -3),
  [1, 'two', [3.5, null]], new Dictionary([['hp', 100], ['pos', new Vector2(3, 4)]]), PackedStringArray.fromStrings(['a', 'b']),
  Uint8Array.of(1, 2, 3), Float32Array.of(0.5, -1),
];
const ASCII = ['', 'hello', 'ASCII only 123', 'with\ttab'];
const NON_ASCII = 'héllo✓ 🎮';
const UTF8 = ['', 'héllo wörld', '✓ ünïcødé 🎮', 'plain'];

/** Float edge cases for put_half, put_float and put_double. */
export const SPECIALS: readonly number[] = [
  NaN, Infinity, -Infinity, 0, -0, 1, -1, 65504, -65504, 65519, 65520, 65535.99, 65536, 1e10, 2 ** -14, -(2 ** -14),
  2 ** -15, 2 ** -24, -(2 ** -20), 1e-40,
];

/** A seeded random source with the helpers the cases use. */
export function caseRandom(seed: number): { next: () => number; int: (min: number, max: number) => number } {
  const next = seededRandom(seed);
  return { next, int: (min, max) => min + Math.floor(next() * (max - min + 1)) };
}

/** Three random sequences of 80 calls and one of the edge cases, in each byte order. */
export function makeSequences(options: CaseOptions): Sequence[] {
  const { next, int } = caseRandom(options.seed);
  const big64 = (): bigint => BigInt.asIntN(64, (BigInt(int(0, 2 ** 32 - 1)) << 32n) | BigInt(int(0, 2 ** 32 - 1)));
  // A double of random sign and magnitude 2^-30 … 2^20, sometimes integral.
  const real = (): number => {
    const value = (next() < 0.5 ? -1 : 1) * 2 ** (next() * 50 - 30);
    return next() < 0.1 ? Math.round(value) : value;
  };
  const strings = options.nonAscii ? [...ASCII, NON_ASCII] : ASCII;
  const pick = <T>(list: readonly T[]): T => list[int(0, list.length - 1)] as T;
  const randomOp = (): Op => {
    switch (int(0, 13)) {
      case 0: return ['put_8', int(-300, 300)];
      case 1: return ['put_u8', int(0, 600)];
      case 2: return ['put_16', int(-70000, 70000)];
      case 3: return ['put_u16', int(0, 140000)];
      case 4: return ['put_32', int(-(2 ** 33), 2 ** 33)];
      case 5: return ['put_u32', int(0, 2 ** 34)];
      case 6: return ['put_64', big64()];
      case 7: return ['put_u64', big64()];
      case 8: return options.half ? ['put_half', real()] : ['put_float', real()];
      case 9: return ['put_float', real()];
      case 10: return ['put_double', real()];
      case 11: return next() < 0.5 ? ['put_string', pick(strings)] : ['put_utf8_string', pick(UTF8)];
      case 12: return ['put_var', pick(VARIANTS), next() < 0.5];
      default: return ['put_data', Uint8Array.from({ length: int(0, 12) }, () => int(0, 255))];
    }
  };
  const floats = options.half ? ['put_half', 'put_float', 'put_double'] : ['put_float', 'put_double'];
  const edges: Op[] = [
    ...floats.flatMap((name) => SPECIALS.map((v): Op => [name, v])),
    ...(options.nonAscii ? [['put_string', NON_ASCII] as Op] : []),
    ['put_utf8_string', NON_ASCII],
  ];
  return [false, true].flatMap((bigEndian) => [
    ...Array.from({ length: 3 }, (): Sequence => ({ bigEndian, ops: Array.from({ length: 80 }, randomOp), object: false })),
    { bigEndian, ops: edges, object: options.objects },
  ]);
}

/** The sequences as Godot reads them from a file: `[big_endian, [[name, arg, full_objects?]…], object]`. */
export function sequencesForGodot(sequences: readonly Sequence[], format: VariantFormat): Uint8Array {
  return varToBytes(sequences.map((s) => [s.bigEndian, s.ops.map((op) => [...op]), s.object]), { format });
}

export const camel = (name: string): string => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
export const plain = (value: unknown): unknown => (value instanceof Float ? value.value : value);

/** Makes the call `op` names on `buffer`. */
export function applyOp(buffer: StreamPeerBuffer, [name, arg, fullObjects]: Op): void {
  if (name === 'put_var') buffer.putVar(arg, fullObjects);
  else (buffer as unknown as Record<string, (v: unknown) => unknown>)[camel(name)]!(arg);
}

/** Reads back what `op` wrote; u64 as Godot's signed int. */
export function readOp(buffer: StreamPeerBuffer, [name, arg, fullObjects]: Op): unknown {
  if (name === 'put_var') return buffer.getVar(fullObjects);
  if (name === 'put_data') return buffer.getData((arg as Uint8Array).length);
  const value = (buffer as unknown as Record<string, () => unknown>)[camel(name.replace('put_', 'get_'))]!();
  return name === 'put_u64' ? BigInt.asIntN(64, value as bigint) : value;
}

/** Whether a value read by one side equals the other side's (ints as bigints, floats by Object.is, the rest by encoding). */
export function same(op: Op, ours: unknown, godot: unknown): boolean {
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

/** The GDScript that applies a sequence's calls and reads them back (Godot 3 and 4 alike: untyped). */
export const GD_APPLY_AND_READ = `
func _apply(buf, op):
	if op[0] == "put_var":
		buf.put_var(op[1], op[2])
	else:
		buf.call(op[0], op[1])

func _read(buf, op):
	match op[0]:
		"put_var":
			return buf.get_var(op[2])
		"put_data":
			return buf.get_data(op[1].size())
	return buf.call(op[0].replace("put_", "get_"))

func _read_all(buf, s):
	buf.seek(0)
	var values = []
	for op in s[1]:
		values.append(_read(buf, op))
	if s[2]:
		values.append(buf.get_var(true).resource_name)
	return values
`;

/** Godot's buffers (`bytes` lines) are ours byte for byte. */
export function expectSameBytes(run: GodotRun, sequences: readonly Sequence[], ours: readonly StreamPeerBuffer[]): void {
  const bytes = run.taggedBytes('bytes');
  expect(bytes).toHaveLength(sequences.length);
  sequences.forEach((_, i) => expect(hex(ours[i]!.dataArray), `sequence ${i}`).toBe(hex(bytes[i]!)));
}

/**
 * Our getters read Godot's bytes back to the values Godot read (`values` lines), and Godot read
 * ours back to ours (`ours` lines). Returns, per sequence, Godot's buffer with our cursor after
 * the calls and what Godot read from ours, for the rest of a sequence.
 */
export function expectReadBack(
  run: GodotRun, sequences: readonly Sequence[], ours: readonly StreamPeerBuffer[], format: VariantFormat,
): Array<{ theirs: StreamPeerBuffer; godotReadingOurs: Variant[] }> {
  const decode = (b: Uint8Array): Variant[] => bytesToVar(b, { format, allowObjects: true }) as Variant[];
  const godotValues = run.taggedBytes('values').map(decode);
  const godotReadingOurs = run.taggedBytes('ours').map(decode);
  const godotBytes = run.taggedBytes('bytes');
  return sequences.map((sequence, i) => {
    const theirs = new StreamPeerBuffer({ bigEndian: sequence.bigEndian, format });
    theirs.dataArray = godotBytes[i]!;
    const mine = ours[i]!;
    mine.seek(0);
    sequence.ops.forEach((op, j) => {
      const fromGodot = readOp(theirs, op);
      const godot = godotValues[i]![j];
      expect(same(op, fromGodot, godot), `sequence ${i} op ${j} ${op[0]}(${String(op[1])}): ours ${String(fromGodot)}, Godot ${String(godot)}`).toBe(true);
      expect(same(op, readOp(mine, op), godotReadingOurs[i]![j]), `Godot reading our sequence ${i} op ${j} ${op[0]}`).toBe(true);
    });
    return { theirs, godotReadingOurs: godotReadingOurs[i]! };
  });
}
