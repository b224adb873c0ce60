import { Dictionary, NodePath, StringName } from '@pp/core';

/** A short GDScript-like form of a decoded Variant, for the demo's output. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}`;
  if (value instanceof StringName) return `&${JSON.stringify(value.value)}`;
  if (value instanceof NodePath) return `^${JSON.stringify(value.toString())}`;
  if (value instanceof Dictionary) {
    return `{ ${Array.from(value, ([k, v]) => `${describeValue(k)}: ${describeValue(v)}`).join(', ')} }`;
  }
  if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${Array.from(value as unknown as ArrayLike<number>).join(', ')})`;
  return String(value);
}
