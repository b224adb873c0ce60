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
  /** Godot's global `OK`, `0`: "OK" (`ErrorCode.OK`). */
  OK,
  /** Godot's global `FAILED`, `1`: "Failed" (`ErrorCode.FAILED`). */
  FAILED,
  /** Godot's global `ERR_UNAVAILABLE`, `2`: "Unavailable" (`ErrorCode.ERR_UNAVAILABLE`). */
  ERR_UNAVAILABLE,
  /** Godot's global `ERR_UNCONFIGURED`, `3`: "Unconfigured" (`ErrorCode.ERR_UNCONFIGURED`). */
  ERR_UNCONFIGURED,
  /** Godot's global `ERR_UNAUTHORIZED`, `4`: "Unauthorized" (`ErrorCode.ERR_UNAUTHORIZED`). */
  ERR_UNAUTHORIZED,
  /** Godot's global `ERR_PARAMETER_RANGE_ERROR`, `5`: "Parameter out of range" (`ErrorCode.ERR_PARAMETER_RANGE_ERROR`). */
  ERR_PARAMETER_RANGE_ERROR,
  /** Godot's global `ERR_OUT_OF_MEMORY`, `6`: "Out of memory" (`ErrorCode.ERR_OUT_OF_MEMORY`). */
  ERR_OUT_OF_MEMORY,
  /** Godot's global `ERR_FILE_NOT_FOUND`, `7`: "File not found" (`ErrorCode.ERR_FILE_NOT_FOUND`). */
  ERR_FILE_NOT_FOUND,
  /** Godot's global `ERR_FILE_BAD_DRIVE`, `8`: "File: Bad drive" (`ErrorCode.ERR_FILE_BAD_DRIVE`). */
  ERR_FILE_BAD_DRIVE,
  /** Godot's global `ERR_FILE_BAD_PATH`, `9`: "File: Bad path" (`ErrorCode.ERR_FILE_BAD_PATH`). */
  ERR_FILE_BAD_PATH,
  /** Godot's global `ERR_FILE_NO_PERMISSION`, `10`: "File: Permission denied" (`ErrorCode.ERR_FILE_NO_PERMISSION`). */
  ERR_FILE_NO_PERMISSION,
  /** Godot's global `ERR_FILE_ALREADY_IN_USE`, `11`: "File already in use" (`ErrorCode.ERR_FILE_ALREADY_IN_USE`). */
  ERR_FILE_ALREADY_IN_USE,
  /** Godot's global `ERR_FILE_CANT_OPEN`, `12`: "Can't open file" (`ErrorCode.ERR_FILE_CANT_OPEN`). */
  ERR_FILE_CANT_OPEN,
  /** Godot's global `ERR_FILE_CANT_WRITE`, `13`: "Can't write file" (`ErrorCode.ERR_FILE_CANT_WRITE`). */
  ERR_FILE_CANT_WRITE,
  /** Godot's global `ERR_FILE_CANT_READ`, `14`: "Can't read file" (`ErrorCode.ERR_FILE_CANT_READ`). */
  ERR_FILE_CANT_READ,
  /** Godot's global `ERR_FILE_UNRECOGNIZED`, `15`: "File unrecognized" (`ErrorCode.ERR_FILE_UNRECOGNIZED`). */
  ERR_FILE_UNRECOGNIZED,
  /** Godot's global `ERR_FILE_CORRUPT`, `16`: "File corrupt" (`ErrorCode.ERR_FILE_CORRUPT`). */
  ERR_FILE_CORRUPT,
  /** Godot's global `ERR_FILE_MISSING_DEPENDENCIES`, `17`: "Missing dependencies for file" (`ErrorCode.ERR_FILE_MISSING_DEPENDENCIES`). */
  ERR_FILE_MISSING_DEPENDENCIES,
  /** Godot's global `ERR_FILE_EOF`, `18`: "End of file" (`ErrorCode.ERR_FILE_EOF`). */
  ERR_FILE_EOF,
  /** Godot's global `ERR_CANT_OPEN`, `19`: "Can't open" (`ErrorCode.ERR_CANT_OPEN`). */
  ERR_CANT_OPEN,
  /** Godot's global `ERR_CANT_CREATE`, `20`: "Can't create" (`ErrorCode.ERR_CANT_CREATE`). */
  ERR_CANT_CREATE,
  /** Godot's global `ERR_QUERY_FAILED`, `21`: "Query failed" (`ErrorCode.ERR_QUERY_FAILED`). */
  ERR_QUERY_FAILED,
  /** Godot's global `ERR_ALREADY_IN_USE`, `22`: "Already in use" (`ErrorCode.ERR_ALREADY_IN_USE`). */
  ERR_ALREADY_IN_USE,
  /** Godot's global `ERR_LOCKED`, `23`: "Locked" (`ErrorCode.ERR_LOCKED`). */
  ERR_LOCKED,
  /** Godot's global `ERR_TIMEOUT`, `24`: "Timeout" (`ErrorCode.ERR_TIMEOUT`). */
  ERR_TIMEOUT,
  /** Godot's global `ERR_CANT_CONNECT`, `25`: "Can't connect" (`ErrorCode.ERR_CANT_CONNECT`). */
  ERR_CANT_CONNECT,
  /** Godot's global `ERR_CANT_RESOLVE`, `26`: "Can't resolve" (`ErrorCode.ERR_CANT_RESOLVE`). */
  ERR_CANT_RESOLVE,
  /** Godot's global `ERR_CONNECTION_ERROR`, `27`: "Connection error" (`ErrorCode.ERR_CONNECTION_ERROR`). */
  ERR_CONNECTION_ERROR,
  /** Godot's global `ERR_CANT_ACQUIRE_RESOURCE`, `28`: "Can't acquire resource" (`ErrorCode.ERR_CANT_ACQUIRE_RESOURCE`). */
  ERR_CANT_ACQUIRE_RESOURCE,
  /** Godot's global `ERR_CANT_FORK`, `29`: "Can't fork" (`ErrorCode.ERR_CANT_FORK`). */
  ERR_CANT_FORK,
  /** Godot's global `ERR_INVALID_DATA`, `30`: "Invalid data" (`ErrorCode.ERR_INVALID_DATA`). */
  ERR_INVALID_DATA,
  /** Godot's global `ERR_INVALID_PARAMETER`, `31`: "Invalid parameter" (`ErrorCode.ERR_INVALID_PARAMETER`). */
  ERR_INVALID_PARAMETER,
  /** Godot's global `ERR_ALREADY_EXISTS`, `32`: "Already exists" (`ErrorCode.ERR_ALREADY_EXISTS`). */
  ERR_ALREADY_EXISTS,
  /** Godot's global `ERR_DOES_NOT_EXIST`, `33`: "Does not exist" (`ErrorCode.ERR_DOES_NOT_EXIST`). */
  ERR_DOES_NOT_EXIST,
  /** Godot's global `ERR_DATABASE_CANT_READ`, `34`: "Can't read database" (`ErrorCode.ERR_DATABASE_CANT_READ`). */
  ERR_DATABASE_CANT_READ,
  /** Godot's global `ERR_DATABASE_CANT_WRITE`, `35`: "Can't write database" (`ErrorCode.ERR_DATABASE_CANT_WRITE`). */
  ERR_DATABASE_CANT_WRITE,
  /** Godot's global `ERR_COMPILATION_FAILED`, `36`: "Compilation failed" (`ErrorCode.ERR_COMPILATION_FAILED`). */
  ERR_COMPILATION_FAILED,
  /** Godot's global `ERR_METHOD_NOT_FOUND`, `37`: "Method not found" (`ErrorCode.ERR_METHOD_NOT_FOUND`). */
  ERR_METHOD_NOT_FOUND,
  /** Godot's global `ERR_LINK_FAILED`, `38`: "Link failed" (`ErrorCode.ERR_LINK_FAILED`). */
  ERR_LINK_FAILED,
  /** Godot's global `ERR_SCRIPT_FAILED`, `39`: "Script failed" (`ErrorCode.ERR_SCRIPT_FAILED`). */
  ERR_SCRIPT_FAILED,
  /** Godot's global `ERR_CYCLIC_LINK`, `40`: "Cyclic link detected" (`ErrorCode.ERR_CYCLIC_LINK`). */
  ERR_CYCLIC_LINK,
  /** Godot's global `ERR_INVALID_DECLARATION`, `41`: "Invalid declaration" (`ErrorCode.ERR_INVALID_DECLARATION`). */
  ERR_INVALID_DECLARATION,
  /** Godot's global `ERR_DUPLICATE_SYMBOL`, `42`: "Duplicate symbol" (`ErrorCode.ERR_DUPLICATE_SYMBOL`). */
  ERR_DUPLICATE_SYMBOL,
  /** Godot's global `ERR_PARSE_ERROR`, `43`: "Parse error" (`ErrorCode.ERR_PARSE_ERROR`). */
  ERR_PARSE_ERROR,
  /** Godot's global `ERR_BUSY`, `44`: "Busy" (`ErrorCode.ERR_BUSY`). */
  ERR_BUSY,
  /** Godot's global `ERR_SKIP`, `45`: "Skip" (`ErrorCode.ERR_SKIP`). */
  ERR_SKIP,
  /** Godot's global `ERR_HELP`, `46`: "Help" (`ErrorCode.ERR_HELP`). */
  ERR_HELP,
  /** Godot's global `ERR_BUG`, `47`: "Bug" (`ErrorCode.ERR_BUG`). */
  ERR_BUG,
  /** Godot's global `ERR_PRINTER_ON_FIRE`, `48`: "Printer on fire" (`ErrorCode.ERR_PRINTER_ON_FIRE`). */
  ERR_PRINTER_ON_FIRE,
} = ErrorCode;
