/**
 * The Godot 3 text form (`var2str` / `str2var`) judged by a real Godot 3.2.3: values Godot
 * generated and values we generated, floats (Godot 3 prints six significant digits of a 32-bit
 * float), hand-written texts and every ASCII character, in both directions.
 */
import {
  Float, NodePath, PackedStringArray, VariantError, VariantParseError, bytesToVar, strToVar, varToBytes, varToStr,
  type Variant, type VariantLike,
} from '@pp/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runGodot3, type GodotRun } from '../../src/index.js';
import { describeWithGodot3 } from '../../src/vitest.js';
import { GODOT3_GENERATOR, GODOT3_READ_CASES } from '../support/codec/godot3-generator.js';
import { VariantGenerator } from '../support/codec/ts-generator.js';
import { compareEncodings, packCases } from '../support/codec/wire.js';
import { floatCases } from '../support/text/float-cases.js';
import { GODOT3_TEXTS } from '../support/text/parse-cases.js';
import { compareText, firstFailures, holdsObject, packTexts } from '../support/text/values.js';

const format = 'godot3' as const;
const GENERATED = 1350; // 50 values of each of the 27 Godot 3 types
const OURS = 540;
const SEED = 20261201;

const decode = (bytes: Uint8Array): Variant => bytesToVar(bytes, { format, exact: true, allowObjects: true });
const g3 = { format } as const;


/**
 * Text Godot 3.2.3 itself cannot read back: an RID (written as nothing), infinities inside
 * constructors (only numbers are allowed there) and `-inf.0` (read as the int 0).
 */
const godot3CannotRead = (text: string): boolean => /\binf\b|\bnan\b|-inf/.test(text) || /(\[ |, |: |^)(, | \]|$)|\n:/.test(text);

describeWithGodot3('the Godot 3 text form against Godot 3.2.3', () => {
  describe(`Godot 3 → us: ${GENERATED} values Godot generated (seed ${SEED})`, () => {
    let bytes: Uint8Array[];
    let texts: string[];

    beforeAll(async () => {
      const run = await runGodot3({
        script: `extends SceneTree
${GODOT3_GENERATOR}
func _init():
	rng.seed = ${SEED}
	for i in ${GENERATED}:
		var v = pp_generate(i % TYPE_MAX, 2)
		pp_emit_bytes("v", var2bytes(v))
		pp_emit_text("t", var2str(v) + "|")
	pp_release()
	pp_done()
`,
        timeoutMs: 90_000,
      });
      bytes = run.taggedBytes('v');
      // A "|" after each text: Godot 3's utf8_to_base64 refuses the empty text of an RID.
      texts = run.taggedText('t').map((t) => t.slice(0, -1));
    }, 120_000);

    it('varToStr of the decoded value is the very text var2str printed (values holding objects aside)', () => {
      expect(texts).toHaveLength(GENERATED);
      const values = bytes.map(decode);
      const comparable = values.map((v, i) => ({ v, i })).filter(({ v }) => !holdsObject(v));
      expect(comparable.length).toBeGreaterThan(GENERATED * 0.7);
      expect(firstFailures(comparable.map(({ v, i }) => compareText(varToStr(v as VariantLike, g3), texts[i] as string)))).toEqual([]);
    });

    it('strToVar reads Godot 3’s text back to a value with the same text', () => {
      let compared = 0;
      const failures = texts.map((text, i) => {
        if (holdsObject(decode(bytes[i] as Uint8Array)) || godot3CannotRead(text)) return null;
        compared++;
        return compareText(varToStr(strToVar(text, g3) as VariantLike, g3), text);
      });
      expect(compared).toBeGreaterThan(GENERATED * 0.5);
      expect(firstFailures(failures)).toEqual([]);
    });
  });

  describe(`us → Godot 3: ${OURS} values we generated, as bytes and text`, () => {
    const generator = new VariantGenerator(SEED, format);
    const types = generator.types();
    const values = Array.from({ length: OURS }, (_, i) => generator.value(types[i % types.length] as never, 2) as VariantLike);
    const texts = values.map((v) => varToStr(v, g3));
    let run: GodotRun;

    beforeAll(async () => {
      run = await runGodot3({
        script: `extends SceneTree
${GODOT3_READ_CASES}
func _init():
	var cases = pp_read_cases()
	var spb = StreamPeerBuffer.new()
	spb.data_array = pp_read_bytes("res://texts.bin")
	var texts = []
	for i in spb.get_u32():
		var n = spb.get_u32()
		texts.append(spb.get_data(n)[1].get_string_from_utf8() if n > 0 else "")
	for i in cases.size():
		pp_emit_text("t", var2str(bytes2var(cases[i])) + "|")
		var parsed = str2var(texts[i])
		var failed = typeof(parsed) == TYPE_STRING and parsed == texts[i]
		pp_emit("failed", failed)
		pp_emit_bytes("p", var2bytes(parsed))
	pp_done()
`,
        files: { 'cases.bin': packCases(values.map((v) => varToBytes(v, g3))), 'texts.bin': packTexts(texts) },
        timeoutMs: 90_000,
      });
    }, 120_000);

    it('var2str of our bytes is our varToStr', () => {
      const godot = run.taggedText('t').map((t) => t.slice(0, -1));
      expect(godot).toHaveLength(OURS);
      expect(firstFailures(values.map((v, i) => compareText(texts[i] as string, godot[i] as string)))).toEqual([]);
    });

    it('str2var of our text is what strToVar reads (objects aside), and both refuse the same texts', () => {
      const failed = run.tagged('failed');
      const parsed = run.taggedBytes('p');
      const failures = values.map((v, i) => {
        const text = texts[i] as string;
        if (holdsObject(v)) return null;
        let ours: Uint8Array | null = null;
        try {
          ours = varToBytes(strToVar(text, g3) as VariantLike, g3);
        } catch (error) {
          if (!(error instanceof VariantParseError)) throw error;
        }
        if (ours === null || failed[i] === 'True') return (ours === null) === (failed[i] === 'True') ? null : `ours ${ours ? 'reads' : 'refuses'} ${JSON.stringify(text.slice(0, 80))}, Godot ${failed[i] === 'True' ? 'refuses' : 'reads'} it`;
        return compareEncodings(ours, parsed[i] as Uint8Array, format);
      });
      expect(firstFailures(failures)).toEqual([]);
    });
  });

  describe('floats, hand-written texts and every character', () => {
    const floats = floatCases(SEED);
    const numberTexts = [...floats.filter(Number.isFinite).map((x) => varToStr(new Float(x), g3)), ...GODOT3_TEXTS.filter((t) => /^-?\d/.test(t))];
    const ascii = Array.from({ length: 126 }, (_, i) => String.fromCharCode(i + 1)).join('');
    const stringValues: VariantLike[] = [ascii, 'é日本\u2028\u00a0'].flatMap((s) => [s, new NodePath(s.replace(/[/:]/g, '_')), PackedStringArray.fromStrings([s])]);
    let run: GodotRun;

    beforeAll(async () => {
      run = await runGodot3({
        script: `extends SceneTree
${GODOT3_READ_CASES}
func read_texts(path):
	var spb = StreamPeerBuffer.new()
	spb.data_array = pp_read_bytes(path)
	var out = []
	for i in spb.get_u32():
		var n = spb.get_u32()
		out.append(spb.get_data(n)[1].get_string_from_utf8() if n > 0 else "")
	return out
func _init():
	for x in bytes2var(pp_read_bytes("res://floats.bin")):
		pp_emit_text("f", var2str(x))
	for t in read_texts("res://numbers.bin"):
		pp_emit_bytes("number", var2bytes(str2var(t)))
	for t in read_texts("res://texts.bin"):
		var v = str2var(t)
		pp_emit("failed", typeof(v) == TYPE_STRING and v == t)
		pp_emit_bytes("parsed", var2bytes(v))
	for v in bytes2var(pp_read_bytes("res://strings.bin")):
		pp_emit_text("string", var2str(v))
	pp_done()
`,
        files: {
          'floats.bin': varToBytes(floats.map((x) => new Float(x)), g3),
          'numbers.bin': packTexts(numberTexts),
          'texts.bin': packTexts(GODOT3_TEXTS),
          'strings.bin': varToBytes(stringValues, g3),
        },
        timeoutMs: 60_000,
      });
    }, 90_000);

    it(`${floats.length} doubles print as Godot 3 prints them (a 32-bit real, six digits)`, () => {
      const godot = run.taggedText('f');
      expect(godot).toHaveLength(floats.length);
      expect(firstFailures(floats.map((x, i) => compareText(varToStr(new Float(x), g3), godot[i] as string)))).toEqual([]);
    });

    it('numbers read as Godot 3 reads them', () => {
      const godot = run.taggedBytes('number');
      expect(godot).toHaveLength(numberTexts.length);
      expect(firstFailures(numberTexts.map((t, i) => compareEncodings(varToBytes(strToVar(t, g3) as VariantLike, g3), godot[i] as Uint8Array, format)))).toEqual([]);
    });

    it(`${GODOT3_TEXTS.length} hand-written texts: we read what Godot 3 reads and refuse what it refuses`, () => {
      const failed = run.tagged('failed');
      const parsed = run.taggedBytes('parsed');
      const failures = GODOT3_TEXTS.map((text, i) => {
        let ours: Uint8Array | null = null;
        try {
          ours = varToBytes(strToVar(text, { format, allowObjects: true }) as VariantLike, g3);
        } catch (error) {
          if (!(error instanceof VariantParseError || error instanceof VariantError)) throw error;
        }
        const godotFailed = failed[i] === 'True';
        if (ours === null || godotFailed) return (ours === null) === godotFailed ? null : `${JSON.stringify(text)}: ours ${ours ? 'reads' : 'refuses'}, Godot 3 ${godotFailed ? 'refuses' : 'reads'}`;
        return compareEncodings(ours, parsed[i] as Uint8Array, format);
      });
      expect(firstFailures(failures)).toEqual([]);
    });

    it('every ASCII character and some Unicode, in String, NodePath and PoolStringArray', () => {
      const godot = run.taggedText('string');
      expect(godot).toHaveLength(stringValues.length);
      expect(firstFailures(stringValues.map((v, i) => compareText(varToStr(v, g3), godot[i] as string)))).toEqual([]);
    });
  });
});
