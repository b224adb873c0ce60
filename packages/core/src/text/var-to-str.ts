/**
 * `var_to_str` (Godot 4) and `var2str` (Godot 3): a Variant as the text Godot itself prints,
 * character for character (`core/variant/variant_parser.cpp`, `VariantWriter::write`). Values
 * follow the codec's model: an integral `number` or a `bigint` is an int, a `Float` or any other
 * `number` a float.
 */
import { ErrorCode } from '../error.js';
import { MAX_RECURSION_DEPTH } from '../limits.js';
import type { ContainerType } from '../variant/container-type.js';
import { Dictionary } from '../variant/dictionary.js';
import { typeOfValue } from '../variant/type-of.js';
import type {
  AABB, Basis, Color, Plane, Projection, Quaternion, Rect2, Rect2i, Transform2D, Transform3D,
  Vector2, Vector2i, Vector3, Vector3i, Vector4, Vector4i,
} from '../variant/math.js';
import type { NodePath } from '../variant/node-path.js';
import { Float, Int, isInt64 } from '../variant/numbers.js';
import type { GodotObject} from '../variant/objects.js';
import { EncodedObjectAsID, type RID } from '../variant/objects.js';
import type {
  PackedColorArray, PackedStringArray, PackedVector2Array, PackedVector3Array, PackedVector4Array,
} from '../variant/packed.js';
import type { StringName } from '../variant/string-name.js';
import { TypedArray } from '../variant/typed-array.js';
import type { VariantLike } from '../variant/value.js';
import { VariantError } from '../variant/variant-error.js';
import { VariantType, variantTypeName } from '../variant/variant-type.js';
import { floatText3, floatText4, rtosFix3, rtosFix4 } from './float-text.js';
import { coerce } from './container-values.js';
import { sortByKey } from './key-order.js';
import { cEscape, cEscapeMultiline } from './string-escape.js';
import { GODOT3_TYPES, type TextDialect, type TextFormat, constructorName, textDialect } from './text-format.js';

/** Options of `varToStr`: the text dialect and how values are written. Every field is optional. */
export interface VarToStrOptions {
  /**
   * The text dialect: Godot 4's `var_to_str` or Godot 3's `var2str`.
   * @default 'godot4'
   */
  format?: TextFormat;
  /**
   * Deepest nesting written (the top-level value is depth 0); deeper throws a `VariantError`
   * with `ERR_OUT_OF_MEMORY` (Godot writes `[]` or `{}` there and logs "Max recursion reached").
   * @default 1024
   */
  maxDepth?: number;
}

const T = VariantType;

/**
 * Godot's text form of a value: `var_to_str` (default) or `var2str` (`format: 'godot3'`).
 * Throws a `VariantError` for values Godot cannot hold (or the Godot 3 dialect lacks), and for
 * nesting deeper than `maxDepth`.
 */
export function varToStr(value: VariantLike, options: VarToStrOptions = {}): string {
  const writer = new TextWriter(textDialect(options.format), options.maxDepth ?? MAX_RECURSION_DEPTH);
  return writer.value(value, 0);
}

function fail(message: string, code: ErrorCode = ErrorCode.ERR_INVALID_PARAMETER): never {
  throw new VariantError(code, message);
}

class TextWriter {
  private readonly godot3: boolean;
  private readonly real: (x: number) => string;

  constructor(
    private readonly dialect: TextDialect,
    private readonly maxDepth: number,
  ) {
    this.godot3 = dialect.godot3;
    this.real = this.godot3 ? (x) => rtosFix3(Math.fround(x)) : (x) => rtosFix4(Math.fround(x));
  }

  value(value: unknown, depth: number): string {
    if (depth > this.maxDepth) fail(`Variant is nested deeper than ${this.maxDepth} levels`, ErrorCode.ERR_OUT_OF_MEMORY);
    const type = typeOfValue(value);
    if (type === undefined) fail(`${describe(value)} is not a Variant`);
    if (this.godot3 && !GODOT3_TYPES.has(type)) fail(`${variantTypeName(type)} cannot be written in the 'godot3' format`);
    switch (type) {
      case T.NIL:
        return 'null';
      case T.BOOL:
        return value ? 'true' : 'false';
      case T.INT:
        return intText(value);
      case T.FLOAT: {
        const x = value instanceof Float ? value.value : (value as number);
        return this.godot3 ? floatText3(x) : floatText4(x);
      }
      case T.STRING:
        return `"${cEscapeMultiline(value as string)}"`;
      case T.STRING_NAME:
        return `&"${cEscape((value as StringName).value)}"`;
      case T.NODE_PATH:
        return `NodePath("${cEscape(String(value as NodePath), this.godot3)}")`;
      case T.RID:
        return this.rid(value as RID);
      case T.OBJECT:
        return this.object(value, depth);
      case T.CALLABLE:
        return 'Callable()';
      case T.SIGNAL:
        return 'Signal()';
      case T.DICTIONARY:
        return this.dictionary(value, depth);
      case T.ARRAY:
        return this.array(value as readonly unknown[], depth);
      default:
        return this.construct(type, value);
    }
  }

  private rid(rid: RID): string {
    // Godot 3 writes nothing at all for an RID (its writer has no case for it).
    if (this.godot3) return '';
    return rid.id === 0n ? 'RID()' : `RID(${BigInt.asIntN(64, rid.id)})`;
  }

  private object(value: unknown, depth: number): string {
    if (value instanceof EncodedObjectAsID) {
      if (value.objectId === 0n) return 'null';
      return `Object(EncodedObjectAsID,"object_id":${BigInt.asIntN(64, value.objectId)},"script":null)\n`;
    }
    const object = value as GodotObject;
    const properties = [...object.properties].map(([name, v]) => `"${name}":${this.value(v, depth + 1)}`);
    return `Object(${object.className},${properties.join(',')})\n`;
  }

  private containerType(type: ContainerType | null): string {
    if (type === null) return 'Variant';
    if (type.kind === 'builtin') return variantTypeName(type.type);
    return type.kind === 'class' ? type.className : `Resource("${cEscapeMultiline(type.path)}")`;
  }

  private dictionary(value: unknown, depth: number): string {
    let entries: Array<[unknown, unknown]>;
    let header = '';
    if (value instanceof Dictionary) {
      const { keyType, valueType } = value;
      entries = [...value].map(([k, v]) => [coerce(k, keyType), coerce(v, valueType)]);
      if (value.isTyped() && !this.godot3) header = `Dictionary[${this.containerType(keyType)}, ${this.containerType(valueType)}]`;
    } else if (value instanceof Map) {
      entries = [...(value as Map<unknown, unknown>)];
    } else {
      entries = Object.entries(value as Record<string, unknown>);
    }
    let body: string;
    if (entries.length === 0) {
      body = this.godot3 ? '{\n\n}' : '{}';
    } else {
      const lines = sortByKey(entries, this.godot3).map(([k, v]) => `${this.value(k, depth + 1)}: ${this.value(v, depth + 1)}`);
      body = `{\n${lines.join(',\n')}\n}`;
    }
    return header ? `${header}(${body})` : body;
  }

  private array(array: readonly unknown[], depth: number): string {
    const type = array instanceof TypedArray ? array.elementType : null;
    const items = Array.from(array, (item) => this.value(coerce(item, type), depth + 1));
    if (this.godot3) return `[ ${items.join(', ')} ]`;
    const body = `[${items.join(', ')}]`;
    return type === null ? body : `Array[${this.containerType(type)}](${body})`;
  }

  /** The math types and packed arrays: `Name(components…)`. */
  private construct(type: VariantType, value: unknown): string {
    const r = this.real;
    const i = (x: number): string => String(x | 0);
    const name = constructorName(type, this.godot3, variantTypeName(type)) as string;
    const v2 = (v: Vector2): string[] => [r(v.x), r(v.y)];
    const v3 = (v: Vector3): string[] => [r(v.x), r(v.y), r(v.z)];
    const v4 = (v: Vector4): string[] => [r(v.x), r(v.y), r(v.z), r(v.w)];
    let args: string[];
    switch (type) {
      case T.VECTOR2: args = v2(value as Vector2); break;
      case T.VECTOR2I: { const v = value as Vector2i; args = [i(v.x), i(v.y)]; break; }
      case T.RECT2: { const v = value as Rect2; args = [...v2(v.position), ...v2(v.size)]; break; }
      case T.RECT2I: { const v = value as Rect2i; args = [v.position.x, v.position.y, v.size.x, v.size.y].map(i); break; }
      case T.VECTOR3: args = v3(value as Vector3); break;
      case T.VECTOR3I: { const v = value as Vector3i; args = [i(v.x), i(v.y), i(v.z)]; break; }
      case T.TRANSFORM2D: { const v = value as Transform2D; args = [...v2(v.x), ...v2(v.y), ...v2(v.origin)]; break; }
      case T.VECTOR4: args = v4(value as Vector4); break;
      case T.VECTOR4I: { const v = value as Vector4i; args = [i(v.x), i(v.y), i(v.z), i(v.w)]; break; }
      case T.PLANE: { const v = value as Plane; args = [...v3(v.normal), r(v.d)]; break; }
      case T.QUATERNION: { const v = value as Quaternion; args = [r(v.x), r(v.y), r(v.z), r(v.w)]; break; }
      case T.AABB: { const v = value as AABB; args = [...v3(v.position), ...v3(v.size)]; break; }
      case T.BASIS: args = basisRows(value as Basis).map(r); break;
      case T.TRANSFORM3D: { const v = value as Transform3D; args = [...basisRows(v.basis).map(r), ...v3(v.origin)]; break; }
      case T.PROJECTION: { const v = value as Projection; args = [...v4(v.x), ...v4(v.y), ...v4(v.z), ...v4(v.w)]; break; }
      case T.COLOR: { const v = value as Color; args = [r(v.r), r(v.g), r(v.b), r(v.a)]; break; }
      case T.PACKED_BYTE_ARRAY:
      case T.PACKED_INT32_ARRAY:
        args = Array.from(value as ArrayLike<number>, String);
        break;
      case T.PACKED_INT64_ARRAY:
        args = Array.from(value as BigInt64Array, String);
        break;
      case T.PACKED_FLOAT32_ARRAY:
        args = Array.from(value as Float32Array, r);
        break;
      case T.PACKED_FLOAT64_ARRAY:
        args = Array.from(value as Float64Array, rtosFix4);
        break;
      case T.PACKED_STRING_ARRAY:
        args = Array.from(value as PackedStringArray, (s) => `"${cEscape(s, this.godot3)}"`);
        break;
      case T.PACKED_VECTOR2_ARRAY:
      case T.PACKED_VECTOR3_ARRAY:
      case T.PACKED_VECTOR4_ARRAY:
        args = Array.from((value as PackedVector2Array | PackedVector3Array | PackedVector4Array).data, r);
        break;
      case T.PACKED_COLOR_ARRAY:
        args = Array.from((value as PackedColorArray).data, r);
        break;
      default:
        return fail(`${variantTypeName(type)} has no text form`);
    }
    return this.dialect.construct(name, args);
  }
}

/** Basis is written row by row; our Basis holds the columns x, y, z. */
function basisRows(b: Basis): number[] {
  return [b.x.x, b.y.x, b.z.x, b.x.y, b.y.y, b.z.y, b.x.z, b.y.z, b.z.z];
}

function intText(value: unknown): string {
  const big = value instanceof Int ? value.value : BigInt(value as number | bigint);
  if (!isInt64(big)) fail(`int ${big} is outside the 64-bit range`);
  return big.toString();
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value !== 'object' || value === null) return `A ${typeof value}`;
  const name = (value.constructor as { name?: string } | undefined)?.name;
  return name ? `A ${name}` : 'This object';
}
