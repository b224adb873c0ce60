import { describe, expect, it } from 'vitest';
import { CookieExchange } from '../../src/index.js';
import { seededRandom } from '@pp/core';
import { EnginePair, clientConfigFor, serverConfigFor } from '../support/engine-pair.js';

function mutate(data: Uint8Array, random: () => number): Uint8Array {
  const copy = data.slice();
  const kind = Math.floor(random() * 4);
  if (kind === 0) return copy.subarray(0, Math.floor(random() * copy.length)); // truncated
  if (kind === 1) {
    // a lying length field somewhere in the first record or handshake header
    const at = [11, 12, 14, 15, 16, 22, 23, 24][Math.floor(random() * 8)]!;
    if (at < copy.length) copy[at] = Math.floor(random() * 256);
    return copy;
  }
  const flips = 1 + Math.floor(random() * 4);
  for (let i = 0; i < flips; i++) copy[Math.floor(random() * copy.length)]! ^= 1 << Math.floor(random() * 8);
  return copy;
}

describe('hostile input', () => {
  it('fuzz: mutated and truncated handshake datagrams only ever end in a clean state, never an exception', () => {
    const random = seededRandom(42);
    const outcomes = new Map<string, number>();
    for (let round = 0; round < 150; round++) {
      const pair = new EnginePair(clientConfigFor('ec', { handshakeTimeoutMaxMs: 4000 }), serverConfigFor('ec', { handshakeTimeoutMaxMs: 4000 }));
      let mutated = 0;
      pair.tamper = (_to, data) => (random() < 0.3 && mutated++ < 3 ? mutate(data, random) : data);
      expect(() => pair.handshake(60_000)).not.toThrow();
      const key = `${pair.client.state}/${pair.server?.state ?? 'none'}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      expect(['handshaking', 'connected', 'failed', 'closed']).toContain(pair.client.state);
      // Whatever happened, if both say connected they share keys: data goes through.
      if (pair.client.state === 'connected' && pair.server?.state === 'connected') {
        pair.tamper = undefined;
        pair.client.send(new Uint8Array([1, 2, 3]));
        pair.run(() => pair.events.server.some((event) => event.type === 'data'), 10);
        expect(pair.events.server.some((event) => event.type === 'data')).toBe(true);
      }
    }
    expect(outcomes.size).toBeGreaterThan(1);
  });

  it('a byte changed in any handshake message body after the cookie never reaches connected', () => {
    const random = seededRandom(9);
    for (let round = 0; round < 60; round++) {
      const pair = new EnginePair(clientConfigFor('rsa'), serverConfigFor('rsa'));
      const side = round % 2 === 0 ? 'client' : 'server';
      let done = false;
      pair.tamper = (to, data) => {
        // The server's first flight (to the client, a ServerHello inside) or the client's key
        // exchange flight (to the server, a ClientKeyExchange inside): flip one body byte of one
        // handshake message in the first epoch-0 record.
        const type = data[13];
        const wanted = to === 'client' ? 2 : 16;
        if (done || to !== side || data[0] !== 22 || type !== wanted) return data;
        done = true;
        const bodyLength = (data[14]! << 16) | (data[15]! << 8) | data[16]!;
        const copy = data.slice();
        copy[25 + Math.floor(random() * bodyLength)]! ^= 1 << Math.floor(random() * 8);
        return copy;
      };
      pair.handshake(130_000);
      expect(done, `round ${round}`).toBe(true);
      expect(pair.client.state === 'connected' && pair.server?.state === 'connected', `round ${round}`).toBe(false);
    }
  });

  it('a handshake message over maxHandshakeMessageSize fails with message-too-large before allocating it', () => {
    const pair = new EnginePair(clientConfigFor('rsa', { maxHandshakeMessageSize: 512 }), serverConfigFor('rsa'));
    pair.handshake();
    const error = pair.events.client.find((event) => event.type === 'error');
    expect(error?.type === 'error' && error.error.reason).toBe('message-too-large');
  });

  it('a lying handshake length (16 MiB) is refused without allocating it', () => {
    const pair = new EnginePair(clientConfigFor('ec'), serverConfigFor('ec'));
    // A ServerHello header claiming 16 MiB, one fragment of 4 bytes.
    const record = Uint8Array.from([22, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 1, 0, 16,
      2, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0, 4, 1, 2, 3, 4]);
    pair.inject('client', record);
    expect(pair.client.state).toBe('failed');
  });

  it('cookies: a flood of ClientHellos costs no state; a cookie is bound to the address, the hello and its age', () => {
    const cookies = new CookieExchange({ lifetimeMs: 60_000 });
    const pair = new EnginePair(clientConfigFor('ec'), serverConfigFor('ec'));
    const hello = pair.client.pollTransmit()!;
    for (let port = 1; port <= 5000; port++) {
      expect(cookies.check(hello, `10.0.0.1:${port}`, 1000).kind).toBe('hello-verify-request');
    }
    // The real exchange: our client answers the HelloVerifyRequest with the cookie.
    const verify = cookies.check(hello, 'a:1', 1000);
    if (verify.kind !== 'hello-verify-request') throw new Error('expected a HelloVerifyRequest');
    pair.client.handleDatagram(verify.datagram, 1000);
    const second = pair.client.pollTransmit()!;
    expect(cookies.check(second, 'a:1', 2000).kind).toBe('verified');
    expect(cookies.check(second, 'a:2', 2000).kind).toBe('hello-verify-request'); // other address
    expect(cookies.check(second, 'a:1', 2000 + 62_000).kind).toBe('hello-verify-request'); // too old
    expect(new CookieExchange().check(second, 'a:1', 2000).kind).toBe('hello-verify-request'); // other secret
    expect(cookies.check(new Uint8Array([22, 1, 2]), 'a:1', 0).kind).toBe('invalid');
    expect(cookies.check(new Uint8Array(20_000), 'a:1', 0).kind).toBe('invalid');
  });
});
