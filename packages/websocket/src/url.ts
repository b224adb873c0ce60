/**
 * Godot's reading of a WebSocket URL (`connect_to_url`): no scheme means `ws://`, only `ws://`
 * and `wss://` are accepted, the port defaults to 80 / 443 and an empty path to `/`.
 */
import { ErrorCode } from '@pp/core';

export interface WebSocketUrl {
  readonly secure: boolean;
  /** Host name or address as written (IPv6 without brackets). */
  readonly host: string;
  readonly port: number;
  /** Path and query, at least `/`. */
  readonly path: string;
  /** The URL to open, with the scheme filled in. */
  readonly href: string;
}

/** Parses `url`, or returns the Godot error `connect_to_url` would. */
export function parseWebSocketUrl(url: string): WebSocketUrl | ErrorCode {
  if (typeof url !== 'string' || url.trim() === '') return ErrorCode.ERR_INVALID_PARAMETER;
  const text = url.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `ws://${text}`;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    return ErrorCode.ERR_INVALID_PARAMETER;
  }
  if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') return ErrorCode.ERR_INVALID_PARAMETER;
  if (parsed.hostname === '') return ErrorCode.ERR_INVALID_PARAMETER;
  const secure = parsed.protocol === 'wss:';
  const port = parsed.port === '' ? (secure ? 443 : 80) : Number(parsed.port);
  const path = `${parsed.pathname || '/'}${parsed.search}`;
  parsed.hash = '';
  return {
    secure,
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    path,
    href: parsed.href,
  };
}
