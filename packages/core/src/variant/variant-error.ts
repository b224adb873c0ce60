import { GodotError, type ErrorCode } from '../error.js';

/**
 * Thrown by the Variant codec. `code` is the Godot error the engine's own `decode_variant` /
 * `encode_variant` would have returned for the same input (`ERR_INVALID_DATA`, `ERR_FILE_EOF`,
 * `ERR_UNAUTHORIZED`, `ERR_OUT_OF_MEMORY`, …).
 */
export class VariantError extends GodotError {
  /** Byte offset in the input where decoding failed (decoder errors only). */
  readonly offset: number | undefined;

  constructor(code: ErrorCode, message: string, offset?: number, options?: { cause?: unknown }) {
    super(code, offset === undefined ? message : `${message} at byte ${offset}`, options);
    this.name = 'VariantError';
    this.offset = offset;
  }
}
