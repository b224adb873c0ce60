/** Bounds-checked reading and simple writing of TLS's big-endian fields and length-prefixed vectors. */

/** A message did not parse: the engine answers with a `decode_error` alert. */
export class DecodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DecodeError';
  }
}

export class ByteReader {
  #offset = 0;
  readonly #bytes: Uint8Array;

  constructor(bytes: Uint8Array) {
    this.#bytes = bytes;
  }

  get remaining(): number {
    return this.#bytes.length - this.#offset;
  }

  get offset(): number {
    return this.#offset;
  }

  #need(count: number, what: string): void {
    if (count > this.remaining) throw new DecodeError(`${what}: needs ${count} bytes, ${this.remaining} left`);
  }

  u8(what = 'u8'): number {
    this.#need(1, what);
    return this.#bytes[this.#offset++]!;
  }

  u16(what = 'u16'): number {
    this.#need(2, what);
    const b = this.#bytes;
    const value = (b[this.#offset]! << 8) | b[this.#offset + 1]!;
    this.#offset += 2;
    return value;
  }

  u24(what = 'u24'): number {
    this.#need(3, what);
    const b = this.#bytes;
    const value = (b[this.#offset]! << 16) | (b[this.#offset + 1]! << 8) | b[this.#offset + 2]!;
    this.#offset += 3;
    return value;
  }

  u48(what = 'u48'): number {
    const high = this.u16(what);
    const low = this.u32(what);
    return high * 2 ** 32 + low;
  }

  u32(what = 'u32'): number {
    this.#need(4, what);
    const b = this.#bytes;
    const value = ((b[this.#offset]! << 24) >>> 0) + ((b[this.#offset + 1]! << 16) | (b[this.#offset + 2]! << 8) | b[this.#offset + 3]!);
    this.#offset += 4;
    return value;
  }

  /** `count` bytes as a view into the input (no copy). */
  bytes(count: number, what = 'bytes'): Uint8Array {
    this.#need(count, what);
    const view = this.#bytes.subarray(this.#offset, this.#offset + count);
    this.#offset += count;
    return view;
  }

  vector8(what: string): Uint8Array {
    return this.bytes(this.u8(what), what);
  }

  vector16(what: string): Uint8Array {
    return this.bytes(this.u16(what), what);
  }

  vector24(what: string): Uint8Array {
    return this.bytes(this.u24(what), what);
  }

  rest(): Uint8Array {
    return this.bytes(this.remaining);
  }

  /** Throws unless every byte was read: trailing bytes in a message are a decode error. */
  end(what: string): void {
    if (this.remaining !== 0) throw new DecodeError(`${what}: ${this.remaining} trailing bytes`);
  }
}

/** Builds a message from fields; grows as needed. */
export class ByteWriter {
  #bytes: Uint8Array;
  #length = 0;

  constructor(capacity = 256) {
    this.#bytes = new Uint8Array(capacity);
  }

  #reserve(count: number): void {
    if (this.#length + count <= this.#bytes.length) return;
    const grown = new Uint8Array(Math.max(this.#bytes.length * 2, this.#length + count));
    grown.set(this.#bytes.subarray(0, this.#length));
    this.#bytes = grown;
  }

  u8(value: number): this {
    this.#reserve(1);
    this.#bytes[this.#length++] = value;
    return this;
  }

  u16(value: number): this {
    this.#reserve(2);
    this.#bytes[this.#length++] = value >>> 8;
    this.#bytes[this.#length++] = value & 0xff;
    return this;
  }

  u24(value: number): this {
    this.#reserve(3);
    this.#bytes[this.#length++] = (value >>> 16) & 0xff;
    this.#bytes[this.#length++] = (value >>> 8) & 0xff;
    this.#bytes[this.#length++] = value & 0xff;
    return this;
  }

  u48(value: number): this {
    this.u16(Math.floor(value / 2 ** 32));
    return this.u32(value >>> 0);
  }

  u32(value: number): this {
    this.#reserve(4);
    this.#bytes[this.#length++] = (value >>> 24) & 0xff;
    this.#bytes[this.#length++] = (value >>> 16) & 0xff;
    this.#bytes[this.#length++] = (value >>> 8) & 0xff;
    this.#bytes[this.#length++] = value & 0xff;
    return this;
  }

  bytes(data: Uint8Array): this {
    this.#reserve(data.length);
    this.#bytes.set(data, this.#length);
    this.#length += data.length;
    return this;
  }

  vector8(data: Uint8Array): this {
    return this.u8(data.length).bytes(data);
  }

  vector16(data: Uint8Array): this {
    return this.u16(data.length).bytes(data);
  }

  vector24(data: Uint8Array): this {
    return this.u24(data.length).bytes(data);
  }

  /** Writes a 16-bit length prefix around what `body` writes. */
  block16(body: (writer: this) => void): this {
    this.u16(0);
    const start = this.#length;
    body(this);
    const length = this.#length - start;
    this.#bytes[start - 2] = length >>> 8;
    this.#bytes[start - 1] = length & 0xff;
    return this;
  }

  get length(): number {
    return this.#length;
  }

  finish(): Uint8Array {
    return this.#bytes.slice(0, this.#length);
  }
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}
