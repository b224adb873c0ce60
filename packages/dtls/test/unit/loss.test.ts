import { describe, expect, it } from 'vitest';
import { EnginePair, clientConfigFor, serverConfigFor } from '../support/engine-pair.js';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

describe('handshake under loss, reordering and duplication (seeded, simulated time)', () => {
  for (let seed = 1; seed <= 24; seed++) {
    it(`seed ${seed}: 25% loss, 20% duplication, 30% reordering`, () => {
      const pair = new EnginePair(clientConfigFor('ec'), serverConfigFor('ec'), { loss: 0.25, duplicate: 0.2, reorder: 0.3, seed });
      expect(pair.handshake()).toBe(true);
      expect(pair.client.state).toBe('connected');
      expect(pair.server?.state).toBe('connected');
      // Data still flows over the lossy link: send until one copy arrives each way.
      for (let i = 0; i < 50 && pair.received('server').length === 0; i++) {
        pair.client.send(text(`c${i}`));
        pair.run(() => pair.received('server').length > 0, 10);
      }
      for (let i = 0; i < 50 && pair.received('client').length === 0; i++) {
        pair.server!.send(text(`s${i}`));
        pair.run(() => pair.received('client').length > 0, 10);
      }
      expect(pair.received('server').length).toBeGreaterThan(0);
      expect(pair.received('client').length).toBeGreaterThan(0);
      // Duplicated application records are delivered once (anti-replay window).
      expect(new Set(pair.received('server')).size).toBe(pair.received('server').length);
    });
  }

  it('a lost final flight (server Finished) is recovered: the client retransmits, the server repeats its flight', () => {
    let dropped = 0;
    const pair = new EnginePair(clientConfigFor('ec'), serverConfigFor('ec'));
    pair.tamper = (to, data) => {
      // Drop the server's ChangeCipherSpec+Finished datagram twice.
      if (to === 'client' && data[0] === 20 && dropped < 2) {
        dropped++;
        return undefined;
      }
      return data;
    };
    expect(pair.handshake()).toBe(true);
    expect(pair.client.state).toBe('connected');
    expect(dropped).toBe(2);
    expect(pair.client.stats.retransmissions).toBe(2);
  });
});

describe('retransmission schedule', () => {
  it('1 s, doubling up to 60 s, then the handshake fails (mbedTLS timing)', () => {
    const pair = new EnginePair(clientConfigFor('ec'), serverConfigFor('ec'));
    pair.tamper = () => undefined; // nothing ever arrives anywhere
    pair.run(() => pair.client.state !== 'handshaking', 1_000_000);
    const start = pair.sent.client[0]!.at;
    const offsets = pair.sent.client.map((entry) => entry.at - start);
    expect(offsets).toEqual([0, 1000, 3000, 7000, 15000, 31000, 63000]);
    expect(pair.client.state).toBe('failed');
    const error = pair.events.client.find((event) => event.type === 'error');
    expect(error?.type === 'error' && error.error.reason).toBe('handshake-timeout');
    // The last wait was 60 s: failure at 63 + 60 s.
    expect(pair.now - start).toBe(123_000);
  });

  it('custom timeouts are honoured', () => {
    const pair = new EnginePair(clientConfigFor('ec', { handshakeTimeoutMinMs: 100, handshakeTimeoutMaxMs: 400 }), serverConfigFor('ec'));
    pair.tamper = () => undefined;
    pair.run(() => pair.client.state !== 'handshaking', 1_000_000);
    const start = pair.sent.client[0]!.at;
    expect(pair.sent.client.map((entry) => entry.at - start)).toEqual([0, 100, 300]);
    // 100, 200, then 400 = the maximum: when that wait expires the handshake fails.
    expect(pair.now - start).toBe(700);
  });

  it('rejects invalid timer options', () => {
    expect(() => new EnginePair(clientConfigFor('ec', { handshakeTimeoutMinMs: 0 }), serverConfigFor('ec'))).toThrow(RangeError);
    expect(() => new EnginePair(clientConfigFor('ec', { handshakeTimeoutMinMs: 2000, handshakeTimeoutMaxMs: 1000 }), serverConfigFor('ec'))).toThrow(RangeError);
  });
});
