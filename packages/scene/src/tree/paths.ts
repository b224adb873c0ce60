/**
 * Node paths below the multiplayer root, as they travel (`Main/Players/7`, no leading slash), and
 * Godot's relative-path rules for `spawn_path`, `root_path` and replication property paths.
 */

/** Joins `relative` (`..`, `.`, `Players`, `../Players/7`) onto `base`. An absolute `relative` is returned as is. */
export function joinPath(base: string, relative: string): string {
  if (relative.startsWith('/')) return relative.replace(/^\/+/, '');
  const parts = base === '' || base === '.' ? [] : base.split('/');
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** The last name of a path. */
export function nameOf(path: string): string {
  const at = path.lastIndexOf('/');
  return at === -1 ? path : path.slice(at + 1);
}

/** The parent path (`''` for a top-level node). */
export function parentOf(path: string): string {
  const at = path.lastIndexOf('/');
  return at === -1 ? '' : path.slice(0, at);
}

/** A replication property path split like a NodePath: `Sprite:modulate:a` → node `Sprite`, property `modulate:a`. */
export function splitPropertyPath(path: string): { node: string; property: string } {
  const at = path.indexOf(':');
  if (at === -1) throw new TypeError(`replication property path "${path}" names no property (expected "node:property")`);
  return { node: path.slice(0, at) === '' ? '.' : path.slice(0, at), property: path.slice(at + 1) };
}

/** Godot's `String.to_int()`: digits only (an optional leading `-`), up to the first `.`. */
export function godotToInt(text: string): number {
  let digits = '';
  let negative = false;
  for (const c of text) {
    if (c === '.') break;
    if (c >= '0' && c <= '9') digits += c;
    else if (c === '-' && digits === '') negative = true;
  }
  if (digits === '') return 0;
  const value = Number(digits);
  return negative ? -value : value;
}

/** Characters Godot's `validate_node_name` replaces; a received name with any of them is refused. (`@`, in auto-generated names, is allowed, as Godot allows it.) */
const INVALID_NAME = /[.:/"%]/;

export function isValidNodeName(name: string): boolean {
  return name.length > 0 && !INVALID_NAME.test(name);
}
