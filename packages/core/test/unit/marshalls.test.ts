/** Godot's `Marshalls`, against what Godot 4.6 and 3.2.3 returned for the same input. */
import { describe, expect, it } from 'vitest';
import { ErrorCode, Marshalls, VariantError } from '../../src/index.js';

describe('Marshalls', () => {
  it('encodes like Godot 4.6', () => {
    expect(Marshalls.variantToBase64([1, 'a'])).toBe('HAAAAAIAAAACAAAAAQAAAAQAAAABAAAAYQAAAA==');
    expect(Marshalls.utf8ToBase64('é😀')).toBe('w6nwn5iA');
    expect(Marshalls.rawToBase64(new Uint8Array([1, 2, 3, 4]))).toBe('AQIDBA==');
    expect(Marshalls.rawToBase64(new Uint8Array())).toBe('');
  });

  it('decodes like Godot 4.6', () => {
    expect(Marshalls.base64ToVariant('AgAAAAEAAAA=')).toBe(1);
    expect(Marshalls.base64ToUtf8('YQBi')).toBe('a');
    expect(Marshalls.base64ToUtf8('YYBi')).toBe('a\ufffdb');
    expect(Marshalls.base64ToUtf8('77u/YWI=')).toBe('ab');
    for (const [text, bytes] of [['AQI=', [1, 2]], ['AQ\nI=', [1, 2]], ['AQ\r\nI=', [1, 2]], ['AQID ', [1, 2, 3]], ['', []]] as const) {
      expect(Array.from(Marshalls.base64ToRaw(text))).toEqual(bytes);
    }
  });

  it.each(['AQI', 'AQI==', 'A QI=', 'AQ==AQ==', ' AQID', 'A', 'AQ', 'AQIDBA', '!!!!', 'AQ=I', 'AQIDBAU'])(
    '%j is refused, as Godot 4.6 and 3.2.3 refuse it (they return an empty array)',
    (text) => {
      expect(() => Marshalls.base64ToRaw(text)).toThrow(VariantError);
    },
  );

  it('refuses bad Variant bytes with the codec’s error', () => {
    try {
      Marshalls.base64ToVariant('AgAAAAEAAA==');
      throw new Error('decoded');
    } catch (error) {
      expect((error as VariantError).code).toBe(ErrorCode.ERR_INVALID_DATA);
    }
  });
});
