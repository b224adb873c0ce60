/**
 * Valid Variants shaped to make a decoder do more than linear work: containers used as
 * Dictionary keys inside containers used as keys, deep nesting on both sides of an entry, many
 * large or equal container keys. Written byte by byte (not with `varToBytes`) so that building
 * them costs nothing whatever the codec does.
 */

const DICTIONARY = 0x1b;
const ARRAY = 0x1c;
const STRING = 0x04;
const INT = 0x02;
const VECTOR2I = 0x06;
const PACKED_BYTE_ARRAY = 0x1d;

class Bytes {
  private words: number[] = [];
  private chunks: Uint8Array[] = [];

  u32(...values: number[]): this {
    this.words.push(...values);
    return this;
  }

  raw(bytes: Uint8Array): this {
    this.flush();
    this.chunks.push(bytes);
    return this;
  }

  private flush(): void {
    if (this.words.length === 0) return;
    const chunk = new Uint8Array(this.words.length * 4);
    const view = new DataView(chunk.buffer);
    this.words.forEach((w, i) => view.setUint32(i * 4, w >>> 0, true));
    this.chunks.push(chunk);
    this.words = [];
  }

  done(): Uint8Array {
    this.flush();
    const out = new Uint8Array(this.chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

function packedBytes(out: Bytes, length: number, fill = 0, tail?: number): void {
  const data = new Uint8Array(length + ((4 - (length % 4)) % 4)).fill(fill, 0, length);
  if (tail !== undefined) new DataView(data.buffer).setUint32(length - 4, tail, true);
  out.u32(PACKED_BYTE_ARRAY, length).raw(data);
}

function string(out: Bytes, length: number): void {
  const data = new Uint8Array(length + ((4 - (length % 4)) % 4)).fill(0x61, 0, length);
  out.u32(STRING, length).raw(data);
}

/** Issue 9's case: `{ { { …PackedByteArray(inner): null… }: null }: null }`, `depth` Dictionaries. */
export function nestedDictionaryKeys(depth: number, inner: number): Uint8Array {
  const out = new Bytes();
  for (let i = 0; i < depth; i++) out.u32(DICTIONARY, 1);
  packedBytes(out, inner);
  for (let i = 0; i < depth; i++) out.u32(0);
  return out.done();
}

/** Nested Dictionary keys whose every level also has a String value of `valueLength` bytes. */
export function nestedKeysWithValues(depth: number, valueLength: number): Uint8Array {
  const out = new Bytes();
  for (let i = 0; i < depth; i++) out.u32(DICTIONARY, 1);
  out.u32(INT, 7);
  for (let i = 0; i < depth; i++) string(out, valueLength);
  return out.done();
}

/** Keys that alternate Array and Dictionary: `{ [ { [ …PackedByteArray… ]: null } ]: null }`. */
export function alternatingKeys(depth: number, inner: number): Uint8Array {
  const out = new Bytes();
  const levels = Math.floor(depth / 2);
  for (let i = 0; i < levels; i++) out.u32(DICTIONARY, 1, ARRAY, 1);
  packedBytes(out, inner);
  for (let i = 0; i < levels; i++) out.u32(0);
  return out.done();
}

/** A Dictionary whose keys and values are both Dictionaries nested `depth` deep (a tree of depth ~log). */
export function nestedBothSides(depth: number, leaf: number): Uint8Array {
  const out = new Bytes();
  const write = (level: number): void => {
    if (level === 0) {
      packedBytes(out, leaf);
      return;
    }
    out.u32(DICTIONARY, 1);
    write(level - 1);
    // The value: a chain of single-entry Dictionaries with small keys, as deep as allowed.
    for (let i = 0; i < level; i++) out.u32(DICTIONARY, 1, INT, i);
    out.u32(0);
  };
  write(depth);
  return out.done();
}

/** `count` distinct PackedByteArray keys of `keyLength` bytes that differ only in their last 4 bytes. */
export function manyContainerKeys(count: number, keyLength: number): Uint8Array {
  const out = new Bytes();
  out.u32(DICTIONARY, count);
  for (let i = 0; i < count; i++) {
    out.u32(ARRAY, 1);
    packedBytes(out, keyLength, 0x55, i);
    out.u32(INT, i);
  }
  return out.done();
}

/** The same Array key `count` times: every entry after the first is a repeat that must be compared. */
export function repeatedContainerKeys(count: number, keyLength: number): Uint8Array {
  const out = new Bytes();
  out.u32(DICTIONARY, count);
  for (let i = 0; i < count; i++) {
    out.u32(ARRAY, 2, INT, 1);
    packedBytes(out, keyLength, 0x33);
    out.u32(INT, i);
  }
  return out.done();
}

/** A grid: `side × side` Vector2i keys, the common real-world structured key. */
export function gridKeys(side: number): Uint8Array {
  const out = new Bytes();
  out.u32(DICTIONARY, side * side);
  for (let x = 0; x < side; x++) for (let y = 0; y < side; y++) out.u32(VECTOR2I, x, y, INT, x * side + y);
  return out.done();
}

/** Arrays and Dictionaries nested `depth` deep as values only. */
export function deepValues(depth: number): Uint8Array {
  const out = new Bytes();
  for (let i = 0; i < depth; i++) {
    if (i % 2 === 0) out.u32(ARRAY, 1);
    else out.u32(DICTIONARY, 1, INT, i);
  }
  out.u32(0);
  return out.done();
}

export const HOSTILE_SHAPES = {
  nestedDictionaryKeys,
  nestedKeysWithValues,
  alternatingKeys,
  nestedBothSides,
  manyContainerKeys,
  repeatedContainerKeys,
  gridKeys,
  deepValues,
} as const;
