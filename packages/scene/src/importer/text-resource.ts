/**
 * Godot's text resource files (`.tscn`, `.tres`, `project.godot`): `[section attr=value …]`
 * headers, each followed by `key = value` lines. Values may span lines (arrays, dictionaries).
 */
import { TextValueError, parseTextValue, type TextValue } from './text-value.js';

/** One `[tag attr=value …]` section of a text resource and the `key = value` lines after it. */
export interface TextSection {
  /** `gd_scene`, `ext_resource`, `sub_resource`, `node`, `connection`, or a `project.godot` section name. */
  readonly tag: string;
  /** The header's attributes (`type`, `path`, `id`, `parent`…). */
  readonly attrs: ReadonlyMap<string, TextValue>;
  /** The `key = value` properties after the header. */
  readonly props: ReadonlyMap<string, TextValue>;
  /** 1-based line of the header, for messages. */
  readonly line: number;
}

/** Parses a text resource; unreadable values are kept out and reported in `errors`. */
export function parseTextResource(text: string): {
  /** The sections in file order; keys before the first header are in a section with tag `''`. */
  sections: TextSection[];
  /** One message per value that could not be read. */
  errors: string[];
} {
  const errors: string[] = [];
  const lines = text.split(/\r?\n/);
  // Keys before the first header (project.godot's config_version) go to a section with tag ''.
  const sections: MutableSection[] = [{ tag: '', attrs: new Map(), props: new Map(), line: 0 }];
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] as string).trim();
    if (line === '' || line.startsWith(';')) continue;
    if (line.startsWith('[') && isHeader(line)) {
      sections.push(parseHeader(line, i + 1, errors));
      continue;
    }
    const eq = line.indexOf('=');
    if (eq === -1) continue;
    const key = line.slice(0, eq).trim();
    let value = line.slice(eq + 1).trim();
    // Continue while the value's brackets or quotes are open.
    while (!balanced(value) && i + 1 < lines.length && !isHeader((lines[i + 1] as string).trim())) value += `\n${lines[++i] as string}`;
    try {
      (sections[sections.length - 1] as MutableSection).props.set(key, parseTextValue(value));
    } catch (error) {
      if (!(error instanceof TextValueError)) throw error;
      errors.push(`line ${i + 1}: cannot read ${key} (${error.message})`);
    }
  }
  return { sections: sections.filter((s) => s.tag !== '' || s.props.size > 0), errors };
}

interface MutableSection {
  tag: string;
  attrs: Map<string, TextValue>;
  props: Map<string, TextValue>;
  line: number;
}

function isHeader(line: string): boolean {
  return /^\[[A-Za-z_][\w/.-]*(\s|\])/.test(line);
}

function parseHeader(line: string, lineNo: number, errors: string[]): MutableSection {
  const inner = line.slice(1, line.lastIndexOf(']'));
  const tag = /^[^\s]+/.exec(inner)?.[0] ?? '';
  const attrs = new Map<string, TextValue>();
  const re = /([A-Za-z_][\w]*)=("(?:[^"\\]|\\.)*"|[A-Za-z_]\w*\((?:[^()"]|"(?:[^"\\]|\\.)*")*\)|\[(?:[^\]"]|"(?:[^"\\]|\\.)*")*\]|[^\s\]]+)/g;
  for (const match of inner.slice(tag.length).matchAll(re)) {
    try {
      attrs.set(match[1] as string, parseTextValue(match[2] as string));
    } catch (error) {
      if (!(error instanceof TextValueError)) throw error;
      errors.push(`line ${lineNo}: cannot read attribute ${match[1]}`);
    }
  }
  return { tag, attrs, props: new Map(), line: lineNo };
}

function balanced(text: string): boolean {
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '[' || c === '{' || c === '(') depth++;
    else if (c === ']' || c === '}' || c === ')') depth--;
  }
  return depth <= 0 && !quoted;
}
