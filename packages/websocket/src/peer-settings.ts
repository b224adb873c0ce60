/**
 * A `WebSocketPeer`'s Godot properties as one record, shared by reference: by every peer left at
 * the defaults, and by every connection of a multiplayer server (an idle server holds
 * thousands of peers). A record is frozen and never changes; a setter gives its peer a changed
 * copy (copy on write), so a change on one peer never reaches another.
 */
import { SharedRecords } from '@pp/core';
import { DEFAULT_BUFFER_SIZE, DEFAULT_HANDSHAKE_TIMEOUT, DEFAULT_MAX_QUEUED_PACKETS, WriteMode } from './constants.js';
import type { HeaderLine } from './headers.js';

export interface PeerSettings {
  readonly outboundWriteMode: WriteMode;
  /** Normalized (see `normalizeProtocols`). */
  readonly supportedProtocols: readonly string[];
  readonly handshakeHeaders: readonly string[];
  /** `handshakeHeaders`, parsed. */
  readonly headerLines: readonly HeaderLine[];
  readonly inboundBufferSize: number;
  readonly outboundBufferSize: number;
  readonly maxQueuedPackets: number;
  readonly heartbeatMs: number;
  readonly handshakeTimeoutMs: number;
}

/** Shared empty lists (a peer's lists are never mutated). */
export const NONE: readonly string[] = Object.freeze([]);
export const NO_HEADERS: readonly HeaderLine[] = Object.freeze([]);

export const DEFAULT_SETTINGS: PeerSettings = Object.freeze({
  outboundWriteMode: WriteMode.BINARY,
  supportedProtocols: NONE,
  handshakeHeaders: NONE,
  headerLines: NO_HEADERS,
  inboundBufferSize: DEFAULT_BUFFER_SIZE,
  outboundBufferSize: DEFAULT_BUFFER_SIZE,
  maxQueuedPackets: DEFAULT_MAX_QUEUED_PACKETS,
  heartbeatMs: 0,
  handshakeTimeoutMs: DEFAULT_HANDSHAKE_TIMEOUT * 1000,
});

function sameList(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a === b || (a.length === b.length && a.every((item, i) => item === b[i]));
}

function sameSettings(a: PeerSettings, b: PeerSettings): boolean {
  for (const key of Object.keys(a) as (keyof PeerSettings)[]) {
    if (key === 'headerLines') continue; // parsed from `handshakeHeaders`: equal headers, equal lines
    const [x, y] = [a[key], b[key]];
    if (x !== y && !(Array.isArray(x) && Array.isArray(y) && sameList(x, y))) return false;
  }
  return true;
}

/**
 * Records recently made, reused by a peer that asks for an equal one: a server that makes each
 * connection's peer with the same options then gives them all one record. The constructor passes
 * through one record per option it sets, so as many are kept as there are options.
 */
const shared = new SharedRecords<PeerSettings>(8, sameSettings);

/** `settings` with `changes`: a frozen record, new or an equal one made recently (`settings` stays as it was). */
export function changeSettings(settings: PeerSettings, changes: Partial<PeerSettings>): PeerSettings {
  return shared.share({ ...settings, ...changes });
}
