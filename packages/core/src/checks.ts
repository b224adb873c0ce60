/**
 * The checks every option and setter goes through before anything is allocated or changed: each
 * throws a `GodotError` with `ERR_INVALID_PARAMETER` naming the option, and returns the value.
 * Methods that return Godot's `Error` instead of throwing use {@link isPort}.
 */
import { ErrorCode, GodotError } from './error.js';
import { VARIANT_FORMATS, type VariantFormat } from './variant/format.js';

/** Bounds of {@link checkInt} and {@link checkNumber} (inclusive). */
export interface Range {
  /** @default -Infinity */
  min?: number;
  /** @default Infinity */
  max?: number;
  /** `min` itself is refused (a duration that must be positive). @default false */
  exclusiveMin?: boolean;
}

function invalid(name: string, expected: string, value: unknown): GodotError {
  return new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `${name} must be ${expected}, got ${describe(value)}`);
}

function describe(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function bounds({ min = -Infinity, max = Infinity, exclusiveMin = false }: Range): string {
  const low = `${exclusiveMin ? '>' : '≥'} ${min}`;
  if (max === Infinity) return low;
  if (min === -Infinity) return `≤ ${max}`;
  return exclusiveMin ? `${low} and ≤ ${max}` : `in ${min} … ${max}`;
}

function inRange(value: number, { min = -Infinity, max = Infinity, exclusiveMin = false }: Range): boolean {
  return (exclusiveMin ? value > min : value >= min) && value <= max;
}

/** An integer within `range`. */
export function checkInt(name: string, value: number, range: Range = {}): number {
  if (!Number.isInteger(value) || !inRange(value, range)) throw invalid(name, `an integer ${bounds(range)}`, value);
  return value;
}

/** A finite number within `range` (durations, ratios). */
export function checkNumber(name: string, value: number, range: Range = {}): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !inRange(value, range)) {
    throw invalid(name, `a number ${bounds(range)}`, value);
  }
  return value;
}

/** Whether `port` is a port number: 1 … 65535, or 0 too when `allowZero` (any free port). */
export function isPort(port: number, allowZero = false): boolean {
  return Number.isInteger(port) && port >= (allowZero ? 0 : 1) && port <= 65535;
}

/** A port number: 1 … 65535, or 0 too when `allowZero`. */
export function checkPort(name: string, port: number, allowZero = false): number {
  if (!isPort(port, allowZero)) throw invalid(name, `a port number (${allowZero ? 0 : 1} … 65535)`, port);
  return port;
}

/** One of the Variant formats (`'godot4'`, `'godot4.3'`, `'godot3'`). */
export function checkFormat(name: string, format: VariantFormat): VariantFormat {
  if (!VARIANT_FORMATS.includes(format)) throw invalid(name, `one of ${VARIANT_FORMATS.map((f) => `'${f}'`).join(', ')}`, format);
  return format;
}

/** A boolean. */
export function checkBoolean(name: string, value: boolean): boolean {
  if (typeof value !== 'boolean') throw invalid(name, 'true or false', value);
  return value;
}

/**
 * Largest value of a seconds option (one hour). Godot's timeouts and intervals are seconds to
 * minutes; a larger value is almost always milliseconds given to a seconds option.
 */
export const MAX_SECONDS = 3600;

/**
 * Largest value of a milliseconds option: 2^31 - 1 (about 24.8 days), the longest delay a timer
 * keeps (a longer one fires at once).
 */
export const MAX_MILLISECONDS = 2 ** 31 - 1;

/**
 * A duration in seconds, for options that mirror a Godot property (`heartbeatInterval`,
 * `authTimeout`…): a finite number in `[min, max]`, by default `0 … 3600` ({@link MAX_SECONDS}),
 * so milliseconds given by mistake (5000) are refused.
 */
export function checkSeconds(name: string, value: number, range: Range = {}): number {
  return checkNumber(`${name} (seconds)`, value, { min: 0, max: MAX_SECONDS, ...range });
}

/**
 * A duration in milliseconds, for options whose name ends in `Ms`: a whole number in
 * `[min, max]`, by default `0 … 2^31 - 1` ({@link MAX_MILLISECONDS}). A fraction (0.5) is
 * refused: it is almost always seconds given to a milliseconds option.
 */
export function checkMilliseconds(name: string, value: number, range: Range = {}): number {
  return checkInt(`${name} (milliseconds)`, value, { min: 0, max: MAX_MILLISECONDS, ...range });
}
