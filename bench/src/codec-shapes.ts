/**
 * The payload shapes games send besides a state tick, each built twice with the same logical
 * content: as Godot Variants for @pp, and as the closest msgpack data for msgpackr.
 */
import { Float, Vector2, type VariantLike } from '@pp/core';

export interface Shape {
  name: string;
  /** What @pp encodes. */
  godot: VariantLike;
  /** The same data for msgpackr. */
  plain: unknown;
}

/** A client's input message: sequence number, movement, buttons, aim. */
function smallInput(): Shape {
  return {
    name: 'small input message',
    godot: { t: 'in', seq: 48213, dir: new Vector2(0.70710677, -0.70710677), buttons: 5, aim: new Float(1.25) },
    plain: { t: 'in', seq: 48213, dir: { x: 0.70710677, y: -0.70710677 }, buttons: 5, aim: 1.25 },
  };
}

/** A chat line with accents, CJK and an emoji. */
function chat(): Shape {
  const message = {
    from: 'Zoë_Ørsted',
    channel: 'général',
    text: 'Ça marche ! 今日はいい天気ですね 👋 — on se retrouve à la forêt près du château, ¿vale? Здравствуйте!',
    at: 1732450000,
  };
  return { name: 'chat text, non-ASCII', godot: message, plain: message };
}

/** Players by id, each a small Dictionary (int keys on the wire for both codecs). */
function intKeyed(): Shape {
  const entries = Array.from({ length: 32 }, (_, i) => [1000 + i * 37, { hp: 100 - i, x: 10.5 + i, y: -3.25 * i, name: `p${i}` }] as const);
  return {
    name: 'int-keyed Dictionary of 32 small Dictionaries',
    godot: new Map<VariantLike, VariantLike>(entries),
    plain: new Map<unknown, unknown>(entries),
  };
}

/** 1 MiB of samples (262144 floats): a heightmap, an audio buffer. */
function bulkFloats(): Shape {
  const data = new Float32Array(262_144);
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i / 97) * 1000;
  return { name: '1 MiB PackedFloat32Array', godot: data, plain: data };
}

export function payloadShapes(): Shape[] {
  return [smallInput(), chat(), intKeyed(), bulkFloats()];
}
