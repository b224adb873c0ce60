/**
 * Godot's math value types. Fields are public and mutable like Godot's; real-valued components
 * are JavaScript numbers and are rounded to 32-bit floats on the wire unless the encoder is told
 * to emulate a double-precision Godot build. Integer vectors are wrapped to int32 on the wire.
 */
import { formatFloat } from './numbers.js';

const f = formatFloat;

export class Vector2 {
  constructor(public x = 0, public y = 0) {}
  toString(): string {
    return `Vector2(${f(this.x)}, ${f(this.y)})`;
  }
}

export class Vector2i {
  constructor(public x = 0, public y = 0) {}
  toString(): string {
    return `Vector2i(${this.x}, ${this.y})`;
  }
}

export class Vector3 {
  constructor(public x = 0, public y = 0, public z = 0) {}
  toString(): string {
    return `Vector3(${f(this.x)}, ${f(this.y)}, ${f(this.z)})`;
  }
}

export class Vector3i {
  constructor(public x = 0, public y = 0, public z = 0) {}
  toString(): string {
    return `Vector3i(${this.x}, ${this.y}, ${this.z})`;
  }
}

export class Vector4 {
  constructor(public x = 0, public y = 0, public z = 0, public w = 0) {}
  toString(): string {
    return `Vector4(${f(this.x)}, ${f(this.y)}, ${f(this.z)}, ${f(this.w)})`;
  }
}

export class Vector4i {
  constructor(public x = 0, public y = 0, public z = 0, public w = 0) {}
  toString(): string {
    return `Vector4i(${this.x}, ${this.y}, ${this.z}, ${this.w})`;
  }
}

/** `Rect2(position, size)`. */
export class Rect2 {
  constructor(public position = new Vector2(), public size = new Vector2()) {}
  static of(x: number, y: number, width: number, height: number): Rect2 {
    return new Rect2(new Vector2(x, y), new Vector2(width, height));
  }
  toString(): string {
    const { position: p, size: s } = this;
    return `Rect2(${f(p.x)}, ${f(p.y)}, ${f(s.x)}, ${f(s.y)})`;
  }
}

/** `Rect2i(position, size)`. */
export class Rect2i {
  constructor(public position = new Vector2i(), public size = new Vector2i()) {}
  static of(x: number, y: number, width: number, height: number): Rect2i {
    return new Rect2i(new Vector2i(x, y), new Vector2i(width, height));
  }
  toString(): string {
    const { position: p, size: s } = this;
    return `Rect2i(${p.x}, ${p.y}, ${s.x}, ${s.y})`;
  }
}

/** `Transform2D(x, y, origin)`: two axis (column) vectors and the origin. Default: identity. */
export class Transform2D {
  constructor(
    public x = new Vector2(1, 0),
    public y = new Vector2(0, 1),
    public origin = new Vector2(),
  ) {}
  toString(): string {
    const { x, y, origin: o } = this;
    return `Transform2D(${f(x.x)}, ${f(x.y)}, ${f(y.x)}, ${f(y.y)}, ${f(o.x)}, ${f(o.y)})`;
  }
}

/** `Plane(normal, d)`. */
export class Plane {
  constructor(public normal = new Vector3(), public d = 0) {}
  toString(): string {
    const n = this.normal;
    return `Plane(${f(n.x)}, ${f(n.y)}, ${f(n.z)}, ${f(this.d)})`;
  }
}

/** `Quaternion(x, y, z, w)`. Default: identity `(0, 0, 0, 1)`. */
export class Quaternion {
  constructor(public x = 0, public y = 0, public z = 0, public w = 1) {}
  toString(): string {
    return `Quaternion(${f(this.x)}, ${f(this.y)}, ${f(this.z)}, ${f(this.w)})`;
  }
}

/** `AABB(position, size)`. */
export class AABB {
  constructor(public position = new Vector3(), public size = new Vector3()) {}
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
    public x = new Vector3(1, 0, 0),
    public y = new Vector3(0, 1, 0),
    public z = new Vector3(0, 0, 1),
  ) {}
  toString(): string {
    const v = (a: Vector3): string => `${f(a.x)}, ${f(a.y)}, ${f(a.z)}`;
    return `Basis(${v(this.x)}, ${v(this.y)}, ${v(this.z)})`;
  }
}

/** `Transform3D(basis, origin)`. Default: identity. */
export class Transform3D {
  constructor(public basis = new Basis(), public origin = new Vector3()) {}
  toString(): string {
    const b = this.basis;
    const v = (a: Vector3): string => `${f(a.x)}, ${f(a.y)}, ${f(a.z)}`;
    return `Transform3D(${v(b.x)}, ${v(b.y)}, ${v(b.z)}, ${v(this.origin)})`;
  }
}

/** `Projection(x, y, z, w)`: four column vectors. Default: identity. */
export class Projection {
  constructor(
    public x = new Vector4(1, 0, 0, 0),
    public y = new Vector4(0, 1, 0, 0),
    public z = new Vector4(0, 0, 1, 0),
    public w = new Vector4(0, 0, 0, 1),
  ) {}
  toString(): string {
    const v = (a: Vector4): string => `${f(a.x)}, ${f(a.y)}, ${f(a.z)}, ${f(a.w)}`;
    return `Projection(${v(this.x)}, ${v(this.y)}, ${v(this.z)}, ${v(this.w)})`;
  }
}

/** `Color(r, g, b, a = 1)`; always 32-bit floats on the wire. Default: opaque black. */
export class Color {
  constructor(public r = 0, public g = 0, public b = 0, public a = 1) {}
  toString(): string {
    return `Color(${f(this.r)}, ${f(this.g)}, ${f(this.b)}, ${f(this.a)})`;
  }
}
