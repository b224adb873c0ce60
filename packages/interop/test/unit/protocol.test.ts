import { describe, expect, it } from 'vitest';
import { decodeBase64, decodeBase64Text, encodeBase64, parseTaggedLine } from '../../src/index.js';

describe('parseTaggedLine', () => {
  it.each([
    ['PP|done|', { tag: 'done', payload: '' }],
    ['PP|bytes|AQID', { tag: 'bytes', payload: 'AQID' }],
    ['PP|case_3|a|b|', { tag: 'case_3', payload: 'a|b|' }],
    ['PP||x', { tag: '', payload: 'x' }],
  ])('%s', (line, expected) => {
    expect(parseTaggedLine(line)).toEqual(expected);
  });

  it.each(['', 'PP|', 'PP|done', 'pp|done|', ' PP|done|', 'Godot Engine v4.6', 'ERROR: PP|x|'])(
    'ignores %j',
    (line) => {
      expect(parseTaggedLine(line)).toBeUndefined();
    },
  );
});

describe('base64 payloads', () => {
  it('decodes what Marshalls.raw_to_base64 prints', () => {
    expect(decodeBase64('AgAAADkwAAA=')).toEqual(Uint8Array.of(2, 0, 0, 0, 0x39, 0x30, 0, 0));
    expect(decodeBase64('')).toEqual(new Uint8Array(0));
    expect(decodeBase64('AQID')).toEqual(Uint8Array.of(1, 2, 3));
    expect(decodeBase64('/w==')).toEqual(Uint8Array.of(255));
  });

  it('returns a plain Uint8Array view', () => {
    const bytes = decodeBase64('AQID');
    expect(Object.getPrototypeOf(bytes)).toBe(Uint8Array.prototype);
  });

  it('rejects mangled payloads instead of decoding them to something plausible', () => {
    for (const bad of ['AQI', 'AQ=D', 'A%QID', 'AQ ID', 'AQID=', '-_8=', 'AQ==AQ==']) {
      expect(() => decodeBase64(bad), bad).toThrow(TypeError);
    }
  });

  it('decodes UTF-8 text (Marshalls.utf8_to_base64) and rejects invalid UTF-8', () => {
    const text = '100% %s é ✓ | PP|x| 🎮';
    expect(decodeBase64Text(encodeBase64(new TextEncoder().encode(text)))).toBe(text);
    expect(() => decodeBase64Text(encodeBase64(Uint8Array.of(0xff, 0xfe)))).toThrow(TypeError);
  });

  it('encodes a view of a larger buffer correctly', () => {
    const backing = Uint8Array.of(9, 1, 2, 3, 9);
    expect(encodeBase64(backing.subarray(1, 4))).toBe('AQID');
  });
});
