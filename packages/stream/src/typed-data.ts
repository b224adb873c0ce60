/**
 * StreamPeer's typed values as bytes: the integers, floats and strings of `put_8` … `put_double`
 * (and `put_half`, see `half.ts`),
 * `put_string`, `put_utf8_string` and their `get_` twins, in either byte order.
 */
import type { VariantFormat } from '@pp/core';
import { halfBits, halfValue } from './half.js';
import { allocate } from './slab.js';

/** The typed values of StreamPeer, named after their Godot methods (`put_u16` → `'u16'`). */
export type NumberKind = '8' | 'u8' | '16' | 'u16' | '32' | 'u32' | '64' | 'u64' | 'half' | 'float' | 'double';

/** Bytes each kind takes. */
export const KIND_SIZE: Readonly<Record<NumberKind, number>> = {
  '8': 1, u8: 1, '16': 2, u16: 2, '32': 4, u32: 4, '64': 8, u64: 8, half: 2, float: 4, double: 8,
};

/**
 * Writes `value` as `kind`. Integers wrap like C++'s casts (`put_u8(300)` writes 44); 64-bit
 * kinds take a `bigint` or an integral `number`.
 *
 * @throws {TypeError} When a 64-bit kind gets a non-integral or non-finite number.
 */
export function encodeNumber(kind: NumberKind, value: number | bigint, bigEndian: boolean): Uint8Array {
  const out = allocate(KIND_SIZE[kind]);
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  const little = !bigEndian;
  switch (kind) {
    case '8':
    case 'u8':
      view.setUint8(0, low32(value) & 0xff);
      break;
    case '16':
    case 'u16':
      view.setUint16(0, low32(value) & 0xffff, little);
      break;
    case '32':
    case 'u32':
      view.setUint32(0, low32(value), little);
      break;
    case '64':
    case 'u64':
      view.setBigUint64(0, BigInt.asUintN(64, toBigInt(value)), little);
      break;
    case 'half':
      view.setUint16(0, halfBits(Number(value)), little);
      break;
    case 'float':
      view.setFloat32(0, Number(value), little);
      break;
    case 'double':
      view.setFloat64(0, Number(value), little);
      break;
  }
  return out;
}

/** Reads a `kind` from the start of `bytes` (which holds at least `KIND_SIZE[kind]` bytes). */
export function decodeNumber(kind: NumberKind, bytes: Uint8Array, bigEndian: boolean): number | bigint {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const little = !bigEndian;
  switch (kind) {
    case '8':
      return view.getInt8(0);
    case 'u8':
      return view.getUint8(0);
    case '16':
      return view.getInt16(0, little);
    case 'u16':
      return view.getUint16(0, little);
    case '32':
      return view.getInt32(0, little);
    case 'u32':
      return view.getUint32(0, little);
    case '64':
      return view.getBigInt64(0, little);
    case 'u64':
      return view.getBigUint64(0, little);
    case 'half':
      return halfValue(view.getUint16(0, little));
    case 'float':
      return view.getFloat32(0, little);
    case 'double':
      return view.getFloat64(0, little);
  }
}

/** The low 32 bits of an integer, as C++'s narrowing casts keep them. */
function low32(value: number | bigint): number {
  return typeof value === 'bigint' ? Number(BigInt.asUintN(32, value)) : Number(value) >>> 0;
}

function toBigInt(value: number | bigint): bigint {
  if (typeof value === 'bigint') return value;
  if (!Number.isFinite(value)) throw new TypeError(`Cannot write ${value} as a 64-bit integer`);
  return BigInt(Math.trunc(value));
}

/**
 * `String.ascii()`, what `put_string` writes: one byte per character. Characters above 0x7F
 * become their low byte in Godot 3 and a space (0x20) in Godot 4.
 */
export function asciiBytes(text: string, format: VariantFormat): Uint8Array {
  const codes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) as number;
    codes.push(code <= 0x7f ? code : format === 'godot3' ? code & 0xff : 0x20);
  }
  return Uint8Array.from(codes);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** UTF-8, what `put_utf8_string` writes. */
export function utf8Bytes(text: string): Uint8Array {
  return encoder.encode(text);
}

/** What `get_string` returns: one character per byte (Latin-1), up to the first NUL. */
export function latin1Text(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  const used = end === -1 ? bytes : bytes.subarray(0, end);
  let text = '';
  for (let i = 0; i < used.length; i += 4096) text += String.fromCharCode(...used.subarray(i, i + 4096));
  return text;
}

/**
 * What `get_utf8_string` returns: UTF-8 up to the first NUL, a leading BOM skipped, malformed
 * sequences replaced with U+FFFD (Godot logs an error and does the same).
 */
export function utf8Text(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return decoder.decode(end === -1 ? bytes : bytes.subarray(0, end));
}
