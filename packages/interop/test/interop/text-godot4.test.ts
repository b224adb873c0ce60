/**
 * The text and JSON forms judged by a real Godot 4.6: `var_to_str` / `str_to_var` and
 * `JSON.from_native` / `to_native` on values Godot generated and values we generated, hard
 * floats, hand-written texts and every ASCII character. Both directions: our text is Godot's
 * text, and what Godot reads from our text (or JSON) is what `strToVar` (`jsonToNative`) reads.
 */
import {
  Float, PackedStringArray, StringName, NodePath, VariantParseError, VariantError, bytesToVar, jsonFromNative, jsonToNative,
  Vector2, strToVar, varToBytes, varToStr, type JsonValue, type Variant, type VariantLike,
} from '@pp/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runGodot4, type GodotRun } from '../../src/index.js';
import { describeWithGodot4 } from '../../src/vitest.js';
import { GODOT4_GENERATOR } from '../support/codec/godot4-generator.js';
import { VariantGenerator } from '../support/codec/ts-generator.js';
import { compareEncodings, packCases } from '../support/codec/wire.js';
import { floatCases } from '../support/text/float-cases.js';
import { DEVIATIONS, GODOT4_TEXTS } from '../support/text/parse-cases.js';
import { GODOT4_READ_PACKED, compareText, firstFailures, hasNonFinite, holdsObject, packTexts } from '../support/text/values.js';

const GENERATED = 1560; // 40 values of each of the 39 types
const OURS = 780; // 20 of each type
const SEED = 20261201;

const decode = (bytes: Uint8Array): Variant => bytesToVar(bytes, { exact: true, allowObjects: true });


/**
 * JSON as Godot's `JSON.parse_string` reads it: its numbers go through `String::to_float`, the
 * same not-quite-correctly-rounded reading as the text parser's (which strToVar reproduces).
 */
function asGodotParses(json: JsonValue): JsonValue {
  if (typeof json === 'number') {
    const text = JSON.stringify(json);
    const read = strToVar(/[.eE]/.test(text) ? text : `${text}.0`);
    return read instanceof Float ? read.value : (read as number);
  }
  if (Array.isArray(json)) return json.map(asGodotParses);
  if (json !== null && typeof json === 'object') return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, asGodotParses(v)]));
  return json;
}

/** Godot's JSON.stringify with full precision, parsed; null when Godot wrote something JSON cannot hold. */
function parseGodotJson(text: string): JsonValue | undefined {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return undefined;
  }
}

describeWithGodot4('the text and JSON forms against Godot 4.6', () => {
  describe(`Godot → us: ${GENERATED} values Godot generated (seed ${SEED})`, () => {
    let bytes: Uint8Array[];
    let texts: string[];
    let jsons: string[];

    beforeAll(async () => {
      const run = await runGodot4({
        script: `extends Node
${GODOT4_GENERATOR}
func _ready():
	rng.seed = ${SEED}
	for i in ${GENERATED}:
		var v = pp_generate(i % TYPE_MAX, 2)
		pp_emit_bytes("v", var_to_bytes(v))
		pp_emit_text("t", var_to_str(v))
		var has_objects := var_to_str(v).contains("Object(")
		pp_emit_text("j", "" if has_objects else JSON.stringify(JSON.from_native(v), "", false, true))
	pp_release()
	pp_done()
`,
        timeoutMs: 150_000,
      });
      bytes = run.taggedBytes('v');
      texts = run.taggedText('t');
      jsons = run.taggedText('j');
    }, 180_000);

    it('varToStr of the decoded value is the very text var_to_str printed (values holding objects aside)', () => {
      expect(texts).toHaveLength(GENERATED);
      const values = bytes.map(decode);
      const comparable = values.map((v, i) => ({ v, i })).filter(({ v }) => !holdsObject(v));
      expect(comparable.length).toBeGreaterThan(GENERATED * 0.8);
      expect(firstFailures(comparable.map(({ v, i }) => compareText(varToStr(v as VariantLike), texts[i] as string)))).toEqual([]);
    });

    it('strToVar of Godot’s text gives what Godot’s own bytes decode to, where the text is lossless', () => {
      const failures = bytes.map((b, i) => {
        const value = decode(b);
        if (holdsObject(value)) return null;
        const text = texts[i] as string;
        const read = strToVar(text, { exactFloats: true }) as VariantLike;
        // Text loses what var_to_str drops (-0, Signal targets, \\a and \\v): compare as text.
        return compareText(varToStr(read), text);
      });
      expect(firstFailures(failures)).toEqual([]);
    });

    it('jsonFromNative is JSON.from_native (JSON stringified with full precision)', () => {
      let compared = 0;
      const failures = bytes.map((b, i) => {
        const json = parseGodotJson(jsons[i] as string);
        if (json === undefined || jsons[i] === '') return null;
        compared++;
        const ours = jsonFromNative(decode(b) as VariantLike);
        return JSON.stringify(ours) === JSON.stringify(json) ? null : `ours ${JSON.stringify(ours).slice(0, 300)} vs Godot's ${JSON.stringify(json).slice(0, 300)}`;
      });
      expect(compared).toBeGreaterThan(GENERATED * 0.7);
      expect(firstFailures(failures)).toEqual([]);
    });
  });

  describe(`us → Godot: ${OURS} values we generated, as bytes, text and JSON`, () => {
    const generator = new VariantGenerator(SEED);
    const values = Array.from({ length: OURS }, (_, i) => generator.value((i % 39) as never, 2) as VariantLike);
    const texts = values.map((v) => varToStr(v));
    const jsons = values.map((v) => {
      if (holdsObject(v)) return '';
      const json = jsonFromNative(v);
      return hasNonFinite(json) ? '' : JSON.stringify(json);
    });
    let run: GodotRun;

    beforeAll(async () => {
      run = await runGodot4({
        script: `extends Node
${GODOT4_READ_PACKED}
func _ready():
	var cases := pp_read_packed("res://cases.bin")
	var texts := pp_read_packed("res://texts.bin")
	var jsons := pp_read_packed("res://jsons.bin")
	for i in cases.size():
		var v = bytes_to_var(cases[i])
		pp_emit_text("t", var_to_str(v))
		pp_emit_bytes("p", var_to_bytes(str_to_var(texts[i].get_string_from_utf8())))
		var json: String = jsons[i].get_string_from_utf8()
		pp_emit_bytes("n", var_to_bytes(JSON.to_native(JSON.parse_string(json))) if json != "" else PackedByteArray())
		pp_emit_text("j", "" if json == "" else JSON.stringify(JSON.from_native(v), "", false, true))
	pp_done()
`,
        files: {
          'cases.bin': packCases(values.map((v) => varToBytes(v))),
          'texts.bin': packTexts(texts),
          'jsons.bin': packTexts(jsons),
        },
        timeoutMs: 150_000,
      });
    }, 180_000);

    it('var_to_str of our bytes is our varToStr', () => {
      const godot = run.taggedText('t');
      expect(godot).toHaveLength(OURS);
      expect(firstFailures(values.map((v, i) => compareText(texts[i] as string, godot[i] as string)))).toEqual([]);
    });

    it('Godot reads our text to the value strToVar reads (Godot’s own float reading), objects aside', () => {
      const godot = run.taggedBytes('p');
      const failures = values.map((v, i) => {
        if (holdsObject(v)) return null;
        const ours = varToBytes(strToVar(texts[i] as string) as VariantLike);
        return compareEncodings(ours, godot[i] as Uint8Array, 'godot4');
      });
      expect(firstFailures(failures)).toEqual([]);
    });

    it('JSON.to_native of our JSON is jsonToNative, and JSON.from_native of our bytes is jsonFromNative', () => {
      const natives = run.taggedBytes('n');
      const fromNative = run.taggedText('j');
      let compared = 0;
      const failures = values.map((v, i) => {
        if (jsons[i] === '') return null;
        compared++;
        const ours = varToBytes(jsonToNative(asGodotParses(JSON.parse(jsons[i] as string) as JsonValue)) as VariantLike);
        const difference = compareEncodings(ours, natives[i] as Uint8Array, 'godot4');
        if (difference) return `to_native: ${difference}`;
        const godot = parseGodotJson(fromNative[i] as string);
        return godot === undefined || JSON.stringify(godot) === jsons[i] ? null : `from_native: ours ${jsons[i]} vs Godot's ${fromNative[i]}`;
      });
      expect(compared).toBeGreaterThan(OURS * 0.7);
      expect(firstFailures(failures)).toEqual([]);
    });
  });

  describe('hard floats, hand-written texts and every character', () => {
    const floats = floatCases(SEED);
    const numberTexts = [...floats.filter(Number.isFinite).map((x) => varToStr(new Float(x))), ...GODOT4_TEXTS.filter((t) => /^-?\d/.test(t))];
    const strings = [Array.from({ length: 126 }, (_, i) => String.fromCharCode(i + 1)).join(''), 'é日本😀\u2028\ufeff\u00a0', '\x07\v?\'"\\'];
    const stringValues: VariantLike[] = strings.flatMap((s) => [s, new StringName(s), new NodePath(s.replace(/[/:]/g, '_')), PackedStringArray.fromStrings([s])]);
    let run: GodotRun;

    beforeAll(async () => {
      run = await runGodot4({
        script: `extends Node
${GODOT4_READ_PACKED}
func _ready():
	var floats: PackedFloat64Array = bytes_to_var(pp_read_bytes("res://floats.bin"))
	for x in floats:
		pp_emit_text("f", var_to_str(x))
		pp_emit_text("f32", var_to_str(Vector2(x, 0)))
		pp_emit_text("json", JSON.from_native(x))
	for t in pp_read_packed("res://numbers.bin"):
		pp_emit_bytes("number", var_to_bytes(str_to_var(t.get_string_from_utf8())))
	for t in pp_read_packed("res://texts.bin"):
		var v = str_to_var(t.get_string_from_utf8())
		pp_emit_bytes("parsed", var_to_bytes(v))
	for v in bytes_to_var(pp_read_bytes("res://strings.bin")):
		pp_emit_text("string", var_to_str(v))
	pp_done()
`,
        files: {
          'floats.bin': varToBytes(Float64Array.from(floats)),
          'numbers.bin': packTexts(numberTexts),
          'texts.bin': packTexts(GODOT4_TEXTS),
          'strings.bin': varToBytes(stringValues),
        },
        timeoutMs: 120_000,
      });
    }, 150_000);

    it(`${floats.length} doubles (Grisu2's longer-than-shortest cases among them) print as in Godot`, () => {
      const godot = run.taggedText('f');
      const godot32 = run.taggedText('f32');
      const json = run.taggedText('json');
      expect(godot).toHaveLength(floats.length);
      const failures = floats.map((x, i) => {
        const asFloat = compareText(varToStr(new Float(x)), godot[i] as string);
        const asReal = compareText(varToStr(new Vector2(x, 0)), godot32[i] as string);
        const asJson = compareText(jsonFromNative(new Float(x)) as string, json[i] as string);
        return asFloat ?? asReal ?? asJson;
      });
      expect(firstFailures(failures)).toEqual([]);
    });

    it('numbers read as Godot reads them (its String::to_float, not correctly rounded)', () => {
      const godot = run.taggedBytes('number');
      expect(godot).toHaveLength(numberTexts.length);
      const failures = numberTexts.map((text, i) => compareEncodings(varToBytes(strToVar(text) as VariantLike), godot[i] as Uint8Array, 'godot4'));
      expect(firstFailures(failures)).toEqual([]);
    });

    it(`${GODOT4_TEXTS.length} hand-written texts: we read what Godot reads and refuse what it refuses`, () => {
      const godot = run.taggedBytes('parsed');
      const nullBytes = varToBytes(null);
      const failures = GODOT4_TEXTS.map((text, i) => {
        const theirs = godot[i] as Uint8Array;
        const godotNull = compareEncodings(nullBytes, theirs, 'godot4') === null;
        try {
          const ours = varToBytes(strToVar(text, { allowObjects: true }) as VariantLike);
          return compareEncodings(ours, theirs, 'godot4');
        } catch (error) {
          if (!(error instanceof VariantParseError || error instanceof VariantError)) throw error;
          if (godotNull || text in DEVIATIONS) return null;
          return `we refuse ${JSON.stringify(text)} (${(error as Error).message}), Godot reads it`;
        }
      });
      expect(firstFailures(failures)).toEqual([]);
    });

    it('every ASCII character and some Unicode, in String, StringName, NodePath and PackedStringArray', () => {
      const godot = run.taggedText('string');
      expect(godot).toHaveLength(stringValues.length);
      expect(firstFailures(stringValues.map((v, i) => compareText(varToStr(v), godot[i] as string)))).toEqual([]);
    });
  });
});
