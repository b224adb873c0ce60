/**
 * Little-endian byte building and reading for SceneMultiplayer packets (Godot's
 * `encode_uint16/32/64`, `encode_cstring`). Readers check bounds and return `undefined` instead of
 * throwing, so a short packet is one `if`, not an exception.
 */
const encoder = new TextEncoder();
const utf8 = new TextDecoder('utf-8');

/** A growable little-endian writer. */
export class ByteWriter {
  #buf: Uint8Array;
  #view: DataView;
  pos = 0;

  constructor(capacity = 64) {
    this.#buf = new Uint8Array(capacity);
    this.#view = new DataView(this.#buf.buffer);
  }

  #room(bytes: number): void {
    const need = this.pos + bytes;
    if (need <= this.#buf.length) return;
    let size = this.#buf.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.#buf.subarray(0, this.pos));
    this.#buf = next;
    this.#view = new DataView(next.buffer);
  }

  u8(value: number): this {
    this.#room(1);
    this.#buf[this.pos++] = value;
    return this;
  }

  u16(value: number): this {
    this.#room(2);
    this.#view.setUint16(this.pos, value, true);
    this.pos += 2;
    return this;
  }

  u32(value: number): this {
    this.#room(4);
    this.#view.setUint32(this.pos, value >>> 0, true);
    this.pos += 4;
    return this;
  }

  i32(value: number): this {
    this.#room(4);
    this.#view.setInt32(this.pos, value, true);
    this.pos += 4;
    return this;
  }

  u64(value: bigint): this {
    this.#room(8);
    this.#view.setBigUint64(this.pos, value, true);
    this.pos += 8;
    return this;
  }

  bytes(data: Uint8Array): this {
    this.#room(data.length);
    this.#buf.set(data, this.pos);
    this.pos += data.length;
    return this;
  }

  /** UTF-8 then one NUL (`encode_cstring`). */
  cstring(text: string): this {
    return this.bytes(encoder.encode(text)).u8(0);
  }

  /** Overwrites a u32 already written at `at`. */
  setU32(at: number, value: number): this {
    this.#view.setUint32(at, value >>> 0, true);
    return this;
  }

  /** The bytes written so far (a copy the caller owns). */
  finish(): Uint8Array {
    return this.#buf.slice(0, this.pos);
  }
}

export function u16At(bytes: Uint8Array, at: number): number | undefined {
  if (at < 0 || at + 2 > bytes.length) return undefined;
  return (bytes[at] as number) | ((bytes[at + 1] as number) << 8);
}

export function u32At(bytes: Uint8Array, at: number): number | undefined {
  if (at < 0 || at + 4 > bytes.length) return undefined;
  return ((bytes[at] as number) | ((bytes[at + 1] as number) << 8) | ((bytes[at + 2] as number) << 16) | ((bytes[at + 3] as number) << 24)) >>> 0;
}

export function i32At(bytes: Uint8Array, at: number): number | undefined {
  const value = u32At(bytes, at);
  return value === undefined ? undefined : value | 0;
}

export function u64At(bytes: Uint8Array, at: number): bigint | undefined {
  if (at < 0 || at + 8 > bytes.length) return undefined;
  return new DataView(bytes.buffer, bytes.byteOffset + at, 8).getBigUint64(0, true);
}

/** UTF-8 text up to the first NUL (or the end), as Godot's `String::utf8` reads C strings. */
export function cstringAt(bytes: Uint8Array, at: number, end = bytes.length): string {
  let stop = at;
  while (stop < end && bytes[stop] !== 0) stop++;
  return utf8.decode(bytes.subarray(at, stop));
}

export const utf8Bytes = (text: string): Uint8Array => encoder.encode(text);
