/**
 * The arena's messages: Godot Dictionaries sent with `put_var`, so the Godot client needs
 * nothing but `ENetMultiplayerPeer` and `get_var` / `put_var`.
 *
 * - client → server, `TRANSFER_MODE_UNRELIABLE_ORDERED`: `{ "type": "input", "dx": float, "dy": float }`
 *   (the stick, each in −1 … 1);
 * - server → client, reliable: `{ "type": "welcome", "id": int, "tick": int }`,
 *   `{ "type": "joined", "id": int }`, `{ "type": "left", "id": int }`;
 * - server → everyone, `TRANSFER_MODE_UNRELIABLE_ORDERED`, every tick:
 *   `{ "type": "state", "tick": int, "players": { id: Vector2 } }`.
 */
import { Dictionary, Float, Vector2, type Variant } from '@pp/core';

export const TICK_MS = 50;
/** Units per second at full stick. */
export const SPEED = 200;
export const ARENA = 1000;

export interface Input {
  dx: number;
  dy: number;
}

function field(message: Variant, key: string): Variant | undefined {
  return message instanceof Dictionary ? (message.get(key) as Variant | undefined) : undefined;
}

function axis(value: Variant | undefined): number | undefined {
  const n = typeof value === 'number' ? value : value instanceof Float ? value.value : undefined;
  if (n === undefined || !Number.isFinite(n)) return undefined;
  return Math.max(-1, Math.min(1, n));
}

/** The input a message carries, or undefined for anything else (ignored by the server). */
export function parseInput(message: Variant): Input | undefined {
  if (field(message, 'type') !== 'input') return undefined;
  const dx = axis(field(message, 'dx'));
  const dy = axis(field(message, 'dy'));
  return dx === undefined || dy === undefined ? undefined : { dx, dy };
}

export function welcome(id: number, tick: number): Dictionary {
  return new Dictionary([['type', 'welcome'], ['id', id], ['tick', tick]]);
}

export function joined(id: number): Dictionary {
  return new Dictionary([['type', 'joined'], ['id', id]]);
}

export function left(id: number): Dictionary {
  return new Dictionary([['type', 'left'], ['id', id]]);
}

export function state(tick: number, players: ReadonlyMap<number, Vector2>): Dictionary {
  return new Dictionary([['type', 'state'], ['tick', tick], ['players', new Dictionary([...players].map(([id, at]) => [id, at]))]]);
}

export function vector(x: number, y: number): Vector2 {
  return new Vector2(x, y);
}
