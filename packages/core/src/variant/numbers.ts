/**
 * Godot tells `1` (int) from `1.0` (float); a JavaScript `number` cannot. An integral `number`
 * is an INT and any other `number` a FLOAT; these wrappers force the type. The decoder returns
 * integral floats as `Float`s, so every decoded value keeps its Godot type.
 */

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Whether a bigint fits Godot's 64-bit `int`. */
export function isInt64(value: bigint): boolean {
  return value >= INT64_MIN && value <= INT64_MAX;
}

/** A Godot `float` (64-bit in Variants), even when the value is integral: `new Float(1)` is `1.0`. */
export class Float {
  /** The float's value. */
  readonly value: number;

  constructor(value: number) {
    if (typeof value !== 'number') throw new TypeError(`Float expects a number, got ${typeof value}`);
    this.value = value;
  }

  /** The plain number, so a `Float` works in arithmetic (`f + 1`). */
  valueOf(): number {
    return this.value;
  }

  /** JSON has one number type: the value. */
  toJSON(): number {
    return this.value;
  }

  /** The value as Godot's `var_to_str` writes a float: `1.0`, `0.5`, `inf`, `nan`. */
  toString(): string {
    return formatFloat(this.value);
  }
}

/** A Godot `int` (64-bit signed). Accepts an integral `number` or a `bigint` in int64 range. */
export class Int {
  /** The int's value, always within int64. */
  readonly value: bigint;

  constructor(value: number | bigint) {
    if (typeof value === 'number') {
      if (!Number.isInteger(value)) throw new RangeError(`Int expects an integer, got ${value}`);
      value = BigInt(value);
    } else if (typeof value !== 'bigint') {
      throw new TypeError(`Int expects a number or bigint, got ${typeof value}`);
    }
    if (!isInt64(value)) throw new RangeError(`Int ${value} is outside the 64-bit range`);
    this.value = value;
  }

  /** The bigint, so an `Int` works in bigint arithmetic (`i + 1n`). */
  valueOf(): bigint {
    return this.value;
  }

  /** The value as a JSON number when exact (a safe integer), else its digits as a string. */
  toJSON(): number | string {
    const n = Number(this.value);
    return Number.isSafeInteger(n) ? n : this.value.toString();
  }

  /** The decimal digits, e.g. `'-42'`. */
  toString(): string {
    return this.value.toString();
  }
}

/** Shorthand for `new Float(value)`. */
export function float(value: number): Float {
  return new Float(value);
}

/** Shorthand for `new Int(value)`. */
export function int(value: number | bigint): Int {
  return new Int(value);
}

/** Formats a float the way Godot's `var_to_str` does for the common cases (`1.0`, `inf`, `nan`). */
export function formatFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (Object.is(x, -0)) return '-0.0';
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return `${x}.0`;
  return String(x);
}
