/**
 * `pp-scene-import`'s engine: reads a Godot 4 project's text files (`project.godot`, `.tscn`,
 * `.gd`) and writes the declaration of everything that touches the network — the nodes with
 * `@rpc` functions, `MultiplayerSpawner`s and the scenes they spawn, `MultiplayerSynchronizer`s
 * with their replication configs and property types — as JSON (`GameJson`).
 *
 * What it cannot see is reported as warnings, to be declared by hand: `rpc_config()` calls,
 * multiplayer authority set in code (the `set_multiplayer_authority(name.to_int())` pattern in
 * `_enter_tree` is recognised), custom spawn functions, nodes created in code outside spawners,
 * a custom multiplayer root, C# scripts.
 */
import { tagOfGodotType, type TypeName } from '../declaration/types.js';
import { GAME_JSON_FORMAT, type GameJson, type NodeJson, type PropertyJson, type RpcJson, type SceneJson, type ValueJson } from '../declaration/json.js';
import type { ReplicationModeName } from '../declaration/define.js';
import { joinPath } from '../tree/paths.js';
import { builtinPropertyType, inheritsClass } from './builtin-properties.js';
import { parseGdscript, type ScriptInfo, type ScriptRpc } from './gdscript.js';
import { readScene, type SceneNodeInfo, type SceneReader } from './scene-file.js';
import { parseTextResource } from './text-resource.js';
import { boolOf, numberOf, parseTextValue, stringOf, type TextValue } from './text-value.js';

/** Options of `importProject`. */
export interface ImportOptions {
  /** The scene the game starts (`res://main.tscn`). @default `run/main_scene` of project.godot */
  readonly mainScene?: string;
  /** The Godot version of the client build. @default the version in `config/features`, else '4.6' */
  readonly godot?: string;
}

/** Something the importer could not read or had to guess; the declaration may need a hand edit there. */
export interface ImportWarning {
  /** The `res://`-relative file it is about. */
  readonly file: string;
  /** The 1-based line, when known. */
  readonly line: number | undefined;
  /** What was wrong, and what to declare by hand. */
  readonly message: string;
}

/** What `importProject` produces. */
export interface ImportResult {
  /** The declaration in its JSON form (`gameFromJson` loads it, `emitTypeScript` turns it into source). */
  readonly json: GameJson;
  /** What could not be read or was guessed, in the order found. */
  readonly warnings: readonly ImportWarning[];
}

/** A `name.to_int()`-style authority expression: the node's own (or a parent's) name read as an int. */
const NAME_AUTHORITY = /^(?:str\(\s*name\s*\)\.to_int\(\)|name\.to_int\(\)|int\(\s*(?:str\(\s*)?name\s*\)?\s*\)|String\(\s*name\s*\)\.to_int\(\))$/;

/** Imports a project given as a map of its files (`res://`-relative paths → text). */
export function importProject(files: Readonly<Record<string, string>>, options: ImportOptions = {}): ImportResult {
  return new ProjectImporter(files).run(options);
}

class ProjectImporter implements SceneReader {
  readonly #files = new Map<string, string>();
  readonly #warnings: ImportWarning[] = [];
  readonly #uids = new Map<string, string>();
  readonly #classes = new Map<string, string>();
  readonly #scripts = new Map<string, ScriptInfo>();
  readonly #scenes: Record<string, SceneJson> = {};
  readonly #queue: string[] = [];

  constructor(files: Readonly<Record<string, string>>) {
    for (const [path, text] of Object.entries(files)) this.#files.set(normalize(path), text);
    for (const [path, text] of this.#files) {
      if (path.endsWith('.tscn')) {
        const uid = /^\[gd_scene[^\]]*\buid="(uid:\/\/[^"]+)"/m.exec(text)?.[1];
        if (uid) this.#uids.set(uid, path);
      }
      if (path.endsWith('.uid')) this.#uids.set(text.trim(), path.slice(0, -4));
      if (path.endsWith('.gd')) {
        const name = /^class_name\s+(\w+)/m.exec(text)?.[1];
        if (name) this.#classes.set(name, path);
      }
      if (path.endsWith('.cs')) this.warn(path, undefined, 'C# scripts are not read: declare their [Rpc] methods by hand');
    }
  }

  read(path: string): string | undefined {
    return this.#files.get(normalize(path));
  }

  resolveUid(uid: string): string | undefined {
    return this.#uids.get(uid);
  }

  warn(file: string, line: number | undefined, message: string): void {
    this.#warnings.push({ file, line, message });
  }

  run(options: ImportOptions): ImportResult {
    const project = this.read('res://project.godot');
    const settings = new Map<string, TextValue>();
    if (project === undefined) this.warn('project.godot', undefined, 'no project.godot');
    else {
      for (const section of parseTextResource(project).sections) {
        for (const [key, value] of section.props) settings.set(section.tag === '' ? key : `${section.tag}/${key}`, value);
      }
    }
    const godot = options.godot ?? this.#godotVersion(settings);
    const nodes: Record<string, NodeJson> = {};

    // Autoloads are children of /root, added before the main scene.
    for (const [key, value] of settings) {
      if (!key.startsWith('autoload/')) continue;
      const target = (stringOf(value) ?? '').replace(/^\*/, '');
      const name = key.slice('autoload/'.length);
      if (target.endsWith('.gd')) {
        const node = this.#nodeJson({ rel: '.', type: undefined, script: target, props: new Map(), file: 'project.godot', subResources: new Map() }, [], name, 'static');
        if (node) nodes[name] = node;
      } else if (target.endsWith('.tscn')) {
        Object.assign(nodes, this.#staticScene(target, name));
      }
    }

    const main = options.mainScene ?? this.#resolve(stringOf(settings.get('application/run/main_scene')));
    if (main === undefined) this.warn('project.godot', undefined, 'no main scene (application/run/main_scene)');
    else Object.assign(nodes, this.#staticScene(main, undefined));

    while (this.#queue.length > 0) {
      const path = this.#queue.shift() as string;
      if (this.#scenes[path]) continue;
      this.#scenes[path] = { path, nodes: {} };
      this.#scenes[path] = this.#spawnableScene(path);
    }
    return { json: { format: GAME_JSON_FORMAT, godot, rootPath: '/root', nodes, scenes: this.#scenes }, warnings: this.#warnings };
  }

  #godotVersion(settings: Map<string, TextValue>): string {
    const features = settings.get('application/config/features');
    const list = features?.kind === 'call' ? features.args.map(stringOf) : [];
    const version = list.find((f) => f !== undefined && /^4\.[0-6]$/.test(f));
    if (version) return version;
    this.warn('project.godot', undefined, 'no Godot version in config/features; assuming 4.6 (pass --godot to set it)');
    return '4.6';
  }

  #resolve(ref: string | undefined): string | undefined {
    if (ref === undefined) return undefined;
    return ref.startsWith('uid://') ? this.#uids.get(ref) : normalize(ref);
  }

  /** The nodes of a scene placed in the tree (main scene, autoload scene), by path below /root. */
  #staticScene(path: string, rootName: string | undefined): Record<string, NodeJson> {
    const scene = readScene(path, this);
    if (!scene) {
      this.warn(path, undefined, 'scene not found');
      return {};
    }
    const name = rootName ?? (scene.nodes.find((n) => n.rel === '.') ? this.#rootName(path) : 'root');
    const out: Record<string, NodeJson> = {};
    for (const node of scene.nodes) {
      const json = this.#nodeJson(node, scene.nodes, name, 'static');
      if (json) out[node.rel === '.' ? name : `${name}/${node.rel}`] = json;
    }
    return out;
  }

  #rootName(path: string): string {
    const text = this.read(path) ?? '';
    return /^\[node name="([^"]+)"[^\]]*\]/m.exec(text.replace(/\[node name="[^"]+"[^\]]*parent=[^\]]*\]/g, ''))?.[1] ?? 'root';
  }

  #spawnableScene(path: string): SceneJson {
    const scene = readScene(path, this);
    if (!scene) {
      this.warn(path, undefined, 'spawnable scene not found');
      return { path, nodes: { '.': {} } };
    }
    const nodes: Record<string, NodeJson> = {};
    let authority: SceneJson['authority'];
    for (const node of scene.nodes) {
      const json = this.#nodeJson(node, scene.nodes, '.', 'scene');
      if (node.rel === '.') {
        // The root's authority applies to the whole scene (set_multiplayer_authority is recursive).
        const { authority: rootAuthority, ...rest } = json ?? {};
        authority = rootAuthority;
        nodes['.'] = rest;
      } else if (json) nodes[node.rel] = json;
    }
    return { path, ...(authority === undefined ? {} : { authority }), nodes };
  }

  /** The declaration of one node, or `undefined` when it does not touch the network. */
  #nodeJson(node: SceneNodeInfo, all: readonly SceneNodeInfo[], rootName: string, where: 'static' | 'scene'): NodeJson | undefined {
    const out: { -readonly [K in keyof NodeJson]: NodeJson[K] } = {};
    const script = node.script ? this.#script(node.script) : undefined;
    const rpcList = node.script ? this.#rpcs(node.script, new Set()) : [];
    if (rpcList.length > 0) out.rpc = Object.fromEntries(rpcList.map((r) => [r.name, this.#rpcJson(r, node.script as string)]));
    if (script) this.#runtimeCalls(node, script, all, where, out);
    if (node.type === 'MultiplayerSynchronizer') out.synchronizer = this.#synchronizer(node, all);
    if (node.type === 'MultiplayerSpawner') out.spawner = this.#spawner(node);
    const authorityFromOthers = this.#authorityFromParents(node, all);
    if (authorityFromOthers !== undefined && out.authority === undefined) out.authority = authorityFromOthers;
    const isTarget = all.some((n) => n.type === 'MultiplayerSynchronizer' && this.#syncTargets(n, all).includes(node.rel));
    if (Object.keys(out).length === 0 && !isTarget && !(where === 'scene' && node.rel === '.')) return undefined;
    void rootName;
    return out;
  }

  #script(path: string): ScriptInfo | undefined {
    let info = this.#scripts.get(path);
    if (info) return info;
    const text = this.read(path);
    if (text === undefined) {
      this.warn(path, undefined, 'script not found');
      return undefined;
    }
    info = parseGdscript(text);
    this.#scripts.set(path, info);
    return info;
  }

  /** The script's `@rpc` functions, base scripts' included (a redeclared name keeps one entry). */
  #rpcs(path: string, seen: Set<string>): ScriptRpc[] {
    if (seen.has(path)) return [];
    seen.add(path);
    const info = this.#script(path);
    if (!info) return [];
    const base = this.#baseScript(info.extends);
    const inherited = base ? this.#rpcs(base, seen) : [];
    const own = new Map(info.rpcs.map((r) => [r.name, r]));
    return [...inherited.filter((r) => !own.has(r.name)), ...own.values()];
  }

  #baseScript(ext: string | undefined): string | undefined {
    if (ext === undefined) return undefined;
    if (ext.startsWith('res://')) return normalize(ext);
    return this.#classes.get(ext);
  }

  /** The engine class a node script finally extends. */
  #engineClass(node: SceneNodeInfo): string | undefined {
    if (node.type) return node.type;
    let ext = node.script ? this.#script(node.script)?.extends : undefined;
    for (let i = 0; i < 16 && ext !== undefined; i++) {
      const base = this.#baseScript(ext);
      if (!base) return ext;
      ext = this.#script(base)?.extends;
    }
    return undefined;
  }

  #rpcJson(r: ScriptRpc, file: string): RpcJson {
    const args: TypeName[] = r.params.map((p) => {
      const { key, known } = tagOfGodotType(p.type);
      if (!known) this.warn(file, r.line, `${r.name}(${p.name}: ${p.type}): objects do not cross the network; typed as Variant`);
      return key;
    });
    const minArgs = r.params.filter((p) => !p.hasDefault).length;
    return {
      mode: r.mode, callLocal: r.callLocal, transfer: r.transfer, channel: r.channel, args,
      ...(minArgs === args.length ? {} : { minArgs }),
    };
  }

  /** `rpc_config`, `set_multiplayer_authority`, `spawn_function`… found in a node's script. */
  #runtimeCalls(node: SceneNodeInfo, script: ScriptInfo, _all: readonly SceneNodeInfo[], where: 'static' | 'scene', out: { authority?: NodeJson['authority'] }): void {
    const file = node.script as string;
    for (const call of script.calls) {
      if (call.kind === 'rpc_config') {
        this.warn(file, call.line, `rpc_config("${call.target}", …) configures an RPC at run time: declare it by hand under nodeRpc (node-level, id 0x8000 | i)`);
      } else if (call.kind === 'spawn_function') {
        this.warn(file, call.line, 'a custom spawn_function: declare the spawner\'s `custom` (scene and data type) by hand');
      } else if (call.kind === 'custom_multiplayer') {
        this.warn(file, call.line, `a custom multiplayer or root path (${call.argument}): check the declaration's rootPath`);
      } else if (call.target === 'self' && call.inFunction === '_enter_tree' && NAME_AUTHORITY.test(call.argument) && where === 'scene') {
        out.authority = 'name';
      } else if (!(call.target.startsWith('$') && call.inFunction === '_enter_tree' && NAME_AUTHORITY.test(call.argument))) {
        this.warn(file, call.line, `${call.target}.set_multiplayer_authority(${call.argument}) in ${call.inFunction || 'class body'}: declare that authority by hand (authority / sceneAuthority, or setMultiplayerAuthority at run time)`);
      }
    }
  }

  /** Authority given to `node` by a parent's `$Child.set_multiplayer_authority(name.to_int())` in `_enter_tree`. */
  #authorityFromParents(node: SceneNodeInfo, all: readonly SceneNodeInfo[]): 'name' | undefined {
    for (const other of all) {
      if (!other.script) continue;
      for (const call of this.#script(other.script)?.calls ?? []) {
        if (call.kind !== 'set_multiplayer_authority' || !call.target.startsWith('$') || call.inFunction !== '_enter_tree') continue;
        if (!NAME_AUTHORITY.test(call.argument)) continue;
        const child = call.target.slice(1).replace(/^"|"$/g, '');
        const target = other.rel === '.' ? child : `${other.rel}/${child}`;
        if (node.rel === target || node.rel.startsWith(`${target}/`)) return 'name';
      }
    }
    return undefined;
  }

  #syncTargets(sync: SceneNodeInfo, _all: readonly SceneNodeInfo[]): string[] {
    const root = joinPath(sync.rel === '.' ? '' : sync.rel, stringOf(sync.props.get('root_path')) ?? '..');
    return this.#replicationProps(sync).map((p) => joinPath(root, p.path.slice(0, Math.max(0, p.path.indexOf(':'))) || '.') || '.');
  }

  #replicationProps(sync: SceneNodeInfo): Array<{ path: string; spawn: boolean; mode: ReplicationModeName; alsoWatch: boolean; line: number }> {
    const ref = sync.props.get('replication_config');
    const section = ref?.kind === 'call' && ref.name === 'SubResource' ? sync.subResources.get(stringOf(ref) ?? '') : undefined;
    if (!ref) return [];
    if (!section) {
      this.warn(sync.file, undefined, `${sync.rel}: replication_config is not an inline SubResource; declare its properties by hand`);
      return [];
    }
    const out: Array<{ path: string; spawn: boolean; mode: ReplicationModeName; alsoWatch: boolean; line: number }> = [];
    for (let i = 0; section.props.has(`properties/${i}/path`); i++) {
      const get = (key: string): TextValue | undefined => section.props.get(`properties/${i}/${key}`);
      const path = stringOf(get('path')) ?? '';
      const spawn = boolOf(get('spawn')) ?? true;
      const modeNumber = numberOf(get('replication_mode'));
      const sync = boolOf(get('sync'));
      const watch = boolOf(get('watch'));
      let mode: ReplicationModeName;
      let alsoWatch = false;
      if (modeNumber !== undefined) mode = modeNumber === 0 ? 'never' : modeNumber === 2 ? 'on_change' : 'always';
      else if (sync === undefined && watch === undefined) mode = 'always';
      else if (sync !== false) {
        mode = 'always';
        alsoWatch = watch === true; // Godot 4.1: in both lists.
      } else mode = watch === true ? 'on_change' : 'never';
      out.push({ path, spawn, mode, alsoWatch, line: section.line });
    }
    return out;
  }

  #synchronizer(node: SceneNodeInfo, all: readonly SceneNodeInfo[]): NonNullable<NodeJson['synchronizer']> {
    const rootPath = stringOf(node.props.get('root_path')) ?? '..';
    const rootRel = joinPath(node.rel === '.' ? '' : node.rel, rootPath) || '.';
    const properties: PropertyJson[] = this.#replicationProps(node).map((p) => {
      const colon = p.path.indexOf(':');
      const targetRel = joinPath(rootRel === '.' ? '' : rootRel, colon <= 0 ? '.' : p.path.slice(0, colon)) || '.';
      const property = p.path.slice(colon + 1);
      const target = all.find((n) => n.rel === targetRel);
      const { type, fallback } = this.#propertyType(target, property);
      if (type === 'any') this.warn(node.file, p.line, `${node.rel}: the type of ${p.path} is unknown (${fallback}); typed as Variant — declare it by hand`);
      const value = target ? this.#defaultValue(target, property) : undefined;
      return {
        path: p.path, type, spawn: p.spawn, mode: p.mode, ...(p.alsoWatch ? { alsoWatch: true } : {}), ...(value === undefined ? {} : { default: value }),
      };
    });
    const interval = numberOf(node.props.get('replication_interval'));
    const delta = numberOf(node.props.get('delta_interval'));
    const visible = boolOf(node.props.get('public_visibility'));
    return {
      ...(rootPath === '..' ? {} : { root: rootPath }),
      properties,
      ...(interval === undefined ? {} : { replicationInterval: interval }),
      ...(delta === undefined ? {} : { deltaInterval: delta }),
      ...(visible === undefined ? {} : { publicVisibility: visible }),
    };
  }

  #propertyType(target: SceneNodeInfo | undefined, property: string): { type: TypeName; fallback: string } {
    if (!target) return { type: 'any', fallback: 'its node is not in the scene' };
    const engine = this.#engineClass(target);
    const builtin = builtinPropertyType(engine, property);
    if (builtin) return { type: tagOfGodotType(builtin).key, fallback: '' };
    const variable = target.script ? this.#scriptVar(target.script, property, new Set()) : undefined;
    if (variable?.type) {
      const { key, known } = tagOfGodotType(variable.type);
      return { type: key, fallback: known ? '' : `script type ${variable.type}` };
    }
    return { type: 'any', fallback: variable ? 'the script variable is untyped' : `not a known property of ${engine ?? 'the node'}` };
  }

  #scriptVar(path: string, name: string, seen: Set<string>): { type: string | undefined; defaultText: string | undefined } | undefined {
    if (seen.has(path)) return undefined;
    seen.add(path);
    const info = this.#script(path);
    const own = info?.vars.get(name);
    if (own) return own;
    const base = this.#baseScript(info?.extends);
    return base ? this.#scriptVar(base, name, seen) : undefined;
  }

  /** The property's starting value: the scene's override, else the script's literal default. */
  #defaultValue(target: SceneNodeInfo, property: string): ValueJson | undefined {
    const fromScene = target.props.get(property);
    if (fromScene) return valueJson(fromScene);
    const variable = target.script ? this.#scriptVar(target.script, property, new Set()) : undefined;
    if (variable?.defaultText === undefined) return undefined;
    const constant = NAMED_CONSTANTS[variable.defaultText];
    if (constant) return constant;
    try {
      return valueJson(parseTextValue(variable.defaultText));
    } catch {
      return undefined;
    }
  }

  #spawner(node: SceneNodeInfo): NonNullable<NodeJson['spawner']> {
    const list = node.props.get('_spawnable_scenes');
    const scenes: string[] = [];
    for (const item of list?.kind === 'call' ? list.args : list?.kind === 'array' ? list.items : []) {
      const path = this.#resolve(stringOf(item));
      if (path === undefined) {
        this.warn(node.file, undefined, `${node.rel}: spawnable scene ${stringOf(item) ?? '?'} cannot be resolved`);
        continue;
      }
      scenes.push(path);
      this.#queue.push(path);
    }
    const limit = numberOf(node.props.get('spawn_limit'));
    return { spawnPath: stringOf(node.props.get('spawn_path')) ?? '', scenes, ...(limit ? { spawnLimit: limit } : {}) };
  }
}

/** The named constants game scripts use most as defaults. */
const NAMED_CONSTANTS: Record<string, ValueJson> = {
  'Vector2.ZERO': { type: 'Vector2', args: [0, 0] }, 'Vector2.ONE': { type: 'Vector2', args: [1, 1] },
  'Vector2.LEFT': { type: 'Vector2', args: [-1, 0] }, 'Vector2.RIGHT': { type: 'Vector2', args: [1, 0] },
  'Vector2.UP': { type: 'Vector2', args: [0, -1] }, 'Vector2.DOWN': { type: 'Vector2', args: [0, 1] },
  'Vector3.ZERO': { type: 'Vector3', args: [0, 0, 0] }, 'Vector3.ONE': { type: 'Vector3', args: [1, 1, 1] },
  'Vector2i.ZERO': { type: 'Vector2i', args: [0, 0] }, 'Vector3i.ZERO': { type: 'Vector3i', args: [0, 0, 0] },
  'Color.WHITE': { type: 'Color', args: [1, 1, 1, 1] }, 'Color.BLACK': { type: 'Color', args: [0, 0, 0, 1] },
  'Color.TRANSPARENT': { type: 'Color', args: [1, 1, 1, 0] },
};

function normalize(path: string): string {
  return `res://${path.replace(/^res:\/\//, '').replace(/^\/+/, '')}`;
}

/** A text value as a `ValueJson` (simple values and math constructors), else `undefined`. */
function valueJson(value: TextValue): ValueJson | undefined {
  switch (value.kind) {
    case 'int':
      return value.value;
    case 'float':
      return Number.isInteger(value.value) ? { float: value.value } : value.value;
    case 'bool':
      return value.value;
    case 'string':
      return value.prefix === '&' ? { type: 'StringName', args: [value.value] } : value.prefix === '^' ? { type: 'NodePath', args: [value.value] } : value.value;
    case 'call': {
      if (!/^(Vector[234]i?|Color|Quaternion|Rect2i?|Plane|AABB|Transform2D)$/.test(value.name)) return undefined;
      const args = value.args.map((a) => numberOf(a));
      if (args.some((a) => a === undefined)) return undefined;
      return { type: value.name, args: args as number[] };
    }
    default:
      return undefined;
  }
}

export { inheritsClass };
