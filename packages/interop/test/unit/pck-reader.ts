/** A minimal `.pck` (format 3) reader for the tests: header fields and the directory. */
export interface PckEntry {
  path: string;
  paddedPathLength: number;
  offset: number;
  size: number;
  md5: Uint8Array;
  flags: number;
  data: Uint8Array;
}

export interface Pck {
  magic: string;
  formatVersion: number;
  version: [number, number, number];
  flags: number;
  fileBase: number;
  directoryOffset: number;
  reserved: number[];
  entries: PckEntry[];
}

export function readPck(bytes: Uint8Array): Pck {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  const u32 = (): number => {
    const v = view.getUint32(at, true);
    at += 4;
    return v;
  };
  const u64 = (): number => {
    const v = Number(view.getBigUint64(at, true));
    at += 8;
    return v;
  };
  const magic = new TextDecoder().decode(bytes.subarray(0, 4));
  at = 4;
  const formatVersion = u32();
  const version: [number, number, number] = [u32(), u32(), u32()];
  const flags = u32();
  const fileBase = u64();
  const directoryOffset = u64();
  const reserved = Array.from({ length: 16 }, u32);
  at = directoryOffset;
  const count = u32();
  const entries: PckEntry[] = [];
  for (let i = 0; i < count; i++) {
    const paddedPathLength = u32();
    const raw = bytes.subarray(at, at + paddedPathLength);
    at += paddedPathLength;
    const nul = raw.indexOf(0);
    const path = new TextDecoder().decode(raw.subarray(0, nul < 0 ? raw.length : nul));
    const offset = u64();
    const size = u64();
    const md5 = bytes.slice(at, at + 16);
    at += 16;
    const entryFlags = u32();
    const data = bytes.subarray(fileBase + offset, fileBase + offset + size);
    entries.push({ path, paddedPathLength, offset, size, md5, flags: entryFlags, data });
  }
  if (at !== bytes.length) throw new Error(`trailing bytes after the directory: ${bytes.length - at}`);
  return { magic, formatVersion, version, flags, fileBase, directoryOffset, reserved, entries };
}
