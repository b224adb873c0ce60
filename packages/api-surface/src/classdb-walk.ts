/**
 * What a Godot class offers a GDScript caller according to a ClassDB dump: its own constants and
 * methods and those it inherits from the classes above it that the dump holds.
 */
import type { ClassDbDump, ClassDbMethod } from '@pp/interop';

/** The class and its ancestors that the dump holds, nearest first. */
export function lineage(dump: ClassDbDump, name: string): string[] {
  const chain: string[] = [];
  for (let current: string | undefined = name; current !== undefined && dump.classes[current] !== undefined; current = dump.classes[current]?.inherits) {
    chain.push(current);
  }
  return chain;
}

/** Every integer constant GDScript finds on the class (`WebSocketMultiplayerPeer.TARGET_PEER_SERVER`), with the class declaring it. */
export function visibleConstants(dump: ClassDbDump, name: string): Array<{ constant: string; value: number; declaredBy: string }> {
  return lineage(dump, name).flatMap((declaredBy) =>
    Object.entries(dump.classes[declaredBy]?.constants ?? {}).map(([constant, value]: [string, number]) => ({ constant, value, declaredBy })));
}

/** Every method GDScript can call on the class, with the class declaring it. */
export function visibleMethods(dump: ClassDbDump, name: string): Array<{ method: ClassDbMethod; declaredBy: string }> {
  return lineage(dump, name).flatMap((declaredBy) => (dump.classes[declaredBy]?.methods ?? []).map((method: ClassDbMethod) => ({ method, declaredBy })));
}

/** Godot's snake_case as @pp spells it: `get_available_packet_count` → `getAvailablePacketCount`, `put_u8` → `putU8`. */
export function camelCase(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}
