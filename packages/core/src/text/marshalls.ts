/**
 * Godot's `Marshalls` singleton: base64 of Variants, raw bytes and UTF-8 text. Where Godot logs an
 * error and returns an empty value (bad base64, bad Variant bytes), these throw a `VariantError`.
 */
import { ErrorCode } from '../error.js';
import { bytesToVar, type DecodeOptions } from '../variant/decoder.js';
import { type EncodeOptions, varToBytes } from '../variant/encoder.js';
import type { Variant, VariantLike } from '../variant/value.js';
import { VariantError } from '../variant/variant-error.js';
import { decodeBase64, encodeBase64 } from './base64.js';

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8');

function bytesOf(base64: string): Uint8Array {
  const bytes = decodeBase64(base64);
  if (bytes === null) throw new VariantError(ErrorCode.ERR_INVALID_DATA, 'Invalid base64');
  return bytes;
}

/** Godot's `Marshalls` singleton: Variants, raw bytes and UTF-8 text to and from Base64, as Godot writes them. */
export const Marshalls = {
  /** `Marshalls.variant_to_base64(variant, full_objects = false)`. */
  variantToBase64(value: VariantLike, fullObjects = false, options: Omit<EncodeOptions, 'fullObjects'> = {}): string {
    return encodeBase64(varToBytes(value, { ...options, fullObjects }));
  },

  /** `Marshalls.base64_to_variant(base64_str, allow_objects = false)`. */
  base64ToVariant(base64: string, allowObjects = false, options: Omit<DecodeOptions, 'allowObjects'> = {}): Variant {
    return bytesToVar(bytesOf(base64), { ...options, allowObjects });
  },

  /** `Marshalls.raw_to_base64(array)`. */
  rawToBase64(bytes: Uint8Array): string {
    return encodeBase64(bytes);
  },

  /** `Marshalls.base64_to_raw(base64_str)`. */
  base64ToRaw(base64: string): Uint8Array {
    return bytesOf(base64);
  },

  /** `Marshalls.utf8_to_base64(str)`. */
  utf8ToBase64(text: string): string {
    return encodeBase64(utf8Encoder.encode(text));
  },

  /**
   * `Marshalls.base64_to_utf8(base64_str)`: like Godot, the text stops at the first NUL, a
   * leading BOM is skipped and malformed UTF-8 becomes U+FFFD.
   */
  base64ToUtf8(base64: string): string {
    const bytes = bytesOf(base64);
    const nul = bytes.indexOf(0);
    return utf8Decoder.decode(nul === -1 ? bytes : bytes.subarray(0, nul));
  },
} as const;
