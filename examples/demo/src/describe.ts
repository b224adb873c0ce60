import { Dictionary, NodePath, StringName, varToBytes, type Variant, type VariantLike } from '@pp/core';

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

/** "12 values echoed with the same bytes": how many of `received` re-encode to the bytes sent. */
export function echoSummary(sent: ReadonlyArray<readonly [string, VariantLike]>, received: readonly Variant[]): string {
  const changed = sent.filter(([, value], i) => {
    const back = received[i];
    return back === undefined || Buffer.compare(varToBytes(value), varToBytes(back as VariantLike)) !== 0;
  }).map(([type]) => type);
  const count = `${received.length} values echoed`;
  return changed.length === 0 ? `${count}, each with the bytes it was sent as` : `${count}, changed: ${changed.join(', ')}`;
}
