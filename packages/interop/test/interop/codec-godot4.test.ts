/**
 * The Variant codec judged by a real Godot 4.6: values Godot makes, values we make, full
 * objects, malformed input, and the 4.0–4.3 format. Each direction is one engine run.
 */
import {
  Dictionary, EncodedObjectAsID, GodotObject, StringName, TypedArray, Vector2, VariantError, VariantType,
  bytesToVar, errorName, varToBytes, type Variant, type VariantLike,
} from '@pp/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { runGodot4, type GodotRun } from '../../src/index.js';
import { describeWithGodot4 } from '../../src/vitest.js';
import { GODOT4_DESCRIBE } from '../support/codec/describe-gd.js';
import { GODOT4_ERROR_CASES, engineErrorCodes } from '../support/codec/error-cases.js';
import { GODOT4_GENERATOR } from '../support/codec/godot4-generator.js';
import { containsObject, matchDescription, type Tree } from '../support/codec/match-description.js';
import { VariantGenerator } from '../support/codec/ts-generator.js';
import { compareEncodings, compareGodotEncodings, packCases } from '../support/codec/wire.js';

const GENERATED = 2223; // 57 values of each of the 39 types
const SEED = 20261124;

/** Reads `res://cases.bin` (see `packCases`) and runs `body` on each case as `bytes`. */
const READ_CASES = (body: string): string => `
	var data := pp_read_bytes("res://cases.bin")
	var count := data.decode_u32(0)
	var at := 4
	for i in count:
		var n := data.decode_u32(at)
		var bytes := data.slice(at + 4, at + 4 + n)
		at += 4 + n
${body}`;

function descriptions(run: GodotRun, tag = 'd'): Tree[] {
  return run.taggedText(tag).map((text) => JSON.parse(text) as Tree);
}

function problemsOf(results: Array<{ index: number; problems: string[] }>): string[] {
  return results.filter((r) => r.problems.length > 0).slice(0, 10).map((r) => `#${r.index}: ${r.problems.join('; ')}`);
}

describeWithGodot4('the Variant codec against Godot 4.6', () => {
  describe(`Godot → us: ${GENERATED} values Godot generated (seed ${SEED})`, () => {
    let bytes: Uint8Array[];
    let trees: Tree[];

    beforeAll(async () => {
      const run = await runGodot4({
        script: `extends Node
${GODOT4_GENERATOR}
${GODOT4_DESCRIBE}
func _ready():
	rng.seed = ${SEED}
	for i in ${GENERATED}:
		var bytes := var_to_bytes(pp_generate(i % TYPE_MAX, 2))
		pp_emit_bytes("v", bytes)
		pp_emit_text("d", JSON.stringify(pp_describe(bytes_to_var(bytes))))
	pp_release()
	pp_done()
`,
        timeoutMs: 120_000,
      });
      bytes = run.taggedBytes('v');
      trees = descriptions(run);
    }, 150_000);

    it('covers all 39 types, nested containers and typed containers', () => {
      expect(bytes).toHaveLength(GENERATED);
      expect(trees).toHaveLength(GENERATED);
      const types = new Set(bytes.map((b) => b[0]));
      expect(types.size).toBe(39);
      const typedArrays = bytes.filter((b) => b[0] === VariantType.ARRAY && b[2] !== 0).length;
      const typedDictionaries = bytes.filter((b) => b[0] === VariantType.DICTIONARY && b[2] !== 0).length;
      expect(typedArrays).toBeGreaterThan(5);
      expect(typedDictionaries).toBeGreaterThan(5);
    });

    it('exact mode re-encodes every value to the very same bytes (NodePath padding aside)', () => {
      const differences = bytes
        .map((b, index) => ({ index, difference: compareEncodings(varToBytes(bytesToVar(b, { exact: true }) as VariantLike), b, 'godot4') }))
        .filter((d) => d.difference !== null)
        .slice(0, 10);
      expect(differences).toEqual([]);
    });

    it('default decoding gives the documented JavaScript values', () => {
      const results = bytes.map((b, index) => ({ index, problems: matchDescription(bytesToVar(b), trees[index] as Tree, { exact: false }) }));
      expect(problemsOf(results)).toEqual([]);
    });

    it('exact decoding gives Float for every float and the same values otherwise', () => {
      const results = bytes.map((b, index) => ({ index, problems: matchDescription(bytesToVar(b, { exact: true }), trees[index] as Tree, { exact: true }) }));
      expect(problemsOf(results)).toEqual([]);
    });

    it('default decoding is lossless: every value re-encodes to the very same bytes (NodePath padding aside)', () => {
      const differences = bytes
        .map((b, index) => ({ index, difference: compareEncodings(varToBytes(bytesToVar(b) as VariantLike), b, 'godot4') }))
        .filter((d) => d.difference !== null)
        .slice(0, 10);
      expect(differences).toEqual([]);
    });

    describe('Godot reads our default-mode echo of its values (what a relay echoing getVar() sends)', () => {
      let echoTrees: Tree[];
      let echoBytes: Uint8Array[];

      beforeAll(async () => {
        const echoes = bytes.map((b) => varToBytes(bytesToVar(b) as VariantLike));
        const run = await runGodot4({
          script: `extends Node
${GODOT4_DESCRIBE}
func _ready():
${READ_CASES(`		var v = bytes_to_var(bytes)
		pp_emit_bytes("re", var_to_bytes(v))
		pp_emit_text("d", JSON.stringify(pp_describe(v)))`)}
	pp_done()
`,
          files: { 'cases.bin': packCases(echoes) },
          timeoutMs: 120_000,
        });
        echoTrees = descriptions(run);
        echoBytes = run.taggedBytes('re');
      }, 150_000);

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
        expect(withoutObjects.length).toBeGreaterThan(2000);
        const differences = withoutObjects
          .map(({ b, index }) => ({ index, difference: compareGodotEncodings(echoBytes[index] as Uint8Array, b, 'godot4') }))
          .filter((d) => d.difference !== null)
          .slice(0, 10);
        expect(differences).toEqual([]);
      });
    });
  });

  describe('us → Godot: values of every type we generated, and the 4.0–4.3 format', () => {
    const generator = new VariantGenerator(SEED);
    const values: Variant[] = Array.from({ length: 1170 }, (_, i) => generator.value((i % 39) as VariantType, 2));
    const legacy: VariantLike[] = [
      new TypedArray(VariantType.INT, [1, 2, 3]),
      new TypedArray(VariantType.STRING_NAME, [new StringName('a')]),
      new Dictionary([['a', 1]], { keyType: VariantType.STRING, valueType: VariantType.INT }),
      [new TypedArray(VariantType.VECTOR2, [new Vector2(1, 2)]), new Dictionary(null, { keyType: VariantType.INT })],
    ];
    const ours = values.map((v) => varToBytes(v));
    const legacyBytes = legacy.map((v) => varToBytes(v, { format: 'godot4.3' }));
    let reencoded: Uint8Array[];
    let trees: Tree[];

    beforeAll(async () => {
      const run = await runGodot4({
        script: `extends Node
${GODOT4_DESCRIBE}
func _ready():
${READ_CASES(`		var v = bytes_to_var(bytes)
		pp_emit_bytes("re", var_to_bytes(v))
		pp_emit_text("d", JSON.stringify(pp_describe(v)))`)}
	pp_done()
`,
        files: { 'cases.bin': packCases([...ours, ...legacyBytes]) },
        timeoutMs: 120_000,
      });
      reencoded = run.taggedBytes('re');
      trees = descriptions(run);
    }, 150_000);

    it('Godot decodes each value and re-encodes it to our bytes (values holding object ids aside)', () => {
      expect(reencoded).toHaveLength(ours.length + legacyBytes.length);
      const withoutObjects = ours.map((b, index) => ({ b, index })).filter(({ index }) => !containsObject(trees[index] as Tree));
      expect(withoutObjects.length).toBeGreaterThan(1000);
      const differences = withoutObjects
        .map(({ b, index }) => ({ index, difference: compareEncodings(b, reencoded[index] as Uint8Array, 'godot4') }))
        .filter((d) => d.difference !== null)
        .slice(0, 10);
      expect(differences).toEqual([]);
    });

    it('Godot itself does not keep object ids: it re-encodes an EncodedObjectAsID as its own instance', () => {
      // Value 24 is an Object sent as an id; Godot reads an EncodedObjectAsID holding that id (the
      // description says so), but var_to_bytes of it sends the id of the EncodedObjectAsID.
      const index = VariantType.OBJECT;
      expect(matchDescription(values[index], trees[index] as Tree, { exact: true })).toEqual([]);
      const theirs = bytesToVar(reencoded[index] as Uint8Array) as EncodedObjectAsID;
      expect(theirs).toBeInstanceOf(EncodedObjectAsID);
      expect(theirs.objectId).not.toBe((values[index] as EncodedObjectAsID).objectId);
    });

    it('what Godot read is the value we meant', () => {
      const results = values.map((v, index) => ({ index, problems: matchDescription(v, trees[index] as Tree, { exact: true }) }));
      expect(problemsOf(results)).toEqual([]);
    });

    it("'godot4.3' sends typed containers untyped: no container-type header, and Godot reads plain containers", () => {
      for (const b of legacyBytes) {
        const headers = containerHeaders(b);
        expect(headers.length).toBeGreaterThan(0);
        for (const header of headers) expect(header >>> 16).toBe(0);
      }
      legacy.forEach((value, i) => {
        const tree = trees[ours.length + i] as Tree;
        expect(JSON.stringify(tree)).not.toMatch(/"builtin"/);
        expect(matchDescription(bytesToVar(legacyBytes[i] as Uint8Array, { exact: true }), tree, { exact: true })).toEqual([]);
        expect(value).toBeTruthy();
      });
    });
  });

  describe('full objects', () => {
    const ourObjects: GodotObject[] = [
      new GodotObject('Resource', [['resource_local_to_scene', false], ['resource_name', 'from @pp'], ['script', null]]),
      new GodotObject('Node2D', [['name', new StringName('Ship')], ['position', new Vector2(3, 4)], ['rotation', 0.5]]),
    ];
    let run: GodotRun;

    beforeAll(async () => {
      run = await runGodot4({
        script: `extends Node
${GODOT4_DESCRIBE}
func _ready():
	var res := Resource.new()
	res.resource_name = "hello"
	var ship := Node2D.new()
	ship.name = "Ship"
	ship.position = Vector2(3, 4)
	ship.rotation = 0.5
	var gradient := Gradient.new()
	gradient.add_point(0.5, Color(1, 0, 0))
	for o in [res, ship, gradient, [res, {"nested": gradient}]]:
		pp_emit_bytes("full", var_to_bytes_with_objects(o))
	ship.free()
${READ_CASES(`		printerr("PP|case|", i)
		pp_emit("refused", bytes_to_var(bytes) == null)
		var o = bytes_to_var_with_objects(bytes)
		pp_emit("class", o.get_class())
		if o is Resource:
			pp_emit_text("resource_name", o.resource_name)
		if o is Node2D:
			pp_emit_text("node", "%s %s %s" % [o.name, o.position, o.rotation])
			o.free()`)}
	pp_done()
`,
        files: { 'cases.bin': packCases(ourObjects.map((o) => varToBytes(o, { fullObjects: true }))) },
        timeoutMs: 60_000,
      });
    }, 90_000);

    it('Godot’s full objects decode to descriptors with allowObjects and re-encode to the same bytes', () => {
      const full = run.taggedBytes('full');
      expect(full).toHaveLength(4);
      for (const b of full) {
        const value = bytesToVar(b, { allowObjects: true, exact: true });
        expect(compareEncodings(varToBytes(value as VariantLike, { fullObjects: true }), b, 'godot4')).toBeNull();
      }
      const resource = bytesToVar(full[0] as Uint8Array, { allowObjects: true }) as GodotObject;
      expect(resource.className).toBe('Resource');
      expect(resource.properties.get('resource_name')).toBe('hello');
      const ship = bytesToVar(full[1] as Uint8Array, { allowObjects: true }) as GodotObject;
      expect(ship.className).toBe('Node2D');
      expect(ship.properties.get('position')).toEqual(new Vector2(3, 4));
    });

    it('…and fail with ERR_UNAUTHORIZED without allowObjects', () => {
      for (const b of run.taggedBytes('full')) {
        expect(() => bytesToVar(b)).toThrow(VariantError);
        try {
          bytesToVar(b);
        } catch (error) {
          expect(errorName((error as VariantError).code)).toBe('ERR_UNAUTHORIZED');
        }
      }
    });

    it('our full objects become real Godot objects, and Godot refuses them without objects', () => {
      expect(run.tagged('refused')).toEqual(['true', 'true']);
      expect(run.tagged('class')).toEqual(['Resource', 'Node2D']);
      expect(run.taggedText('resource_name')).toEqual(['from @pp']);
      expect(run.taggedText('node')).toEqual(['Ship (3.0, 4.0) 0.5']);
      const codes = engineErrorCodes(run.lines);
      expect([codes.get(0), codes.get(1)]).toEqual(['ERR_UNAUTHORIZED', 'ERR_UNAUTHORIZED']);
    });
  });

  describe('malformed input', () => {
    let run: GodotRun;

    beforeAll(async () => {
      run = await runGodot4({
        script: `extends Node
func _ready():
${READ_CASES(`		printerr("PP|case|", i)
		var v = bytes_to_var(bytes)
		pp_emit("null", v == null)`)}
	pp_done()
`,
        files: { 'cases.bin': packCases(GODOT4_ERROR_CASES.map((c) => c.bytes)) },
        timeoutMs: 60_000,
      });
    }, 90_000);

    it('Godot rejects every case (bytes_to_var returns null)', () => {
      expect(run.tagged('null')).toEqual(GODOT4_ERROR_CASES.map(() => 'true'));
    });

    it.each(GODOT4_ERROR_CASES.map((c, i) => [c.name, i] as const))('%s: we raise a VariantError with Godot’s code', (_name, index) => {
      const godotCode = engineErrorCodes(run.lines).get(index);
      expect(godotCode, 'Godot logged no error code').toBeDefined();
      let ours: string | undefined;
      try {
        bytesToVar(GODOT4_ERROR_CASES[index]?.bytes as Uint8Array);
      } catch (error) {
        expect(error).toBeInstanceOf(VariantError);
        ours = errorName((error as VariantError).code);
      }
      expect(ours).toBe(godotCode);
    });
  });
});

/** Header words of every Array and Dictionary in an encoding (untyped layout only). */
function containerHeaders(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: number[] = [];
  const walk = (at: number): number => {
    const header = view.getUint32(at, true);
    const type = header & 0xff;
    if (type === VariantType.ARRAY || type === VariantType.DICTIONARY) {
      out.push(header);
      const count = view.getUint32(at + 4, true);
      let p = at + 8;
      for (let i = 0; i < (type === VariantType.DICTIONARY ? 2 * count : count); i++) p = walk(p);
      return p;
    }
    const rest = bytes.subarray(at);
    return at + varToBytes(bytesToVar(rest, { exact: true }) as VariantLike).length;
  };
  walk(0);
  return out;
}
