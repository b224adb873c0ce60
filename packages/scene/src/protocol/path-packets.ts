/**
 * The path cache packets (`scene_cache_interface.cpp`): SIMPLIFY_PATH teaches a peer a node's cache id; CONFIRM_PATH
 * answers it. CONFIRM_PATH has two incompatible forms: 4.3+ carries the u32 cache id (6 bytes),
 * 4.0–4.2 the NUL-terminated path. Both checked: 4.3+ against Godot 4.6.
 */
import { drop } from '../drop-report.js';
import { ByteWriter, cstringAt, u32At } from './bytes.js';
import { NetworkCommand, SIMPLIFY_PATH_HEADER } from './commands.js';

const MD5_LENGTH = 32;
const CONFIRM_SIZE = 6;

export function simplifyPathPacket(md5: string, cacheId: number, path: string): Uint8Array {
  return new ByteWriter(SIMPLIFY_PATH_HEADER + path.length + 1).u8(NetworkCommand.SIMPLIFY_PATH).cstring(md5).u32(cacheId).cstring(path).finish();
}

export interface SimplifyPath {
  readonly md5: string;
  readonly cacheId: number;
  readonly path: string;
}

export function parseSimplifyPath(bytes: Uint8Array): SimplifyPath {
  if (bytes.length < SIMPLIFY_PATH_HEADER) drop('malformed', `SIMPLIFY_PATH of ${bytes.length} bytes (at least ${SIMPLIFY_PATH_HEADER})`);
  const md5 = cstringAt(bytes, 1, 1 + MD5_LENGTH);
  return { md5, cacheId: u32At(bytes, 1 + MD5_LENGTH + 1) as number, path: cstringAt(bytes, SIMPLIFY_PATH_HEADER) };
}

/** CONFIRM_PATH, 4.3+ form: `02 <valid> <u32 cache id>`. */
export function confirmPathPacket(valid: boolean, cacheId: number): Uint8Array {
  return new ByteWriter(CONFIRM_SIZE).u8(NetworkCommand.CONFIRM_PATH).u8(valid ? 1 : 0).u32(cacheId).finish();
}

/** CONFIRM_PATH, 4.0–4.2 form: `02 <valid> <path> 00`. */
export function confirmPathLegacyPacket(valid: boolean, path: string): Uint8Array {
  return new ByteWriter(3 + path.length).u8(NetworkCommand.CONFIRM_PATH).u8(valid ? 1 : 0).cstring(path).finish();
}

export type ConfirmPath =
  | { readonly valid: boolean; readonly cacheId: number; readonly path?: undefined }
  | { readonly valid: boolean; readonly path: string; readonly cacheId?: undefined };

/**
 * Parses CONFIRM_PATH in the form of the configured version; a packet that only fits the other
 * form is a `version-mismatch` (a 4.3+ peer and a 4.0–4.2 peer never confirm each other's paths).
 */
export function parseConfirmPath(bytes: Uint8Array, legacy: boolean): ConfirmPath {
  const valid = bytes[1] !== 0;
  if (!legacy) {
    if (bytes.length === CONFIRM_SIZE) return { valid, cacheId: u32At(bytes, 2) as number };
    if (bytes.length > 3 && bytes[bytes.length - 1] === 0) {
      drop('version-mismatch', 'CONFIRM_PATH with a path (the Godot 4.0–4.2 form) while the configured Godot version is 4.3 or later');
    }
    drop('malformed', `CONFIRM_PATH of ${bytes.length} bytes (exactly ${CONFIRM_SIZE})`);
  }
  if (bytes.length < 3) drop('malformed', `CONFIRM_PATH of ${bytes.length} bytes (at least 3)`);
  // A path starts with a name character; a little-endian cache id (small, from 1) with a control byte.
  if (bytes.length === CONFIRM_SIZE && (bytes[2] as number) < 0x20) {
    drop('version-mismatch', 'CONFIRM_PATH with a cache id (the Godot 4.3+ form) while the configured Godot version is 4.0–4.2');
  }
  return { valid, path: cstringAt(bytes, 2) };
}
