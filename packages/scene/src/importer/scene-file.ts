/**
 * A `.tscn` read into its node list: each node's path in the scene (`.` for the root), type,
 * script and properties, with instanced sub-scenes expanded in place (their nodes appear below
 * the instancing node, as at run time) and sub-resources kept for replication configs.
 */
import { parseTextResource, type TextSection } from './text-resource.js';
import { stringOf, type TextValue } from './text-value.js';

export interface SceneNodeInfo {
  /** Path in the scene: `.` for the root, `Players`, `Body/Sprite`. */
  readonly rel: string;
  type: string | undefined;
  /** `res://` path of the attached script. */
  script: string | undefined;
  readonly props: Map<string, TextValue>;
  /** The scene file the node's section was written in (for messages). */
  readonly file: string;
  /** Sub-resources of the file that defines the node (replication configs). */
  readonly subResources: ReadonlyMap<string, TextSection>;
}

export interface SceneFile {
  readonly path: string;
  readonly uid: string | undefined;
  readonly nodes: SceneNodeInfo[];
}

export interface SceneReader {
  /** A file's text, or `undefined` when the project has no such file. */
  read(path: string): string | undefined;
  /** Resolves `uid://…` to a `res://` path. */
  resolveUid(uid: string): string | undefined;
  warn(file: string, line: number | undefined, message: string): void;
}

/** Reads a scene, expanding instanced scenes (at most `depth` levels). */
export function readScene(path: string, reader: SceneReader, depth = 16): SceneFile | undefined {
  const text = reader.read(path);
  if (text === undefined) return undefined;
  const { sections, errors } = parseTextResource(text);
  for (const error of errors) reader.warn(path, undefined, error);
  const ext = new Map<string, string>();
  const sub = new Map<string, TextSection>();
  let uid: string | undefined;
  const nodes: SceneNodeInfo[] = [];
  for (const section of sections) {
    if (section.tag === 'gd_scene') uid = stringOf(section.attrs.get('uid'));
    if (section.tag === 'ext_resource') {
      const id = stringOf(section.attrs.get('id'));
      const resPath = stringOf(section.attrs.get('path')) ?? resolve(stringOf(section.attrs.get('uid')), reader);
      if (id !== undefined && resPath !== undefined) ext.set(id, resPath);
    }
    if (section.tag === 'sub_resource') {
      const id = stringOf(section.attrs.get('id'));
      if (id !== undefined) sub.set(id, section);
    }
    if (section.tag !== 'node') continue;
    const name = stringOf(section.attrs.get('name')) ?? '';
    const parent = stringOf(section.attrs.get('parent'));
    const rel = parent === undefined ? '.' : parent === '.' ? name : `${parent}/${name}`;
    const scriptRef = section.props.get('script');
    const script = scriptRef?.kind === 'call' && scriptRef.name === 'ExtResource' ? ext.get(stringOf(scriptRef) ?? '') : undefined;
    const instance = section.attrs.get('instance');
    const existing = nodes.find((n) => n.rel === rel);
    if (instance) {
      const instPath = ext.get(stringOf(instance) ?? '');
      const inner = instPath !== undefined && depth > 0 ? readScene(instPath, reader, depth - 1) : undefined;
      if (!inner) reader.warn(path, section.line, `cannot read the instanced scene of node ${rel}`);
      for (const node of inner?.nodes ?? []) {
        const innerRel = node.rel === '.' ? rel : rel === '.' ? node.rel : `${rel}/${node.rel}`;
        nodes.push({ ...node, rel: innerRel, props: new Map(node.props) });
      }
    }
    const target = nodes.find((n) => n.rel === rel) ?? existing;
    if (target) {
      // An instanced node, or an override of a node of an instanced scene ("editable children").
      if (section.attrs.get('type')) target.type = stringOf(section.attrs.get('type'));
      if (script) target.script = script;
      for (const [key, value] of section.props) if (key !== 'script') target.props.set(key, value);
      continue;
    }
    const props = new Map(section.props);
    props.delete('script');
    nodes.push({ rel, type: stringOf(section.attrs.get('type')), script, props, file: path, subResources: sub });
  }
  return { path, uid, nodes };
}

function resolve(uid: string | undefined, reader: SceneReader): string | undefined {
  return uid === undefined ? undefined : reader.resolveUid(uid);
}
