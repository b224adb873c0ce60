/**
 * Command-line parsing on `node:util`'s `parseArgs` (no dependency), with the few value
 * checks every command shares.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { TextFormat } from '@pp/core';
import type { CompressionMode } from '@pp/enet';
import { COMPRESSION_NAMES, type CompressionChoice } from './enet/decompression.js';
import { UsageError } from './exit-codes.js';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface Parsed<V> {
  values: V;
  positionals: string[];
}

/** `parseArgs` with strict checking, turning its errors into `UsageError`s. */
export function parse<V>(args: readonly string[], options: Options): Parsed<V> {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
    return { values: values as V, positionals };
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional.*$/s, '.'));
  }
}

export function parseFormat(value: string | undefined): TextFormat {
  if (value === undefined || value === 'godot4') return 'godot4';
  if (value === 'godot3') return 'godot3';
  throw new UsageError(`--format must be godot4 or godot3, not '${value}'`);
}

/** `--compress`: `auto` or a mode's name. */
export function parseCompression(text: string | undefined): CompressionChoice {
  if (text === undefined || text === 'auto') return 'auto';
  const found = Object.entries(COMPRESSION_NAMES).find(([, name]) => name === text);
  if (found === undefined) throw new UsageError(`--compress must be auto, ${Object.values(COMPRESSION_NAMES).join(', ')}, not '${text}'`);
  return Number(found[0]) as CompressionMode;
}

export interface HostPort {
  host: string;
  port: number;
}

/** `HOST:PORT`, `[IPv6]:PORT` or `:PORT` / `PORT` (host 127.0.0.1). */
export function parseHostPort(text: string | undefined, what: string): HostPort {
  if (text === undefined) throw new UsageError(`${what} HOST:PORT is required`);
  const match = /^(?:\[([^\]]+)\]|([^:]*)):(\d+)$/.exec(text) ?? /^()()(\d+)$/.exec(text);
  const port = Number(match?.[3]);
  if (!match || !Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`${what} must be HOST:PORT, not '${text}'`);
  return { host: match[1] || match[2] || '127.0.0.1', port };
}

export function parseCount(text: string | undefined, what: string, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`${what} must be a whole number, not '${text}'`);
  return n;
}

export function formatHostPort({ host, port }: HostPort): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}
