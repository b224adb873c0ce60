/**
 * Helpers for the text-form corpus: which decoded values can be compared as text (objects
 * cannot: Godot writes a real object's properties, we only have its id), and packing texts for
 * a Godot script to read.
 */
import { Dictionary, EncodedObjectAsID, GodotObject, type JsonValue } from '@pp/core';
import { packCases } from '../codec/wire.js';

/** Whether a value holds an object anywhere (an id or a full object, or a typed container of them). */
export function holdsObject(value: unknown): boolean {
  if (value instanceof EncodedObjectAsID || value instanceof GodotObject) return true;
  if (value instanceof Dictionary) {
    if (value.keyType?.kind === 'class' || value.valueType?.kind === 'class') return true;
    return [...value].some(([k, v]) => holdsObject(k) || holdsObject(v));
  }
  if (Array.isArray(value)) {
    if ('elementType' in value && (value.elementType as { kind: string }).kind !== 'builtin') return true;
    return value.some(holdsObject);
  }
  return false;
}

/** Whether JSON holds a number JSON cannot carry (JavaScript writes NaN and Infinity as null). */
export function hasNonFinite(json: JsonValue): boolean {
  if (typeof json === 'number') return !Number.isFinite(json);
  if (Array.isArray(json)) return json.some(hasNonFinite);
  if (json !== null && typeof json === 'object') return Object.values(json).some(hasNonFinite);
  return false;
}

const utf8 = new TextEncoder();

/** Texts as `packCases` cases (UTF-8), for `get_string_from_utf8()` on the Godot side. */
export function packTexts(texts: readonly string[]): Uint8Array {
  return packCases(texts.map((t) => utf8.encode(t)));
}

/** GDScript (Godot 4) reading `res://<file>` packed by `packCases` into an Array of byte arrays. */
export const GODOT4_READ_PACKED = `
func pp_read_packed(path: String) -> Array:
	var data := pp_read_bytes(path)
	var out := []
	var at := 4
	for i in data.decode_u32(0):
		var n := data.decode_u32(at)
		out.append(data.slice(at + 4, at + 4 + n))
		at += 4 + n
	return out
`;

/** The first few failures of a corpus, numbered, readable in a test report. */
export function firstFailures(results: Array<string | null>): string[] {
  return results.flatMap((r, i) => (r === null ? [] : [`#${i}: ${r}`])).slice(0, 8);
}

export function compareText(ours: string, godot: string): string | null {
  return ours === godot ? null : `ours ${JSON.stringify(ours.slice(0, 300))} vs Godot's ${JSON.stringify(godot.slice(0, 300))}`;
}
