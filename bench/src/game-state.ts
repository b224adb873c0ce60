/**
 * The realistic payload of the codec benchmark: a server tick with 16 players. Built twice with
 * the same logical content: as Godot Variants for @pp, and as plain JSON-like data for msgpackr,
 * JSON and @gd-com/utils.
 */
import { Vector2, type VariantLike } from '@pp/core';

const TAGS = ['red', 'blue', 'vip', 'afk', 'mod'];

interface PlainPlayer {
  id: number;
  name: string;
  position: { x: number; y: number };
  velocity: { x: number; y: number };
  hp: number;
  alive: boolean;
  inventory: number[];
  tags: string[];
}

function player(i: number): PlainPlayer {
  return {
    id: 1000 + i * 7919,
    name: `player_${i}_${TAGS[i % TAGS.length]}`,
    position: { x: 100.5 + i * 12.25, y: -40.75 + i * 3.5 },
    velocity: { x: i % 2 === 0 ? 1.5 : -2.25, y: 0.5 * (i % 3) },
    hp: 100 - i * 3,
    alive: i % 5 !== 0,
    inventory: Array.from({ length: 8 }, (_, k) => (i * 31 + k * 17) % 500),
    tags: [TAGS[i % 5] as string, TAGS[(i + 2) % 5] as string],
  };
}

/** JSON-compatible game state (what msgpackr and JSON encode). */
export function plainGameState(): { tick: number; players: PlainPlayer[] } {
  return { tick: 123456, players: Array.from({ length: 16 }, (_, i) => player(i)) };
}

/** The same data as Godot Variants: Vector2 positions, PackedInt32Array inventories. */
export function godotGameState(): VariantLike {
  const plain = plainGameState();
  return {
    tick: plain.tick,
    players: plain.players.map((p) => ({
      id: p.id,
      name: p.name,
      position: new Vector2(p.position.x, p.position.y),
      velocity: new Vector2(p.velocity.x, p.velocity.y),
      hp: p.hp,
      alive: p.alive,
      inventory: Int32Array.from(p.inventory),
      tags: p.tags,
    })),
  };
}

/** What @gd-com/utils can encode: no Vector2 inside containers, no packed arrays. */
export function reducedGameState(): unknown {
  const plain = plainGameState();
  return {
    tick: plain.tick,
    players: plain.players.map((p) => ({
      id: p.id,
      name: p.name,
      px: p.position.x, py: p.position.y, vx: p.velocity.x, vy: p.velocity.y,
      hp: p.hp,
      alive: p.alive,
      inventory: p.inventory,
      tags: p.tags,
    })),
  };
}

