import { describe, expect, it } from 'vitest';
import { EnginePair, clientConfigFor, serverConfigFor } from '../support/engine-pair.js';

describe('handshake fragmentation', () => {
  it('by default flights are not fragmented (like Godot): the certificate travels whole', () => {
    const pair = new EnginePair(clientConfigFor('rsa'), serverConfigFor('rsa'));
    expect(pair.handshake()).toBe(true);
    // The server's first flight (ServerHello … ServerHelloDone) is one datagram bigger than 1000 bytes.
    const flight = pair.sent.server.find((entry) => entry.data.length > 1000);
    expect(flight).toBeDefined();
  });

  for (const mtu of [256, 300, 500]) {
    it(`mtu ${mtu}: every datagram fits, both sides reassemble`, () => {
      const pair = new EnginePair(clientConfigFor('rsa', { mtu }), serverConfigFor('rsa', { mtu }));
      expect(pair.handshake()).toBe(true);
      expect(pair.client.state).toBe('connected');
      const sizes = [...pair.sent.client, ...pair.sent.server].map((entry) => entry.data.length);
      // The HelloVerifyRequest comes from the stateless cookie exchange, which has no MTU option; it is small.
      expect(Math.max(...sizes)).toBeLessThanOrEqual(mtu);
      expect(pair.sent.server.length).toBeGreaterThan(3);
    });
  }

  it('fragments arriving out of order and duplicated are reassembled', () => {
    const pair = new EnginePair(clientConfigFor('rsa', { mtu: 256 }), serverConfigFor('rsa', { mtu: 256 }), { reorder: 0.5, duplicate: 0.3, seed: 7 });
    expect(pair.handshake()).toBe(true);
    expect(pair.client.state).toBe('connected');
  });

  it('refuses an MTU too small to carry a fragment', () => {
    expect(() => new EnginePair(clientConfigFor('ec', { mtu: 200 }), serverConfigFor('ec'))).toThrow(RangeError);
  });
});
