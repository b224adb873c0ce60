import { describe, expect, it } from 'vitest';
import { Dictionary, Float, Int, StringName, Vector2, VariantType, bytesToVar, varToBytes } from '../../src/index.js';
import { hex, toHex } from '../support/hex.js';

describe('Dictionary key equality (Godot 4, confirmed by 4.6)', () => {
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

describe("Godot's Dictionary methods", () => {
  const make = (): Dictionary => new Dictionary([['a', 1], ['b', [1, 2]], [3, new Vector2(1, 2)]]);

  it('size, isEmpty(), has(), hasAll(), get(key, default), erase()', () => {
    const d = make();
    expect(d.size).toBe(3);
    expect(d.isEmpty()).toBe(false);
    expect(new Dictionary().isEmpty()).toBe(true);
    expect(d.hasAll(['a', 3])).toBe(true);
    expect(d.hasAll(['a', 4])).toBe(false);
    expect(d.get('zz', 'default')).toBe('default');
    expect(d.get('zz')).toBeUndefined();
    expect(d.get('a', 'default')).toBe(1);
    expect(d.erase('a')).toBe(true);
    expect(d.erase('a')).toBe(false);
    expect(d.size).toBe(2);
  });

  it('keys() and values() are new Arrays in order, iterable like a Map\'s', () => {
    const d = make();
    const keys = d.keys();
    expect(keys).toEqual(['a', 'b', 3]);
    keys.push('x');
    expect(d.keys()).toEqual(['a', 'b', 3]);
    expect([...d.values()]).toEqual([1, [1, 2], new Vector2(1, 2)]);
    const seen: unknown[] = [];
    for (const key of d.keys()) seen.push(key);
    expect(seen).toEqual(['a', 'b', 3]);
  });

  it('merge() keeps existing values unless overwrite; merged() leaves the Dictionary as it is', () => {
    const d = new Dictionary([['a', 1], ['b', 2]]);
    const other = new Dictionary([['b', 20], ['c', 30]]);
    const merged = d.merged(other);
    expect([...merged]).toEqual([['a', 1], ['b', 2], ['c', 30]]);
    expect(d.size).toBe(2);
    d.merge(other, true);
    expect([...d]).toEqual([['a', 1], ['b', 20], ['c', 30]]);
    d.merge({ d: 4 });
    expect(d.get('d')).toBe(4);
  });

  it('duplicate() is shallow by default and deep on request, keeping the types', () => {
    const typed = new Dictionary([['p', new Vector2(1, 2)]], { keyType: VariantType.STRING, valueType: VariantType.VECTOR2 });
    const shallow = typed.duplicate();
    expect(shallow.keyType).toEqual(typed.keyType);
    expect(shallow.get('p')).toBe(typed.get('p'));
    const deep = typed.duplicate(true);
    expect(deep.get('p')).toEqual(new Vector2(1, 2));
    expect(deep.get('p')).not.toBe(typed.get('p'));
    expect(deep.valueType).toEqual(typed.valueType);
    const nested = new Dictionary([['list', [1, [2]]], ['bytes', Uint8Array.of(1)], ['inner', new Dictionary([['x', 1]])]]);
    const copy = nested.duplicate(true);
    (copy.get('list') as unknown[]).push(3);
    (copy.get('bytes') as Uint8Array)[0] = 9;
    (copy.get('inner') as Dictionary).set('y', 2);
    expect(nested.get('list')).toEqual([1, [2]]);
    expect(nested.get('bytes')).toEqual(Uint8Array.of(1));
    expect((nested.get('inner') as Dictionary).size).toBe(1);
    shallow.set('q', new Vector2());
    expect(typed.has('q')).toBe(false);
  });

  it('toString() prints the entries as Godot does, strings quoted', () => {
    const d = new Dictionary([['a', 1], ['s', 'x "y"'], [2, new Float(1)], [new StringName('n'), [0.5, null]]]);
    expect(d.toString()).toBe('{ "a": 1, "s": "x \\"y\\"", 2: 1.0, &"n": [0.5, <null>] }');
    expect(String(new Dictionary())).toBe('{  }');
  });

  it('util.inspect shows the entries', async () => {
    const { inspect } = await import('node:util');
    expect(inspect(new Dictionary([['a', 1], [2, 'b']]))).toBe("Dictionary(2) { 'a' => 1, 2 => 'b' }");
    expect(inspect(new Dictionary(null, { keyType: VariantType.STRING, valueType: VariantType.INT }))).toBe('Dictionary[String, int](0) {}');
    expect(inspect({ d: new Dictionary([['a', new Dictionary([['b', 1]])]]) }, { depth: 1 })).toBe("{ d: Dictionary(1) { 'a' => [Dictionary(1)] } }");
  });

  it('toJSON() is true: an object for String keys, the entries when other keys would merge', () => {
    expect(JSON.stringify(new Dictionary([['a', new Float(1)], ['b', new Int(2n ** 60n)]]))).toBe('{"a":1,"b":"1152921504606846976"}');
    expect(JSON.stringify(new Dictionary([[1, 'a'], [new Float(1), 'b'], ['1', 'c']]))).toBe('[[1,"a"],[1,"b"],["1","c"]]');
  });
});
