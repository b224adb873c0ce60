/**
 * Two in-memory PacketPeers: a "server" sends a few Godot Variants, a "client" receives and
 * prints them, then echoes each back with `putVar`. The same calls work on every transport.
 */
import {
  Color, Dictionary, Float, NodePath, StringName, TypedArray, Vector2, Vector3i, VariantType,
  createMemoryPair, varToBytes, type Variant, type VariantLike,
} from '@pp/core';
import { describeValue } from './describe.js';

export const DEMO_VALUES: ReadonlyArray<[string, VariantLike]> = [
  ['int', 42],
  ['float', 2.5],
  ['float (forced)', new Float(1)],
  ['String', 'héllo, Godot'],
  ['StringName', new StringName('jump')],
  ['Vector2', new Vector2(3.5, -2)],
  ['Vector3i', new Vector3i(1, 2, 3)],
  ['Color', new Color(1, 0.5, 0, 1)],
  ['NodePath', new NodePath('/root/Main/Player:position')],
  ['Array[int]', new TypedArray(VariantType.INT, [1, 2, 3])],
  ['Dictionary', new Dictionary([['name', 'p1'], ['hp', 100], ['pos', new Vector2(1, 2)]])],
  ['PackedInt32Array', Int32Array.of(7, 8, 9)],
];

export interface MemoryDemoResult {
  /** What the client's `getVar()` returned, in order. */
  received: Variant[];
  /** Names of the values whose echo did not come back as the same bytes (types included). */
  changed: string[];
}

export async function memoryDemo(log: (line: string) => void): Promise<MemoryDemoResult> {
  const [server, client] = createMemoryPair();
  for (const [, value] of DEMO_VALUES) server.putVar(value);

  const received: Variant[] = [];
  for (const [type, sent] of DEMO_VALUES) {
    await client.waitForPacket({ timeoutMs: 1000 });
    const value = client.getVar();
    received.push(value);
    log(`  ${type.padEnd(17)} ${describeValue(value).padEnd(44)} ${varToBytes(sent).length} bytes`);
    client.putVar(value as VariantLike);
  }
  // Decoding keeps every value's Godot type (1.0 stays a float), so the echo is what was sent.
  const changed: string[] = [];
  for (const [type, sent] of DEMO_VALUES) {
    await server.waitForPacket({ timeoutMs: 1000 });
    const echo = server.getPacket();
    if (!sameBytes(echo, varToBytes(sent))) changed.push(type);
  }
  log(`  echoed ${DEMO_VALUES.length} values back, ${changed.length === 0 ? 'each with its Godot type' : `changed: ${changed.join(', ')}`}`);
  server.close();
  return { received, changed };
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
