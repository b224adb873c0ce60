/**
 * A Variant as Godot's `str()` prints it inside a container, for `Dictionary.toString()`:
 * strings quoted, `&"name"` for a StringName, `^"path"` for a NodePath, `1.0` for an integral
 * float, `<null>` for null. (The text formats `var_to_str` and JSON are other, complete forms.)
 */
import { NodePath } from './node-path.js';
import { Float, Int, formatFloat } from './numbers.js';
import { StringName } from './string-name.js';
import { DICTIONARY_ENTRIES, isDictionaryLike } from './type-of.js';

/** Arrays nested deeper than this print as `[...]` (a container can hold itself). */
const MAX_DEPTH = 64;

export function displayValue(value: unknown, depth = 0): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isInteger(value) && !Object.is(value, -0) ? String(value) : formatFloat(value);
    case 'bigint':
      return String(value);
    case 'object': {
      if (value === null) return '<null>';
      if (value instanceof StringName) return `&${JSON.stringify(value.value)}`;
      if (value instanceof NodePath) return `^${JSON.stringify(value.toString())}`;
      if (value instanceof Float) return formatFloat(value.value);
      if (value instanceof Int) return String(value.value);
      if (depth >= MAX_DEPTH) return Array.isArray(value) ? '[...]' : '{...}';
      if (isDictionaryLike(value)) return displayEntries(value[DICTIONARY_ENTRIES](), depth);
      if (value instanceof Map) return displayEntries(value, depth);
      if (Array.isArray(value) || ArrayBuffer.isView(value)) {
        const items = Array.from(value as ArrayLike<unknown>, (item) => displayValue(item, depth + 1));
        return `[${items.join(', ')}]`;
      }
      return String(value);
    }
    default:
      return String(value);
  }
}

export function displayEntries(entries: Iterable<readonly [unknown, unknown]>, depth: number): string {
  const parts = Array.from(entries, ([k, v]) => `${displayValue(k, depth + 1)}: ${displayValue(v, depth + 1)}`);
  // Godot writes the two spaces of `{ … }` even around nothing: `{  }`.
  return `{ ${parts.join(', ')} }`;
}
