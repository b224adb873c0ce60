/**
 * `strToVar` against what Godot 4.6's `str_to_var` and Godot 3.2.3's `str2var` read from the same
 * text (their results re-encoded with `var_to_bytes`), plus the error positions and limits.
 */
import { describe, expect, it } from 'vitest';
import {
  Color, Dictionary, EncodedObjectAsID, ErrorCode, Float, GodotObject, NodePath, RID, StringName, TypedArray,
  Vector2, Vector2i, VariantParseError, VariantType, strToVar, varToBytes, type StrToVarOptions, type VariantLike,
} from '../../src/index.js';

const b64 = (value: unknown, format: 'godot4' | 'godot3' = 'godot4'): string =>
  Buffer.from(varToBytes(value as VariantLike, { format, fullObjects: true })).toString('base64');

function parseError(text: string, options?: StrToVarOptions): VariantParseError {
  try {
    strToVar(text, options);
  } catch (error) {
    expect(error).toBeInstanceOf(VariantParseError);
    return error as VariantParseError;
  }
  throw new Error(`${JSON.stringify(text)} parsed`);
}

describe('strToVar (Godot 4): the values Godot 4.6 read', () => {
  it.each([
    ['1', 'AgAAAAEAAAA='],
    ['1.0', 'AwAAAAAAgD8='],
    ['1.', 'AwAAAAAAgD8='],
    ['1e5', 'AwAAAABQw0c='],
    ['1E5', 'AwAAAABQw0c='],
    ['-0', 'AgAAAAAAAAA='],
    ['-0.0', 'AwAAAAAAAIA='],
    ['1e+', 'AwAAAAAAgD8='],
    ['-inf', 'AwAAAAAAgP8='],
    ['inf_neg', 'AwAAAAAAgP8='],
    ['nan', 'AwABAAAAAAAAAPh/'],
    ['9223372036854775808', 'AgABAAAAAAAAAACA'],
    ['-9223372036854775809', 'AgABAP////////9/'],
    ['99999999999999999999', 'AgABAP////////9/'],
    ['4.9e-324', 'AwAAAAAAAAA='],
    ['Vector2i(1.7, -2.7)', 'BgAAAAEAAAD+////'],
    ['Vector2i(4294967297, 2)', 'BgAAAAEAAAACAAAA'],
    ['Vector2(inf, nan)', 'BQAAAAAAgH8AAMB/'],
    ['@"y"', 'FQAAAAEAAAB5AAAA'],
    ['"a\\u00e9\\U01F600\\ud83d\\ude00\\q"', 'BAAAAAwAAABhw6nwn5iA8J+YgHE='],
    ['"\\a\\v\\\'\\?"', 'BAAAAAQAAABhdic/'],
    ['RID(5)', 'FwAAAAUAAAAAAAAA'],
    ['Array[int]([1, 2.5])', 'HAABAAIAAAACAAAAAgAAAAEAAAACAAAAAgAAAA=='],
    ['Array[float]([1, 2])', 'HAABAAMAAAACAAAAAwAAAAAAgD8DAAAAAAAAQA=='],
    ['Array[Variant]([1])', 'HAAAAAEAAAACAAAAAQAAAA=='],
    ['Dictionary[Variant, int]({1: 2})', 'GwAEAAIAAAABAAAAAgAAAAEAAAACAAAAAgAAAA=='],
    ['Dictionary[String, Variant]({&"a": 2})', 'GwABAAQAAAABAAAABAAAAAEAAABhAAAAAgAAAAIAAAA='],
    ['PackedByteArray("AQID")', 'HQAAAAMAAAABAgMA'],
    ['PackedByteArray(1, 2, 300)', 'HQAAAAMAAAABAiwA'],
    ['PackedInt32Array(1, 2.9, 4294967297)', 'HgAAAAMAAAABAAAAAgAAAAEAAAA='],
    ['PackedInt64Array(1.5)', 'HwAAAAEAAAABAAAAAAAAAA=='],
    ['PackedVector2Array(1, 2, 3)', 'IwAAAAEAAAAAAIA/AAAAQA=='],
    ['PackedColorArray(1,2,3)', 'JQAAAAAAAAA='],
    ['PoolIntArray(1)', 'HgAAAAEAAAABAAAA'],
    ['Quat(1,2,3,4)', 'DwAAAAAAgD8AAABAAABAQAAAgEA='],
    ['Transform(1,0,0,0,1,0,0,0,1,5,6,7)', 'EgAAAAAAgD8AAAAAAAAAAAAAAAAAAIA/AAAAAAAAAAAAAAAAAACAPwAAoEAAAMBAAADgQA=='],
    ['Matrix32(1,0,0,1,2,3)', 'CwAAAAAAgD8AAAAAAAAAAAAAgD8AAABAAABAQA=='],
    ['Rect3(1,2,3,4,5,6)', 'EAAAAAAAgD8AAABAAABAQAAAgEAAAKBAAADAQA=='],
    ['[1, 2,]', 'HAAAAAIAAAACAAAAAQAAAAIAAAACAAAA'],
    ['{1: 2,}', 'GwAAAAEAAAACAAAAAQAAAAIAAAACAAAA'],
    ['[1, ; comment\n 2]', 'HAAAAAIAAAACAAAAAQAAAAIAAAACAAAA'],
    ['   [\n1\n]  trailing', 'HAAAAAEAAAACAAAAAQAAAA=='],
    ['1 2', 'AgAAAAEAAAA='],
    ['0x10', 'AgAAAAAAAAA='],
    ['"a\nb"', 'BAAAAAMAAABhCmIA'],
    ['1e-5', 'AwABAPFo44i1+OQ+'],
    ['Transform2D(1e39, 0, 0, 1, 0, 0)', 'CwAAAAAAgH8AAAAAAAAAAAAAgD8AAAAAAAAAAA=='],
    ['PackedFloat32Array(1e39, 0.1)', 'IAAAAAIAAAAAAIB/zczMPQ=='],
    ['PackedFloat64Array(0.1, inf_neg)', 'IQAAAAIAAACamZmZmZm5PwAAAAAAAPD/'],
  ])('%j', (text, bytes) => {
    expect(b64(strToVar(text))).toBe(bytes);
  });

  it.each([
    '-', 'Vector2(1)', 'Vector2(1,2,3)', 'Vector2()', '#ff0000', 'Color(1,2,3)', 'PackedByteArray("!!")',
    '[1 2]', '{"a" 1}', 'True', '', '  ', '{', '[', '"abc', 'Vector2(1, 2', '(', 'Vector2("a", 1)',
    'Vector2(1,,2)', 'Array[int]', '.5', '+1', 'Resource("res://x.tres")',
  ])('%j fails, as in Godot', (text) => {
    parseError(text);
  });

  it('follows the float marker: 1 is an int, 1.0 a Float, 1.5 a number', () => {
    expect(strToVar('1')).toBe(1);
    expect(strToVar('1.0')).toEqual(new Float(1));
    expect(strToVar('1.5')).toBe(1.5);
    expect(strToVar('-0.0')).toEqual(new Float(-0));
    expect(strToVar('9007199254740993')).toBe(9007199254740993n);
    expect(strToVar('inf')).toBe(Infinity);
  });

  it('builds the codec’s value classes', () => {
    expect(strToVar('Vector2(0.1, 2)')).toEqual(new Vector2(Math.fround(0.1), 2));
    expect(strToVar('[#ff000080]')).toEqual([new Color(1, 0, 0, Math.fround(128 / 255))]);
    expect(strToVar('&"x"')).toEqual(new StringName('x'));
    expect(strToVar('NodePath("/a:b")')).toEqual(new NodePath('/a:b'));
    expect(strToVar('RID()')).toEqual(new RID(0n));
    expect(strToVar('RID(-1)')).toEqual(new RID(2n ** 64n - 1n));
    const typed = strToVar('Array[StringName](["a"])') as TypedArray;
    expect(typed).toBeInstanceOf(TypedArray);
    expect(typed.elementType).toEqual({ kind: 'builtin', type: VariantType.STRING_NAME });
    expect(typed[0]).toEqual(new StringName('a'));
    const dict = strToVar('Dictionary[String, float]({"a": 1})') as Dictionary;
    expect(dict.keyType).toEqual({ kind: 'builtin', type: VariantType.STRING });
    expect(dict.get('a')).toEqual(new Float(1));
    expect(strToVar('{"a": 1, &"a": 2}')).toEqual(new Dictionary([['a', 2]]));
    expect(strToVar('Vector2i(1, 2)')).toEqual(new Vector2i(1, 2));
  });

  it('reads objects sent as ids always, full objects only with allowObjects', () => {
    expect(strToVar('Object(EncodedObjectAsID,"object_id":1234,"script":null)\n')).toEqual(new EncodedObjectAsID(1234n));
    expect(strToVar('Object(EncodedObjectAsID,"object_id":0,"script":null)')).toBeNull();
    const error = parseError('Object(Node,"name":&"x")');
    expect(error.code).toBe(ErrorCode.ERR_UNAUTHORIZED);
    expect(strToVar('Object(Node,"name":&"x")', { allowObjects: true })).toEqual(new GodotObject('Node', [['name', new StringName('x')]]));
  });

  it('reports where the text is wrong, with Godot’s error codes', () => {
    const error = parseError('[1,\n  2,\n  Vector2(1, "x")]');
    expect(error.code).toBe(ErrorCode.ERR_PARSE_ERROR);
    expect([error.line, error.column]).toEqual([3, 14]);
    expect(error.reason).toBe('Expected float in constructor');
    expect(error.message).toMatch(/at line 3, column 14/);
    expect(parseError('').code).toBe(ErrorCode.ERR_FILE_EOF);
    expect(parseError('[1, 2').code).toBe(ErrorCode.ERR_FILE_CORRUPT);
    expect(parseError('"\\ud83d"').reason).toMatch(/unpaired lead surrogate/);
    expect(parseError('Array[int](["a"])').reason).toBe('Unable to convert element from "String" to "int"');
  });

  it('applies its limits and options', () => {
    expect(parseError('[[[1]]]', { maxDepth: 2 }).code).toBe(ErrorCode.ERR_OUT_OF_MEMORY);
    expect(strToVar('[[[1]]]', { maxDepth: 3 })).toEqual([[[1]]]);
    expect(parseError('[1]', { maxLength: 2 }).code).toBe(ErrorCode.ERR_OUT_OF_MEMORY);
    expect(parseError('1 2', { strict: true }).reason).toBe('Unexpected number after the value');
    expect(strToVar('1 ; comment', { strict: true })).toBe(1);
    const text = '1.0063725663392093e+82';
    expect(strToVar(text, { exactFloats: true })).toEqual(new Float(Number(text)));
    expect(strToVar(text)).not.toEqual(new Float(Number(text)));
  });

  it('survives nesting far deeper than the limit without a stack overflow', () => {
    const error = parseError('['.repeat(200_000));
    expect(error.code).toBe(ErrorCode.ERR_OUT_OF_MEMORY);
  });
});

describe('strToVar (Godot 3): the values Godot 3.2.3 read', () => {
  const g3 = { format: 'godot3' } as const;

  it.each([
    ['1E5', 'AgAAAAEAAAA='],
    ['-', 'AgAAAAAAAAA='],
    ['-inf', 'AgAAAAAAAAA='],
    ['-inf.0', 'AgAAAAAAAAA='],
    ['inf', 'AwAAAAAAgH8='],
    ['9223372036854775808', 'AgABAAAAAAAAAACA'],
    ['RID(5)', 'AgAAAAUAAAA='],
    ['Vector2( 1, 2 )', 'BQAAAAAAgD8AAABA'],
    ['PoolByteArray(  )', 'FAAAAAAAAAA='],
    ['{\n\n}', 'EgAAAAAAAAA='],
    ['ColorArray(1,2,3,4)', 'GgAAAAEAAAAAAIA/AAAAQAAAQEAAAIBA'],
    ['Matrix32(1,0,0,1,2,3)', 'CAAAAAAAgD8AAAAAAAAAAAAAgD8AAABAAABAQA=='],
    ['[#ff0000]', 'EwAAAAEAAAAOAAAAAACAPwAAAAAAAAAAAACAPw=='],
    ['"\\a\\v\\\'\\?"', 'BAAAAAQAAABhdic/'],
  ])('%j', (text, bytes) => {
    expect(b64(strToVar(text, g3), 'godot3')).toBe(bytes);
  });

  it.each(['&"x"', 'Vector2i(1, 2)', 'Vector2(1)', 'RID()', 'inf_neg', 'PoolRealArray( inf, -inf, nan )', 'Array[int]([1])', '"abc', ''])(
    '%j fails, as in Godot 3.2.3 (whose str2var then returns the text itself)',
    (text) => {
      parseError(text, g3);
    },
  );

  it('reads #aarrggbb colors the Godot 3 way', () => {
    expect(strToVar('[#80ff0000]', g3)).toEqual([new Color(1, 0, 0, Math.fround(128 / 255))]);
  });
});
