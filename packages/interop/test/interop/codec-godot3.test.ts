/**
 * The Variant codec's `'godot3'` format judged by a real Godot 3.2.3: values Godot makes,
 * values we make, full objects and malformed input.
 */
import { GodotObject, VariantError, Vector2, bytesToVar, errorName, varToBytes, type Variant, type VariantLike } from '@pp/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runGodot3, type GodotRun } from '../../src/index.js';
import { describeWithGodot3 } from '../../src/vitest.js';
import { GODOT3_DESCRIBE } from '../support/codec/describe-gd.js';
import { GODOT3_ERROR_CASES, engineErrorCodes } from '../support/codec/error-cases.js';
import { GODOT3_GENERATOR, GODOT3_READ_CASES } from '../support/codec/godot3-generator.js';
import { containsObject, matchDescription, type Tree } from '../support/codec/match-description.js';
import { VariantGenerator } from '../support/codec/ts-generator.js';
import { compareEncodings, compareGodotEncodings, packCases } from '../support/codec/wire.js';

const format = 'godot3' as const;
const GENERATED = 2025; // 75 values of each of the 27 Godot 3 types
const SEED = 20261124;

function descriptions(run: GodotRun): Tree[] {
  return run.taggedText('d').map((text) => JSON.parse(text) as Tree);
}

function problemsOf(results: Array<{ index: number; problems: string[] }>): string[] {
  return results.filter((r) => r.problems.length > 0).slice(0, 10).map((r) => `#${r.index}: ${r.problems.join('; ')}`);
}

describeWithGodot3("the Variant codec's 'godot3' format against Godot 3.2.3", () => {
  describe(`Godot 3 → us: ${GENERATED} values Godot generated (seed ${SEED})`, () => {
    let bytes: Uint8Array[];
    let trees: Tree[];

    beforeAll(async () => {
      const run = await runGodot3({
        script: `extends SceneTree
${GODOT3_GENERATOR}
${GODOT3_DESCRIBE}
func _init():
	rng.seed = ${SEED}
	for i in ${GENERATED}:
		var bytes = var2bytes(pp_generate(i % TYPE_MAX, 2))
		pp_emit_bytes("v", bytes)
		pp_emit_text("d", JSON.print(pp_describe(bytes2var(bytes))))
	pp_release()
	pp_done()
`,
        timeoutMs: 60_000,
      });
      bytes = run.taggedBytes('v');
      trees = descriptions(run);
    }, 90_000);

    it('covers all 27 Godot 3 types', () => {
      expect(bytes).toHaveLength(GENERATED);
      expect(new Set(bytes.map((b) => b[0])).size).toBe(27);
    });

    it('exact mode re-encodes every value to the very same bytes (NodePath padding aside)', () => {
      const differences = bytes
        .map((b, index) => ({ index, difference: compareEncodings(varToBytes(bytesToVar(b, { format, exact: true }) as VariantLike, { format }), b, format) }))
        .filter((d) => d.difference !== null)
        .slice(0, 10);
      expect(differences).toEqual([]);
    });

    it('default decoding gives the documented JavaScript values', () => {
      const results = bytes.map((b, index) => ({ index, problems: matchDescription(bytesToVar(b, { format }), trees[index] as Tree, { exact: false }) }));
      expect(problemsOf(results)).toEqual([]);
    });

    it('default decoding is lossless: every value re-encodes to the very same bytes (NodePath padding aside)', () => {
      const differences = bytes
        .map((b, index) => ({ index, difference: compareEncodings(varToBytes(bytesToVar(b, { format }) as VariantLike, { format }), b, format) }))
        .filter((d) => d.difference !== null)
        .slice(0, 10);
      expect(differences).toEqual([]);
    });

    describe('Godot 3 reads our default-mode echo of its values (what a relay echoing get_var() sends)', () => {
      let echoTrees: Tree[];
      let echoBytes: Uint8Array[];

      beforeAll(async () => {
        const echoes = bytes.map((b) => varToBytes(bytesToVar(b, { format }) as VariantLike, { format }));
        const run = await runGodot3({
          script: `extends SceneTree
${GODOT3_DESCRIBE}
${GODOT3_READ_CASES}
func _init():
	for bytes in pp_read_cases():
		var v = bytes2var(bytes)
		pp_emit_bytes("re", var2bytes(v))
		pp_emit_text("d", JSON.print(pp_describe(v)))
	pp_done()
`,
          files: { 'cases.bin': packCases(echoes) },
          timeoutMs: 60_000,
        });
        echoTrees = descriptions(run);
        echoBytes = run.taggedBytes('re');
      }, 90_000);

      it('as the values it sent: same types and contents all the way down (its own description of both)', () => {
        expect(echoTrees).toHaveLength(GENERATED);
        const differences = echoTrees
          .map((tree, index) => ({ index, same: JSON.stringify(tree) === JSON.stringify(trees[index]) }))
          .filter((d) => !d.same)
          .map((d) => `#${d.index}: ${JSON.stringify(echoTrees[d.index]).slice(0, 160)} vs ${JSON.stringify(trees[d.index]).slice(0, 160)}`)
          .slice(0, 5);
        expect(differences).toEqual([]);
      });

      it('and writes them back as the bytes it first sent (values holding object ids aside)', () => {
        const withoutObjects = bytes.map((b, index) => ({ b, index })).filter(({ index }) => !containsObject(trees[index] as Tree));
        expect(withoutObjects.length).toBeGreaterThan(1800);
        const differences = withoutObjects
          .map(({ b, index }) => ({ index, difference: compareGodotEncodings(echoBytes[index] as Uint8Array, b, format) }))
          .filter((d) => d.difference !== null)
          .slice(0, 10);
        expect(differences).toEqual([]);
      });
    });
  });

  describe('us → Godot 3: values of every Godot 3 type we generated', () => {
    const generator = new VariantGenerator(SEED, format);
    const types = generator.types();
    const values: Variant[] = Array.from({ length: 27 * 30 }, (_, i) => generator.value(types[i % types.length] as (typeof types)[number], 2));
    const ours = values.map((v) => varToBytes(v, { format }));
    let reencoded: Uint8Array[];
    let trees: Tree[];

    beforeAll(async () => {
      const run = await runGodot3({
        script: `extends SceneTree
${GODOT3_DESCRIBE}
${GODOT3_READ_CASES}
func _init():
	for bytes in pp_read_cases():
		var v = bytes2var(bytes)
		pp_emit_bytes("re", var2bytes(v))
		pp_emit_text("d", JSON.print(pp_describe(v)))
	pp_done()
`,
        files: { 'cases.bin': packCases(ours) },
        timeoutMs: 60_000,
      });
      reencoded = run.taggedBytes('re');
      trees = descriptions(run);
    }, 90_000);

    it('Godot 3 re-encodes each value to our bytes (values holding object ids aside)', () => {
      expect(reencoded).toHaveLength(ours.length);
      const withoutObjects = ours.map((b, index) => ({ b, index })).filter(({ index }) => !containsObject(trees[index] as Tree));
      expect(withoutObjects.length).toBeGreaterThan(600);
      const differences = withoutObjects
        .map(({ b, index }) => ({ index, difference: compareEncodings(b, reencoded[index] as Uint8Array, format) }))
        .filter((d) => d.difference !== null)
        .slice(0, 10);
      expect(differences).toEqual([]);
    });

    it('what Godot 3 read is the value we meant', () => {
      const results = values.map((v, index) => ({ index, problems: matchDescription(v, trees[index] as Tree, { exact: true }) }));
      expect(problemsOf(results)).toEqual([]);
    });
  });

  describe('full objects', () => {
    const ourObjects = [
      new GodotObject('Resource', [['resource_local_to_scene', false], ['resource_path', ''], ['resource_name', 'from @pp'], ['script', null]]),
      new GodotObject('Node2D', [['position', new Vector2(3, 4)], ['rotation', 0.5]]),
    ];
    let run: GodotRun;

    beforeAll(async () => {
      run = await runGodot3({
        script: `extends SceneTree
${GODOT3_READ_CASES}
func _init():
	var res = Resource.new()
	res.resource_name = "hello"
	var ship = Node2D.new()
	ship.position = Vector2(3, 4)
	for o in [res, ship, [res, {"nested": res}]]:
		pp_emit_bytes("full", var2bytes(o, true))
	ship.free()
	for bytes in pp_read_cases():
		var o = bytes2var(bytes, true)
		pp_emit("class", o.get_class())
		if o is Resource:
			pp_emit_text("resource_name", o.resource_name)
		if o is Node2D:
			pp_emit_text("node", "%s %s" % [o.position, o.rotation])
			o.free()
	pp_done()
`,
        files: { 'cases.bin': packCases(ourObjects.map((o) => varToBytes(o, { format, fullObjects: true }))) },
        timeoutMs: 60_000,
      });
    }, 90_000);

    it('Godot 3’s full objects decode with allowObjects, re-encode to the same bytes, and are refused without it', () => {
      const full = run.taggedBytes('full');
      expect(full).toHaveLength(3);
      for (const b of full) {
        const value = bytesToVar(b, { format, allowObjects: true, exact: true });
        expect(compareEncodings(varToBytes(value as VariantLike, { format, fullObjects: true }), b, format)).toBeNull();
        expect(() => bytesToVar(b, { format })).toThrow(VariantError);
      }
      const resource = bytesToVar(full[0] as Uint8Array, { format, allowObjects: true }) as GodotObject;
      expect(resource.className).toBe('Resource');
      expect(resource.properties.get('resource_name')).toBe('hello');
    });

    it('our full objects become real Godot 3 objects', () => {
      expect(run.tagged('class')).toEqual(['Resource', 'Node2D']);
      expect(run.taggedText('resource_name')).toEqual(['from @pp']);
      expect(run.taggedText('node')).toEqual(['(3, 4) 0.5']);
    });
  });

  describe('malformed input', () => {
    let run: GodotRun;

    beforeAll(async () => {
      // A failed bytes2var aborts the calling function in Godot 3, so one case per frame.
      run = await runGodot3({
        script: `extends SceneTree
${GODOT3_READ_CASES}
var cases
var next = 0
func _init():
	cases = pp_read_cases()
func _idle(_delta):
	if next >= cases.size():
		pp_done()
		return
	var i = next
	next += 1
	printerr("PP|case|", i)
	var v = bytes2var(cases[i])
	pp_emit("decoded", i)
`,
        files: { 'cases.bin': packCases(GODOT3_ERROR_CASES.map((c) => c.bytes)) },
        failOnScriptError: false,
        timeoutMs: 60_000,
      });
    }, 90_000);

    it('Godot 3 rejects every case', () => {
      expect(run.tagged('decoded')).toEqual([]);
      expect(run.lines.filter((line) => /^PP\|case\|/.test(line.text))).toHaveLength(GODOT3_ERROR_CASES.length);
    });

    it.each(GODOT3_ERROR_CASES.map((c, i) => [c.name, i] as const))('%s: we raise a VariantError with Godot 3’s code', (_name, index) => {
      const godotCode = engineErrorCodes(run.lines).get(index);
      expect(godotCode, 'Godot logged no error code').toBeDefined();
      let ours: string | undefined;
      try {
        bytesToVar(GODOT3_ERROR_CASES[index]?.bytes as Uint8Array, { format });
      } catch (error) {
        expect(error).toBeInstanceOf(VariantError);
        ours = errorName((error as VariantError).code);
      }
      expect(ours).toBe(godotCode);
    });
  });
});
