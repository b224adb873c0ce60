/** Godot's URL reading and the handshake option checks. */
import { ErrorCode, GodotError } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { normalizeProtocols, parseHandshakeHeaders, selectProtocol, splitProtocolHeader } from '../../src/headers.js';
import { parseWebSocketUrl } from '../../src/url.js';

describe('parseWebSocketUrl', () => {
  it.each([
    ['ws://example.com', { secure: false, host: 'example.com', port: 80, path: '/' }],
    ['wss://example.com', { secure: true, host: 'example.com', port: 443, path: '/' }],
    ['example.com:8080/chat?room=1#frag', { secure: false, host: 'example.com', port: 8080, path: '/chat?room=1' }],
    ['WSS://Example.COM:9000/a', { secure: true, host: 'example.com', port: 9000, path: '/a' }],
    ['ws://[::1]:9000/', { secure: false, host: '::1', port: 9000, path: '/' }],
  ])('%s', (url, expected) => {
    expect(parseWebSocketUrl(url)).toMatchObject(expected);
  });

  it.each(['', '   ', 'http://example.com', 'ftp://x', 'ws://', 'ws://host:99999'])('refuses %j with ERR_INVALID_PARAMETER', (url) => {
    expect(parseWebSocketUrl(url)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
  });
});

describe('sub-protocols', () => {
  it('the server picks the first offered protocol it supports, as Godot does', () => {
    expect(selectProtocol(['a', 'b', 'c'], ['c', 'b'])).toBe('b');
    expect(selectProtocol([], [])).toBe('');
    expect(selectProtocol([], ['a'])).toBeNull();
    expect(selectProtocol(['a'], [])).toBeNull();
    expect(selectProtocol(['a'], ['b'])).toBeNull();
  });

  it('splits the request header on commas, with or without spaces', () => {
    expect(splitProtocolHeader('a,b, c ,,')).toEqual(['a', 'b', 'c']);
    expect(splitProtocolHeader(undefined)).toEqual([]);
  });

  it('normalizes and checks supported_protocols', () => {
    expect(normalizeProtocols([' a ', 'b'])).toEqual(['a', 'b']);
    expect(() => normalizeProtocols(['a b'])).toThrow(GodotError);
    expect(() => normalizeProtocols([''])).toThrow(GodotError);
  });
});

describe('handshake headers', () => {
  it('splits "Name: value" lines and refuses what would break or hijack the handshake', () => {
    expect(parseHandshakeHeaders(['X-A: 1', 'Cookie:a=b; c=d', 'X-Empty:'])).toEqual([
      { name: 'X-A', value: '1' }, { name: 'Cookie', value: 'a=b; c=d' }, { name: 'X-Empty', value: '' },
    ]);
    for (const bad of ['no colon', ': value', 'Bad Name: x', 'X: a\nb', 'Upgrade: h2c', 'sec-websocket-protocol: x']) {
      expect(() => parseHandshakeHeaders([bad]), bad).toThrow(GodotError);
    }
  });
});
