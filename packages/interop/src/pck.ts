import { createHash } from 'node:crypto';

/** The engine version written into a `.pck` header. Godot refuses packs made by a newer engine. */
export interface PckEngineVersion {
  /** @default 4 */
  readonly major: number;
  /** @default 6 */
  readonly minor: number;
  /** @default 0 */
  readonly patch: number;
}

/** The pack format version Godot 4.4+ reads (`PACK_FORMAT_VERSION` in `core/io/file_access_pack.h`). */
export const PCK_FORMAT_VERSION = 3;

/** Header flag: file offsets in the directory are relative to the file base, not to the pack start. */
export const PCK_REL_FILEBASE = 2;

/** Offset of the first file's data: the 104-byte header, zero-padded to the 16-byte alignment. */
export const PCK_FILE_BASE = 112;

/** Every file's data starts at a multiple of this many bytes from the file base. */
export const PCK_ALIGNMENT = 16;

const MAGIC = 0x43504447; // 'GDPC' read as a little-endian u32
const HEADER_RESERVED_U32 = 16;
const encoder = new TextEncoder();

const alignUp = (n: number, to: number): number => Math.ceil(n / to) * to;

/**
 * Builds a Godot `.pck` main pack, format version 3 (what Godot 4.6 reads), holding `files`.
 *
 * Layout, all integers little-endian: magic `GDPC`; u32 format version 3; u32 major, minor,
 * patch; u32 flags `2` (offsets relative to the file base); u64 file base; u64 directory offset;
 * 16 reserved u32s; zero padding up to the file base ({@link PCK_FILE_BASE}); each file's bytes at
 * a 16-byte-aligned offset from the file base; then the directory: u32 file count and, per file,
 * u32 padded path length, the path (UTF-8, NUL-padded to a multiple of 4, at least one NUL), u64
 * offset, u64 size, 16-byte MD5 of the contents and u32 flags `0`.
 *
 * @param files Pack contents keyed by path relative to `res://` (`'main.gd'`, `'data/x.bin'`; a
 *   leading `res://` is stripped). Strings are stored as UTF-8.
 * @param version The engine version stamped in the header.
 * @returns The whole pack.
 * @throws {TypeError} When a path is empty or contains `..` segments.
 */
export function writePck(
  files: Readonly<Record<string, Uint8Array | string>>,
  version: PckEngineVersion = { major: 4, minor: 6, patch: 0 },
): Uint8Array {
  const entries = Object.entries(files).map(([rawPath, content]) => {
    const path = normalizePckPath(rawPath);
    const data = typeof content === 'string' ? encoder.encode(content) : content;
    const pathBytes = encoder.encode(path);
    const paddedPathLength = alignUp(pathBytes.length + 1, 4);
    return { pathBytes, paddedPathLength, data, offset: 0 };
  });

  let cursor = 0;
  for (const entry of entries) {
    entry.offset = cursor;
    cursor = alignUp(cursor + entry.data.length, PCK_ALIGNMENT);
  }
  const directoryOffset = PCK_FILE_BASE + cursor;
  const directorySize = 4 + entries.reduce((sum, e) => sum + 4 + e.paddedPathLength + 8 + 8 + 16 + 4, 0);

  const out = new Uint8Array(directoryOffset + directorySize);
  const view = new DataView(out.buffer);
  let at = 0;
  const u32 = (value: number): void => {
    view.setUint32(at, value, true);
    at += 4;
  };
  const u64 = (value: number): void => {
    view.setBigUint64(at, BigInt(value), true);
    at += 8;
  };

  u32(MAGIC);
  u32(PCK_FORMAT_VERSION);
  u32(version.major);
  u32(version.minor);
  u32(version.patch);
  u32(PCK_REL_FILEBASE);
  u64(PCK_FILE_BASE);
  u64(directoryOffset);
  for (let i = 0; i < HEADER_RESERVED_U32; i++) u32(0);

  for (const entry of entries) out.set(entry.data, PCK_FILE_BASE + entry.offset);

  at = directoryOffset;
  u32(entries.length);
  for (const entry of entries) {
    u32(entry.paddedPathLength);
    out.set(entry.pathBytes, at); // the padding NULs are already zero
    at += entry.paddedPathLength;
    u64(entry.offset);
    u64(entry.data.length);
    out.set(createHash('md5').update(entry.data).digest(), at);
    at += 16;
    u32(0);
  }
  return out;
}

function normalizePckPath(path: string): string {
  const relative = path.replace(/^res:\/\//, '').replace(/^\/+/, '');
  if (relative === '' || relative.split('/').some((segment) => segment === '..' || segment === '')) {
    throw new TypeError(`invalid pack path: ${JSON.stringify(path)}`);
  }
  return relative;
}
