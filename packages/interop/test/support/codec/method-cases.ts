/**
 * Cases for checking the math types' and Dictionary's methods against Godot: each names a Godot
 * expression over `v` (the receiver) and `a`, `b` (arguments), our implementation of it, and a
 * seeded generator of inputs. The GDScript dispatcher is generated from the same table, so the two
 * sides cannot drift apart.
 *
 * Inputs are 32-bit floats (they travel as such and Godot's single-precision build holds them so),
 * so both sides start from the same values.
 */
import {
  Color, Dictionary, Float, Rect2, StringName, Vector2, Vector2i, Vector3, Vector3i, seededRandom, type Variant,
} from '@pp/core';

export type Rng = () => number;

/** The seeded generator of the cases (core's mulberry32): the same sequence on every run. */
export const seeded: (seed: number) => Rng = seededRandom;

export interface MethodCase {
  name: string;
  /** GDScript: an expression, or statements ending in `return …`, over `v`, `a` and `b`. */
  gd: string;
  ours: (v: never, a: never, b: never) => unknown;
  inputs: (rng: Rng) => [Variant, Variant?, Variant?];
  /** Results compared exactly (ints, booleans, strings, containers) rather than within the float tolerance. */
  exact?: boolean;
}

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)] as T;
const real = (rng: Rng): number => Math.fround((rng() * 2 - 1) * pick(rng, [1, 10, 1000]));
const int = (rng: Rng, range = 1000): number => Math.floor((rng() * 2 - 1) * range);
const nonZeroInt = (rng: Rng, range = 50): number => (int(rng, range) || 1);
/** Multiples of 1/8: sums and products are exact in 32 and 64 bits, so edge cases agree. */
const grid = (rng: Rng): number => int(rng, 400) / 8;
const weight = (rng: Rng): number => Math.fround(rng() * 2 - 0.5);
const angle = (rng: Rng): number => Math.fround((rng() * 2 - 1) * 7);

const v2 = (rng: Rng): Vector2 => new Vector2(real(rng), real(rng));
const v3 = (rng: Rng): Vector3 => new Vector3(real(rng), real(rng), real(rng));
const v2i = (rng: Rng): Vector2i => new Vector2i(int(rng), int(rng));
const v3i = (rng: Rng): Vector3i => new Vector3i(int(rng), int(rng), int(rng));
const unit3 = (rng: Rng): Vector3 => {
  const n = v3(rng).normalized();
  return new Vector3(Math.fround(n.x), Math.fround(n.y), Math.fround(n.z));
};
const unit2 = (rng: Rng): Vector2 => {
  const n = v2(rng).normalized();
  return new Vector2(Math.fround(n.x), Math.fround(n.y));
};
/** A vector that is sometimes a tiny step away from `v` (is_equal_approx's interesting cases). */
const near2 = (rng: Rng, v: Vector2): Vector2 => {
  const scale = pick(rng, [0, 1e-7, 1e-3]);
  return new Vector2(Math.fround(v.x * (1 + scale)), Math.fround(v.y - scale));
};
const near3 = (rng: Rng, v: Vector3): Vector3 => {
  const scale = pick(rng, [0, 1e-7, 1e-3]);
  return new Vector3(Math.fround(v.x * (1 + scale)), Math.fround(v.y - scale), v.z);
};
const gridRect = (rng: Rng): Rect2 => Rect2.of(grid(rng), grid(rng), Math.abs(grid(rng)), Math.abs(grid(rng)));
const gridPoint = (rng: Rng, r: Rect2): Vector2 =>
  pick(rng, [new Vector2(grid(rng), grid(rng)), r.position, r.end, new Vector2(r.position.x, r.end.y), r.getCenter()]);

type V2 = Vector2;
type V3 = Vector3;

const VECTOR2: MethodCase[] = [
  { name: 'Vector2.length', gd: 'v.length()', ours: (v: V2) => v.length(), inputs: (r) => [v2(r)] },
  { name: 'Vector2.lengthSquared', gd: 'v.length_squared()', ours: (v: V2) => v.lengthSquared(), inputs: (r) => [v2(r)] },
  { name: 'Vector2.normalized', gd: 'v.normalized()', ours: (v: V2) => v.normalized(), inputs: (r) => [pick(r, [v2(r), v2(r), new Vector2()])] },
  { name: 'Vector2.isNormalized', gd: 'v.is_normalized()', ours: (v: V2) => v.isNormalized(), inputs: (r) => [pick(r, [v2(r), unit2(r)])], exact: true },
  { name: 'Vector2.dot', gd: 'v.dot(a)', ours: (v: V2, a: V2) => v.dot(a), inputs: (r) => [v2(r), v2(r)] },
  { name: 'Vector2.cross', gd: 'v.cross(a)', ours: (v: V2, a: V2) => v.cross(a), inputs: (r) => [v2(r), v2(r)] },
  { name: 'Vector2.distanceTo', gd: 'v.distance_to(a)', ours: (v: V2, a: V2) => v.distanceTo(a), inputs: (r) => [v2(r), v2(r)] },
  { name: 'Vector2.distanceSquaredTo', gd: 'v.distance_squared_to(a)', ours: (v: V2, a: V2) => v.distanceSquaredTo(a), inputs: (r) => [v2(r), v2(r)] },
  { name: 'Vector2.directionTo', gd: 'v.direction_to(a)', ours: (v: V2, a: V2) => v.directionTo(a), inputs: (r) => [v2(r), v2(r)] },
  { name: 'Vector2.angle', gd: 'v.angle()', ours: (v: V2) => v.angle(), inputs: (r) => [v2(r)] },
  { name: 'Vector2.angleTo', gd: 'v.angle_to(a)', ours: (v: V2, a: V2) => v.angleTo(a), inputs: (r) => [v2(r), v2(r)] },
  { name: 'Vector2.angleToPoint', gd: 'v.angle_to_point(a)', ours: (v: V2, a: V2) => v.angleToPoint(a), inputs: (r) => [v2(r), v2(r)] },
  { name: 'Vector2.fromAngle', gd: 'Vector2.from_angle(a)', ours: (_v: null, a: number) => Vector2.fromAngle(a), inputs: (r) => [null, new Float(angle(r))] },
  { name: 'Vector2.lerp', gd: 'v.lerp(a, b)', ours: (v: V2, a: V2, b: Float) => v.lerp(a, b.value), inputs: (r) => [v2(r), v2(r), new Float(weight(r))] },
  { name: 'Vector2.rotated', gd: 'v.rotated(a)', ours: (v: V2, a: Float) => v.rotated(a.value), inputs: (r) => [v2(r), new Float(angle(r))] },
  { name: 'Vector2.limitLength', gd: 'v.limit_length(a)', ours: (v: V2, a: Float) => v.limitLength(a.value), inputs: (r) => [v2(r), new Float(Math.abs(real(r)))] },
  { name: 'Vector2.moveToward', gd: 'v.move_toward(a, b)', ours: (v: V2, a: V2, b: Float) => v.moveToward(a, b.value), inputs: (r) => [v2(r), v2(r), new Float(Math.abs(real(r)))] },
  { name: 'Vector2.project', gd: 'v.project(a)', ours: (v: V2, a: V2) => v.project(a), inputs: (r) => [v2(r), v2(r)] },
  { name: 'Vector2.reflect', gd: 'v.reflect(a)', ours: (v: V2, a: V2) => v.reflect(a), inputs: (r) => [v2(r), unit2(r)] },
  { name: 'Vector2.bounce', gd: 'v.bounce(a)', ours: (v: V2, a: V2) => v.bounce(a), inputs: (r) => [v2(r), unit2(r)] },
  { name: 'Vector2.slide', gd: 'v.slide(a)', ours: (v: V2, a: V2) => v.slide(a), inputs: (r) => [v2(r), unit2(r)] },
  { name: 'Vector2.orthogonal', gd: 'v.orthogonal()', ours: (v: V2) => v.orthogonal(), inputs: (r) => [v2(r)] },
  { name: 'Vector2.aspect', gd: 'v.aspect()', ours: (v: V2) => v.aspect(), inputs: (r) => [v2(r)] },
  { name: 'Vector2.isEqualApprox', gd: 'v.is_equal_approx(a)', ours: (v: V2, a: V2) => v.isEqualApprox(a), inputs: (r) => { const v = v2(r); return [v, near2(r, v)]; }, exact: true },
  { name: 'Vector2.isZeroApprox', gd: 'v.is_zero_approx()', ours: (v: V2) => v.isZeroApprox(), inputs: (r) => [pick(r, [v2(r), new Vector2(1e-6, -1e-6), new Vector2(1e-4, 0)])], exact: true },
  { name: 'Vector2.abs', gd: 'v.abs()', ours: (v: V2) => v.abs(), inputs: (r) => [v2(r)] },
  { name: 'Vector2.sign', gd: 'v.sign()', ours: (v: V2) => v.sign(), inputs: (r) => [pick(r, [v2(r), new Vector2(0, -0)])] },
  { name: 'Vector2.floor', gd: 'v.floor()', ours: (v: V2) => v.floor(), inputs: (r) => [v2(r)] },
  { name: 'Vector2.ceil', gd: 'v.ceil()', ours: (v: V2) => v.ceil(), inputs: (r) => [v2(r)] },
  { name: 'Vector2.round', gd: 'v.round()', ours: (v: V2) => v.round(), inputs: (r) => [pick(r, [v2(r), new Vector2(-2.5, 2.5), new Vector2(-0.5, 0.5)])] },
  { name: 'Vector2.snapped', gd: 'v.snapped(a)', ours: (v: V2, a: V2) => v.snapped(a), inputs: (r) => [v2(r), new Vector2(Math.abs(grid(r)), pick(r, [0, 0.25, 3]))] },
  { name: 'Vector2.clamp', gd: 'v.clamp(a, b)', ours: (v: V2, a: V2, b: V2) => v.clamp(a, b), inputs: (r) => { const a = v2(r); return [v2(r), a, a.add(v2(r).abs())]; } },
  { name: 'Vector2.min', gd: 'v.min(a)', ours: (v: V2, a: V2) => v.min(a), inputs: (r) => [v2(r), v2(r)] },
  { name: 'Vector2.max', gd: 'v.max(a)', ours: (v: V2, a: V2) => v.max(a), inputs: (r) => [v2(r), v2(r)] },
  { name: 'Vector2.add', gd: 'v + a', ours: (v: V2, a: V2) => v.add(a), inputs: (r) => [v2(r), v2(r)] },
  { name: 'Vector2.sub', gd: 'v - a', ours: (v: V2, a: V2) => v.sub(a), inputs: (r) => [v2(r), v2(r)] },
  { name: 'Vector2.mul', gd: 'v * a', ours: (v: V2, a: V2) => v.mul(a), inputs: (r) => [v2(r), v2(r)] },
  { name: 'Vector2.mul (scalar)', gd: 'v * a', ours: (v: V2, a: Float) => v.mul(a.value), inputs: (r) => [v2(r), new Float(real(r))] },
  { name: 'Vector2.div', gd: 'v / a', ours: (v: V2, a: V2) => v.div(a), inputs: (r) => [v2(r), v2(r)] },
  { name: 'Vector2.div (scalar)', gd: 'v / a', ours: (v: V2, a: Float) => v.div(a.value), inputs: (r) => [v2(r), new Float(real(r))] },
  { name: 'Vector2.neg', gd: '-v', ours: (v: V2) => v.neg(), inputs: (r) => [v2(r)] },
];

const VECTOR3: MethodCase[] = [
  { name: 'Vector3.length', gd: 'v.length()', ours: (v: V3) => v.length(), inputs: (r) => [v3(r)] },
  { name: 'Vector3.lengthSquared', gd: 'v.length_squared()', ours: (v: V3) => v.lengthSquared(), inputs: (r) => [v3(r)] },
  { name: 'Vector3.normalized', gd: 'v.normalized()', ours: (v: V3) => v.normalized(), inputs: (r) => [pick(r, [v3(r), v3(r), new Vector3()])] },
  { name: 'Vector3.isNormalized', gd: 'v.is_normalized()', ours: (v: V3) => v.isNormalized(), inputs: (r) => [pick(r, [v3(r), unit3(r)])], exact: true },
  { name: 'Vector3.dot', gd: 'v.dot(a)', ours: (v: V3, a: V3) => v.dot(a), inputs: (r) => [v3(r), v3(r)] },
  { name: 'Vector3.cross', gd: 'v.cross(a)', ours: (v: V3, a: V3) => v.cross(a), inputs: (r) => [v3(r), v3(r)] },
  { name: 'Vector3.distanceTo', gd: 'v.distance_to(a)', ours: (v: V3, a: V3) => v.distanceTo(a), inputs: (r) => [v3(r), v3(r)] },
  { name: 'Vector3.distanceSquaredTo', gd: 'v.distance_squared_to(a)', ours: (v: V3, a: V3) => v.distanceSquaredTo(a), inputs: (r) => [v3(r), v3(r)] },
  { name: 'Vector3.directionTo', gd: 'v.direction_to(a)', ours: (v: V3, a: V3) => v.directionTo(a), inputs: (r) => [v3(r), v3(r)] },
  { name: 'Vector3.angleTo', gd: 'v.angle_to(a)', ours: (v: V3, a: V3) => v.angleTo(a), inputs: (r) => [v3(r), v3(r)] },
  { name: 'Vector3.signedAngleTo', gd: 'v.signed_angle_to(a, b)', ours: (v: V3, a: V3, b: V3) => v.signedAngleTo(a, b), inputs: (r) => [v3(r), v3(r), unit3(r)] },
  { name: 'Vector3.lerp', gd: 'v.lerp(a, b)', ours: (v: V3, a: V3, b: Float) => v.lerp(a, b.value), inputs: (r) => [v3(r), v3(r), new Float(weight(r))] },
  { name: 'Vector3.rotated', gd: 'v.rotated(a, b)', ours: (v: V3, a: V3, b: Float) => v.rotated(a, b.value), inputs: (r) => [v3(r), unit3(r), new Float(angle(r))] },
  { name: 'Vector3.limitLength', gd: 'v.limit_length(a)', ours: (v: V3, a: Float) => v.limitLength(a.value), inputs: (r) => [v3(r), new Float(Math.abs(real(r)))] },
  { name: 'Vector3.moveToward', gd: 'v.move_toward(a, b)', ours: (v: V3, a: V3, b: Float) => v.moveToward(a, b.value), inputs: (r) => [v3(r), v3(r), new Float(Math.abs(real(r)))] },
  { name: 'Vector3.project', gd: 'v.project(a)', ours: (v: V3, a: V3) => v.project(a), inputs: (r) => [v3(r), v3(r)] },
  { name: 'Vector3.reflect', gd: 'v.reflect(a)', ours: (v: V3, a: V3) => v.reflect(a), inputs: (r) => [v3(r), unit3(r)] },
  { name: 'Vector3.bounce', gd: 'v.bounce(a)', ours: (v: V3, a: V3) => v.bounce(a), inputs: (r) => [v3(r), unit3(r)] },
  { name: 'Vector3.slide', gd: 'v.slide(a)', ours: (v: V3, a: V3) => v.slide(a), inputs: (r) => [v3(r), unit3(r)] },
  { name: 'Vector3.isEqualApprox', gd: 'v.is_equal_approx(a)', ours: (v: V3, a: V3) => v.isEqualApprox(a), inputs: (r) => { const v = v3(r); return [v, near3(r, v)]; }, exact: true },
  { name: 'Vector3.abs', gd: 'v.abs()', ours: (v: V3) => v.abs(), inputs: (r) => [v3(r)] },
  { name: 'Vector3.sign', gd: 'v.sign()', ours: (v: V3) => v.sign(), inputs: (r) => [v3(r)] },
  { name: 'Vector3.floor', gd: 'v.floor()', ours: (v: V3) => v.floor(), inputs: (r) => [v3(r)] },
  { name: 'Vector3.round', gd: 'v.round()', ours: (v: V3) => v.round(), inputs: (r) => [pick(r, [v3(r), new Vector3(-2.5, 2.5, -0.5)])] },
  { name: 'Vector3.snapped', gd: 'v.snapped(a)', ours: (v: V3, a: V3) => v.snapped(a), inputs: (r) => [v3(r), new Vector3(Math.abs(grid(r)), 0.25, 0)] },
  { name: 'Vector3.clamp', gd: 'v.clamp(a, b)', ours: (v: V3, a: V3, b: V3) => v.clamp(a, b), inputs: (r) => { const a = v3(r); return [v3(r), a, a.add(v3(r).abs())]; } },
  { name: 'Vector3.min', gd: 'v.min(a)', ours: (v: V3, a: V3) => v.min(a), inputs: (r) => [v3(r), v3(r)] },
  { name: 'Vector3.add', gd: 'v + a', ours: (v: V3, a: V3) => v.add(a), inputs: (r) => [v3(r), v3(r)] },
  { name: 'Vector3.sub', gd: 'v - a', ours: (v: V3, a: V3) => v.sub(a), inputs: (r) => [v3(r), v3(r)] },
  { name: 'Vector3.mul (scalar)', gd: 'v * a', ours: (v: V3, a: Float) => v.mul(a.value), inputs: (r) => [v3(r), new Float(real(r))] },
  { name: 'Vector3.div', gd: 'v / a', ours: (v: V3, a: V3) => v.div(a), inputs: (r) => [v3(r), v3(r)] },
  { name: 'Vector3.neg', gd: '-v', ours: (v: V3) => v.neg(), inputs: (r) => [v3(r)] },
];

type V2i = Vector2i;
type V3i = Vector3i;

const INT_VECTORS: MethodCase[] = [
  { name: 'Vector2i.length', gd: 'v.length()', ours: (v: V2i) => v.length(), inputs: (r) => [v2i(r)] },
  { name: 'Vector2i.lengthSquared', gd: 'v.length_squared()', ours: (v: V2i) => v.lengthSquared(), inputs: (r) => [v2i(r)], exact: true },
  { name: 'Vector2i.distanceTo', gd: 'v.distance_to(a)', ours: (v: V2i, a: V2i) => v.distanceTo(a), inputs: (r) => [v2i(r), v2i(r)] },
  { name: 'Vector2i.distanceSquaredTo', gd: 'v.distance_squared_to(a)', ours: (v: V2i, a: V2i) => v.distanceSquaredTo(a), inputs: (r) => [v2i(r), v2i(r)], exact: true },
  { name: 'Vector2i.aspect', gd: 'v.aspect()', ours: (v: V2i) => v.aspect(), inputs: (r) => [new Vector2i(int(r), nonZeroInt(r))] },
  { name: 'Vector2i.abs', gd: 'v.abs()', ours: (v: V2i) => v.abs(), inputs: (r) => [v2i(r)], exact: true },
  { name: 'Vector2i.sign', gd: 'v.sign()', ours: (v: V2i) => v.sign(), inputs: (r) => [pick(r, [v2i(r), new Vector2i(0, -3)])], exact: true },
  { name: 'Vector2i.snapped', gd: 'v.snapped(a)', ours: (v: V2i, a: V2i) => v.snapped(a), inputs: (r) => [v2i(r), new Vector2i(Math.abs(int(r, 20)), pick(r, [0, 3, 7]))], exact: true },
  { name: 'Vector2i.clamp', gd: 'v.clamp(a, b)', ours: (v: V2i, a: V2i, b: V2i) => v.clamp(a, b), inputs: (r) => { const a = v2i(r); return [v2i(r), a, a.add(v2i(r).abs())]; }, exact: true },
  { name: 'Vector2i.min', gd: 'v.min(a)', ours: (v: V2i, a: V2i) => v.min(a), inputs: (r) => [v2i(r), v2i(r)], exact: true },
  { name: 'Vector2i.max', gd: 'v.max(a)', ours: (v: V2i, a: V2i) => v.max(a), inputs: (r) => [v2i(r), v2i(r)], exact: true },
  { name: 'Vector2i.add', gd: 'v + a', ours: (v: V2i, a: V2i) => v.add(a), inputs: (r) => [v2i(r), pick(r, [v2i(r), new Vector2i(2147483647, -2147483648)])], exact: true },
  { name: 'Vector2i.sub', gd: 'v - a', ours: (v: V2i, a: V2i) => v.sub(a), inputs: (r) => [v2i(r), v2i(r)], exact: true },
  { name: 'Vector2i.mul', gd: 'v * a', ours: (v: V2i, a: V2i) => v.mul(a), inputs: (r) => [pick(r, [v2i(r), new Vector2i(65536, 46341)]), v2i(r)], exact: true },
  { name: 'Vector2i.div', gd: 'v / a', ours: (v: V2i, a: V2i) => v.div(a), inputs: (r) => [v2i(r), new Vector2i(nonZeroInt(r), nonZeroInt(r))], exact: true },
  { name: 'Vector2i.mod', gd: 'v % a', ours: (v: V2i, a: V2i) => v.mod(a), inputs: (r) => [v2i(r), new Vector2i(nonZeroInt(r), nonZeroInt(r))], exact: true },
  { name: 'Vector2i.neg', gd: '-v', ours: (v: V2i) => v.neg(), inputs: (r) => [v2i(r)], exact: true },
  { name: 'Vector3i.length', gd: 'v.length()', ours: (v: V3i) => v.length(), inputs: (r) => [v3i(r)] },
  { name: 'Vector3i.lengthSquared', gd: 'v.length_squared()', ours: (v: V3i) => v.lengthSquared(), inputs: (r) => [v3i(r)], exact: true },
  { name: 'Vector3i.distanceTo', gd: 'v.distance_to(a)', ours: (v: V3i, a: V3i) => v.distanceTo(a), inputs: (r) => [v3i(r), v3i(r)] },
  { name: 'Vector3i.distanceSquaredTo', gd: 'v.distance_squared_to(a)', ours: (v: V3i, a: V3i) => v.distanceSquaredTo(a), inputs: (r) => [v3i(r), v3i(r)], exact: true },
  { name: 'Vector3i.abs', gd: 'v.abs()', ours: (v: V3i) => v.abs(), inputs: (r) => [v3i(r)], exact: true },
  { name: 'Vector3i.sign', gd: 'v.sign()', ours: (v: V3i) => v.sign(), inputs: (r) => [v3i(r)], exact: true },
  { name: 'Vector3i.snapped', gd: 'v.snapped(a)', ours: (v: V3i, a: V3i) => v.snapped(a), inputs: (r) => [v3i(r), new Vector3i(Math.abs(int(r, 20)), 0, 5)], exact: true },
  { name: 'Vector3i.clamp', gd: 'v.clamp(a, b)', ours: (v: V3i, a: V3i, b: V3i) => v.clamp(a, b), inputs: (r) => { const a = v3i(r); return [v3i(r), a, a.add(v3i(r).abs())]; }, exact: true },
  { name: 'Vector3i.add', gd: 'v + a', ours: (v: V3i, a: V3i) => v.add(a), inputs: (r) => [v3i(r), v3i(r)], exact: true },
  { name: 'Vector3i.mul (scalar)', gd: 'v * a', ours: (v: V3i, a: number) => v.mul(a), inputs: (r) => [v3i(r), int(r, 100)], exact: true },
  { name: 'Vector3i.div', gd: 'v / a', ours: (v: V3i, a: V3i) => v.div(a), inputs: (r) => [v3i(r), new Vector3i(nonZeroInt(r), nonZeroInt(r), nonZeroInt(r))], exact: true },
  { name: 'Vector3i.mod', gd: 'v % a', ours: (v: V3i, a: V3i) => v.mod(a), inputs: (r) => [v3i(r), new Vector3i(nonZeroInt(r), nonZeroInt(r), nonZeroInt(r))], exact: true },
];

const RECT2: MethodCase[] = [
  { name: 'Rect2.hasPoint', gd: 'v.has_point(a)', ours: (v: Rect2, a: V2) => v.hasPoint(a), inputs: (r) => { const v = gridRect(r); return [v, gridPoint(r, v)]; }, exact: true },
  { name: 'Rect2.intersects', gd: 'v.intersects(a)', ours: (v: Rect2, a: Rect2) => v.intersects(a), inputs: (r) => { const v = gridRect(r); return [v, pick(r, [gridRect(r), Rect2.of(v.end.x, v.position.y, 3, 3)])]; }, exact: true },
  { name: 'Rect2.intersects (borders)', gd: 'v.intersects(a, true)', ours: (v: Rect2, a: Rect2) => v.intersects(a, true), inputs: (r) => { const v = gridRect(r); return [v, pick(r, [gridRect(r), Rect2.of(v.end.x, v.position.y, 3, 3)])]; }, exact: true },
  { name: 'Rect2.encloses', gd: 'v.encloses(a)', ours: (v: Rect2, a: Rect2) => v.encloses(a), inputs: (r) => { const v = gridRect(r); return [v, pick(r, [gridRect(r), v.grow(-0.5), v])]; }, exact: true },
  { name: 'Rect2.intersection', gd: 'v.intersection(a)', ours: (v: Rect2, a: Rect2) => v.intersection(a), inputs: (r) => [gridRect(r), gridRect(r)] },
  { name: 'Rect2.merge', gd: 'v.merge(a)', ours: (v: Rect2, a: Rect2) => v.merge(a), inputs: (r) => [gridRect(r), gridRect(r)] },
  { name: 'Rect2.grow', gd: 'v.grow(a)', ours: (v: Rect2, a: Float) => v.grow(a.value), inputs: (r) => [gridRect(r), new Float(grid(r))] },
  { name: 'Rect2.expand', gd: 'v.expand(a)', ours: (v: Rect2, a: V2) => v.expand(a), inputs: (r) => [gridRect(r), new Vector2(grid(r), grid(r))] },
  { name: 'Rect2.abs', gd: 'v.abs()', ours: (v: Rect2) => v.abs(), inputs: (r) => [Rect2.of(grid(r), grid(r), grid(r), grid(r))] },
  { name: 'Rect2.end', gd: 'v.end', ours: (v: Rect2) => v.end, inputs: (r) => [new Rect2(v2(r), v2(r))] },
  { name: 'Rect2.getArea', gd: 'v.get_area()', ours: (v: Rect2) => v.getArea(), inputs: (r) => [new Rect2(v2(r), v2(r))] },
  { name: 'Rect2.getCenter', gd: 'v.get_center()', ours: (v: Rect2) => v.getCenter(), inputs: (r) => [new Rect2(v2(r), v2(r))] },
  { name: 'Rect2.hasArea', gd: 'v.has_area()', ours: (v: Rect2) => v.hasArea(), inputs: (r) => [Rect2.of(0, 0, grid(r), grid(r))], exact: true },
];

const hexDigits = '0123456789abcdefABCDEF';
const hexCode = (rng: Rng, length: number): string => Array.from({ length }, () => pick(rng, [...hexDigits])).join('');

const COLOR: MethodCase[] = [
  { name: 'Color.toHtml', gd: 'v.to_html()', ours: (v: Color) => v.toHtml(), inputs: (r) => [new Color(Math.fround(r()), Math.fround(r()), Math.fround(r() * 1.2 - 0.1), Math.fround(r()))], exact: true },
  { name: 'Color.toHtml (no alpha)', gd: 'v.to_html(false)', ours: (v: Color) => v.toHtml(false), inputs: (r) => [new Color(pick(r, [0.5, 1 / 510, 3 / 510]), Math.fround(r()), Math.fround(r()), 1)], exact: true },
  {
    name: 'Color.html',
    gd: 'Color.html(a)',
    ours: (_v: null, a: string) => Color.html(a),
    inputs: (r) => [null, pick(r, ['#', '']) + hexCode(r, pick(r, [3, 4, 6, 8]))],
    exact: true,
  },
  { name: 'Color.htmlIsValid', gd: 'Color.html_is_valid(a)', ours: (_v: null, a: string) => Color.htmlIsValid(a), inputs: (r) => [null, pick(r, ['#', '']) + hexCode(r, pick(r, [2, 3, 5, 6])) + pick(r, ['', 'g', 'Z'])], exact: true },
  { name: 'Color.lerp', gd: 'v.lerp(a, b)', ours: (v: Color, a: Color, b: Float) => v.lerp(a, b.value), inputs: (r) => [new Color(Math.fround(r()), 0.5, 0, 1), new Color(0, Math.fround(r()), 1, 0.5), new Float(weight(r))] },
  { name: 'Color.inverted', gd: 'v.inverted()', ours: (v: Color) => v.inverted(), inputs: (r) => [new Color(Math.fround(r()), Math.fround(r()), Math.fround(r()), Math.fround(r()))] },
];

/** Dictionaries of a few entries with keys that test Godot's key identity. */
const KEYS: Variant[] = ['a', 'b', new StringName('a'), 1, new Float(1), 2, new Float(0.5), [1, 'x'], new Vector2(1, 2), new Vector2i(1, 2), null, true];
const dict = (rng: Rng): Dictionary => {
  const d = new Dictionary();
  const n = Math.floor(rng() * 5);
  for (let i = 0; i < n; i++) d.set(pick(rng, KEYS), pick(rng, [i, 'v' + i, new Float(i), [i]]));
  return d;
};
type D = Dictionary;

/** Dictionaries whose values print the same in Godot's `str()` and our `toString()`. */
const PRINTABLE: Variant[] = ['a', 'q"uote', 'é', new StringName('n'), 7, -3, new Float(2), new Float(0.5), true, null, [1, 'x']];
const printable = (rng: Rng): Dictionary => {
  const d = new Dictionary();
  const n = Math.floor(rng() * 4);
  for (let i = 0; i < n; i++) d.set(pick(rng, PRINTABLE), pick(rng, [...PRINTABLE, new Dictionary([['in', 1]])]));
  return d;
};

const DICTIONARY: MethodCase[] = [
  { name: 'Dictionary.has', gd: 'v.has(a)', ours: (v: D, a: Variant) => v.has(a), inputs: (r) => [dict(r), pick(r, KEYS)], exact: true },
  { name: 'Dictionary.get', gd: 'v.get(a, "missing")', ours: (v: D, a: Variant) => v.get(a, 'missing'), inputs: (r) => [dict(r), pick(r, KEYS)], exact: true },
  { name: 'Dictionary.hasAll', gd: 'v.has_all(a)', ours: (v: D, a: Variant[]) => v.hasAll(a), inputs: (r) => [dict(r), [pick(r, KEYS), pick(r, KEYS)]], exact: true },
  { name: 'Dictionary.erase', gd: 'var d: Dictionary = v.duplicate()\n\t\t\tvar removed := d.erase(a)\n\t\t\treturn [removed, d]', ours: (v: D, a: Variant) => { const d = v.duplicate(); return [d.erase(a), d]; }, inputs: (r) => [dict(r), pick(r, KEYS)], exact: true },
  { name: 'Dictionary.merge', gd: 'var d: Dictionary = v.duplicate()\n\t\t\td.merge(a, b)\n\t\t\treturn d', ours: (v: D, a: D, b: boolean) => { const d = v.duplicate(); d.merge(a, b); return d; }, inputs: (r) => [dict(r), dict(r), r() < 0.5], exact: true },
  { name: 'Dictionary.merged', gd: 'v.merged(a, b)', ours: (v: D, a: D, b: boolean) => v.merged(a, b), inputs: (r) => [dict(r), dict(r), r() < 0.5], exact: true },
  { name: 'Dictionary.keys', gd: 'v.keys()', ours: (v: D) => v.keys(), inputs: (r) => [dict(r)], exact: true },
  { name: 'Dictionary.values', gd: 'v.values()', ours: (v: D) => v.values(), inputs: (r) => [dict(r)], exact: true },
  { name: 'Dictionary.size', gd: 'v.size()', ours: (v: D) => v.size, inputs: (r) => [dict(r)], exact: true },
  { name: 'Dictionary.isEmpty', gd: 'v.is_empty()', ours: (v: D) => v.isEmpty(), inputs: (r) => [dict(r)], exact: true },
  { name: 'Dictionary.duplicate', gd: 'v.duplicate(true)', ours: (v: D) => v.duplicate(true), inputs: (r) => [dict(r)], exact: true },
  { name: 'Dictionary.toString', gd: 'str(v)', ours: (v: D) => v.toString(), inputs: (r) => [printable(r)], exact: true },
];

export const METHOD_CASES: readonly MethodCase[] = [...VECTOR2, ...VECTOR3, ...INT_VECTORS, ...RECT2, ...COLOR, ...DICTIONARY];

/** The GDScript dispatcher: `pp_call(op, v, a, b)` evaluates case `op`'s expression. */
export function gdDispatcher(cases: readonly MethodCase[]): string {
  const branches = cases.map((c, op) => {
    const body = c.gd.includes('return ') ? c.gd : `return ${c.gd}`;
    return `\t\t${op}:\n\t\t\t${body}`;
  });
  return `func pp_call(op: int, v: Variant, a: Variant, b: Variant) -> Variant:\n\tmatch op:\n${branches.join('\n')}\n\treturn null\n`;
}
