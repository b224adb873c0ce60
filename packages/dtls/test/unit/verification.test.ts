import { X509Certificate as NodeX509 } from 'node:crypto';
import { makeSelfSigned, makeTestChain } from '@pp/interop';
import { describe, expect, it } from 'vitest';
import type { DtlsClientConfig, DtlsEvent } from '../../src/index.js';
import { EnginePair, clientConfigFor, pemChainToDer, serverConfigFor } from '../support/engine-pair.js';
import { createPrivateKey } from 'node:crypto';

function failure(events: DtlsEvent[]): { reason: string; certificate: string | undefined } | undefined {
  const event = events.find((entry) => entry.type === 'error');
  return event?.type === 'error' ? { reason: event.error.reason, certificate: event.error.certificate } : undefined;
}

function attempt(client: DtlsClientConfig, keyType: 'ec' | 'rsa' = 'ec'): EnginePair {
  const pair = new EnginePair(client, serverConfigFor(keyType));
  pair.handshake();
  expect(pair.client.state).not.toBe('connected');
  expect(pair.server?.state).not.toBe('connected');
  return pair;
}

describe('certificate verification (like mbedTLS VERIFY_REQUIRED)', () => {
  it('a wrong host name is refused as hostname-mismatch', () => {
    const pair = attempt(clientConfigFor('ec', { checkHostname: 'example.com' }));
    expect(failure(pair.events.client)).toEqual({ reason: 'certificate', certificate: 'hostname-mismatch' });
    // The server hears why: bad_certificate.
    expect(failure(pair.events.server)).toMatchObject({ reason: 'peer-alert' });
  });

  it('an untrusted CA is refused', () => {
    const other = makeTestChain({ keyType: 'ec', dnsNames: ['other.test'] });
    const pair = attempt(clientConfigFor('ec', { trustedCas: [new NodeX509(other.caCert)] }));
    expect(failure(pair.events.client)).toEqual({ reason: 'certificate', certificate: 'untrusted' });
  });

  it('the platform CAs (default) do not trust a test CA', () => {
    const pair = attempt(clientConfigFor('ec', { trustedCas: undefined }));
    expect(failure(pair.events.client)).toEqual({ reason: 'certificate', certificate: 'untrusted' });
  });

  it('an expired or not yet valid chain is refused', () => {
    const later = new Date(Date.now() + 400 * 86_400_000);
    expect(failure(attempt(clientConfigFor('ec', { currentDate: () => later })).events.client)?.certificate).toBe('expired');
    const earlier = new Date(Date.now() - 10 * 86_400_000);
    expect(failure(attempt(clientConfigFor('ec', { currentDate: () => earlier })).events.client)?.certificate).toBe('not-yet-valid');
  });

  it('the name check uses subjectAltName (DNS and IP), and the CN only without DNS names', () => {
    for (const name of ['localhost', '127.0.0.1']) {
      const pair = new EnginePair(clientConfigFor('ec', { checkHostname: name }), serverConfigFor('ec'));
      expect(pair.handshake(), name).toBe(true);
      expect(pair.client.state).toBe('connected');
    }
    // A CN-only self-signed certificate (what Godot's Crypto makes): the CN is the name.
    const self = makeSelfSigned('godot.test', 'ec');
    const server = { privateKey: createPrivateKey(self.key), chain: pemChainToDer(self.cert) };
    const ok = new EnginePair(clientConfigFor('ec', { checkHostname: 'godot.test', trustedCas: [new NodeX509(self.cert)] }), server);
    expect(ok.handshake()).toBe(true);
    expect(ok.client.state).toBe('connected'); // CN-only certificate, CN matches
    const wrong = new EnginePair(clientConfigFor('ec', { checkHostname: 'localhost', trustedCas: [new NodeX509(self.cert)] }), server);
    wrong.handshake();
    expect(failure(wrong.events.client)?.certificate).toBe('hostname-mismatch');
  });

  it('clientUnsafe without a chain accepts any certificate; with a chain it checks the chain only', () => {
    const anything = new EnginePair(clientConfigFor('ec', { verifyChain: false, checkHostname: '', trustedCas: undefined }), serverConfigFor('ec'));
    expect(anything.handshake()).toBe(true);
    expect(anything.client.state).toBe('connected');
    const chainOnly = new EnginePair(clientConfigFor('ec', { checkHostname: '' }), serverConfigFor('ec'));
    expect(chainOnly.handshake()).toBe(true);
    expect(chainOnly.client.state).toBe('connected');
    const other = makeTestChain({ keyType: 'ec', dnsNames: ['other.test'] });
    const refused = attempt(clientConfigFor('ec', { checkHostname: '', trustedCas: [new NodeX509(other.caCert)] }));
    expect(failure(refused.events.client)?.certificate).toBe('untrusted');
  });

  it('a ServerKeyExchange whose signature does not verify is refused (no key substitution)', () => {
    const pair = new EnginePair(clientConfigFor('ec'), serverConfigFor('ec'));
    let tampered = false;
    pair.tamper = (to, data) => {
      // In the server's first flight, find the ServerKeyExchange (handshake type 12, curve type 3)
      // and flip a byte of its ECDHE public key: what a man in the middle substituting keys does.
      if (to !== 'client' || tampered) return data;
      for (let at = 13; at + 12 < data.length; at++) {
        if (data[at] === 12 && data[at - 13] === 22 && data[at + 12] === 3) {
          const copy = data.slice();
          copy[at + 12 + 4]! ^= 1; // a byte of the ECDHE public key
          tampered = true;
          return copy;
        }
      }
      return data;
    };
    pair.handshake();
    expect(tampered).toBe(true);
    expect(pair.client.state).toBe('failed');
    expect(failure(pair.events.client)?.reason).toBe('decrypt-error');
  });

  it('an RSA suite with an ECDSA certificate is not negotiated', () => {
    const pair = attempt(clientConfigFor('ec', { cipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'] }));
    expect(failure(pair.events.server)?.reason).toBe('handshake-failure');
  });
});
