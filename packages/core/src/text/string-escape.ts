/**
 * Godot's `String::c_escape` (StringName, NodePath and PackedStringArray elements in
 * `var_to_str`) and `c_escape_multiline` (Strings, which keep their line breaks). Only these
 * characters are escaped; every other control character is written as it is. Godot's parser
 * reads `\a`, `\v` and `\?` back as the plain letters, so those characters do not survive a text
 * round trip in Godot either.
 */

const C_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  "'": "\\'",
  '"': '\\"',
};

// eslint-disable-next-line no-control-regex -- BEL is one of the escaped characters
const C_ESCAPE = /[\\\x07\b\f\n\r\t\v'"]/g;
// eslint-disable-next-line no-control-regex -- BEL is one of the escaped characters
const C_ESCAPE_GODOT3 = /[\\\x07\b\f\n\r\t\v'"?]/g;
const MULTILINE_ESCAPE = /[\\"]/g;

/** `String::c_escape`. Godot 3 also escapes `?` as `\?`. */
export function cEscape(text: string, godot3 = false): string {
  return text.replace(godot3 ? C_ESCAPE_GODOT3 : C_ESCAPE, (c) => C_ESCAPES[c] ?? `\\${c}`);
}

/** `String::c_escape_multiline`: only `\` and `"`. */
export function cEscapeMultiline(text: string): string {
  return text.replace(MULTILINE_ESCAPE, (c) => `\\${c}`);
}
