/**
 * WebRTCDataChannel between two Node.js connections over loopback (bound to 127.0.0.1, only
 * 127.0.0.1 candidates forwarded: support/loopback.ts): text and binary messages, the readouts,
 * both size limits, back-pressure and closing.
 */
import { ErrorCode } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { ChannelState, ConnectionState, WriteMode, type WebRTCDataChannel } from '../../src/index.js';
import { openChannelPair, type ChannelPair } from '../support/loopback.js';
import { nextEvent, until, useScope, withTimeout } from '@pp/conformance/testing';

const scope = useScope();
const pair = async (...args: Parameters<typeof openChannelPair>): Promise<ChannelPair> =>
  scope.add(await openChannelPair(...args), (p) => p.close());

async function receive(channel: WebRTCDataChannel, count: number): Promise<Array<{ data: Uint8Array; text: boolean }>> {
  const out: Array<{ data: Uint8Array; text: boolean }> = [];
  while (out.length < count) {
    await channel.waitForPacket({ timeoutMs: 5000 });
    while (channel.getAvailablePacketCount() > 0) out.push({ data: channel.getPacket(), text: channel.wasStringPacket() });
  }
  return out;
}

describe('WebRTCDataChannel (Node.js)', () => {
  it('sends binary by default and text in WRITE_MODE_TEXT; wasStringPacket tells them apart', async () => {
    const { ca, cb } = await pair();
    expect(ca.writeMode).toBe(WriteMode.BINARY);
    ca.putPacket(Uint8Array.of(0, 1, 2, 255));
    ca.writeMode = WriteMode.TEXT;
    ca.putPacket(new TextEncoder().encode('héllo ✓'));
    expect(ca.putVar('as text')).toBe(ErrorCode.OK);
    expect(() => (ca.writeMode = 7 as WriteMode)).toThrow(/write mode/);
    const got = await receive(cb, 3);
    expect(got[0]).toEqual({ data: Uint8Array.of(0, 1, 2, 255), text: false });
    expect(got[1]).toEqual({ data: new TextEncoder().encode('héllo ✓'), text: true });
    expect(got[2]?.text).toBe(true);
    cb.writeMode = WriteMode.TEXT;
    cb.putPacket(new TextEncoder().encode('back'));
    expect((await receive(ca, 1))[0]).toEqual({ data: new TextEncoder().encode('back'), text: true });
  });

  it('reads back what it was made with', async () => {
    const { ca, cb } = await pair({}, { negotiated: true, id: 9, ordered: false, maxRetransmits: 2, protocol: 'game' });
    for (const channel of [ca, cb]) {
      expect(channel.getLabel()).toBe('test');
      expect(channel.getId()).toBe(9);
      expect(channel.isNegotiated()).toBe(true);
      expect(channel.isOrdered()).toBe(false);
      expect(channel.getMaxRetransmits()).toBe(2);
      expect(channel.getMaxPacketLifeTime()).toBe(-1);
      expect(channel.getProtocol()).toBe('game');
      expect(channel.getReadyState()).toBe(ChannelState.OPEN);
      expect(channel.poll()).toBe(ErrorCode.OK);
      expect(channel.getMaxPacketSize()).toBe(16384);
      expect(channel.getMaxMessageSize()).toBe(262144);
    }
  });

  it('refuses a message above the other side\'s a=max-message-size, saying why', async () => {
    const { ca, cb } = await pair({ maxChannelInBufferKb: 512 });
    expect(ca.putPacket(new Uint8Array(262145))).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(ca.lastError?.message).toMatch(/262145-byte message is larger than the 262144 bytes.*a=max-message-size:262144/);
    expect(ca.putPacket(new Uint8Array(262144).fill(7))).toBe(ErrorCode.OK);
    const [big] = await receive(cb, 1);
    expect(big?.data.length).toBe(262144);
  });

  it('without a=max-message-size in the other side\'s SDP, 65536 bytes is the limit (RFC 8841)', async () => {
    const strip = (sdp: string): string => sdp.replace(/a=max-message-size:\d+\r?\n/, '');
    const { ca, cb } = await pair({ maxChannelInBufferKb: 128 }, undefined, {
      linkOptions: { rewrite: strip },
    });
    expect(ca.getMaxMessageSize()).toBe(65536);
    expect(ca.putPacket(new Uint8Array(65537))).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(ca.lastError?.message).toMatch(/has no a=max-message-size, so 65536 bytes is the limit/);
    expect(ca.putPacket(new Uint8Array(65536))).toBe(ErrorCode.OK);
    expect((await receive(cb, 1))[0]?.data.length).toBe(65536);
  });

  it('receives at most 65530 bytes per message by default (Godot\'s 64 KiB ring, 5 bytes per message), dropping and reporting more', async () => {
    const { ca, cb } = await pair();
    const errors: string[] = [];
    cb.on('error', (error) => errors.push(error.message));
    expect(ca.putPacket(new Uint8Array(65531))).toBe(ErrorCode.OK);
    expect(ca.putPacket(new Uint8Array(65530).fill(1))).toBe(ErrorCode.OK);
    const [kept] = await receive(cb, 1);
    expect(kept?.data.length).toBe(65530);
    expect(cb.droppedPackets).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/dropped a 65531-byte message.*maxChannelInBufferKb/);
    // A full buffer drops what does not fit: 2 × 30000 + 10 bytes fit in 65535, a third does not.
    for (let i = 0; i < 3; i++) ca.putPacket(new Uint8Array(30000).fill(i));
    await until(() => cb.droppedPackets === 2, 'the third message to be dropped');
    expect(cb.getAvailablePacketCount()).toBe(2);
    expect(errors).toHaveLength(1);
  });

  it('back-pressure: getBufferedAmount, maxBufferedAmount and waitForBufferedAmountLow', async () => {
    const { ca, cb } = await pair({ maxBufferedAmount: 200_000, maxChannelInBufferKb: 1024 });
    let refused = 0;
    let sent = 0;
    const chunk = new Uint8Array(16_000);
    for (let i = 0; i < 200 && refused === 0; i++) {
      const error = ca.putPacket(chunk);
      if (error === ErrorCode.OK) sent++;
      else {
        expect(error).toBe(ErrorCode.ERR_OUT_OF_MEMORY);
        refused++;
      }
    }
    expect(refused).toBe(1);
    // At least maxBufferedAmount went out before the refusal (the network drains meanwhile).
    expect(sent * chunk.length).toBeGreaterThan(200_000 - chunk.length);
    expect(ca.lastError?.message).toMatch(/maxBufferedAmount/);
    ca.bufferedAmountLowThreshold = 16_000;
    let received = 0;
    cb.on('packet', () => received++);
    await ca.waitForBufferedAmountLow({ timeoutMs: 10_000 });
    expect(ca.getBufferedAmount()).toBeLessThanOrEqual(16_000);
    expect(ca.putPacket(chunk)).toBe(ErrorCode.OK);
    await until(() => received === sent + 1, 'every message to arrive', 10_000);
  });

  it('closing one channel closes the other end; the connections stay up', async () => {
    const { a, b, ca, cb } = await pair();
    const closed = nextEvent(cb, 'close', 10_000);
    ca.close();
    expect(ca.getReadyState()).toBe(ChannelState.CLOSING);
    await closed;
    expect(cb.getReadyState()).toBe(ChannelState.CLOSED);
    await until(() => ca.getReadyState() === ChannelState.CLOSED, 'the local close to be confirmed');
    expect(a.getConnectionState()).toBe(ConnectionState.CONNECTED);
    expect(b.getConnectionState()).toBe(ConnectionState.CONNECTED);
    expect(cb.putPacket(Uint8Array.of(1))).toBe(ErrorCode.ERR_UNCONFIGURED);
    await expect(withTimeout(ca.waitForOpen(), 100, 'open')).rejects.toMatchObject({ code: ErrorCode.ERR_UNAVAILABLE });
  });
});
