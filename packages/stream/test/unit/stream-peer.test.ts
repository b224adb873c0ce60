/** StreamPeer's typed helpers, strings and Variants, over an in-memory stream. */
import { ErrorCode, GodotError, type VariantError } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { StreamProtocolError } from '../../src/index.js';
import { loopbackStream } from '../support/memory-stream.js';

const base64 = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'base64'));
const hex = (text: string): Uint8Array => Uint8Array.from(text.replace(/\s+/g, '').match(/../g) ?? [], (pair) => parseInt(pair, 16));

const loop = loopbackStream;

describe('StreamPeer bytes captured from Godot 3.2.3 (StreamPeerBuffer)', () => {
  it('put_var("Godot Rules!!!")', () => {
    const stream = loop({ format: 'godot3' });
    stream.putVar('Godot Rules!!!');
    expect(stream.output()).toEqual(base64('GAAAAAQAAAAOAAAAR29kb3QgUnVsZXMhISEAAA=='));
  });

  it('big_endian: put_var(7), put_float(1.5), put_64(-2) — the Variant itself stays little-endian', () => {
    const stream = loop({ format: 'godot3', bigEndian: true });
    stream.putVar(7);
    stream.putFloat(1.5);
    stream.put64(-2n);
    expect(stream.output()).toEqual(base64('AAAACAIAAAAHAAAAP8AAAP/////////+'));
  });

  it('put_string("héllo✓") keeps the low byte of each character in Godot 3', () => {
    const stream = loop({ format: 'godot3' });
    stream.putString('héllo✓');
    expect(stream.output()).toEqual(base64('BgAAAGjpbGxvEw=='));
  });

  it('put_utf8_string("héllo✓")', () => {
    const stream = loop();
    stream.putUtf8String('héllo✓');
    expect(stream.output()).toEqual(base64('CQAAAGjDqWxsb+Kckw=='));
  });

  it('put_string writes a space for characters above 0x7F in Godot 4 (String::ascii)', () => {
    const stream = loop();
    stream.putString('héllo✓');
    expect(stream.output()).toEqual(hex('06000000 68 20 6c6c6f 20'));
  });
});

describe('StreamPeer typed helpers', () => {
  const cases = [
    ['8', -128, 127],
    ['U8', 0, 255],
    ['16', -32768, 32767],
    ['U16', 0, 65535],
    ['32', -(2 ** 31), 2 ** 31 - 1],
    ['U32', 0, 2 ** 32 - 1],
    ['64', -(2n ** 63n), 2n ** 63n - 1n],
    ['U64', 0n, 2n ** 64n - 1n],
    ['Float', -3.5, 1.5],
    ['Double', -Math.PI, Number.MAX_VALUE],
  ] as const;

  for (const bigEndian of [false, true]) {
    it(`round-trip their extremes (${bigEndian ? 'big' : 'little'} endian)`, () => {
      const stream = loop({ bigEndian });
      for (const [kind, low, high] of cases) {
        const put = (stream as unknown as Record<string, (value: unknown) => ErrorCode>)[`put${kind}`] as (value: unknown) => ErrorCode;
        expect(put.call(stream, low)).toBe(ErrorCode.OK);
        expect(put.call(stream, high)).toBe(ErrorCode.OK);
      }
      stream.flush();
      for (const [kind, low, high] of cases) {
        const get = (stream as unknown as Record<string, () => unknown>)[`get${kind}`] as () => unknown;
        expect([get.call(stream), get.call(stream)]).toEqual([low, high]);
      }
      expect(stream.getAvailableBytes()).toBe(0);
    });
  }

  it('wrap like C++ casts, and write in the chosen byte order', () => {
    const stream = loop();
    stream.putU8(300);
    stream.put8(-1);
    stream.put16(-2);
    stream.putU32(2 ** 32 + 5);
    stream.put64(2n ** 64n + 3n);
    stream.putFloat(0.1);
    expect(stream.output()).toEqual(hex('2c ff feff 05000000 0300000000000000 cdcccc3d'));
    stream.written.length = 0;
    stream.bigEndian = true;
    stream.putU16(0x1234);
    expect(stream.output()).toEqual(hex('1234'));
  });

  it('a getter with too few bytes throws ERR_UNAVAILABLE and consumes nothing', () => {
    const stream = loop();
    stream.feed([1, 0]);
    expect(() => stream.get32()).toThrow(expect.objectContaining({ name: 'GodotError', code: ErrorCode.ERR_UNAVAILABLE }));
    expect(stream.getAvailableBytes()).toBe(2);
    expect(stream.getU16()).toBe(1);
  });

  it('a getter on a closed stream throws FAILED', () => {
    const stream = loop();
    stream.close();
    expect(() => stream.get8()).toThrow(expect.objectContaining({ code: ErrorCode.FAILED }));
  });
});

describe('StreamPeer strings', () => {
  it('getString reads one character per byte up to the first NUL; a negative count reads a u32 length', () => {
    const stream = loop();
    stream.feed([...hex('05000000'), 0x68, 0xe9, 0x6c, 0x00, 0x78, 0x41, 0x42]);
    expect(stream.getString()).toBe('hél');
    expect(stream.getString(2)).toBe('AB');
  });

  it('getUtf8String decodes UTF-8 up to the first NUL, replacing malformed sequences', () => {
    const stream = loop();
    stream.putUtf8String('héllo✓');
    stream.flush();
    expect(stream.getUtf8String()).toBe('héllo✓');
    stream.feed([0x61, 0xff, 0x62, 0x00, 0x63]);
    expect(stream.getUtf8String(5)).toBe('a\ufffdb');
  });

  it('a declared length above maxReadSize closes the stream with a StreamProtocolError', () => {
    const stream = loop({ maxReadSize: 100 });
    const errors: GodotError[] = [];
    stream.on('error', (error) => errors.push(error));
    stream.feed(hex('65000000'));
    expect(() => stream.getString()).toThrow(StreamProtocolError);
    expect(errors.map((error) => error.code)).toEqual([ErrorCode.ERR_INVALID_DATA]);
    expect(stream.connected).toBe(false);
  });
});

describe('StreamPeer Variants', () => {
  it('getVar returns null with ERR_UNAVAILABLE until the whole value arrived, consuming nothing', () => {
    const stream = loop();
    stream.putVar({ hp: 100, name: 'p1' });
    const bytes = stream.output();
    for (const byte of bytes.subarray(0, -1)) {
      stream.feed([byte]);
      expect(stream.getVar()).toBeNull();
      expect(stream.lastVarError?.code).toBe(ErrorCode.ERR_UNAVAILABLE);
    }
    stream.feed(bytes.subarray(-1));
    const value = stream.getVar();
    expect(stream.lastVarError).toBeNull();
    expect(value).toEqual(expect.objectContaining({ size: 2 }));
    expect(stream.getAvailableBytes()).toBe(0);
  });

  it('a value that does not decode is consumed (as in Godot) and reported; the next one reads fine', () => {
    const stream = loop();
    stream.feed([...hex('04000000 ff000000'), ...hex('08000000 02000000 2a000000')]);
    expect(stream.getVar()).toBeNull();
    expect((stream.lastVarError as VariantError).code).toBe(ErrorCode.ERR_INVALID_DATA);
    expect(stream.getVar()).toBe(42);
  });

  it.each([
    ['ff ff ff ff', 'ffffffff'],
    ['a size above maxReadSize', '01010000'],
  ])('a length of %s: null, a StreamProtocolError, the stream closed', (_, header) => {
    const stream = loop({ maxReadSize: 256 });
    const errors: GodotError[] = [];
    stream.on('error', (error) => errors.push(error));
    stream.feed(hex(header));
    expect(stream.getVar()).toBeNull();
    expect(stream.lastVarError).toBeInstanceOf(StreamProtocolError);
    expect(errors).toHaveLength(1);
    expect(stream.connected).toBe(false);
  });

  it('getVarAsync waits for the value, and rejects with the protocol error for a bad length', async () => {
    const stream = loop();
    const reading = stream.getVarAsync(false, { timeoutMs: 1000 });
    stream.putVar('hello');
    stream.flush();
    expect(await reading).toBe('hello');
    stream.feed(hex('ffffffff'));
    await expect(stream.getVarAsync(false, { timeoutMs: 1000 })).rejects.toBeInstanceOf(StreamProtocolError);
  });

  it('putVar returns the encoder error for a value Godot 3 cannot hold', () => {
    const stream = loop({ format: 'godot3' });
    expect(stream.putVar(2n ** 70n)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(stream.written).toHaveLength(0);
  });

  it('waits reject when the stream closes', async () => {
    const stream = loop();
    const waiting = stream.waitForBytes(4, { timeoutMs: 1000 });
    stream.close();
    await expect(waiting).rejects.toBeInstanceOf(GodotError);
  });
});
