import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VARIANT_FORMATS, bytesToVar, decodeVariant, varToBytes, type VariantLike } from '../src/index.js';
import { normalize, variant } from './arbitraries.js';
import { toHex } from './hex.js';

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
