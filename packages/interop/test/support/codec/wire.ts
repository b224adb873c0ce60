/**
 * Byte-level helpers for comparing our encodings with a real Godot's: packing many encoded cases
 * into one file for a script to read, and finding the NodePath padding bytes that Godot 4.6 and
 * Godot 3 leave stale (the only bytes allowed to differ).
 */
import { decodeVariant, type VariantFormat } from '@pp/core';

/** `u32 count`, then for each case `u32 length` and its bytes (little-endian). */
export function packCases(cases: readonly Uint8Array[]): Uint8Array {
  const total = 4 + cases.reduce((sum, c) => sum + 4 + c.length, 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, cases.length, true);
  let at = 4;
  for (const c of cases) {
    view.setUint32(at, c.length, true);
    out.set(c, at + 4);
    at += 4 + c.length;
  }
  return out;
}

const IDS = {
  godot4: { nodePath: 22, object: 24, dictionary: 27, array: 28 },
  'godot4.3': { nodePath: 22, object: 24, dictionary: 27, array: 28 },
  godot3: { nodePath: 15, object: 17, dictionary: 18, array: 19 },
} as const;

/** Offsets of every padding byte after a NodePath component, anywhere in an encoded Variant. */
export function nodePathPadding(bytes: Uint8Array, format: VariantFormat): Set<number> {
  const ids = IDS[format];
  const typed = format === 'godot4';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const padding = new Set<number>();
  const u32 = (at: number): number => view.getUint32(at, true);
  const gstr = (at: number): number => {
    const length = u32(at);
    return at + 4 + length + ((4 - (length % 4)) % 4);
  };
  const containerType = (kind: number, at: number): number => (kind === 0 ? at : kind === 1 ? at + 4 : gstr(at));

  const walk = (at: number): number => {
    const header = u32(at);
    const type = header & 0xff;
    if (type === ids.nodePath) {
      const names = u32(at + 4) & 0x7fffffff;
      const flags = u32(at + 12);
      const count = names + u32(at + 8) + (flags & 2 ? 1 : 0);
      let p = at + 16;
      for (let i = 0; i < count; i++) {
        const length = u32(p);
        for (let j = p + 4 + length; j < gstr(p); j++) padding.add(j);
        p = gstr(p);
      }
      return p;
    }
    if (type === ids.array) {
      let p = typed ? containerType((header >>> 16) & 3, at + 4) : at + 4;
      const count = u32(p) & 0x7fffffff;
      p += 4;
      for (let i = 0; i < count; i++) p = walk(p);
      return p;
    }
    if (type === ids.dictionary) {
      let p = at + 4;
      if (typed) p = containerType((header >>> 18) & 3, containerType((header >>> 16) & 3, p));
      const count = u32(p) & 0x7fffffff;
      p += 4;
      for (let i = 0; i < 2 * count; i++) p = walk(p);
      return p;
    }
    if (type === ids.object && (header & 0x10000) === 0) {
      let p = gstr(at + 4);
      if (u32(at + 4) === 0) return p;
      const count = u32(p);
      p += 4;
      for (let i = 0; i < count; i++) p = walk(gstr(p));
      return p;
    }
    return at + decodeVariant(bytes.subarray(at), { allowObjects: true, format }).length;
  };
  walk(0);
  return padding;
}

/**
 * Whether our encoding equals Godot's, allowing only NodePath padding (zero in ours) to differ.
 * Returns a description of the first difference, or `null`.
 */
export function compareEncodings(ours: Uint8Array, godot: Uint8Array, format: VariantFormat): string | null {
  if (ours.length !== godot.length) return `length ${ours.length} vs Godot's ${godot.length}`;
  let padding: Set<number> | undefined;
  for (let i = 0; i < ours.length; i++) {
    if (ours[i] === godot[i]) continue;
    padding ??= nodePathPadding(godot, format);
    if (ours[i] === 0 && padding.has(i)) continue;
    return `byte ${i}: ours ${hex(ours.subarray(i, i + 8))}… vs Godot's ${hex(godot.subarray(i, i + 8))}…`;
  }
  return null;
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/** Like `compareEncodings` for two encodings Godot wrote, each with its own stale NodePath padding. */
export function compareGodotEncodings(a: Uint8Array, b: Uint8Array, format: VariantFormat): string | null {
  const zeroPadding = (bytes: Uint8Array): Uint8Array => {
    const copy = bytes.slice();
    for (const at of nodePathPadding(bytes, format)) copy[at] = 0;
    return copy;
  };
  return compareEncodings(zeroPadding(a), zeroPadding(b), format);
}
