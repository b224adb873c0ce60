/**
 * StreamPeerBuffer without a real peer: literal byte vectors for every typed helper in both byte
 * orders, half precision as Godot 4.6 converts it (the interop test checks 20 000 more values and
 * all 65 536 bit patterns against the engine), the cursor, seek, resize, clear, duplicate, and
 * reads past the end.
 */
import { Dictionary, ErrorCode, GodotError, Vector2, type VariantLike } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { StreamPeerBuffer, halfBits, halfValue } from '../../src/index.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

describe('half precision (Godot 4.6: through float32, then truncated)', () => {
  it.each([
    [0, 0x0000], [1, 0x3c00], [-2, 0xc000], [1.5, 0x3e00], [65504, 0x7bff],
    // Truncation, not IEEE rounding: 65519 and 65520 both stay at the largest half.
    [65519, 0x7bff], [65520, 0x7bff], [65535.99, 0x7bff], [65536, 0x7c00], [1e10, 0x7c00], [-1e10, 0xfc00],
    [Infinity, 0x7c00], [-Infinity, 0xfc00], [NaN, 0x7fff],
    // 1/3 = 0x3555.55…: truncated to 0x3555 (IEEE: 0x3555 too); 1 + 3 × 2^-11 rounds to 0x3c02 in IEEE, Godot 0x3c01.
    [1 / 3, 0x3555], [1 + 3 * 2 ** -11, 0x3c01],
    // The double first becomes a float32 (rounded): just below 1 + 2^-10, it rounds up to it.
    [1 + 2 ** -10 - 2 ** -30, 0x3c01],
    // Smallest normal half; anything below, subnormals and negatives included, is +0.
    [2 ** -14, 0x0400], [-(2 ** -14), 0x8400], [2 ** -15, 0x0000], [2 ** -24, 0x0000], [-(2 ** -20), 0x0000], [-0, 0x0000],
  ])('put_half(%d) writes %i', (value, bits) => {
    expect(halfBits(value)).toBe(bits);
  });

  it('reads every pattern exactly: subnormals, signed zeros, inf and NaN', () => {
    expect(halfValue(0x0001)).toBe(2 ** -24);
    expect(halfValue(0x03ff)).toBe(1023 * 2 ** -24);
    expect(halfValue(0x8001)).toBe(-(2 ** -24));
    expect(Object.is(halfValue(0x8000), -0)).toBe(true);
    expect(halfValue(0x7bff)).toBe(65504);
    expect(halfValue(0x7c00)).toBe(Infinity);
    expect(halfValue(0xfc00)).toBe(-Infinity);
    expect(halfValue(0x7e00)).toBeNaN();
    expect(halfValue(0xfc01)).toBeNaN();
    // Every normal half written back gives its own bits.
    for (let bits = 0x0400; bits < 0x7c00; bits++) expect(halfBits(halfValue(bits))).toBe(bits);
  });
});

describe('StreamPeerBuffer', () => {
  it('writes every typed helper at the cursor, little and big endian', () => {
    for (const [bigEndian, expected] of [
      [false, 'ff' + '2c' + '00ff' + 'ffff' + '78563412' + '00000080' + 'efcdab8967452301' + '003c' + '0000c03f' + '000000000000f8bf'],
      [true, 'ff' + '2c' + 'ff00' + 'ffff' + '12345678' + '80000000' + '0123456789abcdef' + '3c00' + '3fc00000' + 'bff8000000000000'],
    ] as const) {
      const b = new StreamPeerBuffer({ bigEndian });
      b.put8(-1);
      b.putU8(300);
      b.put16(-256);
      b.putU16(-1);
      b.put32(0x12345678);
      b.putU32(2 ** 31);
      b.put64(0x0123456789abcdefn);
      b.putHalf(1);
      b.putFloat(1.5);
      b.putDouble(-1.5);
      expect(hex(b.dataArray)).toBe(expected);
      b.seek(0);
      expect([b.get8(), b.getU8(), b.get16(), b.getU16(), b.get32(), b.getU32(), b.get64(), b.getHalf(), b.getFloat(), b.getDouble()])
        .toEqual([-1, 44, -256, 65535, 0x12345678, 2 ** 31, 0x0123456789abcdefn, 1, 1.5, -1.5]);
      expect(b.getAvailableBytes()).toBe(0);
    }
  });

  it('strings and Variants carry their u32 length in the buffer’s byte order', () => {
    const b = new StreamPeerBuffer({ bigEndian: true });
    b.putString('ab');
    b.putUtf8String('é');
    b.putVar(new Dictionary<VariantLike, VariantLike>([['p', new Vector2(1, 2)]]));
    expect(hex(b.dataArray.subarray(0, 12))).toBe('00000002' + '6162' + '00000002' + 'c3a9');
    b.seek(0);
    expect(b.getString()).toBe('ab');
    expect(b.getUtf8String()).toBe('é');
    expect((b.getVar() as Dictionary).get('p')).toEqual(new Vector2(1, 2));
    expect(b.lastVarError).toBeNull();
  });

  it('seek, resize, clear, data_array and duplicate follow Godot', () => {
    const b = new StreamPeerBuffer();
    b.putU32(0x01020304);
    expect([b.getPosition(), b.getSize(), b.getAvailableBytes()]).toEqual([4, 4, 0]);
    b.seek(1);
    b.putU16(0xbeef);
    expect(hex(b.getDataArray())).toBe('04efbe01');
    expect(() => b.seek(5)).toThrow(GodotError);
    expect(() => b.seek(-1)).toThrow(/outside 0 … 4/);
    expect(b.getPosition()).toBe(3);
    b.resize(6);
    expect(hex(b.dataArray)).toBe('04efbe010000');
    b.seek(5);
    b.resize(2);
    expect([b.getSize(), b.getPosition(), b.getAvailableBytes()]).toEqual([2, 5, -3]);
    expect(b.getPartialData(4)).toEqual([ErrorCode.OK, new Uint8Array(0)]);
    b.putU8(9);
    expect(hex(b.dataArray)).toBe('04ef00000009');
    b.bigEndian = true;
    const copy = b.duplicate();
    expect([hex(copy.dataArray), copy.getPosition(), copy.bigEndian]).toEqual(['04ef00000009', 0, false]);
    copy.putU8(1);
    expect(hex(b.dataArray)).toBe('04ef00000009');
    const data = Uint8Array.of(1, 2, 3);
    b.dataArray = data;
    data[0] = 9;
    expect([hex(b.dataArray), b.getPosition()]).toEqual(['010203', 0]);
    b.getDataArray()[0] = 7;
    expect(b.view()[0]).toBe(1);
    b.clear();
    expect([b.getSize(), b.getPosition(), b.dataArray.length]).toEqual([0, 0, 0]);
    expect(() => b.resize(-1)).toThrow(GodotError);
  });

  it('raw data: get_data past the end gives what was left with ERR_INVALID_PARAMETER, as Godot', () => {
    const b = new StreamPeerBuffer();
    expect(b.putData(Uint8Array.of(1, 2, 3))).toBe(ErrorCode.OK);
    expect(b.putPartialData(Uint8Array.of(4))).toEqual([ErrorCode.OK, 1]);
    b.seek(1);
    expect(b.getData(2)).toEqual([ErrorCode.OK, Uint8Array.of(2, 3)]);
    expect(b.getData(5)).toEqual([ErrorCode.ERR_INVALID_PARAMETER, Uint8Array.of(4)]);
    expect(b.getPosition()).toBe(4);
    expect(b.getData(-1)[0]).toBe(ErrorCode.ERR_INVALID_PARAMETER);
  });

  it('a typed getter or getVar past the end fails and leaves the cursor', () => {
    const b = new StreamPeerBuffer();
    b.putU16(7);
    b.seek(0);
    expect(() => b.getU32()).toThrow(/needs 4 bytes/);
    expect(b.getPosition()).toBe(0);
    expect(b.getVar()).toBeNull();
    expect(b.lastVarError?.code).toBe(ErrorCode.ERR_UNAVAILABLE);
    b.clear();
    b.putU32(0xffffffff); // a declared length of -1
    b.seek(0);
    expect(b.getVar()).toBeNull();
    expect(b.lastVarError?.code).toBe(ErrorCode.ERR_INVALID_DATA);
    expect(b.getPosition()).toBe(0);
    // The buffer stays usable.
    b.clear();
    b.putVar('ok');
    b.seek(0);
    expect(b.getVar()).toBe('ok');
  });

  it('a declared length above maxReadSize is refused before anything is allocated', () => {
    const b = new StreamPeerBuffer({ maxReadSize: 16 });
    b.putU32(17);
    b.putData(new Uint8Array(17));
    b.seek(0);
    expect(() => b.getString()).toThrow(/maxReadSize/);
    expect(b.getVar()).toBeNull();
    expect(b.getPosition()).toBe(0);
  });

  it('has big_endian as Godot spells it', () => {
    const b = new StreamPeerBuffer();
    expect(b.isBigEndianEnabled()).toBe(false);
    b.setBigEndian(true);
    expect(b.bigEndian).toBe(true);
    b.putU16(1);
    expect(hex(b.dataArray)).toBe('0001');
  });
});
