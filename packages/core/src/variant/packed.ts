/**
 * Packed arrays with no matching JavaScript typed array. (PackedByteArray, PackedInt32Array,
 * PackedInt64Array, PackedFloat32Array and PackedFloat64Array are plain `Uint8Array`,
 * `Int32Array`, `BigInt64Array`, `Float32Array` and `Float64Array`.)
 */
import { Color, Vector2, Vector3, Vector4 } from './math.js';

/** `PackedStringArray`: an array of strings that Godot sends as one packed value. */
export class PackedStringArray extends Array<string> {
  /** Builds one from any iterable of strings (`new PackedStringArray(n)` would make holes). */
  static fromStrings(values: Iterable<string>): PackedStringArray {
    const out = new PackedStringArray();
    for (const value of values) out.push(value);
    return out;
  }
}

/**
 * Common shape of the packed vector arrays: components stored flat in `data`
 * (`[x0, y0, x1, y1, …]`), element views created on demand.
 */
abstract class PackedVectors<T, D extends Float32Array | Float64Array> implements Iterable<T> {
  /** The components, flat. Mutating it mutates the array. */
  readonly data: D;

  protected constructor(data: D) {
    this.data = data;
  }

  /** For subclasses: the number of components per element (2 for Vector2, 3 for Vector3, 4 for Vector4 and Color). */
  protected abstract get width(): number;
  /** For subclasses: a fresh element built from the components starting at `offset` in `data`. */
  protected abstract read(offset: number): T;
  /** For subclasses: stores `value`'s components in `data` starting at `offset`. */
  protected abstract write(offset: number, value: T): void;

  /** Number of vectors. */
  get length(): number {
    return this.data.length / this.width;
  }

  /** The vector at `index`, as a fresh object (changing it does not change the array). */
  get(index: number): T {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) {
      throw new RangeError(`Index ${index} out of range (length ${this.length})`);
    }
    return this.read(index * this.width);
  }

  /** Replaces the vector at `index`. */
  set(index: number, value: T): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.length) {
      throw new RangeError(`Index ${index} out of range (length ${this.length})`);
    }
    this.write(index * this.width, value);
  }

  /** `for (const v of array)`: each element in order, as a fresh object. */
  *[Symbol.iterator](): Iterator<T> {
    for (let offset = 0; offset < this.data.length; offset += this.width) yield this.read(offset);
  }

  /** The elements as a plain array of fresh objects. */
  toArray(): T[] {
    return [...this];
  }

  /** For subclass constructors: writes `values` from the start of `data` (which must have room for them). */
  protected fill(values: Iterable<T>): void {
    let offset = 0;
    for (const value of values) {
      this.write(offset, value);
      offset += this.width;
    }
  }
}

/** `PackedVector2Array`. `new PackedVector2Array([new Vector2(1, 2)])` or `fromData(f64s)`. */
export class PackedVector2Array extends PackedVectors<Vector2, Float64Array> {
  constructor(values: Iterable<Vector2> = []) {
    const list = Array.isArray(values) ? (values as Vector2[]) : [...values];
    super(new Float64Array(list.length * 2));
    this.fill(list);
  }
  /** Wraps flat components (length must be a multiple of 2); the array is not copied. */
  static fromData(data: Float64Array): PackedVector2Array {
    return wrap(PackedVector2Array, data, 2);
  }
  protected get width(): number {
    return 2;
  }
  protected read(o: number): Vector2 {
    return new Vector2(this.data[o], this.data[o + 1]);
  }
  protected write(o: number, v: Vector2): void {
    this.data[o] = v.x;
    this.data[o + 1] = v.y;
  }
}

/** `PackedVector3Array`, components flat in `data` (`[x0, y0, z0, …]`). */
export class PackedVector3Array extends PackedVectors<Vector3, Float64Array> {
  constructor(values: Iterable<Vector3> = []) {
    const list = Array.isArray(values) ? (values as Vector3[]) : [...values];
    super(new Float64Array(list.length * 3));
    this.fill(list);
  }
  /** Wraps flat components (length must be a multiple of 3); the array is not copied. */
  static fromData(data: Float64Array): PackedVector3Array {
    return wrap(PackedVector3Array, data, 3);
  }
  protected get width(): number {
    return 3;
  }
  protected read(o: number): Vector3 {
    return new Vector3(this.data[o], this.data[o + 1], this.data[o + 2]);
  }
  protected write(o: number, v: Vector3): void {
    this.data[o] = v.x;
    this.data[o + 1] = v.y;
    this.data[o + 2] = v.z;
  }
}

/** `PackedVector4Array` (Godot 4.3+), components flat in `data`. */
export class PackedVector4Array extends PackedVectors<Vector4, Float64Array> {
  constructor(values: Iterable<Vector4> = []) {
    const list = Array.isArray(values) ? (values as Vector4[]) : [...values];
    super(new Float64Array(list.length * 4));
    this.fill(list);
  }
  /** Wraps flat components (length must be a multiple of 4); the array is not copied. */
  static fromData(data: Float64Array): PackedVector4Array {
    return wrap(PackedVector4Array, data, 4);
  }
  protected get width(): number {
    return 4;
  }
  protected read(o: number): Vector4 {
    return new Vector4(this.data[o], this.data[o + 1], this.data[o + 2], this.data[o + 3]);
  }
  protected write(o: number, v: Vector4): void {
    this.data[o] = v.x;
    this.data[o + 1] = v.y;
    this.data[o + 2] = v.z;
    this.data[o + 3] = v.w;
  }
}

/** `PackedColorArray`: r, g, b, a flat in a `Float32Array` (colors are always 32-bit). */
export class PackedColorArray extends PackedVectors<Color, Float32Array> {
  constructor(values: Iterable<Color> = []) {
    const list = Array.isArray(values) ? (values as Color[]) : [...values];
    super(new Float32Array(list.length * 4));
    this.fill(list);
  }
  /** Wraps flat components (length must be a multiple of 4); the array is not copied. */
  static fromData(data: Float32Array): PackedColorArray {
    return wrap(PackedColorArray, data, 4);
  }
  protected get width(): number {
    return 4;
  }
  protected read(o: number): Color {
    return new Color(this.data[o], this.data[o + 1], this.data[o + 2], this.data[o + 3]);
  }
  protected write(o: number, v: Color): void {
    this.data[o] = v.r;
    this.data[o + 1] = v.g;
    this.data[o + 2] = v.b;
    this.data[o + 3] = v.a;
  }
}

function wrap<C extends { data: unknown }>(ctor: abstract new (...args: never[]) => C, data: C['data'] & { length: number }, width: number): C {
  if (data.length % width !== 0) {
    throw new RangeError(`${ctor.name} data length ${data.length} is not a multiple of ${width}`);
  }
  const instance = Object.create(ctor.prototype) as { data: unknown };
  Object.defineProperty(instance, 'data', { value: data, enumerable: true });
  return instance as C;
}
