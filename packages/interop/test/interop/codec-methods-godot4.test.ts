/**
 * The math types' and Dictionary's methods judged by Godot 4.6: seeded random inputs, each
 * evaluated by Godot and by us. Godot's single-precision build computes real-valued results in
 * 32-bit floats and we compute in 64-bit, so real results must agree within 2e-6 × (1 + the
 * largest magnitude among operands and result), about sixteen 32-bit ulps; everything else (ints,
 * booleans, strings, Colors from hex, containers) must be identical.
 */
import {
  Color, Dictionary, Float, Rect2, Vector2, Vector2i, Vector3, Vector3i, bytesToVar, varToBytes, type Variant, type VariantLike,
} from '@pp/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runGodot4 } from '../../src/index.js';
import { describeWithGodot4 } from '../../src/vitest.js';
import { METHOD_CASES, gdDispatcher, seeded } from '../support/codec/method-cases.js';

const PER_METHOD = 40;
const SEED = 15;

interface Case {
  op: number;
  inputs: [Variant, Variant?, Variant?];
}

const rng = seeded(SEED);
const cases: Case[] = METHOD_CASES.flatMap((c, op) => Array.from({ length: PER_METHOD }, () => ({ op, inputs: c.inputs(rng) })));

/** Every real number in a value, for the tolerance's scale. */
function reals(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (value instanceof Float) return [value.value];
  if (value instanceof Vector2 || value instanceof Vector2i) return [value.x, value.y];
  if (value instanceof Vector3 || value instanceof Vector3i) return [value.x, value.y, value.z];
  if (value instanceof Rect2) return [...reals(value.position), ...reals(value.size)];
  if (value instanceof Color) return [value.r, value.g, value.b, value.a];
  return [];
}

function close(ours: number, godot: number, scale: number): boolean {
  if (Number.isNaN(godot)) return Number.isNaN(ours);
  if (!Number.isFinite(godot)) return ours === godot;
  return Math.abs(ours - godot) <= 2e-6 * (1 + Math.max(scale, Math.abs(godot)));
}

/** Where our result differs from Godot's, or null. */
function difference(ours: unknown, godot: unknown, exact: boolean, scale: number): string | null {
  if (exact) {
    const a = Buffer.from(varToBytes(ours as VariantLike)).toString('hex');
    const b = Buffer.from(varToBytes(godot as VariantLike)).toString('hex');
    return a === b ? null : `ours ${String(ours)} vs Godot's ${String(godot)}`;
  }
  const x = reals(ours);
  const y = reals(godot);
  // A float result is a number on our side and a number or (integral) Float on Godot's.
  const scalar = (value: unknown): boolean => typeof value === 'number' || value instanceof Float;
  const sameKind = scalar(ours) ? scalar(godot) : ours !== null && godot !== null && (ours as object).constructor === (godot as object).constructor;
  if (!sameKind || x.length !== y.length || x.length === 0) return `ours ${String(ours)} vs Godot's ${String(godot)}`;
  return x.every((c, i) => close(c, y[i] as number, scale)) ? null : `ours ${String(ours)} vs Godot's ${String(godot)}`;
}

describeWithGodot4("the math types' and Dictionary's methods against Godot 4.6", () => {
  let results: Variant[];

  beforeAll(async () => {
    const run = await runGodot4({
      script: `extends Node
${gdDispatcher(METHOD_CASES)}
func _ready():
	var cases: Array = bytes_to_var(pp_read_bytes("res://cases.bin"))
	for c in cases:
		pp_emit_var("r", pp_call(c[0], c[1], c[2], c[3]))
	pp_done()
`,
      files: { 'cases.bin': varToBytes(cases.map((c) => [c.op, c.inputs[0] ?? null, c.inputs[1] ?? null, c.inputs[2] ?? null])) },
      timeoutMs: 120_000,
    });
    results = run.taggedBytes('r').map((b) => bytesToVar(b));
  }, 150_000);

  it(`evaluates ${METHOD_CASES.length} methods on ${PER_METHOD} seeded inputs each`, () => {
    expect(results).toHaveLength(cases.length);
  });

  describe.each(METHOD_CASES.map((c, op) => [c.name, op] as const))('%s', (_name, op) => {
    it('gives Godot’s results', () => {
      const spec = METHOD_CASES[op];
      if (spec === undefined) throw new Error('no such case');
      const problems: string[] = [];
      cases.forEach((c, i) => {
        if (c.op !== op) return;
        const [v, a, b] = c.inputs;
        const ours = (spec.ours as (v: unknown, a: unknown, b: unknown) => unknown)(v, a, b);
        const scale = Math.max(0, ...[v, a, b, ours].flatMap(reals).map(Math.abs).filter(Number.isFinite));
        const d = difference(ours, results[i], spec.exact === true, scale);
        if (d !== null) problems.push(`${String(v)} ${String(a ?? '')} ${String(b ?? '')}: ${d}`);
      });
      expect(problems.slice(0, 5)).toEqual([]);
    });
  });

  it('Dictionary results compare as Dictionaries (the byte comparison above sees order and types)', () => {
    const d = results.find((r) => r instanceof Dictionary);
    expect(d).toBeInstanceOf(Dictionary);
  });
});
