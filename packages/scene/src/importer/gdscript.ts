/**
 * What the importer reads from a GDScript file: `extends`, `class_name`, `@rpc` functions with
 * their parameters, member variables with their declared or inferred types, and the run-time
 * calls a declaration cannot see (`rpc_config`, `set_multiplayer_authority`, `spawn_function`,
 * a custom multiplayer root). A line-based reader, not a full GDScript parser: it understands
 * the forms the Godot editor writes and the documentation shows.
 */
import type { RpcMode, TransferName } from '../declaration/define.js';

/** One `@rpc` function of a script, with the annotation's options (defaults filled in). */
export interface ScriptRpc {
  /** The function name. */
  readonly name: string;
  /** `authority` (default) or `any_peer`. */
  readonly mode: RpcMode;
  /** Whether `call_local` was given. */
  readonly callLocal: boolean;
  /** `reliable` (default), `unreliable` or `unreliable_ordered`. */
  readonly transfer: TransferName;
  /** The transfer channel (default 0). */
  readonly channel: number;
  /** Parameter types as written (`int`, `Vector2`; `undefined` when untyped), in order. */
  readonly params: ReadonlyArray<{
    /** The parameter name. */
    readonly name: string;
    /** Its type as written (`int`, `Vector2`), `undefined` when untyped. */
    readonly type: string | undefined;
    /** Whether it has a default value (`b = 1`): it may be left out by a caller. */
    readonly hasDefault: boolean;
  }>;
  /** The 1-based line of the `func`. */
  readonly line: number;
}

/** One member variable of a script. */
export interface ScriptVar {
  /** The variable name. */
  readonly name: string;
  /** Declared (`var hp: int`) or inferred from a literal (`var hp := 0`, `var hp = 0`); `undefined` when unknown. */
  readonly type: string | undefined;
  /** The default as written (`0`, `Vector2(1, 2)`), when it is a literal. */
  readonly defaultText: string | undefined;
}

/** A call at run time that changes what the network sees. */
export interface ScriptCall {
  /**
   * Which call: `rpc_config`, `set_multiplayer_authority`, an assignment to `spawn_function`, or a custom
   * multiplayer root (`set_multiplayer`, `root_path =`).
   */
  readonly kind: 'rpc_config' | 'set_multiplayer_authority' | 'spawn_function' | 'custom_multiplayer';
  /** `rpc_config`: the method name; `set_multiplayer_authority`: the receiver (`self`, `$InputSync`). */
  readonly target: string;
  /** The call's argument text. */
  readonly argument: string;
  /** The function it is in (`_enter_tree`, `_ready`, …), `''` at class level. */
  readonly inFunction: string;
  /** The 1-based line of the call. */
  readonly line: number;
}

/** What `parseGdscript` found in one script. */
export interface ScriptInfo {
  /** `extends` as written: a class (`Node2D`), a path (`res://base.gd`) or a `class_name`. */
  readonly extends: string | undefined;
  /** `class_name`, when the script declares one. */
  readonly className: string | undefined;
  /** The `@rpc` functions, in source order. */
  readonly rpcs: readonly ScriptRpc[];
  /** The member variables by name. */
  readonly vars: ReadonlyMap<string, ScriptVar>;
  /** The run-time calls that change what the network sees, in source order. */
  readonly calls: readonly ScriptCall[];
}

const RPC_MODES: Record<string, RpcMode> = { any_peer: 'any_peer', authority: 'authority' };
const TRANSFERS: Record<string, TransferName> = { reliable: 'reliable', unreliable: 'unreliable', unreliable_ordered: 'unreliable_ordered' };

/**
 * Reads the networking facts of one GDScript source (see the module comment). Never throws: what it cannot
 * read it leaves out.
 */
export function parseGdscript(source: string): ScriptInfo {
  const lines = source.split(/\r?\n/);
  let extendsName: string | undefined;
  let className: string | undefined;
  const rpcs: ScriptRpc[] = [];
  const vars = new Map<string, ScriptVar>();
  const calls: ScriptCall[] = [];
  let pendingRpc: string | null = null;
  let inFunction = '';
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string;
    const code = stripComment(raw);
    if (code.trim() === '') continue;
    const topLevel = !/^\s/.test(code);
    if (topLevel && !code.trim().startsWith('@') && !/^(static\s+)?func\b/.test(code.trim())) inFunction = '';
    let rest = code.trim();

    const ext = /^extends\s+("[^"]+"|[\w.]+)/.exec(rest);
    if (topLevel && ext) extendsName = (ext[1] as string).replace(/^"|"$/g, '');
    const cls = /^class_name\s+(\w+)(?:\s+extends\s+("[^"]+"|[\w.]+))?/.exec(rest);
    if (topLevel && cls) {
      className = cls[1];
      if (cls[2]) extendsName = cls[2].replace(/^"|"$/g, '');
    }

    // Annotations before a declaration, possibly several on one line.
    while (topLevel && rest.startsWith('@')) {
      const ann = /^@(\w+)(\s*\((?:[^()"]|"[^"]*")*\))?\s*/.exec(rest);
      if (!ann) break;
      if (ann[1] === 'rpc') pendingRpc = ann[2] ?? '()';
      rest = rest.slice(ann[0].length);
    }

    const func = /^(?:static\s+)?func\s+(\w+)\s*\(/.exec(rest);
    if (topLevel && func) {
      inFunction = func[1] as string;
      if (pendingRpc !== null) {
        // Parameters may continue over several lines.
        let signature = rest.slice(func[0].length);
        while (!/\)\s*(->\s*[\w[\]]+\s*)?:/.test(signature) && i + 1 < lines.length) signature += ` ${stripComment(lines[++i] as string).trim()}`;
        const params = splitParams(signature.slice(0, closingParen(signature)));
        rpcs.push({ name: inFunction, ...rpcOptions(pendingRpc), params, line: i + 1 });
        pendingRpc = null;
      }
      continue;
    }
    if (topLevel && rest !== '' && pendingRpc !== null && !rest.startsWith('@')) pendingRpc = null;

    const variable = /^(?:static\s+)?var\s+(\w+)\s*(?::\s*([\w[\], ]+?))?\s*(:?=)\s*(.*?)\s*(?::\s*$|$)/.exec(rest) ?? /^(?:static\s+)?var\s+(\w+)\s*(?::\s*([\w[\]]+))?\s*$/.exec(rest);
    if (topLevel && variable) {
      const name = variable[1] as string;
      const declared = variable[2]?.trim();
      const defaultText = variable[4]?.trim();
      const inferred = defaultText !== undefined && defaultText !== '' ? literalType(defaultText) : undefined;
      vars.set(name, { name, type: declared || inferred, defaultText: inferred !== undefined ? defaultText : undefined });
      continue;
    }

    for (const match of code.matchAll(/(?:^|[^\w.])((?:\$[\w/"]+|get_node\([^)]*\)|\w+)\.)?(rpc_config|set_multiplayer_authority)\s*\(/g)) {
      const receiver = (match[1] ?? 'self.').slice(0, -1);
      const open = (match.index ?? 0) + match[0].length;
      const args = code.slice(open, open + closingParen(code.slice(open))).trim();
      if (match[2] === 'rpc_config') {
        calls.push({ kind: 'rpc_config', target: /^[&]?"(\w+)"/.exec(args)?.[1] ?? args, argument: args, inFunction, line: i + 1 });
      } else {
        calls.push({ kind: 'set_multiplayer_authority', target: receiver, argument: args, inFunction, line: i + 1 });
      }
    }
    if (/\bspawn_function\s*=/.test(code)) calls.push({ kind: 'spawn_function', target: '', argument: '', inFunction, line: i + 1 });
    if (/\bset_multiplayer\s*\(|\broot_path\s*=/.test(code)) calls.push({ kind: 'custom_multiplayer', target: '', argument: code.trim(), inFunction, line: i + 1 });
  }
  return { extends: extendsName, className, rpcs, vars, calls };
}

function stripComment(line: string): string {
  let quoted: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === quoted) quoted = null;
    } else if (c === '"' || c === "'") quoted = c;
    else if (c === '#') return line.slice(0, i);
  }
  return line;
}

function closingParen(text: string): number {
  let depth = 1;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(' || text[i] === '[') depth++;
    else if (text[i] === ')' || text[i] === ']') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return text.length;
}

function splitParams(text: string): ScriptRpc['params'] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of text) {
    if (c === '(' || c === '[' || c === '{') depth++;
    if (c === ')' || c === ']' || c === '}') depth--;
    if (c === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  if (current.trim() !== '') parts.push(current);
  return parts.map((part) => {
    const m = /^\s*(\w+)\s*(?::\s*([\w[\]]+))?\s*(:?=\s*(.*))?$/.exec(part.trim()) ?? [];
    const inferred = m[3]?.startsWith(':=') ? literalType((m[4] ?? '').trim()) : undefined;
    return { name: m[1] ?? part.trim(), type: m[2] ?? inferred, hasDefault: m[3] !== undefined };
  });
}

/** `@rpc("any_peer", "call_local", "unreliable", 2)` → options (arguments in any order). */
function rpcOptions(args: string): Pick<ScriptRpc, 'mode' | 'callLocal' | 'transfer' | 'channel'> {
  let mode: RpcMode = 'authority';
  let callLocal = false;
  let transfer: TransferName = 'reliable';
  let channel = 0;
  for (const token of args.replace(/^\(|\)$/g, '').split(',').map((s) => s.trim().replace(/^"|"$/g, ''))) {
    if (token === '') continue;
    if (RPC_MODES[token]) mode = RPC_MODES[token];
    else if (token === 'call_local') callLocal = true;
    else if (token === 'call_remote') callLocal = false;
    else if (TRANSFERS[token]) transfer = TRANSFERS[token];
    else if (/^\d+$/.test(token)) channel = Number(token);
  }
  return { mode, callLocal, transfer, channel };
}

/** The type of a literal default value (`0` int, `0.5` float, `"x"` String, `Vector2(…)`), else `undefined`. */
export function literalType(text: string): string | undefined {
  if (/^[-+]?\d+$/.test(text) || /^0x[0-9a-f]+$/i.test(text)) return 'int';
  if (/^[-+]?(\d+\.\d*|\.\d+|\d+e[-+]?\d+)$/i.test(text)) return 'float';
  if (/^(true|false)$/.test(text)) return 'bool';
  if (/^"(?:[^"\\]|\\.)*"$/.test(text)) return 'String';
  if (/^&"/.test(text)) return 'StringName';
  if (/^\^"/.test(text)) return 'NodePath';
  const ctor = /^([A-Z]\w*)\s*\(/.exec(text);
  if (ctor && /^(Vector[234]i?|Rect2i?|Color|Quaternion|Plane|AABB|Basis|Transform[23]D|Projection|PackedStringArray|Packed\w+Array)$/.test(ctor[1] as string)) return ctor[1];
  const constant = /^(Vector[234]i?|Color|Quaternion|Basis|Transform[23]D|Projection)\.[A-Z_]+$/.exec(text);
  if (constant) return constant[1];
  if (text.startsWith('[')) return 'Array';
  if (text.startsWith('{')) return 'Dictionary';
  return undefined;
}
