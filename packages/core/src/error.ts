/**
 * Godot's `Error` enum (`core/error/error_list.h`), with the exact numbers a Godot peer uses.
 * The numbering is identical in Godot 3.x and 4.x.
 *
 * Exported from the package both as `ErrorCode` and, for line-by-line ports of GDScript, as `Error`
 * (`import { Error } from '@pp/core'` then `Error.ERR_UNAVAILABLE`).
 */
export const ErrorCode = {
  /** `0`: "OK" (Godot's `error_string`). */
  OK: 0,
  /** `1`: "Failed" (Godot's `error_string`). */
  FAILED: 1,
  /** `2`: "Unavailable" (Godot's `error_string`). */
  ERR_UNAVAILABLE: 2,
  /** `3`: "Unconfigured" (Godot's `error_string`). */
  ERR_UNCONFIGURED: 3,
  /** `4`: "Unauthorized" (Godot's `error_string`). */
  ERR_UNAUTHORIZED: 4,
  /** `5`: "Parameter out of range" (Godot's `error_string`). */
  ERR_PARAMETER_RANGE_ERROR: 5,
  /** `6`: "Out of memory" (Godot's `error_string`). */
  ERR_OUT_OF_MEMORY: 6,
  /** `7`: "File not found" (Godot's `error_string`). */
  ERR_FILE_NOT_FOUND: 7,
  /** `8`: "File: Bad drive" (Godot's `error_string`). */
  ERR_FILE_BAD_DRIVE: 8,
  /** `9`: "File: Bad path" (Godot's `error_string`). */
  ERR_FILE_BAD_PATH: 9,
  /** `10`: "File: Permission denied" (Godot's `error_string`). */
  ERR_FILE_NO_PERMISSION: 10,
  /** `11`: "File already in use" (Godot's `error_string`). */
  ERR_FILE_ALREADY_IN_USE: 11,
  /** `12`: "Can't open file" (Godot's `error_string`). */
  ERR_FILE_CANT_OPEN: 12,
  /** `13`: "Can't write file" (Godot's `error_string`). */
  ERR_FILE_CANT_WRITE: 13,
  /** `14`: "Can't read file" (Godot's `error_string`). */
  ERR_FILE_CANT_READ: 14,
  /** `15`: "File unrecognized" (Godot's `error_string`). */
  ERR_FILE_UNRECOGNIZED: 15,
  /** `16`: "File corrupt" (Godot's `error_string`). */
  ERR_FILE_CORRUPT: 16,
  /** `17`: "Missing dependencies for file" (Godot's `error_string`). */
  ERR_FILE_MISSING_DEPENDENCIES: 17,
  /** `18`: "End of file" (Godot's `error_string`). */
  ERR_FILE_EOF: 18,
  /** `19`: "Can't open" (Godot's `error_string`). */
  ERR_CANT_OPEN: 19,
  /** `20`: "Can't create" (Godot's `error_string`). */
  ERR_CANT_CREATE: 20,
  /** `21`: "Query failed" (Godot's `error_string`). */
  ERR_QUERY_FAILED: 21,
  /** `22`: "Already in use" (Godot's `error_string`). */
  ERR_ALREADY_IN_USE: 22,
  /** `23`: "Locked" (Godot's `error_string`). */
  ERR_LOCKED: 23,
  /** `24`: "Timeout" (Godot's `error_string`). */
  ERR_TIMEOUT: 24,
  /** `25`: "Can't connect" (Godot's `error_string`). */
  ERR_CANT_CONNECT: 25,
  /** `26`: "Can't resolve" (Godot's `error_string`). */
  ERR_CANT_RESOLVE: 26,
  /** `27`: "Connection error" (Godot's `error_string`). */
  ERR_CONNECTION_ERROR: 27,
  /** `28`: "Can't acquire resource" (Godot's `error_string`). */
  ERR_CANT_ACQUIRE_RESOURCE: 28,
  /** `29`: "Can't fork" (Godot's `error_string`). */
  ERR_CANT_FORK: 29,
  /** `30`: "Invalid data" (Godot's `error_string`). */
  ERR_INVALID_DATA: 30,
  /** `31`: "Invalid parameter" (Godot's `error_string`). */
  ERR_INVALID_PARAMETER: 31,
  /** `32`: "Already exists" (Godot's `error_string`). */
  ERR_ALREADY_EXISTS: 32,
  /** `33`: "Does not exist" (Godot's `error_string`). */
  ERR_DOES_NOT_EXIST: 33,
  /** `34`: "Can't read database" (Godot's `error_string`). */
  ERR_DATABASE_CANT_READ: 34,
  /** `35`: "Can't write database" (Godot's `error_string`). */
  ERR_DATABASE_CANT_WRITE: 35,
  /** `36`: "Compilation failed" (Godot's `error_string`). */
  ERR_COMPILATION_FAILED: 36,
  /** `37`: "Method not found" (Godot's `error_string`). */
  ERR_METHOD_NOT_FOUND: 37,
  /** `38`: "Link failed" (Godot's `error_string`). */
  ERR_LINK_FAILED: 38,
  /** `39`: "Script failed" (Godot's `error_string`). */
  ERR_SCRIPT_FAILED: 39,
  /** `40`: "Cyclic link detected" (Godot's `error_string`). */
  ERR_CYCLIC_LINK: 40,
  /** `41`: "Invalid declaration" (Godot's `error_string`). */
  ERR_INVALID_DECLARATION: 41,
  /** `42`: "Duplicate symbol" (Godot's `error_string`). */
  ERR_DUPLICATE_SYMBOL: 42,
  /** `43`: "Parse error" (Godot's `error_string`). */
  ERR_PARSE_ERROR: 43,
  /** `44`: "Busy" (Godot's `error_string`). */
  ERR_BUSY: 44,
  /** `45`: "Skip" (Godot's `error_string`). */
  ERR_SKIP: 45,
  /** `46`: "Help" (Godot's `error_string`). */
  ERR_HELP: 46,
  /** `47`: "Bug" (Godot's `error_string`). */
  ERR_BUG: 47,
  /** `48`: "Printer on fire" (Godot's `error_string`). */
  ERR_PRINTER_ON_FIRE: 48,
} as const;

/** One of Godot's error numbers (0 = `OK`). */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The name of a Godot error number. */
export type ErrorName = keyof typeof ErrorCode;

const NAMES: readonly ErrorName[] = Object.keys(ErrorCode) as ErrorName[];

/**
 * The name of a Godot error number, e.g. `errorName(30) === 'ERR_INVALID_DATA'`.
 * Numbers outside the enum give `'ERR_UNKNOWN(<n>)'` rather than throwing.
 */
export function errorName(code: number): string {
  return NAMES[code] ?? `ERR_UNKNOWN(${code})`;
}

/** Whether `code` is one of Godot's error numbers. */
export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'number' && Number.isInteger(code) && code >= 0 && code < NAMES.length;
}

/**
 * Base class of the exceptions this library throws: a JavaScript `Error` carrying the Godot error
 * number that a Godot API would have returned in the same situation.
 */
export class GodotError extends Error {
  /** The Godot error number. */
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(`${message} (${errorName(code)})`, options);
    this.name = 'GodotError';
    this.code = code;
  }

  /** The Godot name of {@link GodotError.code}, e.g. `'ERR_INVALID_DATA'`. */
  get codeName(): string {
    return errorName(this.code);
  }
}
