import { ErrorCode, GodotError } from '../error.js';

/** Where in the text something went wrong: 1-based line and column, and the UTF-16 offset. */
export interface TextPosition {
  /** The line, from 1. */
  readonly line: number;
  /** The column, from 1, in UTF-16 code units. */
  readonly column: number;
  /** The offset from the start of the text, from 0, in UTF-16 code units. */
  readonly offset: number;
}

/**
 * Thrown by `strToVar` for text Godot's parser would not read (or that breaks a limit). `code` is
 * Godot's error: `ERR_PARSE_ERROR` for bad text, `ERR_FILE_EOF` for empty text, `ERR_FILE_CORRUPT`
 * for text that ends inside an Array, Dictionary or Object, `ERR_UNAUTHORIZED` for an
 * `Object(…)` without `allowObjects`, `ERR_OUT_OF_MEMORY` for the depth and length limits.
 */
export class VariantParseError extends GodotError implements TextPosition {
  /** The line of the problem, from 1. */
  readonly line: number;
  /** The column of the problem, from 1, in UTF-16 code units. */
  readonly column: number;
  /** The offset of the problem from the start of the text, from 0, in UTF-16 code units. */
  readonly offset: number;
  /** Godot's own wording of the problem, without the position. */
  readonly reason: string;

  constructor(reason: string, at: TextPosition, code: ErrorCode = ErrorCode.ERR_PARSE_ERROR) {
    super(code, `${reason} at line ${at.line}, column ${at.column}`);
    this.name = 'VariantParseError';
    this.line = at.line;
    this.column = at.column;
    this.offset = at.offset;
    this.reason = reason;
  }
}
