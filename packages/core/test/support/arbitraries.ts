/**
 * fast-check generators for every Godot 4 Variant type (and the Godot 3 subset), plus
 * `normalize`, which maps a generated value to what the default (non-exact) decoder returns.
 */
import fc from 'fast-check';
import {
  AABB, Basis, Callable, Color, Dictionary, EncodedObjectAsID, Float, GodotObject, Int, NodePath, PackedColorArray,
  PackedStringArray, PackedVector2Array, PackedVector3Array, PackedVector4Array, Plane, Projection, Quaternion,
  RID, Rect2, Rect2i, Signal, StringName, Transform2D, Transform3D, TypedArray, Vector2, Vector2i, Vector3,
  Vector3i, Vector4, Vector4i, VariantType, type Variant, type VariantFormat, type VariantLike,
} from '../../src/index.js';
import { isIntNumber } from '../../src/variant/type-of.js';

const f32 = fc.float();
const i32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const u64 = fc.bigInt({ min: 1n, max: 2n ** 64n - 1n });

/** Godot strings: no NUL (Godot stops there) and no leading BOM (Godot skips it). */
export const godotString = fc
  .string({ unit: 'binary', maxLength: 40 })
  .filter((s) => !s.includes('\0') && !s.startsWith('\ufeff'));

const name = fc.string({ unit: fc.constantFrom(...'abcdefgXYZ_0123456789é'), minLength: 1, maxLength: 8 });

const v2 = fc.tuple(f32, f32).map(([x, y]) => new Vector2(x, y));
const v3 = fc.tuple(f32, f32, f32).map(([x, y, z]) => new Vector3(x, y, z));
const v4 = fc.tuple(f32, f32, f32, f32).map(([x, y, z, w]) => new Vector4(x, y, z, w));

export const int = fc.oneof(i32, fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.constantFrom(0, -1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, -(2 ** 53)));
export const float = fc.oneof(fc.double(), fc.constantFrom(0.1, -0, Infinity, -Infinity, NaN, 1, 1e300)).map((x) => new Float(x));

/** One arbitrary per scalar (non-container) type, keyed by Godot 4 type id. */
function scalars(format: VariantFormat): Partial<Record<VariantType, fc.Arbitrary<VariantLike>>> {
  const all: Partial<Record<VariantType, fc.Arbitrary<VariantLike>>> = {
    [VariantType.NIL]: fc.constant(null),
    [VariantType.BOOL]: fc.boolean(),
    [VariantType.INT]: int,
    [VariantType.FLOAT]: float,
    [VariantType.STRING]: godotString,
    [VariantType.VECTOR2]: v2,
    [VariantType.VECTOR2I]: fc.tuple(i32, i32).map(([x, y]) => new Vector2i(x, y)),
    [VariantType.RECT2]: fc.tuple(v2, v2).map(([p, s]) => new Rect2(p, s)),
    [VariantType.RECT2I]: fc.tuple(i32, i32, i32, i32).map(([a, b, c, d]) => Rect2i.of(a, b, c, d)),
    [VariantType.VECTOR3]: v3,
    [VariantType.VECTOR3I]: fc.tuple(i32, i32, i32).map(([x, y, z]) => new Vector3i(x, y, z)),
    [VariantType.TRANSFORM2D]: fc.tuple(v2, v2, v2).map(([x, y, o]) => new Transform2D(x, y, o)),
    [VariantType.VECTOR4]: v4,
    [VariantType.VECTOR4I]: fc.tuple(i32, i32, i32, i32).map(([x, y, z, w]) => new Vector4i(x, y, z, w)),
    [VariantType.PLANE]: fc.tuple(v3, f32).map(([n, d]) => new Plane(n, d)),
    [VariantType.QUATERNION]: v4.map((v) => new Quaternion(v.x, v.y, v.z, v.w)),
    [VariantType.AABB]: fc.tuple(v3, v3).map(([p, s]) => new AABB(p, s)),
    [VariantType.BASIS]: fc.tuple(v3, v3, v3).map(([x, y, z]) => new Basis(x, y, z)),
    [VariantType.TRANSFORM3D]: fc.tuple(v3, v3, v3, v3).map(([x, y, z, o]) => new Transform3D(new Basis(x, y, z), o)),
    [VariantType.PROJECTION]: fc.tuple(v4, v4, v4, v4).map(([x, y, z, w]) => new Projection(x, y, z, w)),
    [VariantType.COLOR]: v4.map((v) => new Color(v.x, v.y, v.z, v.w)),
    [VariantType.STRING_NAME]: godotString.map((s) => new StringName(s)),
    [VariantType.NODE_PATH]: fc
      .tuple(fc.array(name, { maxLength: 4 }), fc.array(name, { maxLength: 3 }), fc.boolean())
      .map(([names, subnames, absolute]) => NodePath.fromParts(names, subnames, absolute)),
    [VariantType.RID]: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map((id) => new RID(id)),
    [VariantType.OBJECT]: u64.map((id) => new EncodedObjectAsID(id)),
    [VariantType.CALLABLE]: fc.constant(new Callable()),
    [VariantType.SIGNAL]: fc.tuple(name, fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })).map(([n, id]) => new Signal(n, id)),
    [VariantType.PACKED_BYTE_ARRAY]: fc.uint8Array({ maxLength: 40 }),
    [VariantType.PACKED_INT32_ARRAY]: fc.int32Array({ maxLength: 10 }),
    [VariantType.PACKED_INT64_ARRAY]: fc.bigInt64Array({ maxLength: 10 }),
    [VariantType.PACKED_FLOAT32_ARRAY]: fc.float32Array({ maxLength: 10 }),
    [VariantType.PACKED_FLOAT64_ARRAY]: fc.float64Array({ maxLength: 10 }),
    [VariantType.PACKED_STRING_ARRAY]: fc.array(godotString, { maxLength: 6 }).map((s) => PackedStringArray.fromStrings(s)),
    [VariantType.PACKED_VECTOR2_ARRAY]: fc.array(v2, { maxLength: 6 }).map((v) => new PackedVector2Array(v)),
    [VariantType.PACKED_VECTOR3_ARRAY]: fc.array(v3, { maxLength: 6 }).map((v) => new PackedVector3Array(v)),
    [VariantType.PACKED_COLOR_ARRAY]: fc.array(v4, { maxLength: 6 }).map((v) => new PackedColorArray(v.map((c) => new Color(c.x, c.y, c.z, c.w)))),
    [VariantType.PACKED_VECTOR4_ARRAY]: fc.array(v4, { maxLength: 6 }).map((v) => new PackedVector4Array(v)),
  };
  if (format === 'godot4') return all;
  if (format === 'godot4.3') {
    delete all[VariantType.PACKED_VECTOR4_ARRAY];
    return all;
  }
  const godot3Only: VariantType[] = [
    VariantType.NIL, VariantType.BOOL, VariantType.INT, VariantType.FLOAT, VariantType.STRING, VariantType.VECTOR2,
    VariantType.RECT2, VariantType.VECTOR3, VariantType.TRANSFORM2D, VariantType.PLANE, VariantType.QUATERNION,
    VariantType.AABB, VariantType.BASIS, VariantType.TRANSFORM3D, VariantType.COLOR, VariantType.NODE_PATH,
    VariantType.OBJECT, VariantType.PACKED_BYTE_ARRAY, VariantType.PACKED_INT32_ARRAY, VariantType.PACKED_FLOAT32_ARRAY,
    VariantType.PACKED_STRING_ARRAY, VariantType.PACKED_VECTOR2_ARRAY, VariantType.PACKED_VECTOR3_ARRAY,
    VariantType.PACKED_COLOR_ARRAY,
  ];
  // Godot 3 RIDs carry no id: only the empty RID round-trips; an absolute path without names
  // reads back as the empty path (tested in formats.test.ts).
  return {
    ...Object.fromEntries(godot3Only.map((t) => [t, all[t]])),
    [VariantType.RID]: fc.constant(new RID(0n)),
    [VariantType.NODE_PATH]: (all[VariantType.NODE_PATH] as fc.Arbitrary<NodePath>).map((p) =>
      p.names.length + p.subnames.length === 0 ? new NodePath('') : p,
    ),
  };
}

/** Types a typed Array/Dictionary can hold, with an arbitrary for their elements. */
const TYPED_ELEMENTS: VariantType[] = [
  VariantType.INT, VariantType.FLOAT, VariantType.STRING, VariantType.VECTOR2, VariantType.STRING_NAME,
  VariantType.COLOR, VariantType.PACKED_BYTE_ARRAY, VariantType.BOOL,
];

/** Any Variant of the format, nested up to a few levels; `withObjects` adds full objects. */
export function variant(format: VariantFormat = 'godot4', withObjects = false): fc.Arbitrary<VariantLike> {
  const byType = scalars(format);
  const scalarArbs = Object.values(byType);
  if (withObjects) {
    const property = fc.tuple(name, fc.oneof(...scalarArbs));
    scalarArbs.push(
      fc.tuple(name, fc.array(property, { maxLength: 4 })).map(([className, props]) => new GodotObject(className, props as Array<[string, Variant]>)),
    );
  }
  const scalar = fc.oneof(...scalarArbs);
  const typed = format === 'godot4';
  return fc.letrec<{ value: VariantLike; array: VariantLike; dict: VariantLike }>((tie) => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('array'), tie('dict')),
    array: typed
      ? fc.oneof(
          fc.array(tie('value'), { maxLength: 5 }),
          fc.constantFrom(...TYPED_ELEMENTS).chain((type) =>
            fc.array(byType[type] as fc.Arbitrary<VariantLike>, { maxLength: 4 }).map((items) => new TypedArray(type, items as Variant[])),
          ),
        )
      : fc.array(tie('value'), { maxLength: 5 }),
    dict: fc
      .tuple(
        fc.array(fc.tuple(tie('value'), tie('value')), { maxLength: 4 }),
        typed ? fc.option(fc.constantFrom(...TYPED_ELEMENTS)) : fc.constant(null),
      )
      .chain(([entries, keyType]) =>
        keyType === null
          ? fc.constant(new Dictionary(entries as Array<[Variant, Variant]>))
          : fc
              .array(fc.tuple(byType[keyType] as fc.Arbitrary<VariantLike>, tie('value')), { maxLength: 4 })
              .map((typedEntries) => new Dictionary(typedEntries as Array<[Variant, Variant]>, { keyType })),
      ),
  })).value;
}

/** A float as the default decoder returns it: `Float` when integral (the float marker), else a number. */
function floatForm(x: number): unknown {
  return Number.isInteger(x) ? new Float(x) : x;
}

/**
 * What the default decoder returns for a generated value: the same Godot types, in the decoder's
 * JavaScript forms (ints as safe numbers or bigints, integral floats as `Float`).
 */
export function normalize(value: unknown, elementType?: VariantType): unknown {
  if (value instanceof Float) return floatForm(value.value);
  if (value instanceof Int) return normalize(value.value);
  if (typeof value === 'bigint') {
    const n = Number(value);
    return Number.isSafeInteger(n) ? n : value;
  }
  if (typeof value === 'number') {
    if (elementType === VariantType.FLOAT || !isIntNumber(value)) return floatForm(value);
    return Number.isSafeInteger(value) ? value : BigInt(value);
  }
  if (value instanceof TypedArray) {
    const type = value.elementType.kind === 'builtin' ? value.elementType.type : undefined;
    return new TypedArray(value.elementType, value.map((v) => normalize(v, type) as Variant));
  }
  if (Array.isArray(value) && !(value instanceof PackedStringArray)) return value.map((v) => normalize(v));
  if (value instanceof Dictionary) {
    const keyType = value.keyType?.kind === 'builtin' ? value.keyType.type : undefined;
    const out = new Dictionary(null, { keyType: value.keyType, valueType: value.valueType });
    for (const [k, v] of value) out.set(normalize(k, keyType) as Variant, normalize(v) as Variant);
    return out;
  }
  if (value instanceof EncodedObjectAsID && value.objectId === 0n) return null;
  if (value instanceof GodotObject) {
    return new GodotObject(value.className, [...value.properties].map(([k, v]) => [k, normalize(v) as Variant] as const));
  }
  return value;
}
