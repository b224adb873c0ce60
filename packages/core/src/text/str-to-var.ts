/**
 * `str_to_var` (Godot 4) and `str2var` (Godot 3): Godot's text form back into values
 * (`VariantParser::parse_value`). Reads everything `varToStr` writes and what Godot's parser
 * reads, with Godot's number conversions (see `godot-number.ts`). Where Godot would quietly
 * return a partial value or drop elements, this throws a `VariantParseError` instead.
 */
import { ErrorCode } from '../error.js';
import { MAX_RECURSION_DEPTH } from '../limits.js';
import { type ContainerType, builtin } from '../variant/container-type.js';
import { Dictionary } from '../variant/dictionary.js';
import {
  AABB, Basis, Color, Plane, Projection, Quaternion, Rect2, Rect2i, Transform2D, Transform3D,
  Vector2, Vector2i, Vector3, Vector3i, Vector4, Vector4i,
} from '../variant/math.js';
import { NodePath } from '../variant/node-path.js';
import { Float } from '../variant/numbers.js';
import { Callable, EncodedObjectAsID, GodotObject, RID, Signal } from '../variant/objects.js';
import {
  PackedColorArray, PackedStringArray, PackedVector2Array, PackedVector3Array, PackedVector4Array,
} from '../variant/packed.js';
import { StringName } from '../variant/string-name.js';
import { TypedArray } from '../variant/typed-array.js';
import type { Variant } from '../variant/value.js';
import type { VariantType} from '../variant/variant-type.js';
import { VARIANT_MAX, variantTypeName } from '../variant/variant-type.js';
import { decodeBase64 } from './base64.js';
import { MISMATCH, convert, mismatchMessage } from './container-values.js';
import {
  byte, double, exactStringToFloat, floatValue, godotStringToFloat, int32, int64, intValue, real, type Num,
} from './godot-number.js';
import { type TextPosition, VariantParseError } from './parse-error.js';
import { textDialect, type TextFormat } from './text-format.js';
import { TextLexer, type Token, type TokenType, tokenName } from './text-lexer.js';

/** Options of `strToVar`: the text dialect and the parser's limits. Every field is optional. */
export interface StrToVarOptions {
  /**
   * The text dialect: Godot 4's `str_to_var` or Godot 3's `str2var`.
   * @default 'godot4'
   */
  format?: TextFormat;
  /**
   * Read `Object(Class, "property": value, …)` as a `GodotObject`. Without it such text fails
   * with `ERR_UNAUTHORIZED` (Godot's `str_to_var` always instantiates the class, which a text
   * from the network should not be able to make it do). `Object(EncodedObjectAsID, …)`, what
   * `varToStr` writes for an object sent as an id, is read either way.
   * @default false
   */
  allowObjects?: boolean;
  /**
   * Deepest nesting read (the top-level value is depth 0); deeper fails with
   * `ERR_OUT_OF_MEMORY`. Godot's parser has no limit and recurses on the C++ stack.
   * @default 1024
   */
  maxDepth?: number;
  /**
   * Longest text read, in UTF-16 code units; longer fails with `ERR_OUT_OF_MEMORY` before
   * parsing. Godot has no limit.
   * @default Infinity
   */
  maxLength?: number;
  /**
   * Read float digits exactly (correctly rounded, like `Number()`), so that
   * `strToVar(varToStr(x))` gives back `x`. By default floats are read the way Godot's
   * `String::to_float` reads them, which is often one unit off in the last place for large or
   * tiny exponents: the value Godot itself gets from the same text.
   * @default false
   */
  exactFloats?: boolean;
  /**
   * Fail on anything but blanks and comments after the value. Godot reads the first value and
   * ignores the rest (`str_to_var("1 2")` is `1`).
   * @default false
   */
  strict?: boolean;
}

/**
 * Parses Godot's text form of a Variant: `str_to_var` (default) or `str2var`
 * (`format: 'godot3'`). Throws a `VariantParseError` (with `line`, `column`, Godot's error code)
 * for text Godot would not read.
 */
export function strToVar(text: string, options: StrToVarOptions = {}): Variant {
  if (typeof text !== 'string') throw new TypeError('strToVar expects a string');
  const godot3 = textDialect(options.format).godot3;
  const maxLength = options.maxLength ?? Infinity;
  if (text.length > maxLength) {
    throw new VariantParseError(`Text is longer than maxLength (${maxLength})`, { line: 1, column: 1, offset: 0 }, ErrorCode.ERR_OUT_OF_MEMORY);
  }
  const parser = new TextParser(
    new TextLexer(text, godot3, options.exactFloats ? exactStringToFloat : godotStringToFloat),
    godot3,
    options.allowObjects ?? false,
    options.maxDepth ?? MAX_RECURSION_DEPTH,
  );
  return parser.parse(options.strict ?? false);
}


type Make = (a: readonly Num[]) => Variant;

interface Construct {
  count: number;
  make: Make;
}

const v3 = (a: readonly Num[], i: number): Vector3 => new Vector3(real(a[i] as Num), real(a[i + 1] as Num), real(a[i + 2] as Num));
const v4 = (a: readonly Num[], i: number): Vector4 =>
  new Vector4(real(a[i] as Num), real(a[i + 1] as Num), real(a[i + 2] as Num), real(a[i + 3] as Num));
const r = (a: readonly Num[], i: number): number => real(a[i] as Num);
const i32 = (a: readonly Num[], i: number): number => int32(a[i] as Num);

/** `Basis(…)` text lists the rows; our Basis holds columns. */
const basis = (a: readonly Num[], i: number): Basis =>
  new Basis(
    new Vector3(r(a, i), r(a, i + 3), r(a, i + 6)),
    new Vector3(r(a, i + 1), r(a, i + 4), r(a, i + 7)),
    new Vector3(r(a, i + 2), r(a, i + 5), r(a, i + 8)),
  );

const MATH: Record<string, Construct> = {
  Vector2: { count: 2, make: (a) => new Vector2(r(a, 0), r(a, 1)) },
  Vector2i: { count: 2, make: (a) => new Vector2i(i32(a, 0), i32(a, 1)) },
  Rect2: { count: 4, make: (a) => Rect2.of(r(a, 0), r(a, 1), r(a, 2), r(a, 3)) },
  Rect2i: { count: 4, make: (a) => Rect2i.of(i32(a, 0), i32(a, 1), i32(a, 2), i32(a, 3)) },
  Vector3: { count: 3, make: (a) => v3(a, 0) },
  Vector3i: { count: 3, make: (a) => new Vector3i(i32(a, 0), i32(a, 1), i32(a, 2)) },
  Vector4: { count: 4, make: (a) => v4(a, 0) },
  Vector4i: { count: 4, make: (a) => new Vector4i(i32(a, 0), i32(a, 1), i32(a, 2), i32(a, 3)) },
  Transform2D: { count: 6, make: (a) => new Transform2D(new Vector2(r(a, 0), r(a, 1)), new Vector2(r(a, 2), r(a, 3)), new Vector2(r(a, 4), r(a, 5))) },
  Plane: { count: 4, make: (a) => new Plane(v3(a, 0), r(a, 3)) },
  Quaternion: { count: 4, make: (a) => new Quaternion(r(a, 0), r(a, 1), r(a, 2), r(a, 3)) },
  AABB: { count: 6, make: (a) => new AABB(v3(a, 0), v3(a, 3)) },
  Basis: { count: 9, make: (a) => basis(a, 0) },
  Transform3D: { count: 12, make: (a) => new Transform3D(basis(a, 0), v3(a, 9)) },
  Projection: { count: 16, make: (a) => new Projection(v4(a, 0), v4(a, 4), v4(a, 8), v4(a, 12)) },
  Color: { count: 4, make: (a) => new Color(r(a, 0), r(a, 1), r(a, 2), r(a, 3)) },
};

/** Packed arrays read from a list of numbers; `width` numbers per element (extras dropped). */
const PACKED: Record<string, { width: number; make: Make }> = {
  PackedInt32Array: { width: 1, make: (a) => Int32Array.from(a, int32) },
  PackedInt64Array: { width: 1, make: (a) => BigInt64Array.from(a, int64) },
  PackedFloat32Array: { width: 1, make: (a) => Float32Array.from(a, real) },
  PackedFloat64Array: { width: 1, make: (a) => Float64Array.from(a, double) },
  PackedVector2Array: { width: 2, make: (a) => PackedVector2Array.fromData(Float64Array.from(a, real)) },
  PackedVector3Array: { width: 3, make: (a) => PackedVector3Array.fromData(Float64Array.from(a, real)) },
  PackedVector4Array: { width: 4, make: (a) => PackedVector4Array.fromData(Float64Array.from(a, real)) },
  PackedColorArray: { width: 4, make: (a) => PackedColorArray.fromData(Float32Array.from(a, real)) },
};

/** Godot 4's older and alternative spellings. */
const GODOT4_ALIASES: Record<string, string> = {
  Matrix32: 'Transform2D', Quat: 'Quaternion', Rect3: 'AABB', Matrix3: 'Basis', Transform: 'Transform3D',
  PoolByteArray: 'PackedByteArray', ByteArray: 'PackedByteArray',
  PackedIntArray: 'PackedInt32Array', PoolIntArray: 'PackedInt32Array', IntArray: 'PackedInt32Array',
  PackedRealArray: 'PackedFloat32Array', PoolRealArray: 'PackedFloat32Array', FloatArray: 'PackedFloat32Array',
  PoolStringArray: 'PackedStringArray', StringArray: 'PackedStringArray',
  PoolVector2Array: 'PackedVector2Array', Vector2Array: 'PackedVector2Array',
  PoolVector3Array: 'PackedVector3Array', Vector3Array: 'PackedVector3Array',
  PoolVector4Array: 'PackedVector4Array', Vector4Array: 'PackedVector4Array',
  PoolColorArray: 'PackedColorArray', ColorArray: 'PackedColorArray',
};

/** Godot 3's names, mapped to ours. */
const GODOT3_NAMES: Record<string, string> = {
  Vector2: 'Vector2', Rect2: 'Rect2', Vector3: 'Vector3', Transform2D: 'Transform2D', Matrix32: 'Transform2D',
  Plane: 'Plane', Quat: 'Quaternion', AABB: 'AABB', Rect3: 'AABB', Basis: 'Basis', Matrix3: 'Basis',
  Transform: 'Transform3D', Color: 'Color', NodePath: 'NodePath', RID: 'RID', Object: 'Object',
  Resource: 'Resource', SubResource: 'SubResource', ExtResource: 'ExtResource',
  PoolByteArray: 'PackedByteArray', ByteArray: 'PackedByteArray', PoolIntArray: 'PackedInt32Array',
  IntArray: 'PackedInt32Array', PoolRealArray: 'PackedFloat32Array', FloatArray: 'PackedFloat32Array',
  PoolStringArray: 'PackedStringArray', StringArray: 'PackedStringArray', PoolVector2Array: 'PackedVector2Array',
  Vector2Array: 'PackedVector2Array', PoolVector3Array: 'PackedVector3Array', Vector3Array: 'PackedVector3Array',
  PoolColorArray: 'PackedColorArray', ColorArray: 'PackedColorArray',
};

/** Type names inside `Array[…]` / `Dictionary[…]`: Godot's names of the types 1 … 38. */
const BUILTIN_TYPES = new Map<string, VariantType>(
  Array.from({ length: VARIANT_MAX - 1 }, (_, i) => [variantTypeName(i + 1), (i + 1) as VariantType]),
);

const NUMBER_IDENTIFIERS: Record<string, number> = { inf: Infinity, '-inf': -Infinity, inf_neg: -Infinity, nan: NaN };

class TextParser {
  private token!: Token;

  constructor(
    private readonly lexer: TextLexer,
    private readonly godot3: boolean,
    private readonly allowObjects: boolean,
    private readonly maxDepth: number,
  ) {}

  parse(strict: boolean): Variant {
    const first = this.advance();
    if (first.type === 'eof') throw new VariantParseError('Expected a value, got the end of the text', first.at, ErrorCode.ERR_FILE_EOF);
    const value = this.value(0);
    if (strict) {
      const next = this.advance();
      if (next.type !== 'eof') this.fail(`Unexpected ${tokenName(next.type)} after the value`);
    }
    return value;
  }

  private advance(): Token {
    this.token = this.lexer.next();
    return this.token;
  }

  private fail(reason: string, at: TextPosition = this.token.at, code: ErrorCode = ErrorCode.ERR_PARSE_ERROR): never {
    throw new VariantParseError(reason, at, code);
  }

  private expect(type: TokenType, reason = `Expected ${tokenName(type)}`): Token {
    if (this.advance().type !== type) this.fail(reason);
    return this.token;
  }

  /** The value starting at the current token. */
  private value(depth: number): Variant {
    if (depth > this.maxDepth) this.fail(`Text is nested deeper than ${this.maxDepth} levels`, this.token.at, ErrorCode.ERR_OUT_OF_MEMORY);
    const token = this.token;
    switch (token.type) {
      case '{':
        return this.dictionaryBody(depth, new Dictionary());
      case '[':
        return this.arrayBody(depth);
      case 'number':
        return typeof token.number === 'bigint' ? intValue(token.number) : floatValue(token.number as number);
      case 'string':
        return token.text;
      case 'string_name':
        return new StringName(token.text);
      case 'color':
        return token.color as Color;
      case 'identifier':
        return this.identifier(token.text, depth);
      default:
        return this.fail(`Expected value, got ${tokenName(token.type)}`);
    }
  }

  private identifier(id: string, depth: number): Variant {
    if (id === 'true') return true;
    if (id === 'false') return false;
    if (id === 'null' || id === 'nil') return null;
    if (id in NUMBER_IDENTIFIERS && (!this.godot3 || id === 'inf' || id === 'nan')) return NUMBER_IDENTIFIERS[id] as number;
    const name = this.godot3 ? GODOT3_NAMES[id] : (GODOT4_ALIASES[id] ?? id);
    if (name === undefined) return this.fail(`Unexpected identifier '${id}'`);
    const math = MATH[name];
    if (math && (!this.godot3 || name in GODOT3_MATH)) {
      const args = this.numbers();
      if (args.length !== math.count) this.fail(`Expected ${math.count} arguments for constructor`);
      return math.make(args);
    }
    const packed = PACKED[name];
    if (packed && (!this.godot3 || name in GODOT3_PACKED)) {
      const args = this.numbers();
      return packed.make(args.slice(0, args.length - (args.length % packed.width)));
    }
    switch (name) {
      case 'PackedByteArray':
        return this.bytes();
      case 'PackedStringArray':
        return this.strings();
      case 'NodePath': {
        this.expect('(', "Expected '('");
        const path = this.expect('string', 'Expected string as argument for NodePath()');
        this.expect(')', "Expected ')'");
        return this.nodePath(path);
      }
      case 'RID':
        return this.rid();
      case 'Signal':
      case 'Callable':
        this.expect('(', "Expected '('");
        this.expect(')', "Expected ')'");
        return name === 'Signal' ? new Signal('', 0n) : new Callable();
      case 'Object':
        return this.object(depth);
      case 'Array':
        return this.typedArray(depth);
      case 'Dictionary':
        return this.typedDictionary(depth);
      case 'Resource':
      case 'SubResource':
      case 'ExtResource':
        return this.fail(`${name}() refers to a resource file, which cannot be loaded here`);
      default:
        return this.fail(`Unexpected identifier '${id}'`);
    }
  }

  /** `(n, n, …)`: the arguments of a math or packed constructor. */
  private numbers(): Num[] {
    this.expect('(', "Expected '(' in constructor");
    const args: Num[] = [];
    for (let first = true; ; first = false) {
      if (!first) {
        this.advance();
        if (this.token.type === ')') break;
        if (this.token.type !== ',') this.fail("Expected ',' or ')' in constructor");
      }
      const t = this.advance();
      if (first && t.type === ')') break;
      args.push(this.number(t));
    }
    return args;
  }

  private number(t: Token): Num {
    if (t.type === 'number') return t.number as Num;
    if (!this.godot3 && t.type === 'identifier' && t.text in NUMBER_IDENTIFIERS) return NUMBER_IDENTIFIERS[t.text] as number;
    return this.fail('Expected float in constructor', t.at);
  }

  private bytes(): Uint8Array {
    if (this.godot3) return Uint8Array.from(this.numbers(), byte);
    this.expect('(', "Expected '(' in constructor");
    const t = this.advance();
    if (t.type === ')') return new Uint8Array();
    if (t.type === 'string') {
      const bytes = decodeBase64(t.text);
      if (bytes === null) this.fail('Invalid base64-encoded string', t.at);
      this.expect(')', "Expected ')' in constructor");
      return bytes;
    }
    if (t.type !== 'number' && t.type !== 'identifier') this.fail('Expected base64 string, or list of numbers in constructor');
    const out: number[] = [byte(this.number(t))];
    for (;;) {
      this.advance();
      if (this.token.type === ')') break;
      if (this.token.type !== ',') this.fail("Expected ',' or ')' in constructor");
      out.push(byte(this.number(this.advance())));
    }
    return Uint8Array.from(out);
  }

  private strings(): PackedStringArray {
    this.expect('(', "Expected '('");
    const out = new PackedStringArray();
    for (let first = true; ; first = false) {
      if (!first) {
        this.advance();
        if (this.token.type === ')') break;
        if (this.token.type !== ',') this.fail("Expected ',' or ')'");
      }
      const t = this.advance();
      if (t.type === ')') break;
      if (t.type !== 'string') this.fail('Expected string');
      out.push(t.text);
    }
    return out;
  }

  private nodePath(token: Token): NodePath {
    try {
      return new NodePath(token.text);
    } catch (error) {
      return this.fail((error as Error).message, token.at);
    }
  }

  private rid(): Variant {
    this.expect('(', "Expected '('");
    const t = this.advance();
    if (t.type === ')' && !this.godot3) return new RID(0n);
    if (t.type !== 'number') this.fail(this.godot3 ? 'Expected number as argument' : "Expected number as argument or ')'");
    this.expect(')', "Expected ')'");
    const n = t.number as Num;
    // Godot 3.2 reads RID(n) as the number n.
    if (this.godot3) return typeof n === 'bigint' ? intValue(n) : floatValue(n);
    return new RID(typeof n === 'bigint' ? BigInt.asUintN(64, n) : BigInt.asUintN(64, int64(n)));
  }

  private object(depth: number): Variant {
    this.expect('(', "Expected '('");
    const className = this.expect('identifier', 'Expected identifier with type of object');
    this.expect(',', "Expected ',' after object type");
    const properties: Array<[string, Variant]> = [];
    for (let needComma = false; ; ) {
      const t = this.advance();
      if (t.type === ')') break;
      if (t.type === 'eof') this.fail('Unexpected EOF while parsing Object()', t.at, ErrorCode.ERR_FILE_CORRUPT);
      if (needComma) {
        if (t.type !== ',') this.fail("Expected '}' or ','");
        needComma = false;
        continue;
      }
      if (t.type !== 'string') this.fail('Expected property name as string');
      this.expect(':', "Expected ':'");
      this.advance();
      properties.push([t.text, this.value(depth + 1)]);
      needComma = true;
    }
    if (className.text === 'EncodedObjectAsID') {
      const id = properties.find(([name]) => name === 'object_id')?.[1];
      const objectId = typeof id === 'number' || typeof id === 'bigint' ? BigInt.asUintN(64, int64(id)) : id instanceof Float ? BigInt.asUintN(64, int64(id.value)) : 0n;
      return objectId === 0n ? null : new EncodedObjectAsID(objectId);
    }
    if (!this.allowObjects) this.fail(`Object(${className.text}) needs allowObjects`, className.at, ErrorCode.ERR_UNAUTHORIZED);
    return new GodotObject(className.text, properties);
  }

  private arrayBody(depth: number): Variant[] {
    const out: Variant[] = [];
    for (let needComma = false; ; ) {
      const t = this.advance();
      if (t.type === ']') return out;
      if (t.type === 'eof') this.fail('Unexpected EOF while parsing array', t.at, ErrorCode.ERR_FILE_CORRUPT);
      if (needComma) {
        if (t.type !== ',') this.fail("Expected ','");
        needComma = false;
        continue;
      }
      out.push(this.value(depth + 1));
      needComma = true;
    }
  }

  private dictionaryBody(depth: number, into: Dictionary): Dictionary {
    for (let needComma = false; ; ) {
      const t = this.advance();
      if (t.type === '}') return into;
      if (t.type === 'eof') this.fail('Unexpected EOF while parsing dictionary', t.at, ErrorCode.ERR_FILE_CORRUPT);
      if (needComma) {
        if (t.type !== ',') this.fail("Expected '}' or ','");
        needComma = false;
        continue;
      }
      const key = this.value(depth + 1);
      this.expect(':', "Expected ':'");
      this.advance();
      const at = this.token.at;
      const value = this.value(depth + 1);
      this.set(into, key, value, at);
      needComma = true;
    }
  }

  private set(into: Dictionary, key: Variant, value: Variant, at: TextPosition): void {
    into.set(this.convert(key, into.keyType, at, 'key'), this.convert(value, into.valueType, at, 'value'));
  }

  private convert(value: Variant, type: ContainerType | null, at: TextPosition, what: string): Variant {
    const converted = convert(value, type);
    if (converted === MISMATCH) this.fail(mismatchMessage(value, type as ContainerType, what), at);
    return converted;
  }

  /** A type inside `Array[…]` or `Dictionary[…]`; `null` for `Variant` (untyped). */
  private containerType(): ContainerType | null {
    const t = this.expect('identifier', 'Expected type identifier');
    const id = t.text;
    if (id === 'Variant') return null;
    if (id === 'Object') return { kind: 'class', className: 'Object' };
    const type = BUILTIN_TYPES.get(id);
    if (type !== undefined) return builtin(type);
    if (id === 'Resource' || id === 'SubResource' || id === 'ExtResource') {
      this.expect('(', "Expected '('");
      const path = this.expect('string', 'Expected string as argument for Resource()');
      this.expect(')', "Expected ')'");
      return { kind: 'script', path: path.text };
    }
    // Godot keeps unknown class names untyped; we cannot tell them from real ones.
    return { kind: 'class', className: id };
  }

  private typedArray(depth: number): TypedArray | Variant[] {
    if (this.godot3) this.fail("Unexpected identifier 'Array'");
    this.expect('[', "Expected '['");
    const type = this.containerType();
    this.expect(']', "Expected ']'");
    this.expect('(', "Expected '('");
    this.expect('[', "Expected '['");
    const at = this.token.at;
    const values = this.arrayBody(depth);
    this.expect(')', "Expected ')'");
    if (type === null) return values;
    return new TypedArray(type, values.map((v) => this.convert(v, type, at, 'element')));
  }

  private typedDictionary(depth: number): Dictionary {
    if (this.godot3) this.fail("Unexpected identifier 'Dictionary'");
    this.expect('[', "Expected '['");
    const keyType = this.containerType();
    this.expect(',', "Expected ',' after key type");
    const valueType = this.containerType();
    this.expect(']', "Expected ']'");
    this.expect('(', "Expected '('");
    this.expect('{', "Expected '{'");
    const dict = this.dictionaryBody(depth, new Dictionary(null, { keyType, valueType }));
    this.expect(')', "Expected ')'");
    return dict;
  }
}

const GODOT3_MATH: Record<string, true> = {
  Vector2: true, Rect2: true, Vector3: true, Transform2D: true, Plane: true, Quaternion: true,
  AABB: true, Basis: true, Transform3D: true, Color: true,
};

const GODOT3_PACKED: Record<string, true> = {
  PackedInt32Array: true, PackedFloat32Array: true, PackedVector2Array: true, PackedVector3Array: true, PackedColorArray: true,
};
