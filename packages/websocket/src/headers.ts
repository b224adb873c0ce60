/**
 * Godot's `handshake_headers` and `supported_protocols`: lists of strings, checked once when set
 * so that a bad entry fails where it is written, not in the middle of a handshake.
 */
import { ErrorCode, GodotError } from '@pp/core';

/** An RFC 7230 token: what a header name or a sub-protocol may consist of. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Headers the WebSocket handshake itself writes; a custom header may not replace them. */
const RESERVED = new Set([
  'connection', 'upgrade', 'host', 'sec-websocket-key', 'sec-websocket-version', 'sec-websocket-accept',
  'sec-websocket-protocol', 'sec-websocket-extensions', 'content-length', 'transfer-encoding',
]);

/** One `"Name: value"` entry split in two. */
export interface HeaderLine {
  readonly name: string;
  readonly value: string;
}

/**
 * Checks `handshake_headers` entries (`"Name: value"`, sent verbatim by Godot) and splits them.
 * @throws {GodotError} `ERR_INVALID_PARAMETER` naming the bad entry.
 */
export function parseHandshakeHeaders(headers: readonly string[]): HeaderLine[] {
  return headers.map((line) => {
    const at = typeof line === 'string' ? line.indexOf(':') : -1;
    const name = at > 0 ? line.slice(0, at).trim() : '';
    const value = at > 0 ? line.slice(at + 1).trim() : '';
    if (!TOKEN.test(name) || /[\r\n\0]/.test(value)) {
      throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `Invalid handshake header ${JSON.stringify(line)}: expected "Name: value"`);
    }
    if (RESERVED.has(name.toLowerCase())) {
      throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `Handshake header ${name} is set by the WebSocket handshake itself`);
    }
    return { name, value };
  });
}

/**
 * Checks `supported_protocols`, stripping each entry's edges as Godot does.
 * @throws {GodotError} `ERR_INVALID_PARAMETER` for an entry that is not a token, or a repeat.
 */
export function normalizeProtocols(protocols: readonly string[]): string[] {
  const out = protocols.map((protocol) => (typeof protocol === 'string' ? protocol.trim() : ''));
  for (const protocol of out) {
    if (!TOKEN.test(protocol)) {
      throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `Invalid sub-protocol ${JSON.stringify(protocol)}`);
    }
  }
  if (new Set(out).size !== out.length) {
    throw new GodotError(ErrorCode.ERR_INVALID_PARAMETER, `Sub-protocols repeat: ${out.join(', ')}`);
  }
  return out;
}

/**
 * The server's choice, as Godot makes it: the first protocol in the client's list that the
 * server supports. `null` means the handshake must fail: the client offered protocols and none
 * is supported, or it offered none while the server requires one. `''` means "no protocol".
 */
export function selectProtocol(offered: readonly string[], supported: readonly string[]): string | null {
  if (offered.length === 0) return supported.length === 0 ? '' : null;
  return offered.find((protocol) => supported.includes(protocol)) ?? null;
}

/** The `Sec-WebSocket-Protocol` request header as a list (comma separated, edges stripped). */
export function splitProtocolHeader(header: string | undefined): string[] {
  if (header === undefined) return [];
  return header.split(',').map((p) => p.trim()).filter((p) => p !== '');
}
