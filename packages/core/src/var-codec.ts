import { checkBoolean, checkFormat, checkInt } from './checks.js';
import { ErrorCode, GodotError } from './error.js';
import { MAX_RECURSION_DEPTH } from './limits.js';
import { bytesToVar, type DecodeOptions } from './variant/decoder.js';
import { varToBytes, type EncodeOptions } from './variant/encoder.js';
import type { VariantFormat } from './variant/format.js';
import type { Variant, VariantLike } from './variant/value.js';

/**
 * `getVar`'s decoding: the codec's `DecodeOptions` but `format`, which is the peer's. Its
 * `allowObjects` is the default of `getVar(allowObjects)`.
 */
export type VarDecodeOptions = Omit<DecodeOptions, 'format'>;

/**
 * `putVar`'s encoding: the codec's `EncodeOptions` but `format` (the peer's) and `maxBytes`
 * (a packet peer's `encodeBufferMaxSize`). Its `fullObjects` is the default of
 * `putVar(value, fullObjects)`.
 */
export type VarEncodeOptions = Omit<EncodeOptions, 'format' | 'maxBytes'>;

/** The options of every peer that has `putVar` / `getVar`. */
export interface VarOptions {
  /**
   * The Variant dialect `putVar` writes and `getVar` reads: `'godot3'` to talk to Godot 3.x,
   * `'godot4.3'` for Godot 4.0–4.3.
   * @default 'godot4'
   */
  format?: VariantFormat;
  /** How `getVar` decodes (see {@link VarDecodeOptions}). @default {} */
  decodeOptions?: VarDecodeOptions;
  /** How `putVar` encodes (see {@link VarEncodeOptions}). @default {} */
  encodeOptions?: VarEncodeOptions;
}

const NONE = Object.freeze({});
const NIL = Uint8Array.of(0, 0, 0, 0);

function checkDepth(options: { maxDepth?: number }): void {
  if (options.maxDepth !== undefined) checkInt('maxDepth', options.maxDepth, { min: 0, max: MAX_RECURSION_DEPTH });
}

function checkFlags(options: object, names: readonly string[]): void {
  for (const name of names) {
    const value = (options as Record<string, unknown>)[name];
    if (value !== undefined) checkBoolean(name, value as boolean);
  }
}

function checkObject(name: string, options: unknown): void {
  if (typeof options !== 'object' || options === null) {
    throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `${name} must be an object, got ${String(options)}`);
  }
}

/** Runs the codec once with `options`: whatever it refuses is refused at the setter. */
function trial(name: string, run: () => unknown): void {
  try {
    run();
  } catch (error) {
    throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `${name}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * The codec settings of one peer's `putVar` and `getVar`: the Variant `format` and the codec's
 * own decode and encode options (`exact`, `alwaysBigInt`, `maxDepth`, `realIsDouble`, …), set
 * once per peer (constructor option or property) instead of per call. Packet peers and stream
 * peers both hold one. Every setting is checked when it is set, so a bad one throws a
 * `GodotError` (`ERR_INVALID_PARAMETER`) there, never later out of `putVar` or `getVar`.
 */
export class VarCodec {
  #format: VariantFormat = 'godot4';
  #decode: Readonly<VarDecodeOptions> = NONE;
  #encode: Readonly<VarEncodeOptions> = NONE;

  /** @throws {GodotError} `ERR_INVALID_PARAMETER` for a bad option. */
  constructor(options: VarOptions = {}) {
    if (options.format !== undefined) this.format = options.format;
    if (options.decodeOptions !== undefined) this.decodeOptions = options.decodeOptions;
    if (options.encodeOptions !== undefined) this.encodeOptions = options.encodeOptions;
  }

  /**
   * The Variant wire dialect of `putVar` and `getVar`: `'godot4'` (default), `'godot4.3'` or
   * `'godot3'`. Setting an unknown one, or one the current encode options cannot be used with,
   * throws a `GodotError` (`ERR_INVALID_PARAMETER`). @default 'godot4'
   */
  get format(): VariantFormat {
    return this.#format;
  }

  set format(format: VariantFormat) {
    checkFormat('format', format);
    if (this.#encode !== NONE) trial('format', () => varToBytes(null, { ...this.#encode, format }));
    this.#format = format;
  }

  /** A frozen copy of the decode options. */
  get decodeOptions(): Readonly<VarDecodeOptions> {
    return this.#decode;
  }

  set decodeOptions(options: VarDecodeOptions) {
    checkObject('decodeOptions', options);
    checkFlags(options, ['allowObjects', 'exact', 'alwaysBigInt']);
    checkDepth(options);
    const copy = Object.freeze({ ...options });
    trial('decodeOptions', () => bytesToVar(NIL, { ...copy, format: this.#format }));
    this.#decode = copy;
  }

  /** A frozen copy of the encode options. */
  get encodeOptions(): Readonly<VarEncodeOptions> {
    return this.#encode;
  }

  set encodeOptions(options: VarEncodeOptions) {
    checkObject('encodeOptions', options);
    checkFlags(options, ['fullObjects', 'realIsDouble']);
    checkDepth(options);
    const copy = Object.freeze({ ...options });
    trial('encodeOptions', () => varToBytes(null, { ...copy, format: this.#format }));
    this.#encode = copy;
  }

  /** Decodes one Variant. @throws {VariantError} for bytes that are not one. */
  decode(bytes: Uint8Array, allowObjects: boolean | undefined): Variant {
    const decode = this.#decode;
    if (decode === NONE) return bytesToVar(bytes, { allowObjects: allowObjects ?? false, format: this.#format });
    return bytesToVar(bytes, {
      ...decode,
      allowObjects: allowObjects ?? decode.allowObjects ?? false,
      format: this.#format,
    });
  }

  /** Encodes one Variant. @throws {VariantError} for a value that cannot be encoded (or is over `maxBytes`). */
  encode(value: VariantLike, fullObjects: boolean | undefined, maxBytes = Infinity): Uint8Array {
    const encode = this.#encode;
    if (encode === NONE) return varToBytes(value, { fullObjects: fullObjects ?? false, format: this.#format, maxBytes });
    return varToBytes(value, {
      ...encode,
      fullObjects: fullObjects ?? encode.fullObjects ?? false,
      format: this.#format,
      maxBytes,
    });
  }
}
