/**
 * A seeded generator of Variants of every type, for sending to a real Godot. Values are shaped
 * like `bytesToVar(…, { exact: true })` output (floats are `Float`, math components are exact
 * 32-bit floats), so the description Godot prints can be matched against what we meant.
 */
import {
  AABB, Basis, Callable, Color, Dictionary, EncodedObjectAsID, Float, NodePath, PackedColorArray,
  PackedStringArray, PackedVector2Array, PackedVector3Array, PackedVector4Array, Plane, Projection, Quaternion,
  RID, Rect2, Rect2i, Signal, StringName, Transform2D, Transform3D, TypedArray, Vector2, Vector2i, Vector3,
  Vector3i, Vector4, Vector4i, VariantType, seededRandom, type Variant, type VariantFormat,
} from '@pp/core';

/** The seeded generator of the test data (core's mulberry32), the same everywhere. */
export const rng: (seed: number) => () => number = seededRandom;

const INT_EDGES = [0, 1, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, -(2 ** 31) - 1, 2 ** 53 - 1, -(2 ** 53 - 1)];
const BIG_EDGES = [2n ** 53n, 2n ** 53n + 1n, -(2n ** 53n) - 1n, 2n ** 63n - 1n, -(2n ** 63n)];
const FLOAT_EDGES = [0, -0, 1, -1, 0.1, 1 / 3, 1e39, -1e-320, Infinity, -Infinity, NaN, 3.4028234663852886e38, 1.5, 2 ** 60];
const CODE_POINT_RANGES: Array<[number, number]> = [[0x20, 0x7e], [0xa0, 0x24f], [0x391, 0x3c9], [0x4e00, 0x4fff], [0x1f600, 0x1f64f], [0xe000, 0xe0ff]];

export class VariantGenerator {
  readonly #random: () => number;
  readonly #godot3: boolean;

  constructor(seed: number, format: VariantFormat = 'godot4') {
    this.#random = rng(seed);
    this.#godot3 = format === 'godot3';
  }

  /** The Godot 4 type ids this generator makes for its format. */
  types(): VariantType[] {
    const all = Array.from({ length: 39 }, (_, i) => i as VariantType);
    if (!this.#godot3) return all;
    const godot3: number[] = [0, 1, 2, 3, 4, 5, 7, 9, 11, 14, 15, 16, 17, 18, 20, 22, 23, 24, 27, 28, 29, 30, 32, 34, 35, 36, 37];
    return all.filter((t) => godot3.includes(t));
  }

  int(): number | bigint {
    const r = this.#random;
    switch (Math.floor(r() * 5)) {
      case 0: return INT_EDGES[Math.floor(r() * INT_EDGES.length)] as number;
      case 1: return BIG_EDGES[Math.floor(r() * BIG_EDGES.length)] as bigint;
      case 2: {
        const big = BigInt.asIntN(64, (BigInt(Math.floor(r() * 2 ** 32)) << 32n) | BigInt(Math.floor(r() * 2 ** 32)));
        const n = Number(big);
        return Number.isSafeInteger(n) ? n : big;
      }
      case 3: return Math.floor(r() * 200) - 100;
      default: return Math.floor(r() * 2 ** 32) - 2 ** 31;
    }
  }

  float(): Float {
    const r = this.#random;
    switch (Math.floor(r() * 4)) {
      case 0: return new Float(FLOAT_EDGES[Math.floor(r() * FLOAT_EDGES.length)] as number);
      case 1: return new Float(Math.fround((r() - 0.5) * 2000));
      case 2: return new Float(Math.floor(r() * 2000) - 1000);
      default: {
        const bytes = new DataView(new ArrayBuffer(8));
        bytes.setUint32(0, Math.floor(r() * 2 ** 32));
        bytes.setUint32(4, Math.floor(r() * 2 ** 32));
        const x = bytes.getFloat64(0);
        return new Float(Number.isNaN(x) ? 0.5 : x);
      }
    }
  }

  real(): number {
    const r = this.#random;
    const pick = r();
    if (pick < 0.05) return [0, -0, Infinity, -Infinity, 1][Math.floor(r() * 5)] as number;
    return Math.fround((r() - 0.5) * (pick < 0.5 ? 20 : 2e6));
  }

  i32(): number {
    return Math.floor(this.#random() * 2 ** 32) - 2 ** 31;
  }

  string(maxLength = 12): string {
    const r = this.#random;
    const length = r() < 0.1 ? 0 : 1 + Math.floor(r() * maxLength);
    let out = '';
    for (let i = 0; i < length; i++) {
      const [lo, hi] = CODE_POINT_RANGES[r() < 0.6 ? 0 : Math.floor(r() * CODE_POINT_RANGES.length)] as [number, number];
      out += String.fromCodePoint(lo + Math.floor(r() * (hi - lo + 1)));
    }
    return out;
  }

  name(): string {
    const r = this.#random;
    const pool = ['root', 'Main', 'Player', 'é', 'x', 'Node2D', 'position', 'a_b', '..', '.', '日本'];
    return pool[Math.floor(r() * pool.length)] as string;
  }

  u64(): bigint {
    const r = this.#random;
    return (BigInt(Math.floor(r() * 2 ** 32)) << 32n) | BigInt(Math.floor(r() * 2 ** 32));
  }

  count(max: number): number {
    return Math.floor(this.#random() * (max + 1));
  }

  /** A value of `type`; containers nest up to `depth` more levels. */
  value(type: VariantType, depth = 2): Variant {
    const r = this.#random;
    const v2 = (): Vector2 => new Vector2(this.real(), this.real());
    const v3 = (): Vector3 => new Vector3(this.real(), this.real(), this.real());
    const v4 = (): Vector4 => new Vector4(this.real(), this.real(), this.real(), this.real());
    const list = <T>(make: () => T, max = 6): T[] => Array.from({ length: this.count(max) }, make);
    switch (type) {
      case VariantType.NIL: return null;
      case VariantType.BOOL: return r() < 0.5;
      case VariantType.INT: return this.int();
      case VariantType.FLOAT: return this.float();
      case VariantType.STRING: return this.string(r() < 0.05 ? 200 : 12);
      case VariantType.VECTOR2: return v2();
      case VariantType.VECTOR2I: return new Vector2i(this.i32(), this.i32());
      case VariantType.RECT2: return new Rect2(v2(), v2());
      case VariantType.RECT2I: return Rect2i.of(this.i32(), this.i32(), this.i32(), this.i32());
      case VariantType.VECTOR3: return v3();
      case VariantType.VECTOR3I: return new Vector3i(this.i32(), this.i32(), this.i32());
      case VariantType.TRANSFORM2D: return new Transform2D(v2(), v2(), v2());
      case VariantType.VECTOR4: return v4();
      case VariantType.VECTOR4I: return new Vector4i(this.i32(), this.i32(), this.i32(), this.i32());
      case VariantType.PLANE: return new Plane(v3(), this.real());
      case VariantType.QUATERNION: return new Quaternion(this.real(), this.real(), this.real(), this.real());
      case VariantType.AABB: return new AABB(v3(), v3());
      case VariantType.BASIS: return new Basis(v3(), v3(), v3());
      case VariantType.TRANSFORM3D: return new Transform3D(new Basis(v3(), v3(), v3()), v3());
      case VariantType.PROJECTION: return new Projection(v4(), v4(), v4(), v4());
      case VariantType.COLOR: return new Color(this.real(), this.real(), this.real(), this.real());
      case VariantType.STRING_NAME: return new StringName(this.string());
      case VariantType.NODE_PATH: {
        const names = list(() => this.name(), 4);
        const subnames = list(() => this.name(), 2);
        // Godot 3 reads an absolute path without names as the empty path (tested on its own).
        const absolute = r() < 0.5 && !(this.#godot3 && names.length + subnames.length === 0);
        return NodePath.fromParts(names, subnames, absolute);
      }
      case VariantType.RID: return new RID(this.#godot3 ? 0n : r() < 0.2 ? 0n : this.u64());
      case VariantType.OBJECT: return new EncodedObjectAsID(this.u64() || 1n);
      case VariantType.CALLABLE: return new Callable();
      case VariantType.SIGNAL: return new Signal(r() < 0.2 ? '' : this.name(), r() < 0.2 ? 0n : this.u64());
      case VariantType.DICTIONARY: return this.dictionary(depth);
      case VariantType.ARRAY: return this.array(depth);
      case VariantType.PACKED_BYTE_ARRAY: return Uint8Array.from(list(() => Math.floor(r() * 256), 23));
      case VariantType.PACKED_INT32_ARRAY: return Int32Array.from(list(() => this.i32()));
      case VariantType.PACKED_INT64_ARRAY: return BigInt64Array.from(list(() => BigInt.asIntN(64, this.u64())));
      case VariantType.PACKED_FLOAT32_ARRAY: return Float32Array.from(list(() => this.real()));
      case VariantType.PACKED_FLOAT64_ARRAY: return Float64Array.from(list(() => this.float().value));
      case VariantType.PACKED_STRING_ARRAY: return PackedStringArray.fromStrings(list(() => this.string()));
      case VariantType.PACKED_VECTOR2_ARRAY: return new PackedVector2Array(list(v2));
      case VariantType.PACKED_VECTOR3_ARRAY: return new PackedVector3Array(list(v3));
      case VariantType.PACKED_COLOR_ARRAY: return new PackedColorArray(list(() => new Color(this.real(), this.real(), this.real(), this.real())));
      case VariantType.PACKED_VECTOR4_ARRAY: return new PackedVector4Array(list(v4));
      default: throw new Error(`no generator for type ${type}`);
    }
  }

  /** Any value of the format's types. */
  any(depth: number): Variant {
    const types = this.types().filter((t) => depth > 0 || (t !== VariantType.ARRAY && t !== VariantType.DICTIONARY));
    return this.value(types[Math.floor(this.#random() * types.length)] as VariantType, depth - 1);
  }

  /** Element types used for typed containers. */
  #typedElement(): VariantType {
    const choices = [VariantType.INT, VariantType.FLOAT, VariantType.STRING, VariantType.STRING_NAME, VariantType.VECTOR2,
      VariantType.COLOR, VariantType.BOOL, VariantType.PACKED_BYTE_ARRAY, VariantType.NODE_PATH, VariantType.VECTOR3I];
    return choices[Math.floor(this.#random() * choices.length)] as VariantType;
  }

  array(depth: number): Variant[] | TypedArray {
    const r = this.#random;
    if (this.#godot3 || r() < 0.5) return Array.from({ length: this.count(5) }, () => this.any(depth));
    if (r() < 0.15) {
      // Typed by class: Godot keeps "EncodedObjectAsID" when objects travel as ids.
      const objects = Array.from({ length: this.count(3) }, () => (r() < 0.2 ? null : new EncodedObjectAsID(this.u64() || 1n)));
      return new TypedArray({ kind: 'class', className: 'EncodedObjectAsID' }, objects);
    }
    const type = this.#typedElement();
    return new TypedArray(type, Array.from({ length: this.count(5) }, () => this.value(type, 0)));
  }

  dictionary(depth: number): Dictionary {
    const r = this.#random;
    const typed = !this.#godot3 && r() < 0.4;
    const keyType = typed && r() < 0.8 ? this.#typedElement() : null;
    const valueType = typed && r() < 0.8 ? this.#typedElement() : null;
    const dict = new Dictionary(null, { keyType, valueType });
    const n = this.count(5);
    for (let i = 0; i < n; i++) {
      const key = keyType === null ? this.any(Math.min(depth, 1)) : this.value(keyType, 0);
      dict.set(key, valueType === null ? this.any(depth) : this.value(valueType, 0));
    }
    return dict;
  }
}
