/**
 * Checks a JavaScript value against the JSON tree a Godot engine printed for the same Variant
 * (see `describe-gd.ts`), following @pp/core's documented value mapping. Returns the mismatches,
 * each with its path, so a failing case says exactly where it went wrong.
 */
import {
  AABB, Basis, Callable, Color, Dictionary, EncodedObjectAsID, Float, Int, NodePath, PackedColorArray,
  PackedStringArray, PackedVector2Array, PackedVector3Array, PackedVector4Array, Plane, Projection, Quaternion,
  RID, Rect2, Rect2i, Signal, StringName, Transform2D, Transform3D, TypedArray, Vector2, Vector2i, Vector3,
  Vector3i, Vector4, Vector4i, type ContainerType,
} from '@pp/core';

export type Tree = [string, ...unknown[]];

export interface MatchOptions {
  /**
   * The value came from `bytesToVar(…, { exact: true })` (or is shaped like it): every float is a
   * `Float`. Otherwise (default decoding) integral floats are `Float`s and the others `number`s.
   */
  exact: boolean;
}

/** The hex of a double's little-endian bytes, as the GDScript side prints floats. */
export function f64hex(x: number): string {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setFloat64(0, x, true);
  return Buffer.from(bytes).toString('hex');
}

/** The hex of a 64-bit id's little-endian bytes. */
export function u64hex(x: bigint): string {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt.asUintN(64, x), true);
  return Buffer.from(bytes).toString('hex');
}

function sameReal(value: number, hex: unknown): boolean {
  if (typeof hex !== 'string') return false;
  if (Number.isNaN(value)) return Number.isNaN(Buffer.from(hex, 'hex').readDoubleLE(0));
  return f64hex(value) === hex;
}

type Fail = (what: string) => void;
type Check<T> = (value: T, rest: unknown[], fail: Fail, recurse: Recurse) => void;
type Recurse = (value: unknown, tree: Tree, where: string) => void;
type Ctor<T> = abstract new (...args: never[]) => T;

/** Checks for the Godot types that map to one class, by Godot type name. */
const CLASS_CHECKS: Record<string, [Ctor<unknown>, Check<never>]> = {};

function byClass<T>(name: string, ctor: Ctor<T>, check: Check<T>): void {
  CLASS_CHECKS[name] = [ctor, check as Check<never>];
}

function reals(components: number[], rest: unknown[], fail: Fail): void {
  if (components.length !== rest.length) return fail(`expected ${rest.length} components`);
  components.forEach((c, i) => {
    if (!sameReal(c, rest[i])) fail(`component ${i} is ${c}`);
  });
}

function ints(components: number[], rest: unknown[], fail: Fail): void {
  components.forEach((c, i) => {
    if (String(c) !== rest[i]) fail(`component ${i} is ${c}`);
  });
}

byClass('StringName', StringName, (v, rest, fail) => v.value !== rest[0] && fail(`StringName ${JSON.stringify(v.value)}`));
byClass('Vector2', Vector2, (v, rest, fail) => reals([v.x, v.y], rest, fail));
byClass('Vector2i', Vector2i, (v, rest, fail) => ints([v.x, v.y], rest, fail));
byClass('Rect2', Rect2, (v, rest, fail) => reals([v.position.x, v.position.y, v.size.x, v.size.y], rest, fail));
byClass('Rect2i', Rect2i, (v, rest, fail) => ints([v.position.x, v.position.y, v.size.x, v.size.y], rest, fail));
byClass('Vector3', Vector3, (v, rest, fail) => reals([v.x, v.y, v.z], rest, fail));
byClass('Vector3i', Vector3i, (v, rest, fail) => ints([v.x, v.y, v.z], rest, fail));
byClass('Transform2D', Transform2D, (v, rest, fail) => reals([v.x.x, v.x.y, v.y.x, v.y.y, v.origin.x, v.origin.y], rest, fail));
byClass('Vector4', Vector4, (v, rest, fail) => reals([v.x, v.y, v.z, v.w], rest, fail));
byClass('Vector4i', Vector4i, (v, rest, fail) => ints([v.x, v.y, v.z, v.w], rest, fail));
byClass('Plane', Plane, (v, rest, fail) => reals([v.normal.x, v.normal.y, v.normal.z, v.d], rest, fail));
byClass('Quaternion', Quaternion, (v, rest, fail) => reals([v.x, v.y, v.z, v.w], rest, fail));
byClass('AABB', AABB, (v, rest, fail) => reals([v.position.x, v.position.y, v.position.z, v.size.x, v.size.y, v.size.z], rest, fail));
byClass('Basis', Basis, (v, rest, fail) => reals(basisColumns(v), rest, fail));
byClass('Transform3D', Transform3D, (v, rest, fail) => reals([...basisColumns(v.basis), v.origin.x, v.origin.y, v.origin.z], rest, fail));
byClass('Projection', Projection, (v, rest, fail) => reals([v.x, v.y, v.z, v.w].flatMap((c) => [c.x, c.y, c.z, c.w]), rest, fail));
byClass('Color', Color, (v, rest, fail) => reals([v.r, v.g, v.b, v.a], rest, fail));
byClass('NodePath', NodePath, (v, rest, fail) => {
  const [absolute, names, subnames] = rest as [boolean, string[], string[]];
  if (v.absolute !== absolute) fail(`absolute is ${v.absolute}`);
  if (JSON.stringify(v.names) !== JSON.stringify(names)) fail(`names ${JSON.stringify(v.names)}`);
  if (JSON.stringify(v.subnames) !== JSON.stringify(subnames)) fail(`subnames ${JSON.stringify(v.subnames)}`);
});
byClass('RID', RID, (v, rest, fail) => u64hex(v.id) !== rest[0] && fail(`RID ${v.id}`));
byClass('Callable', Callable, () => undefined);
byClass('Signal', Signal, (v, rest, fail) => {
  if (v.name !== rest[0]) fail(`signal name ${v.name}`);
  if (u64hex(v.objectId) !== rest[1]) fail(`signal object id ${v.objectId}`);
});
byClass('Dictionary', Dictionary, (v, rest, fail, recurse) => {
  const [keyType, valueType, entries] = rest as [unknown, unknown, Array<[Tree, Tree]>];
  matchContainerType(v.keyType, keyType, 'keyType', fail);
  matchContainerType(v.valueType, valueType, 'valueType', fail);
  const ours = [...v];
  if (ours.length !== entries.length) return fail(`${ours.length} entries instead of ${entries.length}`);
  ours.forEach(([key, item], i) => {
    const [keyTree, itemTree] = entries[i] as [Tree, Tree];
    recurse(key, keyTree, `.key[${i}]`);
    recurse(item, itemTree, `[${i}]`);
  });
});
byClass('PackedByteArray', Uint8Array, (v, rest, fail) => Buffer.from(v).toString('hex') !== rest[0] && fail('bytes differ'));
byClass('PackedInt32Array', Int32Array, (v, rest, fail) => matchList(Array.from(v, String), rest[0], fail));
byClass('PackedInt64Array', BigInt64Array, (v, rest, fail) => matchList(Array.from(v, String), rest[0], fail));
byClass('PackedFloat32Array', Float32Array, (v, rest, fail) => matchReals(Array.from(v), rest[0], fail));
byClass('PackedFloat64Array', Float64Array, (v, rest, fail) => matchReals(Array.from(v), rest[0], fail));
byClass('PackedStringArray', PackedStringArray, (v, rest, fail) => matchList([...v], rest[0], fail));
byClass('PackedVector2Array', PackedVector2Array, (v, rest, fail) => matchVectors(v.data, 2, rest[0], fail));
byClass('PackedVector3Array', PackedVector3Array, (v, rest, fail) => matchVectors(v.data, 3, rest[0], fail));
byClass('PackedColorArray', PackedColorArray, (v, rest, fail) => matchVectors(v.data, 4, rest[0], fail));
byClass('PackedVector4Array', PackedVector4Array, (v, rest, fail) => matchVectors(v.data, 4, rest[0], fail));

export function matchDescription(value: unknown, tree: Tree, options: MatchOptions, path = '$'): string[] {
  const problems: string[] = [];
  const fail: Fail = (what) => void problems.push(`${path}: ${what} (Godot: ${JSON.stringify(tree).slice(0, 200)})`);
  const recurse: Recurse = (item, itemTree, where) => problems.push(...matchDescription(item, itemTree, options, `${path}${where}`));
  const [type, ...rest] = tree;
  const byCtor = CLASS_CHECKS[type];
  if (byCtor !== undefined) {
    const [ctor, check] = byCtor;
    if (value instanceof ctor) (check as Check<unknown>)(value, rest, fail, recurse);
    else fail(`expected a ${ctor.name}, got ${describe(value)}`);
    return problems;
  }
  switch (type) {
    case 'Nil':
      if (value !== null) fail(`expected null, got ${describe(value)}`);
      break;
    case 'bool':
      if (value !== rest[0]) fail(`expected ${String(rest[0])}, got ${describe(value)}`);
      break;
    case 'int':
      matchInt(value, rest[0] as string, fail);
      break;
    case 'float': {
      const integral = Number.isInteger(Buffer.from(rest[0] as string, 'hex').readDoubleLE(0));
      if (options.exact || integral) {
        if (!(value instanceof Float)) fail(`expected a Float, got ${describe(value)}`);
        else if (!sameReal(value.value, rest[0])) fail(`float ${value.value}`);
      } else if (typeof value !== 'number' || !sameReal(value, rest[0])) {
        fail(`expected float ${String(rest[0])}, got ${describe(value)}`);
      }
      break;
    }
    case 'String':
      if (value !== rest[0]) fail(`expected ${JSON.stringify(rest[0])}, got ${describe(value)}`);
      break;
    case 'Object':
      if (rest[0] === null) {
        if (value !== null) fail(`expected a null Object, got ${describe(value)}`);
      } else if (!(value instanceof EncodedObjectAsID)) {
        fail(`expected an EncodedObjectAsID, got ${describe(value)}`);
      } else if (u64hex(value.objectId) !== rest[0]) {
        fail(`object id ${value.objectId}`);
      }
      break;
    case 'Array': {
      const [elementType, items] = rest as [unknown, Tree[]];
      if (!Array.isArray(value) || value instanceof PackedStringArray) {
        fail(`expected an Array, got ${describe(value)}`);
        break;
      }
      if (elementType === null && value instanceof TypedArray) fail('expected an untyped Array');
      if (elementType !== null) {
        if (value instanceof TypedArray) matchContainerType(value.elementType, elementType, 'elementType', fail);
        else fail('expected a TypedArray');
      }
      if (value.length !== items.length) fail(`${value.length} elements instead of ${items.length}`);
      else value.forEach((item: unknown, i: number) => recurse(item, items[i] as Tree, `[${i}]`));
      break;
    }
    default:
      fail(`unknown Godot type ${type}`);
  }
  return problems;
}

function matchInt(value: unknown, text: string, fail: Fail): void {
  const n = value instanceof Int ? value.value : value;
  if (typeof n === 'number') {
    if (!Number.isSafeInteger(n) || String(n) !== text) fail(`expected int ${text}, got number ${n}`);
  } else if (typeof n === 'bigint') {
    if (String(n) !== text) fail(`expected int ${text}, got bigint ${n}`);
    if (!(value instanceof Int) && Number.isSafeInteger(Number(n))) fail('a safe int should decode to a number');
  } else {
    fail(`expected int ${text}, got ${describe(value)}`);
  }
}

/** Whether a description contains an Object (sent as an id). */
export function containsObject(tree: Tree): boolean {
  return JSON.stringify(tree).includes('["Object",');
}

function basisColumns(b: Basis): number[] {
  return [b.x.x, b.x.y, b.x.z, b.y.x, b.y.y, b.y.z, b.z.x, b.z.y, b.z.z];
}

function matchContainerType(ours: ContainerType | null, godot: unknown, what: string, fail: Fail): void {
  const expected = godot === null ? null : (godot as [string, string]);
  const actual = ours === null ? null : ours.kind === 'builtin' ? ['builtin', String(ours.type)] : ours.kind === 'class' ? ['class', ours.className] : ['script', ours.path];
  if (JSON.stringify(actual) !== JSON.stringify(expected)) fail(`${what} ${JSON.stringify(actual)} instead of ${JSON.stringify(expected)}`);
}

function matchList(ours: string[], godot: unknown, fail: Fail): void {
  if (JSON.stringify(ours) !== JSON.stringify(godot)) fail(`elements ${JSON.stringify(ours).slice(0, 200)}`);
}

function matchReals(ours: number[], godot: unknown, fail: Fail): void {
  const list = godot as string[];
  if (ours.length !== list.length) return fail(`${ours.length} elements instead of ${list.length}`);
  ours.forEach((x, i) => {
    if (!sameReal(x, list[i])) fail(`element ${i} is ${x}`);
  });
}

function matchVectors(data: ArrayLike<number>, width: number, godot: unknown, fail: Fail): void {
  const list = godot as string[][];
  if (data.length !== list.length * width) return fail(`${data.length / width} vectors instead of ${list.length}`);
  list.forEach((components, i) => {
    components.forEach((hex, j) => {
      if (!sameReal(data[i * width + j] as number, hex)) fail(`vector ${i} component ${j} is ${data[i * width + j]}`);
    });
  });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value.constructor as { name?: string } | undefined)?.name ?? 'object';
  return `${typeof value} ${String(value)}`;
}
