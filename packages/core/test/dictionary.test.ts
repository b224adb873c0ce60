import { describe, expect, it } from 'vitest';
import { Dictionary, Float, Int, StringName, Vector2, VariantType, bytesToVar, varToBytes } from '../src/index.js';
import { hex, toHex } from './hex.js';

describe('Dictionary key equality (Godot 4, confirmed by 4.6 in spec §0.1)', () => {
  it('INT 1 and FLOAT 1.0 are different keys', () => {
    const d = new Dictionary();
    d.set(1, 'int').set(new Float(1), 'float');
    expect(d.size).toBe(2);
    expect(d.get(1)).toBe('int');
    expect(d.get(new Float(1))).toBe('float');
    expect(d.get(1n)).toBe('int');
    expect(d.get(new Int(1))).toBe('int');
  });

  it('a String and a StringName with the same text are one key; the first key is kept', () => {
    const d = new Dictionary();
    d.set('s', 1).set(new StringName('s'), 2);
    expect(d.size).toBe(1);
    expect([...d]).toEqual([['s', 2]]);
  });

  it('0.0 and -0.0 are one key (first position, last value); NaN is a usable key', () => {
    const d = new Dictionary();
    d.set(0.5, 'a').set(new Float(0), 'zero').set(-0, 'minus zero').set(NaN, 'nan');
    expect(d.size).toBe(3);
    expect(d.get(new Float(0))).toBe('minus zero');
    expect(d.get(NaN)).toBe('nan');
    expect([...d.keys()][1]).toEqual(new Float(0));
  });

  it('compares structured keys by content', () => {
    const d = new Dictionary();
    d.set(new Vector2(1, 2), 'v').set([1, 'a'], 'arr');
    expect(d.get(new Vector2(1, 2))).toBe('v');
    expect(d.get([1, 'a'])).toBe('arr');
    expect(d.has([1.5, 'a'])).toBe(false);
  });

  it('keeps insertion order and works the same past the linear-search size', () => {
    const d = new Dictionary();
    for (let i = 0; i < 100; i++) d.set(`k${i}`, i);
    d.set('k3', 'again');
    expect(d.size).toBe(100);
    expect([...d.keys()].slice(0, 5)).toEqual(['k0', 'k1', 'k2', 'k3', 'k4']);
    expect(d.get('k3')).toBe('again');
    expect(d.delete('k50')).toBe(true);
    expect(d.has('k50')).toBe(false);
    expect(d.get('k99')).toBe(99);
    expect(d.size).toBe(99);
  });

  it('takes number keys as floats in a Dictionary[float, …]', () => {
    const d = new Dictionary(null, { keyType: VariantType.FLOAT });
    d.set(1, 'x');
    expect(d.get(new Float(1))).toBe('x');
    expect(toHex(varToBytes(d))).toBe('1b 00 01 00 03 00 00 00 01 00 00 00 03 00 00 00 00 00 80 3f 04 00 00 00 01 00 00 00 78 00 00 00');
  });

  it('a key repeated on the wire keeps its first position and takes the last value', () => {
    // {"a": 1, "b": 2, "a": 3}
    const bytes = hex(
      '1b 00 00 00 03 00 00 00' +
        ' 04 00 00 00 01 00 00 00 61 00 00 00 02 00 00 00 01 00 00 00' +
        ' 04 00 00 00 01 00 00 00 62 00 00 00 02 00 00 00 02 00 00 00' +
        ' 04 00 00 00 01 00 00 00 61 00 00 00 02 00 00 00 03 00 00 00',
    );
    expect([...(bytesToVar(bytes) as Dictionary)]).toEqual([['a', 3], ['b', 2]]);
  });

  it('encodes plain objects and Maps as Dictionaries', () => {
    const expected = toHex(varToBytes(new Dictionary([['a', 1], [2, 'b']])));
    expect(toHex(varToBytes(new Map<string | number, string | number>([['a', 1], [2, 'b']])))).toBe(expected);
    expect(toHex(varToBytes({ a: 1 }))).toBe(toHex(varToBytes(new Dictionary([['a', 1]]))));
  });

  it('converts to a plain object', () => {
    expect(new Dictionary([['a', 1], [new StringName('b'), 2]]).toObject()).toEqual({ a: 1, b: 2 });
    expect(() => new Dictionary([[1, 1]]).toObject()).toThrow(TypeError);
  });
});
