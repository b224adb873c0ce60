/**
 * Godot's math value types. Fields are public and mutable like Godot's; real-valued components
 * are JavaScript numbers and are rounded to 32-bit floats on the wire unless the encoder is told
 * to emulate a double-precision Godot build. Integer vectors are wrapped to int32 on the wire.
 *
 * The methods are Godot's (camelCase), and return new values. Real-valued ones compute in
 * double precision, where Godot's default single-precision build computes in 32-bit floats:
 * results agree to about 1e-6 relative to the operands' size (checked against Godot 4.6 on
 * seeded random inputs); integer vectors and Color's hex forms agree exactly.
 */
import {
  CMP_EPSILON, UNIT_EPSILON, clamp, int32, intDivide, intModulo, isEqualApprox, isZeroApprox, lerp, max,
  min, round, sign, snapped, snappedInt,
} from './math-funcs.js';
import { formatFloat } from './numbers.js';

const f = formatFloat;

/** Godot's `Vector2`: two real components (32-bit floats on the wire unless the encoder emulates a double-precision build), with Godot's vector methods. */
export class Vector2 {
  constructor(
    /** The X component. */
    public x = 0,
    /** The Y component. */
    public y = 0,
  ) {}

  /** `Vector2.from_angle`: the unit vector at `angle` radians. */
  static fromAngle(angle: number): Vector2 {
    return new Vector2(Math.cos(angle), Math.sin(angle));
  }

  /** `length`: the length (magnitude). */
  length(): number {
    return Math.sqrt(this.x * this.x + this.y * this.y);
  }
  /** `length_squared`: the squared length, cheaper than `length` for comparisons. */
  lengthSquared(): number {
    return this.x * this.x + this.y * this.y;
  }
  /** The vector scaled to length 1 (the zero vector stays zero). */
  normalized(): Vector2 {
    const l = this.x * this.x + this.y * this.y;
    if (l === 0) return new Vector2(this.x, this.y);
    const s = Math.sqrt(l);
    return new Vector2(this.x / s, this.y / s);
  }
  /** `is_normalized`: whether the length is 1, within Godot's `UNIT_EPSILON` (0.001) on the squared length. */
  isNormalized(): boolean {
    return isEqualApprox(this.lengthSquared(), 1, UNIT_EPSILON);
  }
  /** `dot`: the dot product. */
  dot(other: Vector2): number {
    return this.x * other.x + this.y * other.y;
  }
  /** The 2D cross product (a scalar): `x * other.y - y * other.x`. */
  cross(other: Vector2): number {
    return this.x * other.y - this.y * other.x;
  }
  /** `distance_to`: the distance to `to`. */
  distanceTo(to: Vector2): number {
    return Math.sqrt(this.distanceSquaredTo(to));
  }
  /** `distance_squared_to`: the squared distance to `to`, cheaper than `distanceTo` for comparisons. */
  distanceSquaredTo(to: Vector2): number {
    const dx = this.x - to.x;
    const dy = this.y - to.y;
    return dx * dx + dy * dy;
  }
  /** `direction_to`: the unit vector pointing from this one to `to` (zero when they are equal). */
  directionTo(to: Vector2): Vector2 {
    return to.sub(this).normalized();
  }
  /** The angle to the +X axis, in radians (`atan2(y, x)`). */
  angle(): number {
    return Math.atan2(this.y, this.x);
  }
  /** The signed angle from this vector to `to`, in radians. */
  angleTo(to: Vector2): number {
    return Math.atan2(this.cross(to), this.dot(to));
  }
  /** The angle of the line from this point to `to`. */
  angleToPoint(to: Vector2): number {
    return to.sub(this).angle();
  }
  /** `lerp`: the linear interpolation to `to` by `weight` (0 gives this value, 1 gives `to`; not clamped). */
  lerp(to: Vector2, weight: number): Vector2 {
    return new Vector2(lerp(this.x, to.x, weight), lerp(this.y, to.y, weight));
  }
  /** Rotated by `angle` radians. */
  rotated(angle: number): Vector2 {
    const sin = Math.sin(angle);
    const cos = Math.cos(angle);
    return new Vector2(this.x * cos - this.y * sin, this.x * sin + this.y * cos);
  }
  /** Shortened to `length` if longer. */
  limitLength(length = 1): Vector2 {
    const l = this.length();
    return l > 0 && length < l ? this.div(l).mul(length) : new Vector2(this.x, this.y);
  }
  /** `move_toward`: moved toward `to` by at most `delta` (reaching `to` when closer than `delta`). */
  moveToward(to: Vector2, delta: number): Vector2 {
    const d = to.sub(this);
    const l = d.length();
    return l <= delta || l < CMP_EPSILON ? new Vector2(to.x, to.y) : this.add(d.div(l).mul(delta));
  }
  /** `project`: the projection onto the vector `onto`. */
  project(onto: Vector2): Vector2 {
    return onto.mul(this.dot(onto) / onto.lengthSquared());
  }
  /** Reflected across the line of `normal` (a unit vector). */
  reflect(normal: Vector2): Vector2 {
    return normal.mul(2 * this.dot(normal)).sub(this);
  }
  /** `bounce`: the vector bounced off the line perpendicular to `normal` (a unit vector): `-reflect(normal)`. */
  bounce(normal: Vector2): Vector2 {
    return this.reflect(normal).neg();
  }
  /** `slide`: the vector slid along the line perpendicular to `normal` (a unit vector): minus its projection on `normal`. */
  slide(normal: Vector2): Vector2 {
    return this.sub(normal.mul(this.dot(normal)));
  }
  /** `orthogonal`: perpendicular, rotated 90° counter-clockwise in Godot's Y-down 2D space (`(y, -x)`), same length. */
  orthogonal(): Vector2 {
    return new Vector2(this.y, -this.x);
  }
  /** `aspect`: the ratio `x / y`. */
  aspect(): number {
    return this.x / this.y;
  }
  /** `is_equal_approx`: whether every component is approximately equal (Godot's `is_equal_approx`, relative tolerance `CMP_EPSILON` = 0.00001). */
  isEqualApprox(to: Vector2): boolean {
    return isEqualApprox(this.x, to.x) && isEqualApprox(this.y, to.y);
  }
  /** `is_zero_approx`: whether every component is within `CMP_EPSILON` (0.00001) of zero. */
  isZeroApprox(): boolean {
    return isZeroApprox(this.x) && isZeroApprox(this.y);
  }
  /** `is_finite`: whether no component is NaN or infinite. */
  isFinite(): boolean {
    return Number.isFinite(this.x) && Number.isFinite(this.y);
  }
  /** `abs`: every component made non-negative. */
  abs(): Vector2 {
    return new Vector2(Math.abs(this.x), Math.abs(this.y));
  }
  /** `sign`: each component's sign, 1, -1 or 0. */
  sign(): Vector2 {
    return new Vector2(sign(this.x), sign(this.y));
  }
  /** `floor`: every component rounded down. */
  floor(): Vector2 {
    return new Vector2(Math.floor(this.x), Math.floor(this.y));
  }
  /** `ceil`: every component rounded up. */
  ceil(): Vector2 {
    return new Vector2(Math.ceil(this.x), Math.ceil(this.y));
  }
  /** Rounded half away from zero, like Godot. */
  round(): Vector2 {
    return new Vector2(round(this.x), round(this.y));
  }
  /** `snapped`: each component snapped to the nearest multiple of `step`'s component (unchanged where that step is 0). */
  snapped(step: Vector2): Vector2 {
    return new Vector2(snapped(this.x, step.x), snapped(this.y, step.y));
  }
  /** `clamp`: each component clamped between `min`'s and `max`'s. */
  clamp(min: Vector2, max: Vector2): Vector2 {
    return new Vector2(clamp(this.x, min.x, max.x), clamp(this.y, min.y, max.y));
  }
  /** `min`: the component-wise minimum with `other`. */
  min(other: Vector2): Vector2 {
    return new Vector2(min(this.x, other.x), min(this.y, other.y));
  }
  /** `max`: the component-wise maximum with `other`. */
  max(other: Vector2): Vector2 {
    return new Vector2(max(this.x, other.x), max(this.y, other.y));
  }
  /** `this + other`. */
  add(other: Vector2): Vector2 {
    return new Vector2(this.x + other.x, this.y + other.y);
  }
  /** `this - other`. */
  sub(other: Vector2): Vector2 {
    return new Vector2(this.x - other.x, this.y - other.y);
  }
  /** `this * other`: by a vector (component-wise) or a number. */
  mul(other: Vector2 | number): Vector2 {
    return typeof other === 'number' ? new Vector2(this.x * other, this.y * other) : new Vector2(this.x * other.x, this.y * other.y);
  }
  /** `this / other`: by a vector (component-wise) or a number. */
  div(other: Vector2 | number): Vector2 {
    return typeof other === 'number' ? new Vector2(this.x / other, this.y / other) : new Vector2(this.x / other.x, this.y / other.y);
  }
  /** `-this`. */
  neg(): Vector2 {
    return new Vector2(-this.x, -this.y);
  }
  /** `==`: exact equality of the components. */
  equals(other: Vector2): boolean {
    return this.x === other.x && this.y === other.y;
  }
  /** GDScript's `str()` form, `Vector2(…)`, each component formatted as Godot's `var_to_str` writes a float (`1.0`, `inf`, `nan`). */
  toString(): string {
    return `Vector2(${f(this.x)}, ${f(this.y)})`;
  }
}

/** Godot's `Vector2i`: two 32-bit integer components. */
export class Vector2i {
  constructor(
    /** The X component. */
    public x = 0,
    /** The Y component. */
    public y = 0,
  ) {}

  /** The length, a float. */
  length(): number {
    return Math.sqrt(this.lengthSquared());
  }
  /** The squared length, an int (exact up to 2^53). */
  lengthSquared(): number {
    return this.x * this.x + this.y * this.y;
  }
  /** `distance_to`: the distance to `to`, a float. */
  distanceTo(to: Vector2i): number {
    return to.sub(this).length();
  }
  /** `distance_squared_to`: the squared distance to `to`, an int. */
  distanceSquaredTo(to: Vector2i): number {
    return to.sub(this).lengthSquared();
  }
  /** `x / y`, a float. */
  aspect(): number {
    return this.x / this.y;
  }
  /** `abs`: every component made non-negative (int32 wrapping: the abs of -2^31 stays -2^31). */
  abs(): Vector2i {
    return new Vector2i(int32(Math.abs(this.x)), int32(Math.abs(this.y)));
  }
  /** `sign`: each component's sign, 1, -1 or 0. */
  sign(): Vector2i {
    return new Vector2i(sign(this.x), sign(this.y));
  }
  /** `snapped`: each component snapped to the nearest multiple of `step`'s component (unchanged where that step is 0). */
  snapped(step: Vector2i): Vector2i {
    return new Vector2i(snappedInt(this.x, step.x), snappedInt(this.y, step.y));
  }
  /** `clamp`: each component clamped between `min`'s and `max`'s. */
  clamp(min: Vector2i, max: Vector2i): Vector2i {
    return new Vector2i(clamp(this.x, min.x, max.x), clamp(this.y, min.y, max.y));
  }
  /** `min`: the component-wise minimum with `other`. */
  min(other: Vector2i): Vector2i {
    return new Vector2i(min(this.x, other.x), min(this.y, other.y));
  }
  /** `max`: the component-wise maximum with `other`. */
  max(other: Vector2i): Vector2i {
    return new Vector2i(max(this.x, other.x), max(this.y, other.y));
  }
  /** `this + other`, wrapping like int32. */
  add(other: Vector2i): Vector2i {
    return new Vector2i(int32(this.x + other.x), int32(this.y + other.y));
  }
  /** `this - other`, wrapping like int32. */
  sub(other: Vector2i): Vector2i {
    return new Vector2i(int32(this.x - other.x), int32(this.y - other.y));
  }
  /** `this * other`: by a vector (component-wise) or an int. */
  mul(other: Vector2i | number): Vector2i {
    const o = typeof other === 'number' ? new Vector2i(other, other) : other;
    return new Vector2i(Math.imul(this.x, o.x), Math.imul(this.y, o.y));
  }
  /** `this / other`, truncated toward zero; a zero divisor throws a `RangeError`. */
  div(other: Vector2i | number): Vector2i {
    const o = typeof other === 'number' ? new Vector2i(other, other) : other;
    return new Vector2i(intDivide(this.x, o.x), intDivide(this.y, o.y));
  }
  /** `this % other`, with the dividend's sign; a zero divisor throws a `RangeError`. */
  mod(other: Vector2i | number): Vector2i {
    const o = typeof other === 'number' ? new Vector2i(other, other) : other;
    return new Vector2i(intModulo(this.x, o.x), intModulo(this.y, o.y));
  }
  /** `-this`, wrapping like int32. */
  neg(): Vector2i {
    return new Vector2i(int32(-this.x), int32(-this.y));
  }
  /** `==`: exact equality of the components. */
  equals(other: Vector2i): boolean {
    return this.x === other.x && this.y === other.y;
  }
  /** GDScript's `str()` form, `Vector2i(…)` with the ints. */
  toString(): string {
    return `Vector2i(${this.x}, ${this.y})`;
  }
}

/** Godot's `Vector3`: three float components, with Godot's vector methods. */
export class Vector3 {
  constructor(
    /** The X component. */
    public x = 0,
    /** The Y component. */
    public y = 0,
    /** The Z component. */
    public z = 0,
  ) {}

  /** `length`: the length (magnitude). */
  length(): number {
    return Math.sqrt(this.lengthSquared());
  }
  /** `length_squared`: the squared length, cheaper than `length` for comparisons. */
  lengthSquared(): number {
    return this.x * this.x + this.y * this.y + this.z * this.z;
  }
  /** `normalized`: the vector scaled to length 1 (the zero vector stays zero). */
  normalized(): Vector3 {
    const l = this.lengthSquared();
    if (l === 0) return new Vector3(this.x, this.y, this.z);
    const s = Math.sqrt(l);
    return new Vector3(this.x / s, this.y / s, this.z / s);
  }
  /** `is_normalized`: whether the length is 1, within Godot's `UNIT_EPSILON` (0.001) on the squared length. */
  isNormalized(): boolean {
    return isEqualApprox(this.lengthSquared(), 1, UNIT_EPSILON);
  }
  /** `dot`: the dot product. */
  dot(other: Vector3): number {
    return this.x * other.x + this.y * other.y + this.z * other.z;
  }
  /** `cross`: the cross product. */
  cross(other: Vector3): Vector3 {
    return new Vector3(
      this.y * other.z - this.z * other.y,
      this.z * other.x - this.x * other.z,
      this.x * other.y - this.y * other.x,
    );
  }
  /** `distance_to`: the distance to `to`. */
  distanceTo(to: Vector3): number {
    return to.sub(this).length();
  }
  /** `distance_squared_to`: the squared distance to `to`, cheaper than `distanceTo` for comparisons. */
  distanceSquaredTo(to: Vector3): number {
    return to.sub(this).lengthSquared();
  }
  /** `direction_to`: the unit vector pointing from this one to `to` (zero when they are equal). */
  directionTo(to: Vector3): Vector3 {
    return to.sub(this).normalized();
  }
  /** The unsigned angle to `to`, in radians. */
  angleTo(to: Vector3): number {
    return Math.atan2(this.cross(to).length(), this.dot(to));
  }
  /** The angle to `to`, signed by the side of `axis` it turns around. */
  signedAngleTo(to: Vector3, axis: Vector3): number {
    const cross = this.cross(to);
    const unsigned = Math.atan2(cross.length(), this.dot(to));
    return cross.dot(axis) < 0 ? -unsigned : unsigned;
  }
  /** `lerp`: the linear interpolation to `to` by `weight` (0 gives this value, 1 gives `to`; not clamped). */
  lerp(to: Vector3, weight: number): Vector3 {
    return new Vector3(lerp(this.x, to.x, weight), lerp(this.y, to.y, weight), lerp(this.z, to.z, weight));
  }
  /** Rotated by `angle` radians around `axis` (a unit vector). */
  rotated(axis: Vector3, angle: number): Vector3 {
    // Rodrigues: v cos + (k × v) sin + k (k · v)(1 - cos).
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    return this.mul(cos).add(axis.cross(this).mul(sin)).add(axis.mul(axis.dot(this) * (1 - cos)));
  }
  /** `limit_length`: shortened to `length` (default 1) if longer. */
  limitLength(length = 1): Vector3 {
    const l = this.length();
    return l > 0 && length < l ? this.div(l).mul(length) : new Vector3(this.x, this.y, this.z);
  }
  /** `move_toward`: moved toward `to` by at most `delta` (reaching `to` when closer than `delta`). */
  moveToward(to: Vector3, delta: number): Vector3 {
    const d = to.sub(this);
    const l = d.length();
    return l <= delta || l < CMP_EPSILON ? new Vector3(to.x, to.y, to.z) : this.add(d.div(l).mul(delta));
  }
  /** `project`: the projection onto the vector `onto`. */
  project(onto: Vector3): Vector3 {
    return onto.mul(this.dot(onto) / onto.lengthSquared());
  }
  /** `reflect`: reflected across the line of `normal` (a unit vector). */
  reflect(normal: Vector3): Vector3 {
    return normal.mul(2 * this.dot(normal)).sub(this);
  }
  /** `bounce`: the vector bounced off the plane of `normal` (a unit vector): `-reflect(normal)`. */
  bounce(normal: Vector3): Vector3 {
    return this.reflect(normal).neg();
  }
  /** `slide`: the vector slid along the plane of `normal` (a unit vector): minus its projection on `normal`. */
  slide(normal: Vector3): Vector3 {
    return this.sub(normal.mul(this.dot(normal)));
  }
  /** `is_equal_approx`: whether every component is approximately equal (Godot's `is_equal_approx`, relative tolerance `CMP_EPSILON` = 0.00001). */
  isEqualApprox(to: Vector3): boolean {
    return isEqualApprox(this.x, to.x) && isEqualApprox(this.y, to.y) && isEqualApprox(this.z, to.z);
  }
  /** `is_zero_approx`: whether every component is within `CMP_EPSILON` (0.00001) of zero. */
  isZeroApprox(): boolean {
    return isZeroApprox(this.x) && isZeroApprox(this.y) && isZeroApprox(this.z);
  }
  /** `is_finite`: whether no component is NaN or infinite. */
  isFinite(): boolean {
    return Number.isFinite(this.x) && Number.isFinite(this.y) && Number.isFinite(this.z);
  }
  /** `abs`: every component made non-negative. */
  abs(): Vector3 {
    return new Vector3(Math.abs(this.x), Math.abs(this.y), Math.abs(this.z));
  }
  /** `sign`: each component's sign, 1, -1 or 0. */
  sign(): Vector3 {
    return new Vector3(sign(this.x), sign(this.y), sign(this.z));
  }
  /** `floor`: every component rounded down. */
  floor(): Vector3 {
    return new Vector3(Math.floor(this.x), Math.floor(this.y), Math.floor(this.z));
  }
  /** `ceil`: every component rounded up. */
  ceil(): Vector3 {
    return new Vector3(Math.ceil(this.x), Math.ceil(this.y), Math.ceil(this.z));
  }
  /** `round`: every component rounded half away from zero, like Godot. */
  round(): Vector3 {
    return new Vector3(round(this.x), round(this.y), round(this.z));
  }
  /** `snapped`: each component snapped to the nearest multiple of `step`'s component (unchanged where that step is 0). */
  snapped(step: Vector3): Vector3 {
    return new Vector3(snapped(this.x, step.x), snapped(this.y, step.y), snapped(this.z, step.z));
  }
  /** `clamp`: each component clamped between `min`'s and `max`'s. */
  clamp(min: Vector3, max: Vector3): Vector3 {
    return new Vector3(clamp(this.x, min.x, max.x), clamp(this.y, min.y, max.y), clamp(this.z, min.z, max.z));
  }
  /** `min`: the component-wise minimum with `other`. */
  min(other: Vector3): Vector3 {
    return new Vector3(min(this.x, other.x), min(this.y, other.y), min(this.z, other.z));
  }
  /** `max`: the component-wise maximum with `other`. */
  max(other: Vector3): Vector3 {
    return new Vector3(max(this.x, other.x), max(this.y, other.y), max(this.z, other.z));
  }
  /** `this + other`. */
  add(other: Vector3): Vector3 {
    return new Vector3(this.x + other.x, this.y + other.y, this.z + other.z);
  }
  /** `this - other`. */
  sub(other: Vector3): Vector3 {
    return new Vector3(this.x - other.x, this.y - other.y, this.z - other.z);
  }
  /** `this * other`: by a vector (component-wise) or a number. */
  mul(other: Vector3 | number): Vector3 {
    return typeof other === 'number'
      ? new Vector3(this.x * other, this.y * other, this.z * other)
      : new Vector3(this.x * other.x, this.y * other.y, this.z * other.z);
  }
  /** `this / other`: by a vector (component-wise) or a number. */
  div(other: Vector3 | number): Vector3 {
    return typeof other === 'number'
      ? new Vector3(this.x / other, this.y / other, this.z / other)
      : new Vector3(this.x / other.x, this.y / other.y, this.z / other.z);
  }
  /** `-this`. */
  neg(): Vector3 {
    return new Vector3(-this.x, -this.y, -this.z);
  }
  /** `==`: exact equality of the components. */
  equals(other: Vector3): boolean {
    return this.x === other.x && this.y === other.y && this.z === other.z;
  }
  /** GDScript's `str()` form, `Vector3(…)`, each component formatted as Godot's `var_to_str` writes a float (`1.0`, `inf`, `nan`). */
  toString(): string {
    return `Vector3(${f(this.x)}, ${f(this.y)}, ${f(this.z)})`;
  }
}

/** Godot's `Vector3i`: three 32-bit integer components. */
export class Vector3i {
  constructor(
    /** The X component. */
    public x = 0,
    /** The Y component. */
    public y = 0,
    /** The Z component. */
    public z = 0,
  ) {}

  /** The length (magnitude), a float. */
  length(): number {
    return Math.sqrt(this.lengthSquared());
  }
  /** The squared length, an int (exact up to 2^53). */
  lengthSquared(): number {
    return this.x * this.x + this.y * this.y + this.z * this.z;
  }
  /** `distance_to`: the distance to `to`, a float. */
  distanceTo(to: Vector3i): number {
    return to.sub(this).length();
  }
  /** `distance_squared_to`: the squared distance to `to`, an int. */
  distanceSquaredTo(to: Vector3i): number {
    return to.sub(this).lengthSquared();
  }
  /** `abs`: every component made non-negative (int32 wrapping: the abs of -2^31 stays -2^31). */
  abs(): Vector3i {
    return new Vector3i(int32(Math.abs(this.x)), int32(Math.abs(this.y)), int32(Math.abs(this.z)));
  }
  /** `sign`: each component's sign, 1, -1 or 0. */
  sign(): Vector3i {
    return new Vector3i(sign(this.x), sign(this.y), sign(this.z));
  }
  /** `snapped`: each component snapped to the nearest multiple of `step`'s component (unchanged where that step is 0). */
  snapped(step: Vector3i): Vector3i {
    return new Vector3i(snappedInt(this.x, step.x), snappedInt(this.y, step.y), snappedInt(this.z, step.z));
  }
  /** `clamp`: each component clamped between `min`'s and `max`'s. */
  clamp(min: Vector3i, max: Vector3i): Vector3i {
    return new Vector3i(clamp(this.x, min.x, max.x), clamp(this.y, min.y, max.y), clamp(this.z, min.z, max.z));
  }
  /** `min`: the component-wise minimum with `other`. */
  min(other: Vector3i): Vector3i {
    return new Vector3i(min(this.x, other.x), min(this.y, other.y), min(this.z, other.z));
  }
  /** `max`: the component-wise maximum with `other`. */
  max(other: Vector3i): Vector3i {
    return new Vector3i(max(this.x, other.x), max(this.y, other.y), max(this.z, other.z));
  }
  /** `this + other`, wrapping like int32. */
  add(other: Vector3i): Vector3i {
    return new Vector3i(int32(this.x + other.x), int32(this.y + other.y), int32(this.z + other.z));
  }
  /** `this - other`, wrapping like int32. */
  sub(other: Vector3i): Vector3i {
    return new Vector3i(int32(this.x - other.x), int32(this.y - other.y), int32(this.z - other.z));
  }
  /** `this * other`: by a vector (component-wise) or an int, wrapping like int32. */
  mul(other: Vector3i | number): Vector3i {
    const o = typeof other === 'number' ? new Vector3i(other, other, other) : other;
    return new Vector3i(Math.imul(this.x, o.x), Math.imul(this.y, o.y), Math.imul(this.z, o.z));
  }
  /** `this / other`, truncated toward zero; a zero divisor throws a `RangeError`. */
  div(other: Vector3i | number): Vector3i {
    const o = typeof other === 'number' ? new Vector3i(other, other, other) : other;
    return new Vector3i(intDivide(this.x, o.x), intDivide(this.y, o.y), intDivide(this.z, o.z));
  }
  /** `this % other`, with the dividend's sign; a zero divisor throws a `RangeError`. */
  mod(other: Vector3i | number): Vector3i {
    const o = typeof other === 'number' ? new Vector3i(other, other, other) : other;
    return new Vector3i(intModulo(this.x, o.x), intModulo(this.y, o.y), intModulo(this.z, o.z));
  }
  /** `-this`, wrapping like int32. */
  neg(): Vector3i {
    return new Vector3i(int32(-this.x), int32(-this.y), int32(-this.z));
  }
  /** `==`: exact equality of the components. */
  equals(other: Vector3i): boolean {
    return this.x === other.x && this.y === other.y && this.z === other.z;
  }
  /** GDScript's `str()` form, `Vector3i(…)` with the ints. */
  toString(): string {
    return `Vector3i(${this.x}, ${this.y}, ${this.z})`;
  }
}

/** Godot's `Vector4`: four float components. */
export class Vector4 {
  constructor(
    /** The X component. */
    public x = 0,
    /** The Y component. */
    public y = 0,
    /** The Z component. */
    public z = 0,
    /** The W component. */
    public w = 0,
  ) {}
  /** GDScript's `str()` form, `Vector4(…)`, each component formatted as Godot's `var_to_str` writes a float (`1.0`, `inf`, `nan`). */
  toString(): string {
    return `Vector4(${f(this.x)}, ${f(this.y)}, ${f(this.z)}, ${f(this.w)})`;
  }
}

/** Godot's `Vector4i`: four 32-bit integer components. */
export class Vector4i {
  constructor(
    /** The X component. */
    public x = 0,
    /** The Y component. */
    public y = 0,
    /** The Z component. */
    public z = 0,
    /** The W component. */
    public w = 0,
  ) {}
  /** GDScript's `str()` form, `Vector4i(…)` with the ints. */
  toString(): string {
    return `Vector4i(${this.x}, ${this.y}, ${this.z}, ${this.w})`;
  }
}

/** `Rect2(position, size)`. */
export class Rect2 {
  constructor(
    /** The top-left corner (the smallest coordinates while `size` is non-negative). */
    public position = new Vector2(),
    /** The width and height, from `position`; `end` is `position + size`. */
    public size = new Vector2(),
  ) {}
  /** `Rect2(x, y, width, height)`: the constructor form taking four numbers. */
  static of(x: number, y: number, width: number, height: number): Rect2 {
    return new Rect2(new Vector2(x, y), new Vector2(width, height));
  }

  /** `position + size`. */
  get end(): Vector2 {
    return this.position.add(this.size);
  }
  set end(end: Vector2) {
    this.size = end.sub(this.position);
  }
  /** `get_area`: `size.x * size.y`. */
  getArea(): number {
    return this.size.x * this.size.y;
  }
  /** `get_center`: `position + size / 2`. */
  getCenter(): Vector2 {
    return this.position.add(this.size.mul(0.5));
  }
  /** `has_area`: whether both sides of `size` are positive. */
  hasArea(): boolean {
    return this.size.x > 0 && this.size.y > 0;
  }
  /** Whether `point` is inside: the start edges count, the end edges do not. */
  hasPoint(point: Vector2): boolean {
    const { position: p, size: s } = this;
    return point.x >= p.x && point.y >= p.y && point.x < p.x + s.x && point.y < p.y + s.y;
  }
  /** Whether the rectangles overlap; touching edges count only with `includeBorders`. */
  intersects(other: Rect2, includeBorders = false): boolean {
    const a = this.position;
    const b = other.position;
    const aEnd = this.end;
    const bEnd = other.end;
    if (includeBorders) return !(a.x > bEnd.x || aEnd.x < b.x || a.y > bEnd.y || aEnd.y < b.y);
    return !(a.x >= bEnd.x || aEnd.x <= b.x || a.y >= bEnd.y || aEnd.y <= b.y);
  }
  /** Whether `other` is completely inside. */
  encloses(other: Rect2): boolean {
    const a = this.position;
    const b = other.position;
    return b.x >= a.x && b.y >= a.y && b.x + other.size.x <= a.x + this.size.x && b.y + other.size.y <= a.y + this.size.y;
  }
  /** The overlap, or an empty Rect2 when there is none. */
  intersection(other: Rect2): Rect2 {
    if (!this.intersects(other)) return new Rect2();
    const position = other.position.max(this.position);
    return new Rect2(position, other.end.min(this.end).sub(position));
  }
  /** The smallest Rect2 holding both. */
  merge(other: Rect2): Rect2 {
    const position = other.position.min(this.position);
    return new Rect2(position, other.end.max(this.end).sub(position));
  }
  /** Grown by `amount` on every side. */
  grow(amount: number): Rect2 {
    return Rect2.of(this.position.x - amount, this.position.y - amount, this.size.x + amount * 2, this.size.y + amount * 2);
  }
  /** Grown to include `point`. */
  expand(point: Vector2): Rect2 {
    const position = this.position.min(point);
    return new Rect2(position, this.end.max(point).sub(position));
  }
  /** The same area with a non-negative size. */
  abs(): Rect2 {
    const { position: p, size: s } = this;
    return new Rect2(new Vector2(p.x + min(s.x, 0), p.y + min(s.y, 0)), s.abs());
  }
  /** `is_equal_approx`: whether every component is approximately equal (Godot's `is_equal_approx`, relative tolerance `CMP_EPSILON` = 0.00001). */
  isEqualApprox(other: Rect2): boolean {
    return this.position.isEqualApprox(other.position) && this.size.isEqualApprox(other.size);
  }
  /** GDScript's `str()` form, `Rect2(…)`, each component formatted as Godot's `var_to_str` writes a float (`1.0`, `inf`, `nan`). */
  toString(): string {
    const { position: p, size: s } = this;
    return `Rect2(${f(p.x)}, ${f(p.y)}, ${f(s.x)}, ${f(s.y)})`;
  }
}

/** `Rect2i(position, size)`. */
export class Rect2i {
  constructor(
    /** The top-left corner (the smallest coordinates while `size` is non-negative). */
    public position = new Vector2i(),
    /** The width and height, from `position`. */
    public size = new Vector2i(),
  ) {}
  /** `Rect2i(x, y, width, height)`: the constructor form taking four numbers. */
  static of(x: number, y: number, width: number, height: number): Rect2i {
    return new Rect2i(new Vector2i(x, y), new Vector2i(width, height));
  }
  /** GDScript's `str()` form, `Rect2i(…)` with the ints. */
  toString(): string {
    const { position: p, size: s } = this;
    return `Rect2i(${p.x}, ${p.y}, ${s.x}, ${s.y})`;
  }
}

/** `Transform2D(x, y, origin)`: two axis (column) vectors and the origin. Default: identity. */
export class Transform2D {
  constructor(
    /** The X axis (first column); default `(1, 0)`. */
    public x = new Vector2(1, 0),
    /** The Y axis (second column); default `(0, 1)`. */
    public y = new Vector2(0, 1),
    /** The translation; default `(0, 0)`. */
    public origin = new Vector2(),
  ) {}
  /** GDScript's `str()` form, `Transform2D(…)`, each component formatted as Godot's `var_to_str` writes a float (`1.0`, `inf`, `nan`). */
  toString(): string {
    const { x, y, origin: o } = this;
    return `Transform2D(${f(x.x)}, ${f(x.y)}, ${f(y.x)}, ${f(y.y)}, ${f(o.x)}, ${f(o.y)})`;
  }
}

/** `Plane(normal, d)`. */
export class Plane {
  constructor(
    /** The plane's normal (a unit vector for a well-formed plane). */
    public normal = new Vector3(),
    /** The distance from the origin along `normal`: the plane holds the points `p` with `normal.dot(p) == d`. */
    public d = 0,
  ) {}
  /** GDScript's `str()` form, `Plane(…)`, each component formatted as Godot's `var_to_str` writes a float (`1.0`, `inf`, `nan`). */
  toString(): string {
    const n = this.normal;
    return `Plane(${f(n.x)}, ${f(n.y)}, ${f(n.z)}, ${f(this.d)})`;
  }
}

/** `Quaternion(x, y, z, w)`. Default: identity `(0, 0, 0, 1)`. */
export class Quaternion {
  constructor(
    /** The X component (imaginary part). */
    public x = 0,
    /** The Y component (imaginary part). */
    public y = 0,
    /** The Z component (imaginary part). */
    public z = 0,
    /** The W component (real part); default 1. */
    public w = 1,
  ) {}
  /** GDScript's `str()` form, `Quaternion(…)`, each component formatted as Godot's `var_to_str` writes a float (`1.0`, `inf`, `nan`). */
  toString(): string {
    return `Quaternion(${f(this.x)}, ${f(this.y)}, ${f(this.z)}, ${f(this.w)})`;
  }
}

/** `AABB(position, size)`. */
export class AABB {
  constructor(
    /** The corner with the smallest coordinates (while `size` is non-negative). */
    public position = new Vector3(),
    /** The extent along each axis, from `position`. */
    public size = new Vector3(),
  ) {}
  /** GDScript's `str()` form, `AABB(…)`, each component formatted as Godot's `var_to_str` writes a float (`1.0`, `inf`, `nan`). */
  toString(): string {
    const { position: p, size: s } = this;
    return `AABB(${f(p.x)}, ${f(p.y)}, ${f(p.z)}, ${f(s.x)}, ${f(s.y)}, ${f(s.z)})`;
  }
}

/**
 * `Basis(x, y, z)`: three column vectors, like GDScript's `basis.x`, `basis.y`, `basis.z`.
 * Default: identity. (On the wire Godot writes the basis row by row; the codec transposes.)
 */
export class Basis {
  constructor(
    /** The X axis (first column); default `(1, 0, 0)`. */
    public x = new Vector3(1, 0, 0),
    /** The Y axis (second column); default `(0, 1, 0)`. */
    public y = new Vector3(0, 1, 0),
    /** The Z axis (third column); default `(0, 0, 1)`. */
    public z = new Vector3(0, 0, 1),
  ) {}
  /** GDScript's `str()` form, `Basis(…)`, each component formatted as Godot's `var_to_str` writes a float (`1.0`, `inf`, `nan`). */
  toString(): string {
    const v = (a: Vector3): string => `${f(a.x)}, ${f(a.y)}, ${f(a.z)}`;
    return `Basis(${v(this.x)}, ${v(this.y)}, ${v(this.z)})`;
  }
}

/** `Transform3D(basis, origin)`. Default: identity. */
export class Transform3D {
  constructor(
    /** The rotation, scale and shear; default the identity basis. */
    public basis = new Basis(),
    /** The translation; default `(0, 0, 0)`. */
    public origin = new Vector3(),
  ) {}
  /** GDScript's `str()` form, `Transform3D(…)`, each component formatted as Godot's `var_to_str` writes a float (`1.0`, `inf`, `nan`). */
  toString(): string {
    const b = this.basis;
    const v = (a: Vector3): string => `${f(a.x)}, ${f(a.y)}, ${f(a.z)}`;
    return `Transform3D(${v(b.x)}, ${v(b.y)}, ${v(b.z)}, ${v(this.origin)})`;
  }
}

/** `Projection(x, y, z, w)`: four column vectors. Default: identity. */
export class Projection {
  constructor(
    /** The first column; default `(1, 0, 0, 0)`. */
    public x = new Vector4(1, 0, 0, 0),
    /** The second column; default `(0, 1, 0, 0)`. */
    public y = new Vector4(0, 1, 0, 0),
    /** The third column; default `(0, 0, 1, 0)`. */
    public z = new Vector4(0, 0, 1, 0),
    /** The fourth column; default `(0, 0, 0, 1)`. */
    public w = new Vector4(0, 0, 0, 1),
  ) {}
  /** GDScript's `str()` form, `Projection(…)`, each component formatted as Godot's `var_to_str` writes a float (`1.0`, `inf`, `nan`). */
  toString(): string {
    const v = (a: Vector4): string => `${f(a.x)}, ${f(a.y)}, ${f(a.z)}, ${f(a.w)}`;
    return `Projection(${v(this.x)}, ${v(this.y)}, ${v(this.z)}, ${v(this.w)})`;
  }
}

/** `Color(r, g, b, a = 1)`; always 32-bit floats on the wire. Default: opaque black. */
export class Color {
  constructor(
    /** Red, normally 0 … 1. */
    public r = 0,
    /** Green, normally 0 … 1. */
    public g = 0,
    /** Blue, normally 0 … 1. */
    public b = 0,
    /** Alpha (opacity), normally 0 … 1; default 1 (opaque). */
    public a = 1,
  ) {}

  /**
   * `Color.html`: a color from `"#rrggbbaa"`, `"rrggbb"`, `"#rgba"` or `"rgb"` (the `#` is
   * optional). Like Godot, an invalid code gives `Color()` (opaque black); check it first with
   * `htmlIsValid` to tell.
   */
  static html(rgba: string): Color {
    const code = [...(rgba.startsWith('#') ? rgba.slice(1) : rgba)];
    const short = code.length === 3 || code.length === 4;
    if (rgba === '' || ![3, 4, 6, 8].includes(code.length)) return new Color();
    const channel = (i: number): number => (short ? hexDigit(code[i]) / 15 : (hexDigit(code[2 * i]) * 16 + hexDigit(code[2 * i + 1])) / 255);
    const alpha = code.length === 4 || code.length === 8;
    const c = [channel(0), channel(1), channel(2), alpha ? channel(3) : 1];
    // Godot checks only that each channel came out non-negative.
    if (c.some((x) => x < 0)) return new Color();
    // Godot's components are 32-bit floats.
    return new Color(Math.fround(c[0] as number), Math.fround(c[1] as number), Math.fround(c[2] as number), Math.fround(c[3] as number));
  }

  /** `Color.html_is_valid`: whether `html` would read `code` (3, 4, 6 or 8 hex digits, `#` optional). */
  static htmlIsValid(code: string): boolean {
    const digits = [...(code.startsWith('#') ? code.slice(1) : code)];
    return [3, 4, 6, 8].includes(digits.length) && digits.every((d) => hexDigit(d) >= 0);
  }

  /** `to_html`: `"rrggbbaa"` (or `"rrggbb"` without alpha), lowercase, no `#`. */
  toHtml(withAlpha = true): string {
    const channels = withAlpha ? [this.r, this.g, this.b, this.a] : [this.r, this.g, this.b];
    // Godot scales the 32-bit component in 32-bit arithmetic and rounds half away from zero.
    return channels.map((c) => clamp(round(Math.fround(Math.fround(c) * 255)), 0, 255).toString(16).padStart(2, '0')).join('');
  }

  /** `is_equal_approx`: whether every component is approximately equal (Godot's `is_equal_approx`, relative tolerance `CMP_EPSILON` = 0.00001). */
  isEqualApprox(other: Color): boolean {
    return isEqualApprox(this.r, other.r) && isEqualApprox(this.g, other.g) && isEqualApprox(this.b, other.b) && isEqualApprox(this.a, other.a);
  }
  /** `lerp`: the linear interpolation to `to` by `weight` (0 gives this value, 1 gives `to`; not clamped). */
  lerp(to: Color, weight: number): Color {
    return new Color(lerp(this.r, to.r, weight), lerp(this.g, to.g, weight), lerp(this.b, to.b, weight), lerp(this.a, to.a, weight));
  }
  /** `1 - r`, `1 - g`, `1 - b`, the same alpha. */
  inverted(): Color {
    return new Color(1 - this.r, 1 - this.g, 1 - this.b, this.a);
  }
  /** GDScript's `str()` form, `Color(…)`, each component formatted as Godot's `var_to_str` writes a float (`1.0`, `inf`, `nan`). */
  toString(): string {
    return `Color(${f(this.r)}, ${f(this.g)}, ${f(this.b)}, ${f(this.a)})`;
  }
}

/** A hex digit's value, or -1 (Godot's `_parse_col4`). */
function hexDigit(c: string | undefined): number {
  if (c === undefined || c.length !== 1) return -1;
  const code = c.charCodeAt(0);
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  return -1;
}
