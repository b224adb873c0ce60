/**
 * `encode_and_compress_variant` / `decode_and_decompress_variant` (Godot's `MultiplayerAPI`): how
 * RPC arguments, spawn data and synchronizer states travel. One meta byte per value — bits 0–5
 * the Variant type, bits 6–7 an encoding mode — then BOOL lives in the meta byte, INT takes the
 * smallest signed width, and everything else is the ordinary `var_to_bytes` encoding (whose first
 * header byte is the type id, so it doubles as the meta byte). Checked against Godot 4.6.
 */
import {
  ErrorCode, Float, VARIANT_MAX, VariantError, VariantType, decodeVariant, typeOfValue, varToBytes,
  type Variant, type VariantFormat, type VariantLike,
} from '@pp/core';
import type { ByteWriter } from './bytes.js';

const TYPE_MASK = 0x3f;
const MODE_SHIFT = 6;
const BOOL_TRUE = 0x80;
const INT_WIDTHS = [1, 2, 4, 8] as const;

export interface CompressOptions {
  /** Full objects (`allow_object_decoding`); otherwise an Object is refused. @default false */
  readonly allowObjects?: boolean;
  /** The Variant dialect of the non-compressed types. @default 'godot4' */
  readonly format?: VariantFormat;
}

/** Appends one compressed value. Throws a `VariantError` for a value Godot cannot encode. */
export function writeCompressed(w: ByteWriter, value: VariantLike, options: CompressOptions = {}): void {
  const type = typeOfValue(value);
  if (type === VariantType.BOOL) {
    w.u8(VariantType.BOOL | (value === true ? BOOL_TRUE : 0));
    return;
  }
  if (type === VariantType.INT) {
    const n = typeof value === 'bigint' ? value : BigInt((value as number | { valueOf(): bigint }).valueOf());
    if (n >= -0x80n && n <= 0x7fn) w.u8(VariantType.INT).u8(Number(n) & 0xff);
    else if (n >= -0x8000n && n <= 0x7fffn) w.u8(VariantType.INT | (1 << MODE_SHIFT)).u16(Number(n) & 0xffff);
    else if (n >= -0x80000000n && n <= 0x7fffffffn) w.u8(VariantType.INT | (2 << MODE_SHIFT)).i32(Number(n));
    else w.u8(VariantType.INT | (3 << MODE_SHIFT)).u64(BigInt.asUintN(64, n));
    return;
  }
  if (type === VariantType.OBJECT && options.allowObjects !== true) {
    throw new VariantError(ErrorCode.ERR_UNAUTHORIZED, 'Objects are not encoded while allowObjectDecoding is false');
  }
  w.bytes(varToBytes(value, { fullObjects: options.allowObjects === true, format: options.format ?? 'godot4' }));
}

/** A decoded value, its Godot type and the bytes it took. */
export interface Decompressed {
  readonly value: Variant;
  readonly type: VariantType;
  readonly length: number;
}

/**
 * Reads one compressed value at `offset`. Throws a `VariantError` (`ERR_INVALID_DATA` for a
 * short or malformed value, `ERR_UNAUTHORIZED` for an object while they are not allowed).
 *
 * A FLOAT whose value is integral comes back as `Float` (the project's lossless int/float
 * model), so it re-encodes as FLOAT.
 */
export function readCompressed(bytes: Uint8Array, offset: number, options: CompressOptions = {}): Decompressed {
  if (offset >= bytes.length) throw new VariantError(ErrorCode.ERR_INVALID_DATA, 'Not enough bytes for a compressed variant');
  const meta = bytes[offset] as number;
  const type = (meta & TYPE_MASK) as VariantType;
  if (type >= VARIANT_MAX) throw new VariantError(ErrorCode.ERR_INVALID_DATA, `Invalid variant type ${type}`);
  if (type === VariantType.BOOL) return { value: (meta & BOOL_TRUE) !== 0, type, length: 1 };
  if (type === VariantType.INT) {
    const width = INT_WIDTHS[meta >> MODE_SHIFT] as number;
    if (offset + 1 + width > bytes.length) throw new VariantError(ErrorCode.ERR_INVALID_DATA, 'Not enough bytes for a compressed int');
    const view = new DataView(bytes.buffer, bytes.byteOffset + offset + 1, width);
    let value: number | bigint;
    if (width === 1) value = view.getInt8(0);
    else if (width === 2) value = view.getInt16(0, true);
    else if (width === 4) value = view.getInt32(0, true);
    else {
      const big = view.getBigInt64(0, true);
      value = big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
    }
    return { value, type, length: 1 + width };
  }
  const decoded = decodeVariant(bytes.subarray(offset), { allowObjects: options.allowObjects === true, format: options.format ?? 'godot4' });
  let value = decoded.value;
  if (type === VariantType.FLOAT && typeof value === 'number' && Number.isInteger(value)) value = new Float(value);
  return { value, type, length: decoded.length };
}

/** Writes values back to back (`encode_and_compress_variants` without the byte-only case). */
export function writeCompressedList(w: ByteWriter, values: readonly VariantLike[], options: CompressOptions = {}): void {
  for (const value of values) writeCompressed(w, value, options);
}

/** Reads `count` values from `bytes[offset, end)`; returns them and where the last one ended. */
export function readCompressedList(
  bytes: Uint8Array, offset: number, end: number, count: number, options: CompressOptions = {},
): { values: Decompressed[]; end: number } {
  const view = end === bytes.length ? bytes : bytes.subarray(0, end);
  const values: Decompressed[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    const value = readCompressed(view, at, options);
    values.push(value);
    at += value.length;
  }
  return { values, end: at };
}
