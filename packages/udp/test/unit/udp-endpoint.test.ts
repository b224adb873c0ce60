import { ErrorCode, GodotError } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { bindUdpEndpoint } from '../../src/index.js';

describe('bindUdpEndpoint', () => {
  it('binds at once, with the socket buffers asked for, and exchanges datagrams', async () => {
    const a = bindUdpEndpoint('127.0.0.1', 0, { receiveBufferSize: 256 * 1024, sendBufferSize: 256 * 1024 });
    const b = bindUdpEndpoint('127.0.0.1', 0);
    try {
      expect(a.localAddress().port).toBeGreaterThan(0);
      const got = new Promise<Uint8Array>((resolve) => (b.onDatagram = (data) => resolve(data)));
      expect(a.send(Uint8Array.of(1, 2, 3), b.localAddress())).toBe(ErrorCode.OK);
      expect([...(await got)]).toEqual([1, 2, 3]);
    } finally {
      a.close();
      b.close();
    }
  });

  it('refuses bad addresses and ports, and a taken port', () => {
    expect(() => bindUdpEndpoint('nope', 0)).toThrow(GodotError);
    expect(() => bindUdpEndpoint('127.0.0.1', 70_000)).toThrow(/port/);
    const a = bindUdpEndpoint('127.0.0.1', 0);
    try {
      let error: unknown;
      try {
        bindUdpEndpoint('127.0.0.1', a.localAddress().port);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(GodotError);
      expect((error as GodotError).code).toBe(ErrorCode.ERR_CANT_CREATE);
    } finally {
      a.close();
    }
  });
});
