import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VARIANT_FORMATS, bytesToVar, decodeVariant, varToBytes, type Dictionary, type VariantLike } from '../../src/index.js';
import { normalize, variant } from '../support/arbitraries.js';
import { toHex } from '../support/hex.js';

describe.each(VARIANT_FORMATS)("property round trips, format '%s'", (format) => {
  const arb = variant(format);
  const params = { numRuns: 400, seed: 20261124 };

  it('decode(encode(v)) is v (modulo the documented int/float mapping)', () => {
    fc.assert(
      fc.property(arb, (value) => {
        expect(bytesToVar(varToBytes(value, { format }), { format })).toEqual(normalize(value));
      }),
      params,
    );
  });

  it('exact mode: encode(decode(bytes)) gives the same bytes', () => {
    fc.assert(
      fc.property(arb, (value) => {
        const bytes = varToBytes(value, { format });
        const again = varToBytes(bytesToVar(bytes, { format, exact: true }) as VariantLike, { format });
        expect(toHex(again)).toBe(toHex(bytes));
      }),
      params,
    );
  });

  it('full objects round-trip with fullObjects and allowObjects', () => {
    fc.assert(
      fc.property(variant(format, true), (value) => {
        const bytes = varToBytes(value, { format, fullObjects: true });
        expect(bytesToVar(bytes, { format, allowObjects: true })).toEqual(normalize(value));
      }),
      params,
    );
  });

  it('encodings are 4-byte aligned and decoding consumes exactly them, even followed by junk', () => {
    fc.assert(
      fc.property(arb, fc.uint8Array({ maxLength: 8 }), (value, junk) => {
        const bytes = varToBytes(value, { format });
        expect(bytes.length % 4).toBe(0);
        const withJunk = new Uint8Array(bytes.length + junk.length);
        withJunk.set(bytes);
        withJunk.set(junk, bytes.length);
        expect(decodeVariant(withJunk, { format }).length).toBe(bytes.length);
      }),
      params,
    );
  });
});

describe('strings across slab boundaries', () => {
  it('survive the writer growing in the middle of any string, ASCII or not', () => {
    // Arrays of more and more strings: successive encodes start at every offset of the shared
    // slab, so it fills up inside every kind of string (an ASCII start then non-ASCII, emoji).
    for (let n = 1; n < 400; n++) {
      const strings = Array.from({ length: n }, (_, i) => `${'k'.repeat(i % 20)}é${'x'.repeat(i % 9)}${i % 3 === 0 ? '👋' : ''}`);
      expect(bytesToVar(varToBytes(strings))).toEqual(strings);
    }
    for (let size = 1; size < 200; size += 7) {
      const value = ['a'.repeat(size), 'bé'.repeat(size), 'ü'.repeat(size)];
      expect(bytesToVar(varToBytes(value))).toEqual(value);
    }
  });

  it('write the right entry count for plain objects whose entries make the writer grow', () => {
    for (let n = 1; n < 600; n += 7) {
      const record = Object.fromEntries(Array.from({ length: n }, (_, i) => [`key${i}`, 'v'.repeat(i % 50)]));
      const [a, b] = bytesToVar(varToBytes([record, record])) as [Dictionary, Dictionary];
      expect([a.size, b.size]).toEqual([n, n]);
      expect(a.get(`key${n - 1}`)).toBe('v'.repeat((n - 1) % 50));
    }
  });

  it('decode short and long non-ASCII strings alike, and refuse bad UTF-8 either way', () => {
    for (const text of ['é', 'ü'.repeat(31), 'ü'.repeat(32), 'ü'.repeat(40), '👋 ok', '\ufeffbom']) {
      expect(bytesToVar(varToBytes(text))).toBe(text.replace(/^\ufeff/, ''));
    }
    for (const bad of ['c3', 'c0 80', 'ed a0 80', 'f4 90 80 80', 'e2 82', 'ff']) {
      const payload = bad.split(' ').map((h) => Number.parseInt(h, 16));
      for (const pad of [0, 70]) {
        const body = [...payload, ...Array<number>(pad).fill(0x61)];
        const bytes = new Uint8Array(8 + body.length + 4);
        const view = new DataView(bytes.buffer);
        view.setUint32(0, 4, true);
        view.setUint32(4, body.length, true);
        bytes.set(body, 8);
        expect(() => bytesToVar(bytes), `${bad} + ${pad}`).toThrow(/not valid UTF-8/);
      }
    }
  });
});
