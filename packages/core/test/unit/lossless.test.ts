/**
 * Default decoding is lossless (issue 9 §1): no Dictionary entry is dropped, and every value
 * re-encodes with its Godot type, so a relay that echoes `getVar()` hands the game back what it
 * sent. The float marker: an integral FLOAT decodes to `Float`, other floats to `number`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  Dictionary} from '../../src/index.js';
import { Float, Int, VARIANT_FORMATS, bytesToVar, createMemoryPair, varToBytes, type VariantLike,
} from '../../src/index.js';
import { variant } from '../support/arbitraries.js';
import { hex, toHex } from '../support/hex.js';

// {1: "a", 1.0: "b", "1": "c"} as Godot 4 writes it.
const MIXED_KEYS = hex(
  '1b 00 00 00 03 00 00 00' +
    ' 02 00 00 00 01 00 00 00 04 00 00 00 01 00 00 00 61 00 00 00' +
    ' 03 00 00 00 00 00 80 3f 04 00 00 00 01 00 00 00 62 00 00 00' +
    ' 04 00 00 00 01 00 00 00 31 00 00 00 04 00 00 00 01 00 00 00 63 00 00 00',
);

describe('lossless default decoding', () => {
  it('{1: "a", 1.0: "b", "1": "c"} keeps its 3 entries and re-encodes to the same bytes', () => {
    const d = bytesToVar(MIXED_KEYS) as Dictionary;
    expect(d.size).toBe(3);
    expect([...d.keys()]).toEqual([1, new Float(1), '1']);
    expect(d.get(1)).toBe('a');
    expect(d.get(new Float(1))).toBe('b');
    expect(toHex(varToBytes(d))).toBe(toHex(MIXED_KEYS));
  });

  it('a Dictionary[float, float] holding INT 1 and FLOAT 1.0 keys and an INT value keeps them apart', () => {
    // Dictionary[float, float] {1: 2, 1.0: 0.5}: Godot 4.6 keeps the INTs it finds there.
    const bytes = hex(
      '1b 00 05 00 03 00 00 00 03 00 00 00 02 00 00 00' +
        ' 02 00 00 00 01 00 00 00 02 00 00 00 02 00 00 00' +
        ' 03 00 00 00 00 00 80 3f 03 00 00 00 00 00 00 3f',
    );
    const d = bytesToVar(bytes) as Dictionary;
    expect([...d]).toEqual([[new Int(1), new Int(2)], [new Float(1), 0.5]]);
    expect(toHex(varToBytes(d))).toBe(toHex(bytes));
    // A plain number is still a float key there, the way GDScript converts it.
    expect(d.get(1)).toBe(0.5);
  });

  it.each(VARIANT_FORMATS)("format '%s': encode(decode(bytes)) gives the same bytes, without exact mode", (format) => {
    fc.assert(
      fc.property(variant(format, true), (value) => {
        const bytes = varToBytes(value, { format, fullObjects: true });
        const again = varToBytes(bytesToVar(bytes, { format, allowObjects: true }) as VariantLike, { format, fullObjects: true });
        expect(toHex(again)).toBe(toHex(bytes));
      }),
      { numRuns: 500, seed: 91 },
    );
  });

  it('a relay that echoes getVar() gives back the bytes that were sent', async () => {
    const [game, relay] = createMemoryPair();
    const sent = [MIXED_KEYS, varToBytes(new Float(1)), varToBytes([new Float(-0), 2.5, 3]), varToBytes({ speed: new Float(10) })];
    for (const bytes of sent) game.putPacket(bytes);
    for (let i = 0; i < sent.length; i++) {
      await relay.waitForPacket({ timeoutMs: 1000 });
      relay.putVar(relay.getVar() as VariantLike);
    }
    for (const bytes of sent) {
      await game.waitForPacket({ timeoutMs: 1000 });
      expect(toHex(game.getPacket())).toBe(toHex(bytes));
    }
    game.close();
  });
});
