/**
 * Type tags (`t.int`, `t.vector2`, …): the Godot type a declared RPC argument or synchronized
 * property has. Nothing on the wire names types, so the declaration must: a `float` property fed
 * the JS number `100` must still travel as FLOAT, and an `int` argument that arrives as a String
 * must be refused before it reaches a handler.
 *
 * The int/float model of the project: a plain integral `number` means int; a `Float` or a
 * non-integral `number` means float. `t.float` hands handlers a plain `number` either way and
 * sends any number as FLOAT; `t.any` keeps what the codec gives (`Float` for an integral FLOAT).
 */
import {
  AABB, Basis, Color, Dictionary, Float, Int, NodePath, PackedColorArray, PackedStringArray, PackedVector2Array,
  PackedVector3Array, PackedVector4Array, Plane, Projection, Quaternion, RID, Rect2, Rect2i, StringName, Transform2D,
  Transform3D, TypedArray, VariantType, Vector2, Vector2i, Vector3, Vector3i, Vector4, Vector4i, typeOfValue,
  type Variant, type VariantLike,
} from '@pp/core';

/** A declared Godot type. `T` is what TypeScript code sends and receives. */
export interface TypeTag<T = unknown> {
  /** The GDScript spelling (`int`, `Vector2`, `Variant` for `t.any`). */
  readonly name: string;
  /** The Variant type, or `null` for `t.any`. */
  readonly type: VariantType | null;
  /** What the encoder gets for `value`; throws a `TypeError` when `value` does not fit. */
  toVariant(value: T): VariantLike;
  /** The TypeScript value for a decoded Variant of `type`, or `undefined` when it does not fit. */
  fromVariant(value: Variant, type: VariantType): T | undefined;
  /** The value Godot starts with (`0`, `Vector2(0, 0)`, `""`…), for properties never set. */
  zero(): T;
}

/** The TypeScript type a tag stands for. */
export type TypeOf<Tag> = Tag extends TypeTag<infer T> ? T : never;
/** The TypeScript types of a tuple of tags. */
export type TypesOf<Tags extends readonly TypeTag<unknown>[]> = { -readonly [K in keyof Tags]: TypeOf<Tags[K]> };

function fail(tag: string, value: unknown): never {
  const shown = typeof value === 'object' && value !== null ? value.constructor.name : typeof value;
  throw new TypeError(`expected ${tag}, got ${shown}`);
}

function classTag<C>(name: string, type: VariantType, ctor: abstract new (...args: never[]) => C, zero: () => C): TypeTag<C> {
  return {
    name,
    type,
    toVariant: (value) => (value instanceof ctor ? (value as VariantLike) : fail(name, value)),
    fromVariant: (value, actual) => (actual === type && value instanceof ctor ? value : undefined),
    zero,
  };
}

const any: TypeTag<Variant> = {
  name: 'Variant',
  type: null,
  toVariant: (value) => {
    if (typeOfValue(value) === undefined) fail('a Variant', value);
    return value as VariantLike;
  },
  fromVariant: (value) => value,
  zero: () => null,
};

const bool: TypeTag<boolean> = {
  name: 'bool',
  type: VariantType.BOOL,
  toVariant: (value) => (typeof value === 'boolean' ? value : fail('bool', value)),
  fromVariant: (value, type) => (type === VariantType.BOOL ? (value as boolean) : undefined),
  zero: () => false,
};

const int: TypeTag<number | bigint> = {
  name: 'int',
  type: VariantType.INT,
  toVariant: (value) => {
    if (typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value))) return value;
    if ((value as unknown) instanceof Int) return value;
    return fail('int', value);
  },
  fromVariant: (value, type) => (type === VariantType.INT ? (value as number | bigint) : undefined),
  zero: () => 0,
};

/** GDScript converts an int argument to a float parameter; so does `t.float`. */
const float: TypeTag<number> = {
  name: 'float',
  type: VariantType.FLOAT,
  toVariant: (value) => {
    if (typeof value === 'number') return new Float(value);
    if ((value as unknown) instanceof Float) return value;
    return fail('float', value);
  },
  fromVariant: (value, type) => {
    if (type === VariantType.FLOAT) return Number(value);
    if (type === VariantType.INT) return Number(value);
    return undefined;
  },
  zero: () => 0,
};

const string: TypeTag<string> = {
  name: 'String',
  type: VariantType.STRING,
  toVariant: (value) => (typeof value === 'string' ? value : fail('String', value)),
  fromVariant: (value, type) => (type === VariantType.STRING ? (value as string) : type === VariantType.STRING_NAME ? String(value) : undefined),
  zero: () => '',
};

const array: TypeTag<Variant[] | TypedArray> = {
  name: 'Array',
  type: VariantType.ARRAY,
  toVariant: (value) => (Array.isArray(value) || (value as unknown) instanceof TypedArray ? (value as VariantLike) : fail('Array', value)),
  fromVariant: (value, type) => (type === VariantType.ARRAY ? (value as Variant[] | TypedArray) : undefined),
  zero: () => [],
};

const dictionary: TypeTag<Dictionary> = {
  name: 'Dictionary',
  type: VariantType.DICTIONARY,
  toVariant: (value) => {
    if ((value as unknown) instanceof Dictionary || (value as unknown) instanceof Map) return value as VariantLike;
    if (typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype) return value as VariantLike;
    return fail('Dictionary', value);
  },
  fromVariant: (value, type) => (type === VariantType.DICTIONARY ? (value as Dictionary) : undefined),
  zero: () => new Dictionary(),
};

function typedArrayTag<A extends ArrayLike<unknown>>(name: string, type: VariantType, ctor: new (length: number) => A): TypeTag<A> {
  return classTag(name, type, ctor, () => new ctor(0));
}

/** The type tags, one per Godot Variant type that can cross the network. */
export const t = {
  /** Any Variant (GDScript's untyped `Variant`). */
  any,
  /** Godot's `bool`. */
  bool,
  /** Godot's `int`: an integral `number` (a `bigint` beyond 2^53). */
  int,
  /** Godot's `float`: a `number`, or a `Float` for integral values. */
  float,
  /** Godot's `String`. */
  string,
  /** Godot's `StringName`. */
  stringName: classTag('StringName', VariantType.STRING_NAME, StringName, () => new StringName()),
  /** Godot's `NodePath`. */
  nodePath: classTag('NodePath', VariantType.NODE_PATH, NodePath, () => new NodePath()),
  /** Godot's `Vector2`. */
  vector2: classTag('Vector2', VariantType.VECTOR2, Vector2, () => new Vector2()),
  /** Godot's `Vector2i`. */
  vector2i: classTag('Vector2i', VariantType.VECTOR2I, Vector2i, () => new Vector2i()),
  /** Godot's `Rect2`. */
  rect2: classTag('Rect2', VariantType.RECT2, Rect2, () => new Rect2()),
  /** Godot's `Rect2i`. */
  rect2i: classTag('Rect2i', VariantType.RECT2I, Rect2i, () => new Rect2i()),
  /** Godot's `Vector3`. */
  vector3: classTag('Vector3', VariantType.VECTOR3, Vector3, () => new Vector3()),
  /** Godot's `Vector3i`. */
  vector3i: classTag('Vector3i', VariantType.VECTOR3I, Vector3i, () => new Vector3i()),
  /** Godot's `Transform2D`. */
  transform2d: classTag('Transform2D', VariantType.TRANSFORM2D, Transform2D, () => new Transform2D()),
  /** Godot's `Vector4`. */
  vector4: classTag('Vector4', VariantType.VECTOR4, Vector4, () => new Vector4()),
  /** Godot's `Vector4i`. */
  vector4i: classTag('Vector4i', VariantType.VECTOR4I, Vector4i, () => new Vector4i()),
  /** Godot's `Plane`. */
  plane: classTag('Plane', VariantType.PLANE, Plane, () => new Plane()),
  /** Godot's `Quaternion`. */
  quaternion: classTag('Quaternion', VariantType.QUATERNION, Quaternion, () => new Quaternion()),
  /** Godot's `AABB`. */
  aabb: classTag('AABB', VariantType.AABB, AABB, () => new AABB()),
  /** Godot's `Basis`. */
  basis: classTag('Basis', VariantType.BASIS, Basis, () => new Basis()),
  /** Godot's `Transform3D`. */
  transform3d: classTag('Transform3D', VariantType.TRANSFORM3D, Transform3D, () => new Transform3D()),
  /** Godot's `Projection`. */
  projection: classTag('Projection', VariantType.PROJECTION, Projection, () => new Projection()),
  /** Godot's `Color`. */
  color: classTag('Color', VariantType.COLOR, Color, () => new Color()),
  /** Godot's `RID`. */
  rid: classTag('RID', VariantType.RID, RID, () => new RID()),
  /** Godot's `Dictionary`. */
  dictionary,
  /** Godot's untyped `Array`. */
  array,
  /** Godot's `PackedByteArray`. */
  packedByteArray: typedArrayTag('PackedByteArray', VariantType.PACKED_BYTE_ARRAY, Uint8Array),
  /** Godot's `PackedInt32Array`. */
  packedInt32Array: typedArrayTag('PackedInt32Array', VariantType.PACKED_INT32_ARRAY, Int32Array),
  /** Godot's `PackedInt64Array`. */
  packedInt64Array: typedArrayTag('PackedInt64Array', VariantType.PACKED_INT64_ARRAY, BigInt64Array),
  /** Godot's `PackedFloat32Array`. */
  packedFloat32Array: typedArrayTag('PackedFloat32Array', VariantType.PACKED_FLOAT32_ARRAY, Float32Array),
  /** Godot's `PackedFloat64Array`. */
  packedFloat64Array: typedArrayTag('PackedFloat64Array', VariantType.PACKED_FLOAT64_ARRAY, Float64Array),
  /** Godot's `PackedStringArray`. */
  packedStringArray: classTag('PackedStringArray', VariantType.PACKED_STRING_ARRAY, PackedStringArray, () => new PackedStringArray()),
  /** Godot's `PackedVector2Array`. */
  packedVector2Array: classTag('PackedVector2Array', VariantType.PACKED_VECTOR2_ARRAY, PackedVector2Array, () => new PackedVector2Array()),
  /** Godot's `PackedVector3Array`. */
  packedVector3Array: classTag('PackedVector3Array', VariantType.PACKED_VECTOR3_ARRAY, PackedVector3Array, () => new PackedVector3Array()),
  /** Godot's `PackedColorArray`. */
  packedColorArray: classTag('PackedColorArray', VariantType.PACKED_COLOR_ARRAY, PackedColorArray, () => new PackedColorArray()),
  /** Godot's `PackedVector4Array`. */
  packedVector4Array: classTag('PackedVector4Array', VariantType.PACKED_VECTOR4_ARRAY, PackedVector4Array, () => new PackedVector4Array()),
} as const;

/** The tag names of `t`, as a declaration serialised to JSON spells them. */
export type TypeName = keyof typeof t;

/** The tag of a GDScript type name (`int`, `Vector2`, `Array[int]`); `t.any` for untyped, objects and unknown names. */
export function tagOfGodotType(name: string | undefined): {
  /** The `t` key of the type (`any` for `Variant`, a missing type or an unknown one). */
  key: TypeName;
  /** False when the Godot type has no `t` tag and fell back to `any`. */
  known: boolean;
} {
  if (name === undefined || name === '' || name === 'Variant') return { key: 'any', known: true };
  const base = name.replace(/\[.*\]$/, '');
  for (const [key, tag] of Object.entries(t) as Array<[TypeName, TypeTag]>) {
    if (tag.name === base) return { key, known: true };
  }
  return { key: 'any', known: false };
}
