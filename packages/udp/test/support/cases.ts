/** Variants Godot 3 can hold, generated from a fixed seed so every run sends the same values. */
import {
  Color, Dictionary, PackedStringArray, Rect2, Vector2, Vector3, seededRandom, type VariantLike,
} from '@pp/core';

const ALPHABET = ['a', 'Z', '0', ' ', 'é', 'ß', '✓', '中', '😀', '\n', '"', '|', '%'];

/**
 * `count` values of every Godot 3 type a game sends (small enough for one UDP datagram each).
 * Floats are never integral (JavaScript cannot tell 2.0 from 2), and math types use 32-bit
 * components, as Godot 3 stores them.
 */
export function godot3Cases(seed: number, count: number): VariantLike[] {
  const next = seededRandom(seed);
  const int = (max: number): number => Math.floor(next() * max);
  const f32 = (): number => Math.fround((next() - 0.5) * 2000) || 0.5;
  const real = (): number => (next() - 0.5) * 1e6 + 0.25;
  const text = (): string => Array.from({ length: int(12) }, () => ALPHABET[int(ALPHABET.length)]).join('');
  const scalar = (): VariantLike => {
    switch (int(5)) {
      case 0: return int(2 ** 31) - 2 ** 30;
      case 1: return real();
      case 2: return text();
      case 3: return next() < 0.5;
      default: return null;
    }
  };
  const makers: Array<() => VariantLike> = [
    () => int(2 ** 31) - 2 ** 30,
    () => (int(2 ** 20) + 1) * 2 ** 32,
    real,
    text,
    () => next() < 0.5,
    () => null,
    () => new Vector2(f32(), f32()),
    () => new Vector3(f32(), f32(), f32()),
    () => new Color(Math.fround(next()), Math.fround(next()), Math.fround(next()), 1),
    () => new Rect2(new Vector2(f32(), f32()), new Vector2(f32(), f32())),
    () => Array.from({ length: int(6) }, scalar),
    () => new Dictionary(Array.from({ length: int(5) }, (_, i) => [`k${i}${text()}`, scalar()] as [string, VariantLike])),
    () => Uint8Array.from({ length: int(64) }, () => int(256)),
    () => Int32Array.from({ length: int(16) }, () => int(2 ** 32) - 2 ** 31),
    () => Float32Array.from({ length: int(16) }, f32),
    () => PackedStringArray.fromStrings(Array.from({ length: int(5) }, text)),
  ];
  return Array.from({ length: count }, (_, i) => (makers[i % makers.length] as () => VariantLike)());
}
