/**
 * A `GameJson` as TypeScript source: `defineScene(...)` per spawnable scene (in dependency order)
 * and `defineGame(...)`, with `t` tags and `rpc()` calls, ready to import and type-check.
 */
import type { GameJson, NodeJson, PropertyJson, RpcJson, SceneJson, ValueJson } from '../declaration/json.js';

/** Options of `emitTypeScript`. */
export interface EmitOptions {
  /** Where `defineGame` & co. come from. @default '@pp/scene' */
  readonly scenePackage?: string;
  /** Where `Vector2` & co. come from. @default '@pp/core' */
  readonly corePackage?: string;
  /** Shown in the header comment (the project folder). */
  readonly source?: string;
  /** Lines added to the header comment (the importer's warnings). */
  readonly notes?: readonly string[];
}

const IDENT = /^[A-Za-z_$][\w$]*$/;
const key = (k: string): string => (IDENT.test(k) ? k : `'${k.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);
const str = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * Writes a declaration's JSON form as TypeScript source: a `defineScene(...)` per spawnable scene, then
 * `export const game = defineGame(...)`.
 */
export function emitTypeScript(json: GameJson, options: EmitOptions = {}): string {
  const names = sceneNames(json.scenes);
  const coreImports = new Set<string>();
  const value = (v: ValueJson): string => {
    if (v === null || typeof v === 'boolean' || typeof v === 'number') return String(v);
    if (typeof v === 'string') return str(v);
    if (Array.isArray(v)) return `[${v.map(value).join(', ')}]`;
    if ('float' in v) {
      coreImports.add('float');
      return `float(${v.float})`;
    }
    const { type, args } = v as { type: string; args: readonly ValueJson[] };
    coreImports.add(type);
    if (type === 'Rect2' || type === 'Rect2i') {
      const vec = type === 'Rect2' ? 'Vector2' : 'Vector2i';
      coreImports.add(vec);
      return `new ${type}(new ${vec}(${args.slice(0, 2).map(value).join(', ')}), new ${vec}(${args.slice(2).map(value).join(', ')}))`;
    }
    return `new ${type}(${args.map(value).join(', ')})`;
  };
  const rpcCall = (r: RpcJson): string => {
    const fields: string[] = [];
    if (r.mode && r.mode !== 'authority') fields.push(`mode: ${str(r.mode)}`);
    if (r.callLocal) fields.push('callLocal: true');
    if (r.transfer && r.transfer !== 'reliable') fields.push(`transfer: ${str(r.transfer)}`);
    if (r.channel) fields.push(`channel: ${r.channel}`);
    if (r.args) fields.push(`args: [${r.args.map((a) => `t.${a}`).join(', ')}]`);
    if (r.minArgs !== undefined) fields.push(`minArgs: ${r.minArgs}`);
    return fields.length === 0 ? 'rpc()' : `rpc({ ${fields.join(', ')} })`;
  };
  const property = (p: PropertyJson): string => {
    const fields = [`path: ${str(p.path)}`, `type: t.${p.type}`];
    if (p.spawn === false) fields.push('spawn: false');
    if (p.mode && p.mode !== 'always') fields.push(`mode: ${str(p.mode)}`);
    if (p.alsoWatch) fields.push('alsoWatch: true');
    if (p.default !== undefined) fields.push(`default: ${value(p.default)}`);
    return `{ ${fields.join(', ')} }`;
  };
  const authority = (a: NodeJson['authority']): string => (typeof a === 'number' ? String(a) : str(a as string));
  const node = (n: NodeJson, indent: string): string => {
    const parts: string[] = [];
    const inner = `${indent}  `;
    const methods = (list: Readonly<Record<string, RpcJson>>): string =>
      `{\n${Object.entries(list).map(([m, r]) => `${inner}  ${key(m)}: ${rpcCall(r)},`).join('\n')}\n${inner}}`;
    if (n.rpc && Object.keys(n.rpc).length > 0) parts.push(`rpc: ${methods(n.rpc)}`);
    if (n.nodeRpc && Object.keys(n.nodeRpc).length > 0) parts.push(`nodeRpc: ${methods(n.nodeRpc)}`);
    if (n.authority !== undefined) parts.push(`authority: ${authority(n.authority)}`);
    if (n.synchronizer) {
      const s = n.synchronizer;
      const fields: string[] = [];
      if (s.root !== undefined) fields.push(`root: ${str(s.root)}`);
      if (s.replicationInterval !== undefined) fields.push(`replicationInterval: ${s.replicationInterval}`);
      if (s.deltaInterval !== undefined) fields.push(`deltaInterval: ${s.deltaInterval}`);
      if (s.publicVisibility !== undefined) fields.push(`publicVisibility: ${s.publicVisibility}`);
      fields.push(`properties: [\n${s.properties.map((p) => `${inner}    ${property(p)},`).join('\n')}\n${inner}  ]`);
      parts.push(`synchronizer: {\n${fields.map((f) => `${inner}  ${f},`).join('\n')}\n${inner}}`);
    }
    if (n.spawner) {
      const s = n.spawner;
      const fields = [`spawnPath: ${str(s.spawnPath)}`, `scenes: [${s.scenes.map((p) => names.get(p) ?? str(p)).join(', ')}]`];
      if (s.spawnLimit) fields.push(`spawnLimit: ${s.spawnLimit}`);
      if (s.sceneAuthority !== undefined) fields.push(`sceneAuthority: ${authority(s.sceneAuthority)}`);
      parts.push(`spawner: { ${fields.join(', ')} }`);
    }
    if (parts.length === 0) return '{}';
    return `{\n${parts.map((p) => `${inner}${p},`).join('\n')}\n${indent}}`;
  };
  const nodes = (list: Readonly<Record<string, NodeJson>>, indent: string): string =>
    `{\n${Object.entries(list).map(([path, n]) => `${indent}  ${key(path)}: ${node(n, `${indent}  `)},`).join('\n')}\n${indent}}`;

  const body: string[] = [];
  for (const path of sceneOrder(json)) {
    const scene = json.scenes[path] as SceneJson;
    const fields: string[] = [];
    if (scene.authority !== undefined) fields.push(`  authority: ${authority(scene.authority)},`);
    fields.push(`  nodes: ${nodes(scene.nodes, '  ')},`);
    body.push(`export const ${names.get(path) as string} = defineScene(${str(path)}, {\n${fields.join('\n')}\n});\n`);
  }
  const gameFields = [`  godot: ${str(json.godot)},`];
  if (json.rootPath !== undefined && json.rootPath !== '/root') gameFields.push(`  rootPath: ${str(json.rootPath)},`);
  gameFields.push(`  nodes: ${nodes(json.nodes, '  ')},`);
  body.push(`export const game = defineGame({\n${gameFields.join('\n')}\n});\n`);

  const header = [
    `// Generated by pp-scene-import${options.source ? ` from ${options.source}` : ''}. Re-run it after changing the project;`,
    '// keep hand-written overrides (authority set in code, rpc_config, custom spawns) in another file.',
    ...(options.notes ?? []).map((n) => `// ${n}`),
  ];
  const imports: string[] = [];
  if (coreImports.size > 0) imports.push(`import { ${[...coreImports].sort().join(', ')} } from ${str(options.corePackage ?? '@pp/core')};`);
  const used = ['defineGame', ...(Object.keys(json.scenes).length > 0 ? ['defineScene'] : [])];
  const source = body.join('\n');
  if (/\brpc\(/.test(source)) used.push('rpc');
  if (/\bt\./.test(source)) used.push('t');
  imports.push(`import { ${used.join(', ')} } from ${str(options.scenePackage ?? '@pp/scene')};`);
  return `${header.join('\n')}\n${imports.join('\n')}\n\n${source}`;
}

/** PascalCase constant names from scene file names, unique. */
function sceneNames(scenes: Readonly<Record<string, SceneJson>>): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set(['game', 'defineGame', 'defineScene', 'rpc', 't']);
  for (const path of Object.keys(scenes)) {
    const base = (path.split('/').pop() ?? 'Scene').replace(/\.tscn$/, '');
    let name = base.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0]?.toUpperCase() + w.slice(1)).join('') || 'Scene';
    if (/^\d/.test(name)) name = `Scene${name}`;
    let unique = name;
    for (let i = 2; taken.has(unique); i++) unique = `${name}${i}`;
    taken.add(unique);
    out.set(path, unique);
  }
  return out;
}

/** Scenes in an order where every scene comes after the scenes its spawners list. */
function sceneOrder(json: GameJson): string[] {
  const order: string[] = [];
  const visiting = new Set<string>();
  const visit = (path: string): void => {
    if (order.includes(path) || visiting.has(path) || !json.scenes[path]) return;
    visiting.add(path);
    for (const n of Object.values(json.scenes[path].nodes)) for (const dep of n.spawner?.scenes ?? []) visit(dep);
    visiting.delete(path);
    order.push(path);
  };
  for (const path of Object.keys(json.scenes)) visit(path);
  return order;
}
