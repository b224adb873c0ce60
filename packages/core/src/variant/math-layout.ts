/**
 * The wire layout of Godot's math types, for both directions: which components, in which order,
 * at which width (`encode_variant` / `decode_variant` in `core/io/marshalls.cpp`). Transform2D and
 * Projection travel column by column, Basis (alone or in a Transform3D) row by row, while our
 * classes hold Godot's column vectors (`basis.x` is column 0), so Basis is transposed here and only
 * here. Real components are 32-bit floats, or 64-bit ones from a double-precision build (the
 * header's 64-bit flag); Color is always 32-bit, the integer types always int32.
 */
import {
  AABB, Basis, Color, Plane, Projection, Quaternion, Rect2, Rect2i, Transform2D, Transform3D,
  Vector2, Vector2i, Vector3, Vector3i, Vector4, Vector4i,
} from './math.js';
import type { ByteReader } from './reader.js';
import type { MathValue } from './value.js';
import { VariantType } from './variant-type.js';
import type { ByteWriter } from './writer.js';

/** Number of real components of each real-valued math type (Color is always 32-bit floats). */
export const REAL_COMPONENTS: Partial<Record<VariantType, number>> = {
  [VariantType.VECTOR2]: 2,
  [VariantType.RECT2]: 4,
  [VariantType.VECTOR3]: 3,
  [VariantType.TRANSFORM2D]: 6,
  [VariantType.VECTOR4]: 4,
  [VariantType.PLANE]: 4,
  [VariantType.QUATERNION]: 4,
  [VariantType.AABB]: 6,
  [VariantType.BASIS]: 9,
  [VariantType.TRANSFORM3D]: 12,
  [VariantType.PROJECTION]: 16,
  [VariantType.COLOR]: 4,
};

/** Number of int32 components of each integer math type. */
export const INT_COMPONENTS: Partial<Record<VariantType, number>> = {
  [VariantType.VECTOR2I]: 2,
  [VariantType.RECT2I]: 4,
  [VariantType.VECTOR3I]: 3,
  [VariantType.VECTOR4I]: 4,
};

/** Basis rows, the wire order; our Basis holds columns. */
function basisRows(b: Basis): number[] {
  return [b.x.x, b.y.x, b.z.x, b.x.y, b.y.y, b.z.y, b.x.z, b.y.z, b.z.z];
}

/** Basis from its rows (the wire order). */
function basisFromRows(c: ArrayLike<number>, i: number): Basis {
  return new Basis(
    new Vector3(c[i], c[i + 3], c[i + 6]),
    new Vector3(c[i + 1], c[i + 4], c[i + 7]),
    new Vector3(c[i + 2], c[i + 5], c[i + 8]),
  );
}

/** The components of a math value in wire order (reals, or int32s for the integer types). */
export function mathComponents(value: MathValue, type: VariantType): number[] {
  switch (type) {
    case VariantType.VECTOR2:
    case VariantType.VECTOR2I: {
      const v = value as Vector2;
      return [v.x, v.y];
    }
    case VariantType.VECTOR3:
    case VariantType.VECTOR3I: {
      const v = value as Vector3;
      return [v.x, v.y, v.z];
    }
    case VariantType.VECTOR4:
    case VariantType.VECTOR4I:
    case VariantType.QUATERNION: {
      const v = value as Vector4;
      return [v.x, v.y, v.z, v.w];
    }
    case VariantType.RECT2:
    case VariantType.RECT2I: {
      const r = value as Rect2;
      return [r.position.x, r.position.y, r.size.x, r.size.y];
    }
    case VariantType.TRANSFORM2D: {
      const t = value as Transform2D;
      return [t.x.x, t.x.y, t.y.x, t.y.y, t.origin.x, t.origin.y];
    }
    case VariantType.PLANE: {
      const p = value as Plane;
      return [p.normal.x, p.normal.y, p.normal.z, p.d];
    }
    case VariantType.AABB: {
      const b = value as AABB;
      return [b.position.x, b.position.y, b.position.z, b.size.x, b.size.y, b.size.z];
    }
    case VariantType.BASIS:
      return basisRows(value as Basis);
    case VariantType.TRANSFORM3D: {
      const t = value as Transform3D;
      return [...basisRows(t.basis), t.origin.x, t.origin.y, t.origin.z];
    }
    case VariantType.PROJECTION: {
      const p = value as Projection;
      return [p.x, p.y, p.z, p.w].flatMap((c) => [c.x, c.y, c.z, c.w]);
    }
    case VariantType.COLOR: {
      const c = value as Color;
      return [c.r, c.g, c.b, c.a];
    }
    default:
      throw new TypeError(`Type ${type} is not a math type`);
  }
}

/** A math value from its components in wire order (the inverse of `mathComponents`). */
export function mathFromComponents(type: VariantType, c: ArrayLike<number>): MathValue {
  const v2 = (i: number): Vector2 => new Vector2(c[i], c[i + 1]);
  const v3 = (i: number): Vector3 => new Vector3(c[i], c[i + 1], c[i + 2]);
  const v4 = (i: number): Vector4 => new Vector4(c[i], c[i + 1], c[i + 2], c[i + 3]);
  switch (type) {
    case VariantType.VECTOR2:
      return v2(0);
    case VariantType.VECTOR2I:
      return new Vector2i(c[0], c[1]);
    case VariantType.RECT2:
      return new Rect2(v2(0), v2(2));
    case VariantType.RECT2I:
      return new Rect2i(new Vector2i(c[0], c[1]), new Vector2i(c[2], c[3]));
    case VariantType.VECTOR3:
      return v3(0);
    case VariantType.VECTOR3I:
      return new Vector3i(c[0], c[1], c[2]);
    case VariantType.TRANSFORM2D:
      return new Transform2D(v2(0), v2(2), v2(4));
    case VariantType.VECTOR4:
      return v4(0);
    case VariantType.VECTOR4I:
      return new Vector4i(c[0], c[1], c[2], c[3]);
    case VariantType.PLANE:
      return new Plane(v3(0), c[3]);
    case VariantType.QUATERNION:
      return new Quaternion(c[0], c[1], c[2], c[3]);
    case VariantType.AABB:
      return new AABB(v3(0), v3(3));
    case VariantType.BASIS:
      return basisFromRows(c, 0);
    case VariantType.TRANSFORM3D:
      return new Transform3D(basisFromRows(c, 0), v3(9));
    case VariantType.PROJECTION:
      return new Projection(v4(0), v4(4), v4(8), v4(12));
    case VariantType.COLOR:
      return new Color(c[0], c[1], c[2], c[3]);
    default:
      throw new TypeError(`Type ${type} is not a math type`);
  }
}

/** Whether a type's components are reals whose width follows the 64-bit flag (not Color). */
export function isRealMath(type: VariantType): boolean {
  return type !== VariantType.COLOR && REAL_COMPONENTS[type] !== undefined;
}

/**
 * Reads the payload of a math value (its header already read); `double` is the 64-bit flag of
 * a real-valued type in a format that has it.
 */
export function readMath(r: ByteReader, type: VariantType, double: boolean): MathValue {
  const ints = INT_COMPONENTS[type];
  if (ints !== undefined) {
    r.need(ints * 4, 'integer vector');
    if (type === VariantType.VECTOR2I) return new Vector2i(r.i32(), r.i32());
    if (type === VariantType.VECTOR3I) return new Vector3i(r.i32(), r.i32(), r.i32());
    return mathFromComponents(type, [r.i32(), r.i32(), r.i32(), r.i32()]);
  }
  const count = REAL_COMPONENTS[type];
  if (count === undefined) throw new TypeError(`Type ${type} is not a math type`);
  const wide = double && type !== VariantType.COLOR;
  r.need(count * (wide ? 8 : 4), 'math value');
  // The hot types, without an intermediate array.
  if (type === VariantType.VECTOR2) return new Vector2(r.real(wide), r.real(wide));
  if (type === VariantType.VECTOR3) return new Vector3(r.real(wide), r.real(wide), r.real(wide));
  const c = new Array<number>(count);
  for (let i = 0; i < count; i++) c[i] = r.real(wide);
  return mathFromComponents(type, c);
}

/** Writes the payload of a math value (its header already written); see `readMath`. */
export function writeMath(w: ByteWriter, value: MathValue, type: VariantType, double: boolean): void {
  if (INT_COMPONENTS[type] !== undefined) {
    for (const c of mathComponents(value, type)) w.i32(c);
    return;
  }
  const wide = double && type !== VariantType.COLOR;
  if (!wide && (type === VariantType.VECTOR2 || type === VariantType.VECTOR3)) {
    // The hot types, without an intermediate array.
    const v = value as Vector3;
    const n = type === VariantType.VECTOR2 ? 8 : 12;
    w.reserve(n);
    w.view.setFloat32(w.pos, v.x, true);
    w.view.setFloat32(w.pos + 4, v.y, true);
    if (n === 12) w.view.setFloat32(w.pos + 8, v.z, true);
    w.pos += n;
    return;
  }
  for (const c of mathComponents(value, type)) {
    if (wide) w.f64(c);
    else w.f32(c);
  }
}
