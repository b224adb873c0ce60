/**
 * Typed Arrays and Dictionaries (Godot 4.4+), both directions: the container-type payload in the
 * header (`_encode_container_type` / `_decode_container_type` in `core/io/marshalls.cpp`), and
 * Godot's conversion rules on insertion, which the encoder applies to what it sends and the
 * decoder to what it reads.
 *
 * - A typed Array converts String↔StringName and int→float, takes `null` and objects for Object
 *   types, and refuses anything else (Godot drops it with an error; the encoder throws).
 * - A typed Dictionary converts the same way on encode, but Godot 4.6 keeps an entry of the wrong
 *   type it finds on the wire as it is; an INT kept in a float-typed one decodes to an `Int`, so
 *   that it stays an INT.
 */
import { ErrorCode } from '../error.js';
import { type ContainerType, ENCODED_OBJECT_AS_ID, builtin } from './container-type.js';
import { CONTAINER_BUILTIN, CONTAINER_CLASS_NAME, CONTAINER_NONE, CONTAINER_SCRIPT } from './header.js';
import { Float, Int } from './numbers.js';
import { EncodedObjectAsID, GodotObject } from './objects.js';
import type { ByteReader } from './reader.js';
import { StringName } from './string-name.js';
import { typeOfValue } from './type-of.js';
import { VariantError } from './variant-error.js';
import { VARIANT_MAX, VariantType } from './variant-type.js';
import type { ByteWriter } from './writer.js';

// --- the header payload --------------------------------------------------------------------

/** The 2-bit kind a container type is sent as (a script type travels as a class without full objects). */
export function containerKind(type: ContainerType | null, fullObjects: boolean): number {
  if (type === null) return CONTAINER_NONE;
  if (type.kind === 'builtin') return type.type === VariantType.NIL ? CONTAINER_NONE : CONTAINER_BUILTIN;
  if (type.kind === 'script' && fullObjects) return CONTAINER_SCRIPT;
  return CONTAINER_CLASS_NAME;
}

/** Writes the payload of a container type of the given kind. */
export function writeContainerType(w: ByteWriter, type: ContainerType, kind: number, fullObjects: boolean): void {
  switch (kind) {
    case CONTAINER_BUILTIN:
      w.u32((type as { type: VariantType }).type);
      return;
    case CONTAINER_CLASS_NAME:
      w.string(fullObjects && type.kind === 'class' ? type.className : ENCODED_OBJECT_AS_ID);
      return;
    case CONTAINER_SCRIPT: {
      const path = (type as { path: string }).path;
      if (!path.startsWith('res://')) {
        throw new VariantError(ErrorCode.ERR_UNAVAILABLE, `Typed container script path '${path}' is not a res:// path`);
      }
      w.string(path);
      return;
    }
  }
}

/**
 * Reads the payload of a container type of the given kind. Without `allowObjects`, object types
 * become `EncodedObjectAsID`, as in Godot.
 */
export function readContainerType(r: ByteReader, kind: number, allowObjects: boolean): ContainerType | null {
  switch (kind) {
    case CONTAINER_NONE:
      return null;
    case CONTAINER_BUILTIN: {
      r.need(4, 'container element type');
      const at = r.pos;
      const type = r.u32();
      if (type >= VARIANT_MAX) r.fail(ErrorCode.ERR_INVALID_DATA, `Container element type ${type} is not a Variant type`, at);
      if (type === VariantType.NIL) return null;
      if (type === VariantType.OBJECT && !allowObjects) return { kind: 'class', className: ENCODED_OBJECT_AS_ID };
      return builtin(type as VariantType);
    }
    case CONTAINER_CLASS_NAME: {
      const className = r.string();
      return { kind: 'class', className: allowObjects ? className : ENCODED_OBJECT_AS_ID };
    }
    default: {
      const at = r.pos;
      const path = r.string();
      if (!allowObjects) return { kind: 'class', className: ENCODED_OBJECT_AS_ID };
      if (!path.startsWith('res://')) r.fail(ErrorCode.ERR_INVALID_DATA, `Container script path '${path}' is not a res:// path`, at);
      return { kind: 'script', path };
    }
  }
}

// --- conversions ---------------------------------------------------------------------------

/** Returned by `toArrayElement` for a value the container type cannot hold. */
export const MISMATCH: unique symbol = Symbol('mismatch');

export function isFloatType(type: ContainerType | null): boolean {
  return type !== null && type.kind === 'builtin' && type.type === VariantType.FLOAT;
}

/** Whether a value is an Object as far as typed containers go (`null` is a null Object). */
export function isObjectValue(value: unknown): boolean {
  return value === null || value instanceof EncodedObjectAsID || value instanceof GodotObject;
}

/**
 * What a typed Array of `type` holds for `value`: the value converted the way Godot converts on
 * insertion, or `MISMATCH`. Works on encoder input and decoded values alike (a decoded value's
 * JavaScript form tells its Godot type).
 */
export function toArrayElement(value: unknown, type: ContainerType): unknown {
  if (type.kind !== 'builtin') return isObjectValue(value) ? value : MISMATCH;
  const actual = typeOfValue(value);
  switch (type.type) {
    case VariantType.FLOAT:
      if (actual === VariantType.INT) return new Float(Number(value instanceof Int ? value.value : (value as number | bigint)));
      return actual === VariantType.FLOAT ? value : MISMATCH;
    case VariantType.INT:
      // `-0` is a float to the codec; in an int container it can only mean 0.
      if (Object.is(value, -0)) return 0;
      return actual === VariantType.INT ? value : MISMATCH;
    case VariantType.STRING:
      if (value instanceof StringName) return value.value;
      return actual === VariantType.STRING ? value : MISMATCH;
    case VariantType.STRING_NAME:
      if (typeof value === 'string') return new StringName(value);
      return actual === VariantType.STRING_NAME ? value : MISMATCH;
    case VariantType.OBJECT:
      return isObjectValue(value) ? value : MISMATCH;
    default:
      return actual === type.type ? value : MISMATCH;
  }
}

/**
 * What the encoder sends for a key or value of a typed Dictionary: converted like an Array
 * element, except an explicit `Int` (one Godot kept unconverted) and values the type cannot hold,
 * which are sent as they are, as Godot 4.6 keeps them.
 */
export function toDictionaryEntry(value: unknown, type: ContainerType | null): unknown {
  if (type === null || type.kind !== 'builtin' || value instanceof Int) return value;
  const converted = toArrayElement(value, type);
  return converted === MISMATCH ? value : converted;
}

/** What the decoder returns for a key or value it read in a typed Dictionary (see the header). */
export function fromDictionaryEntry(value: unknown, type: ContainerType | null): unknown {
  return isFloatType(type) && (typeof value === 'number' || typeof value === 'bigint') && typeOfValue(value) === VariantType.INT
    ? new Int(value)
    : value;
}
