import { describe, expect, it } from 'vitest';
import { CIPHER_SUITES, NamedGroup } from '../../src/index.js';
import { EnginePair, clientConfigFor, serverConfigFor } from '../support/engine-pair.js';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

describe('DTLS engine handshake in memory', () => {
  for (const keyType of ['ec', 'rsa'] as const) {
    for (const suite of CIPHER_SUITES.filter((entry) => entry.auth === (keyType === 'ec' ? 'ecdsa' : 'rsa'))) {
      it(`${keyType} certificate, ${suite.name}`, () => {
        const pair = new EnginePair(clientConfigFor(keyType, { cipherSuites: [suite.id] }), serverConfigFor(keyType));
        expect(pair.handshake()).toBe(true);
        expect(pair.client.state).toBe('connected');
        expect(pair.server?.state).toBe('connected');
        expect(pair.client.cipherSuite).toBe(suite.name);
        expect(pair.helloVerifyRequests).toBe(1);
        expect(pair.client.send(text('ping'))).toBe(0);
        expect(pair.server!.send(text('pong'))).toBe(0);
        pair.run(() => pair.received('server').length > 0 && pair.received('client').length > 0);
        expect(pair.received('server')).toEqual(['ping']);
        expect(pair.received('client')).toEqual(['pong']);
      });
    }
  }

  for (const group of [NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1]) {
    it(`ECDHE group ${group}`, () => {
      const pair = new EnginePair(clientConfigFor('ec', { groups: [group] }), serverConfigFor('ec'));
      expect(pair.handshake()).toBe(true);
      expect(pair.client.state).toBe('connected');
    });
  }
});
