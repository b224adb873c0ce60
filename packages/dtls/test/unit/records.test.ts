import { describe, expect, it } from 'vitest';
import { ErrorCode } from '@pp/core';
import { AlertDescription } from '../../src/index.js';
import { EnginePair, clientConfigFor, serverConfigFor } from '../support/engine-pair.js';

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

function connected(extra: Parameters<typeof clientConfigFor>[1] = {}): EnginePair {
  const pair = new EnginePair(clientConfigFor('ec', extra), serverConfigFor('ec', extra));
  expect(pair.handshake()).toBe(true);
  expect(pair.client.state).toBe('connected');
  return pair;
}

/** Sends `value` from the client and returns the datagram that carried it. */
function capture(pair: EnginePair, value: string): Uint8Array {
  const before = pair.sent.client.length;
  pair.client.send(text(value));
  pair.run(() => pair.received('server').includes(value), 10);
  return pair.sent.client[before]!.data;
}

describe('record layer', () => {
  it('one send is one record is one datagram', () => {
    const pair = connected();
    const datagram = capture(pair, 'abc');
    expect(datagram[0]).toBe(23);
    expect(datagram.length).toBe(13 + 8 + 3 + 16); // header, explicit nonce, data, tag
    expect(pair.received('server')).toEqual(['abc']);
  });

  it('a replayed record is dropped (anti-replay window), the connection goes on', () => {
    const pair = connected();
    const datagram = capture(pair, 'once');
    const dropped = pair.server!.stats.recordsDropped;
    pair.inject('server', datagram);
    pair.inject('server', datagram);
    expect(pair.received('server')).toEqual(['once']);
    expect(pair.server!.stats.recordsDropped).toBe(dropped + 2);
    capture(pair, 'twice');
    expect(pair.received('server')).toEqual(['once', 'twice']);
  });

  it('records older than the window are dropped, reordered ones inside it are accepted', () => {
    const pair = connected({ replayWindow: 4 });
    const datagrams: Uint8Array[] = [];
    for (let i = 0; i < 6; i++) {
      pair.client.send(text(`m${i}`));
      datagrams.push(pair.client.pollTransmit()!);
    }
    pair.inject('server', datagrams[5]!);
    pair.inject('server', datagrams[3]!); // inside the window: accepted
    pair.inject('server', datagrams[0]!); // 5 behind the top: outside a window of 4
    expect(pair.received('server')).toEqual(['m5', 'm3']);
  });

  it('a tampered record (any byte of the ciphertext or its header) is dropped', () => {
    const pair = connected();
    const datagram = capture(pair, 'x');
    for (let i = 0; i < datagram.length; i++) {
      if (i === 11 || i === 12) continue; // a changed length only makes the record unparseable
      const bad = datagram.slice();
      bad[i]! ^= 0x40;
      pair.inject('server', bad);
    }
    expect(pair.received('server')).toEqual(['x']);
    expect(pair.server!.state).toBe('connected');
  });

  it('wrong versions and unknown content types are dropped', () => {
    const pair = connected();
    const datagram = capture(pair, 'v');
    const tls = datagram.slice();
    tls[1] = 0x03; tls[2] = 0x03; // TLS 1.2 instead of DTLS 1.2
    pair.inject('server', tls);
    const dtls10 = datagram.slice();
    dtls10[2] = 0xff;
    pair.inject('server', dtls10);
    const unknown = datagram.slice();
    unknown[0] = 99;
    pair.inject('server', unknown);
    expect(pair.received('server')).toEqual(['v']);
    expect(pair.server!.state).toBe('connected');
  });

  it('close_notify: the peer answers and both sides end as closed', () => {
    const pair = connected();
    pair.client.close();
    pair.run(() => pair.server!.state === 'closed', 10);
    expect(pair.server!.state).toBe('closed');
    expect(pair.events.server.at(-1)).toEqual({ type: 'closed', byPeer: true });
    expect(pair.events.client.at(-1)).toEqual({ type: 'closed', byPeer: false });
    expect(pair.client.send(text('late'))).toBe(ErrorCode.ERR_UNCONFIGURED);
  });

  it('an unprotected alert after the handshake is ignored (anyone could send it)', () => {
    const pair = connected();
    pair.inject('client', Uint8Array.from([21, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 99, 0, 2, 2, AlertDescription.HANDSHAKE_FAILURE]));
    expect(pair.client.state).toBe('connected');
  });

  it('send refuses records over maxRecordSize', () => {
    const pair = connected({ maxRecordSize: 1000 });
    expect(pair.client.send(new Uint8Array(1001))).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(pair.client.send(new Uint8Array(1000))).toBe(ErrorCode.OK);
  });

  it('send before the handshake completes is refused', () => {
    const pair = new EnginePair(clientConfigFor('ec'), serverConfigFor('ec'));
    expect(pair.client.send(text('early'))).toBe(ErrorCode.ERR_UNCONFIGURED);
  });

  it('a fatal alert from the peer fails the connection with peer-alert', () => {
    const pair = new EnginePair(clientConfigFor('ec'), serverConfigFor('ec'));
    pair.inject('client', Uint8Array.from([21, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, AlertDescription.HANDSHAKE_FAILURE]));
    expect(pair.client.state).toBe('failed');
    const event = pair.events.client.at(-1);
    expect(event?.type === 'error' && [event.error.reason, event.error.alert]).toEqual(['peer-alert', AlertDescription.HANDSHAKE_FAILURE]);
  });
});
