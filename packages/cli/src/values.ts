/**
 * Decoding bytes into what `pp` shows: Godot's text form (`var_to_str`), Godot's type name, and
 * the decoder's error (code, offset) when the bytes are not a Variant.
 */
import {
  Dictionary, TypedArray, VariantError, decodeVariant, errorName, typeOfValue, varToStr, variantTypeName,
  type DecodeOptions, type TextFormat, type Variant, type VariantLike,
} from '@pp/core';

/** How `pp` decodes: objects shown as descriptors (nothing is instantiated), floats kept as floats. */
export function decodeOptions(format: TextFormat): DecodeOptions {
  return { format, allowObjects: true, exact: true };
}

/** Why bytes did not decode to a Variant, in Godot's terms. */
export interface DecodeFailure {
  /** Godot's error number, e.g. 30. */
  code: number;
  /** Its name, e.g. `ERR_INVALID_DATA`. */
  name: string;
  /** Byte offset where decoding failed, when the decoder knows it. */
  offset: number | null;
  /** What was wrong, without the offset and the error name (they have their own fields). */
  message: string;
}

/** What `decodeBytes` makes of some bytes: a Variant with its type name and text form, or the failure. */
export type Decoded =
  | {
    /** The bytes start with a Variant. */
    ok: true;
    /** The decoded value (objects as descriptors, integral floats as `Float`). */
    value: Variant;
    /** Godot's type name (`Dictionary`, `Array[int]`). */
    type: string;
    /** Godot's text form of the value (`var_to_str`). */
    text: string;
    /** Bytes the value took; the rest, if any, Godot ignores. */
    length: number;
  }
  | {
    /** The bytes are not a Variant. */
    ok: false;
    /** Why: Godot's error code and name, the offset, a message. */
    error: DecodeFailure;
  };

/** Godot's name of a value's type, with the element types of typed containers (`Array[int]`). */
export function typeName(value: unknown): string {
  const type = typeOfValue(value);
  if (type === undefined) return 'unknown';
  const container = (t: TypedArray['elementType'] | null): string =>
    t === null ? 'Variant' : t.kind === 'builtin' ? variantTypeName(t.type) : t.kind === 'class' ? t.className : t.path;
  if (value instanceof TypedArray) return `Array[${container(value.elementType)}]`;
  if (value instanceof Dictionary && value.isTyped()) return `Dictionary[${container(value.keyType)}, ${container(value.valueType)}]`;
  return variantTypeName(type);
}

export function failureOf(error: unknown): DecodeFailure {
  if (error instanceof VariantError) {
    // The message ends with " at byte N (ERR_…)": both are fields of their own here.
    const message = error.message.replace(/ \(ERR_\w+\)$/, '').replace(/ at byte \d+$/, '');
    return { code: error.code, name: errorName(error.code), offset: error.offset ?? null, message };
  }
  return { code: 1, name: 'FAILED', offset: null, message: (error as Error).message ?? String(error) };
}

/** Decodes one Variant from the start of `bytes` (Godot ignores trailing bytes; so do we, and say so). */
export function decodeBytes(bytes: Uint8Array, format: TextFormat): Decoded {
  try {
    const { value, length } = decodeVariant(bytes, decodeOptions(format));
    return { ok: true, value, type: typeName(value), text: varToStr(value as VariantLike, { format }), length };
  } catch (error) {
    return { ok: false, error: failureOf(error) };
  }
}

export function toHex(bytes: Uint8Array, max = Infinity): string {
  let out = '';
  const n = Math.min(bytes.length, max);
  for (let i = 0; i < n; i++) out += (bytes[i] as number).toString(16).padStart(2, '0');
  return n < bytes.length ? `${out}…` : out;
}

/**
 * Godot's text on one line, for logs: the line breaks Godot puts between Dictionary entries
 * become spaces; cut to `max` characters.
 */
export function oneLine(text: string, max = Infinity): string {
  const flat = text.replace(/\{\n/g, '{ ').replace(/,\n/g, ', ').replace(/\n\}/g, ' }').replace(/\)\n/g, ')').replace(/\n/g, '\\n');
  return flat.length > max ? `${flat.slice(0, Math.max(1, max - 1))}…` : flat;
}
