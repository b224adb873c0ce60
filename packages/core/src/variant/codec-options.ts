/**
 * The codec's options, for both directions, checked once at the call: a bad option is a
 * `VariantError` with `ERR_INVALID_PARAMETER` that names it, never a `RangeError` or `TypeError`
 * from somewhere inside (and `bytesToVar` throws nothing but `VariantError`).
 */
import { ErrorCode } from '../error.js';
import { MAX_RECURSION_DEPTH } from '../limits.js';
import { type FormatRules, type VariantFormat, formatRules } from './format.js';
import { VariantError } from './variant-error.js';

/**
 * Options of `bytesToVar` / `decodeVariant` and of a peer's `getVar` decoding: what the decoder
 * accepts and returns. Every field is optional; the defaults are Godot 4's.
 */
export interface DecodeOptions {
  /**
   * Accept full objects (`bytes_to_var_with_objects`, `get_var(true)`), returned as
   * `GodotObject` descriptors. Without it a full object fails with `ERR_UNAUTHORIZED`, like
   * Godot: objects from the network are refused unless asked for.
   * @default false
   */
  allowObjects?: boolean;
  /**
   * Return every float as a `Float`, not only the integral ones, so that `instanceof Float` alone
   * tells a float. Decoding is lossless either way (a value Godot sent re-encodes to the same
   * bytes); this only changes how non-integral floats look.
   * @default false
   */
  exact?: boolean;
  /**
   * The sending peer's dialect.
   * @default 'godot4'
   */
  format?: VariantFormat;
  /**
   * Return every int as a `bigint`. Otherwise ints are `number`s when they are safe integers
   * and `bigint`s beyond.
   * @default false
   */
  alwaysBigInt?: boolean;
  /**
   * Deepest nesting accepted, 0 … 1024 (the top-level value is depth 0); deeper fails with
   * `ERR_OUT_OF_MEMORY`, like Godot's "Variant is too deep". Godot can neither send nor read
   * anything deeper than 1024.
   * @default 1024
   */
  maxDepth?: number;
  /**
   * Return `PackedByteArray`, the numeric packed arrays (`Int32Array`, `BigInt64Array`,
   * `Float32Array`, `Float64Array`) and `PackedColorArray`'s data as **views of `bytes`**
   * instead of copies, when their bytes sit at a multiple of their element size in the
   * underlying `ArrayBuffer` (a Variant is 4-byte aligned, so 32-bit arrays are whenever `bytes`
   * starts at a multiple of 4; 64-bit ones when they also land on 8). Others are copied as usual.
   * The views share memory with `bytes`: the input must not be changed or reused while they are
   * in use, and changing them changes the input. For bulk data you own and keep (a received
   * packet, a file), not for buffers a transport recycles.
   * @default false
   */
  packedArrayViews?: boolean;
}

/**
 * Options of `varToBytes` and of a peer's `putVar` encoding: the wire format and
 * how values are written. Every field is optional; the defaults are Godot 4's.
 */
export interface EncodeOptions {
  /**
   * Encode `GodotObject`s as full objects (`var_to_bytes_with_objects`, `put_var(v, true)`).
   * Without it Godot sends objects as ids only; a `GodotObject` then cannot be encoded.
   * @default false
   */
  fullObjects?: boolean;
  /**
   * The receiving peer's dialect.
   * @default 'godot4'
   */
  format?: VariantFormat;
  /**
   * Emulate a double-precision (`precision=double`) Godot build: real-valued math types are
   * written as 64-bit floats with the 64-bit header flag. Not available for `'godot3'`.
   * @default false
   */
  realIsDouble?: boolean;
  /**
   * Deepest nesting accepted, 0 … 1024 (the top-level value is depth 0); deeper fails with
   * `ERR_OUT_OF_MEMORY`, like Godot's "potential infinite recursion" check.
   * @default 1024
   */
  maxDepth?: number;
  /**
   * Largest encoded size accepted, a non-negative integer or `Infinity`; a bigger value fails
   * with `ERR_OUT_OF_MEMORY` before the buffer grows past it (PacketPeer passes its
   * `encodeBufferMaxSize`).
   * @default Infinity
   */
  maxBytes?: number;
}

export interface DecodeSettings {
  readonly rules: FormatRules;
  readonly allowObjects: boolean;
  readonly exact: boolean;
  readonly alwaysBigInt: boolean;
  readonly maxDepth: number;
  readonly packedArrayViews: boolean;
}

export interface EncodeSettings {
  readonly rules: FormatRules;
  readonly fullObjects: boolean;
  readonly realIsDouble: boolean;
  readonly maxDepth: number;
  readonly maxBytes: number;
}

function invalid(message: string): never {
  throw new VariantError(ErrorCode.ERR_INVALID_PARAMETER, message);
}

function options<T extends object>(value: T | null | undefined, what: string): Partial<T> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object') invalid(`${what} options must be an object, got ${typeof value}`);
  return value;
}

function flag(value: unknown, name: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') invalid(`Option '${name}' must be a boolean, got ${describe(value)}`);
  return value;
}

function depth(value: unknown): number {
  if (value === undefined) return MAX_RECURSION_DEPTH;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_RECURSION_DEPTH) {
    invalid(`Option 'maxDepth' must be an integer from 0 to ${MAX_RECURSION_DEPTH}, got ${describe(value)}`);
  }
  return value;
}

function size(value: unknown): number {
  if (value === undefined) return Infinity;
  if (typeof value !== 'number' || value < 0 || !(Number.isInteger(value) || value === Infinity)) {
    invalid(`Option 'maxBytes' must be a non-negative integer or Infinity, got ${describe(value)}`);
  }
  return value;
}

function describe(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : typeof value === 'object' && value !== null ? 'an object' : String(value);
}

const DEFAULT_DECODE: DecodeSettings = {
  rules: formatRules(),
  allowObjects: false,
  exact: false,
  alwaysBigInt: false,
  maxDepth: MAX_RECURSION_DEPTH,
  packedArrayViews: false,
};

/** Checked decode options, with their defaults. */
export function decodeSettings(given: DecodeOptions | null | undefined): DecodeSettings {
  if (given === undefined) return DEFAULT_DECODE;
  const o = options(given, 'Decode');
  return {
    rules: formatRules(o.format),
    allowObjects: flag(o.allowObjects, 'allowObjects'),
    exact: flag(o.exact, 'exact'),
    alwaysBigInt: flag(o.alwaysBigInt, 'alwaysBigInt'),
    maxDepth: depth(o.maxDepth),
    packedArrayViews: flag(o.packedArrayViews, 'packedArrayViews'),
  };
}

const DEFAULT_ENCODE: EncodeSettings = {
  rules: formatRules(),
  fullObjects: false,
  realIsDouble: false,
  maxDepth: MAX_RECURSION_DEPTH,
  maxBytes: Infinity,
};

/** Checked encode options, with their defaults. */
export function encodeSettings(given: EncodeOptions | null | undefined): EncodeSettings {
  if (given === undefined) return DEFAULT_ENCODE;
  const o = options(given, 'Encode');
  const rules = formatRules(o.format);
  const realIsDouble = flag(o.realIsDouble, 'realIsDouble');
  if (realIsDouble && !rules.realMayBeDouble) invalid(`Option 'realIsDouble' is not available for the '${rules.name}' format`);
  return {
    rules,
    fullObjects: flag(o.fullObjects, 'fullObjects'),
    realIsDouble,
    maxDepth: depth(o.maxDepth),
    maxBytes: size(o.maxBytes),
  };
}
