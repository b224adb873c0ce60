/**
 * Godot's `error_string(error)`: the English description Godot prints for each `Error`
 * (`core/error/error_list.cpp`), indexed by code; checked against Godot 4.6's own output.
 */
import { ErrorCode } from './error.js';

const DESCRIPTIONS: readonly string[] = [
  'OK',
  'Failed',
  'Unavailable',
  'Unconfigured',
  'Unauthorized',
  'Parameter out of range',
  'Out of memory',
  'File not found',
  'File: Bad drive',
  'File: Bad path',
  'File: Permission denied',
  'File already in use',
  "Can't open file",
  "Can't write file",
  "Can't read file",
  'File unrecognized',
  'File corrupt',
  'Missing dependencies for file',
  'End of file',
  "Can't open",
  "Can't create",
  'Query failed',
  'Already in use',
  'Locked',
  'Timeout',
  "Can't connect",
  "Can't resolve",
  'Connection error',
  "Can't acquire resource",
  "Can't fork",
  'Invalid data',
  'Invalid parameter',
  'Already exists',
  'Does not exist',
  "Can't read database",
  "Can't write database",
  'Compilation failed',
  'Method not found',
  'Link failed',
  'Script failed',
  'Cyclic link detected',
  'Invalid declaration',
  'Duplicate symbol',
  'Parse error',
  'Busy',
  'Skip',
  'Help',
  'Bug',
  'Printer on fire',
];

/**
 * Godot's `error_string(code)`, e.g. `errorString(ERR_CANT_CONNECT) === "Can't connect"`.
 * A number outside the enum gives `'(invalid error code)'`, as Godot does.
 */
export function errorString(code: ErrorCode | number): string {
  return Number.isInteger(code) ? DESCRIPTIONS[code] ?? '(invalid error code)' : '(invalid error code)';
}

/**
 * Godot's global error constants, so ported GDScript reads the same:
 * `if (peer.putVar(v) !== OK) …`, `return ERR_UNAVAILABLE`.
 */
export const {
  OK, FAILED, ERR_UNAVAILABLE, ERR_UNCONFIGURED, ERR_UNAUTHORIZED, ERR_PARAMETER_RANGE_ERROR, ERR_OUT_OF_MEMORY,
  ERR_FILE_NOT_FOUND, ERR_FILE_BAD_DRIVE, ERR_FILE_BAD_PATH, ERR_FILE_NO_PERMISSION, ERR_FILE_ALREADY_IN_USE,
  ERR_FILE_CANT_OPEN, ERR_FILE_CANT_WRITE, ERR_FILE_CANT_READ, ERR_FILE_UNRECOGNIZED, ERR_FILE_CORRUPT,
  ERR_FILE_MISSING_DEPENDENCIES, ERR_FILE_EOF, ERR_CANT_OPEN, ERR_CANT_CREATE, ERR_QUERY_FAILED, ERR_ALREADY_IN_USE,
  ERR_LOCKED, ERR_TIMEOUT, ERR_CANT_CONNECT, ERR_CANT_RESOLVE, ERR_CONNECTION_ERROR, ERR_CANT_ACQUIRE_RESOURCE,
  ERR_CANT_FORK, ERR_INVALID_DATA, ERR_INVALID_PARAMETER, ERR_ALREADY_EXISTS, ERR_DOES_NOT_EXIST,
  ERR_DATABASE_CANT_READ, ERR_DATABASE_CANT_WRITE, ERR_COMPILATION_FAILED, ERR_METHOD_NOT_FOUND, ERR_LINK_FAILED,
  ERR_SCRIPT_FAILED, ERR_CYCLIC_LINK, ERR_INVALID_DECLARATION, ERR_DUPLICATE_SYMBOL, ERR_PARSE_ERROR, ERR_BUSY,
  ERR_SKIP, ERR_HELP, ERR_BUG, ERR_PRINTER_ON_FIRE,
} = ErrorCode;
