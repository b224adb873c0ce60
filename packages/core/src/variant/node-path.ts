/**
 * Godot's `NodePath`: node names, then subnames (properties or sub-resources after `:`),
 * absolute when it starts with `/`. `new NodePath('/root/Player:position:x')` parses like Godot.
 */
export class NodePath {
  /** The node names, in order (`['root', 'Player']` for `/root/Player:position:x`). */
  readonly names: readonly string[];
  /** The subnames after the first `:` (`['position', 'x']` for `/root/Player:position:x`). */
  readonly subnames: readonly string[];
  /** Whether the path starts with `/` (from the scene root). */
  readonly absolute: boolean;

  constructor(path = '') {
    const parsed = parseNodePath(path);
    this.names = parsed.names;
    this.subnames = parsed.subnames;
    this.absolute = parsed.absolute;
  }

  /** Builds a NodePath from its parts, the way the wire format stores it. */
  static fromParts(names: readonly string[], subnames: readonly string[] = [], absolute = false): NodePath {
    const path = Object.create(NodePath.prototype) as { -readonly [K in keyof NodePath]: NodePath[K] };
    path.names = [...names];
    path.subnames = [...subnames];
    path.absolute = absolute;
    return path as NodePath;
  }

  /** Whether the path has no names and no subnames (Godot's `is_empty()`). */
  isEmpty(): boolean {
    return this.names.length === 0 && this.subnames.length === 0 && !this.absolute;
  }

  /** The path as text, as Godot writes it: `/root/Player:position:x`. */
  toString(): string {
    const head = (this.absolute ? '/' : '') + this.names.join('/');
    return this.subnames.length > 0 ? `${head}:${this.subnames.join(':')}` : head;
  }
}

function parseNodePath(path: string): { names: string[]; subnames: string[]; absolute: boolean } {
  if (path === '') return { names: [], subnames: [], absolute: false };
  const absolute = path.startsWith('/');
  const colon = path.indexOf(':');
  const subnames: string[] = [];
  let nodePart = path;
  if (colon !== -1) {
    const parts = path.slice(colon + 1).split(':');
    parts.forEach((part, i) => {
      if (part !== '') subnames.push(part);
      else if (i !== parts.length - 1) throw new RangeError(`Invalid NodePath '${path}': empty subname`);
    });
    nodePart = path.slice(0, colon);
  }
  const names = nodePart.split('/').filter((name) => name !== '');
  return { names, subnames, absolute };
}
