/**
 * `"sideEffects": false` must be true: importing the codec patches nothing it does not own
 * (the encoder used to define a symbol-keyed encoder on every Variant class's prototype).
 */
import { describe, expect, it } from 'vitest';
import * as core from '../../src/index.js';

describe('no side effects on import', () => {
  it('leaves the prototypes of the Variant classes and of built-ins as their classes define them', () => {
    type Class = { name: string; prototype: object };
    const classes = (Object.values(core) as unknown[]).filter((v): v is Class => typeof v === 'function' && typeof (v as Partial<Class>).prototype === 'object');
    expect(classes.length).toBeGreaterThan(30);
    for (const ctor of [...classes, Map, Array, Object, Uint8Array, Int32Array, BigInt64Array, Float32Array, Float64Array] as Class[]) {
      const symbols = Object.getOwnPropertySymbols(ctor.prototype).map(String);
      const allowed = ctor === core.Dictionary ? ['Symbol(@pp/core.dictionary-entries)', 'Symbol(@pp/core.decoded-entry)', 'Symbol(@pp/core.decoded-entries)', 'Symbol(nodejs.util.inspect.custom)'] : [];
      const own = symbols.filter((s) => !allowed.includes(s) && !s.startsWith('Symbol(Symbol.'));
      expect(own, ctor.name).toEqual([]);
    }
  });
});
