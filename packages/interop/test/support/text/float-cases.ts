/**
 * Doubles that stress Godot's float text: edges, float32 values, values where Grisu2 keeps one
 * digit more than the shortest (found by search, since that is where a JavaScript `String(x)`
 * would differ from Godot), and random bit patterns. Seeded, so every run sends the same ones.
 */
import { Float, varToStr } from '@pp/core';
import { rng } from '../codec/ts-generator.js';

const EDGES = [
  0, -0, 1, -1, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, 0.5, 1.5, 2.5, 100, 1e15, 1e16, 1e17, 1e21, 1e22, 1e-4, 1e-5, 1e-7, 0.0001234,
  123456789012345680, 2 ** 53, 2 ** 53 + 2, 2 ** 60, 2 ** 63, -(2 ** 63), 2 ** 64, 1e39, 1e300, -1e-300, 5e-324, 2.2250738585072014e-308,
  1.7976931348623157e308, 3.4028234663852886e38, 1.1754943508222875e-38, 1.401298464324817e-45, 12345.678, 0.1 + 0.2,
  1e15 + 0.5, 123456.789, 9.999999999999999e22, Infinity, -Infinity, NaN,
];

/** The number of significant digits in a text form of a number. */
function significantDigits(text: string): number {
  const mantissa = text.replace(/^-/, '').split(/[eE]/)[0] as string;
  return mantissa.replace('.', '').replace(/^0+/, '').replace(/0+$/, '').length;
}

/** Doubles where Godot's Grisu2 digits are longer than the shortest round-trip digits. */
export function grisuLongerThanShortest(count: number, seed: number): number[] {
  const random = rng(seed);
  const view = new DataView(new ArrayBuffer(8));
  const found: number[] = [];
  for (let tries = 0; found.length < count && tries < 2_000_000; tries++) {
    view.setUint32(0, Math.floor(random() * 2 ** 32));
    view.setUint32(4, Math.floor(random() * 2 ** 32));
    const x = view.getFloat64(0);
    if (!Number.isFinite(x) || x === 0) continue;
    if (significantDigits(varToStr(new Float(x))) > significantDigits(String(x))) found.push(x);
  }
  return found;
}

export function floatCases(seed: number): number[] {
  const random = rng(seed);
  const view = new DataView(new ArrayBuffer(8));
  const randomBits = Array.from({ length: 300 }, () => {
    view.setUint32(0, Math.floor(random() * 2 ** 32));
    view.setUint32(4, Math.floor(random() * 2 ** 32));
    return view.getFloat64(0);
  }).filter((x) => !Number.isNaN(x));
  const float32s = Array.from({ length: 100 }, () => Math.fround((random() - 0.5) * 10 ** Math.floor(random() * 20 - 8)));
  const decimals = Array.from({ length: 100 }, () => Math.round((random() - 0.5) * 1e6) / 10 ** Math.floor(random() * 8));
  return [...EDGES, ...grisuLongerThanShortest(40, seed), ...randomBits, ...float32s, ...decimals];
}
