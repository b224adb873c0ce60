/**
 * Godot's `create_data_channel(label, options)` dictionary. The keys and rules are those of
 * Godot's native extension (which browsers accept too): `negotiated` channels need an `id` and
 * only they may have one, `maxPacketLifeTime` and `maxRetransmits` exclude each other. Unknown
 * keys are ignored, as in Godot, which is why Godot's own multiplayer peer, spelling the key
 * `maxPacketLifetime`, gets fully reliable channels.
 */
import { ErrorCode, GodotError, checkBoolean, checkInt } from '@pp/core';

/** The options of `createDataChannel`, with Godot's keys. */
export interface DataChannelOptions {
  /** Both sides create the channel themselves with the same `id` (no in-band open message). @default false */
  negotiated?: boolean;
  /** The SCTP stream id, 0 … 65534; required for `negotiated` channels and only for them. */
  id?: number;
  /** Godot's `maxPacketLifeTime` key, in milliseconds as in Godot: messages may be given up after this long (partial reliability), 0 … 65535. */
  maxPacketLifeTime?: number;
  /** Messages may be given up after this many retransmissions (partial reliability). */
  maxRetransmits?: number;
  /** Messages arrive in the order they were sent. @default true */
  ordered?: boolean;
  /** The sub-protocol name, told to the other side. @default '' */
  protocol?: string;
}

/** A channel's settings, checked. */
export interface ChannelInit {
  readonly negotiated: boolean;
  readonly id: number | undefined;
  readonly ordered: boolean;
  readonly maxPacketLifeTime: number | undefined;
  readonly maxRetransmits: number | undefined;
  readonly protocol: string;
}

function invalid(message: string): GodotError {
  return new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `Invalid data channel options: ${message}`);
}

function readInt(options: Record<string, unknown>, key: string, max: number): number | undefined {
  const value = options[key];
  return value === undefined ? undefined : checkInt(`Data channel option "${key}"`, value as number, { min: 0, max });
}

function readFlag(options: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const value = options[key];
  return value === undefined ? fallback : checkBoolean(`Data channel option "${key}"`, value as boolean);
}

/**
 * Checks a `createDataChannel` dictionary.
 * @throws {GodotError} `ERR_INVALID_PARAMETER` naming what is wrong.
 */
export function readChannelOptions(options: DataChannelOptions = {}): ChannelInit {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw invalid('the options must be a dictionary');
  const source = options as Record<string, unknown>;
  const negotiated = readFlag(source, 'negotiated', false);
  const id = readInt(source, 'id', 65534);
  if (negotiated && id === undefined) throw invalid('a negotiated channel needs an "id"');
  if (!negotiated && id !== undefined) throw invalid('only a negotiated channel may have an "id"');
  const maxPacketLifeTime = readInt(source, 'maxPacketLifeTime', 65535);
  const maxRetransmits = readInt(source, 'maxRetransmits', 65535);
  if (maxPacketLifeTime !== undefined && maxRetransmits !== undefined) {
    throw invalid('"maxPacketLifeTime" and "maxRetransmits" exclude each other');
  }
  const protocol = source['protocol'] ?? '';
  if (typeof protocol !== 'string') throw invalid('"protocol" must be a string');
  return { negotiated, id, ordered: readFlag(source, 'ordered', true), maxPacketLifeTime, maxRetransmits, protocol };
}
