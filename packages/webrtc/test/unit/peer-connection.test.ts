/**
 * WebRTCPeerConnection in Node.js, two connections in this process over loopback: every
 * connection binds 127.0.0.1 and the test signalling forwards only 127.0.0.1 candidates
 * (support/loopback.ts).
 */
import { ErrorCode, GodotError } from '@pp/core';
import { describe, expect, it } from 'vitest';
import {
  ChannelState, ConnectionState, GatheringState, SignalingState, WebRTCPeerConnection, isLoopbackCandidate,
  type WebRTCDataChannel,
} from '../../src/index.js';
import { link, loopbackConnection, openChannelPair } from '../support/loopback.js';
import { nextEvent, useScope, withTimeout } from '@pp/conformance/testing';

const scope = useScope();
const track = (pc: WebRTCPeerConnection): WebRTCPeerConnection => scope.add(pc, (p) => p.close());

describe('WebRTCPeerConnection (Node.js)', () => {
  it('starts NEW, STABLE, gathering NEW; poll() is OK', () => {
    const pc = track(new WebRTCPeerConnection());
    expect(pc.getConnectionState()).toBe(ConnectionState.NEW);
    expect(pc.getSignalingState()).toBe(SignalingState.STABLE);
    expect(pc.getGatheringState()).toBe(GatheringState.NEW);
    expect(pc.poll()).toBe(ErrorCode.OK);
  });

  it('connects the way Godot scripts do: offer, answer and candidates through the signals', async () => {
    const a = track(loopbackConnection());
    const b = track(loopbackConnection());
    link(a, b);
    const received = nextEvent<WebRTCDataChannel>(b, 'dataChannelReceived', 10_000);
    const channel = a.createDataChannel('chat', { protocol: 'pp-test' }) as WebRTCDataChannel;
    expect(channel).not.toBeNull();
    expect(channel.getReadyState()).toBe(ChannelState.CONNECTING);
    expect(channel.getId()).toBe(-1);
    const offers: string[] = [];
    const candidates: string[] = [];
    a.on('sessionDescriptionCreated', (type) => offers.push(type));
    a.on('iceCandidateCreated', (_media, _index, name) => candidates.push(name));
    expect(a.createOffer()).toBe(ErrorCode.OK);
    expect(a.getConnectionState()).toBe(ConnectionState.CONNECTING);
    // Nothing is emitted inside the call: the listener added afterwards still hears the offer.
    expect(offers).toEqual([]);
    const remote = await received;
    await Promise.all([a.waitForConnected({ timeoutMs: 10_000 }), b.waitForConnected({ timeoutMs: 10_000 })]);
    await channel.waitForOpen({ timeoutMs: 10_000 });
    await remote.waitForOpen({ timeoutMs: 10_000 });
    expect(offers).toEqual(['offer']);
    expect(candidates.length).toBeGreaterThan(0);
    expect(candidates.every((c) => c.startsWith('candidate:') && isLoopbackCandidate(c))).toBe(true);
    expect(remote.getLabel()).toBe('chat');
    expect(remote.getProtocol()).toBe('pp-test');
    expect(remote.isNegotiated()).toBe(false);
    expect(remote.getId()).toBe(channel.getId());
    expect(channel.getId()).toBeGreaterThanOrEqual(0);
    expect(a.getSignalingState()).toBe(SignalingState.STABLE);
    expect(b.getSignalingState()).toBe(SignalingState.STABLE);
    expect(channel.putVar(['hello', 42])).toBe(ErrorCode.OK);
    await remote.waitForPacket({ timeoutMs: 5000 });
    expect(remote.getVar()).toEqual(['hello', 42]);
  });

  it('promise forms: createOfferAsync, setRemoteDescriptionAsync, waitForGatheringComplete', async () => {
    const a = track(loopbackConnection());
    const b = track(loopbackConnection());
    for (const [from, to] of [[a, b], [b, a]] as const) {
      from.on('iceCandidateCreated', (media, index, name) => {
        if (isLoopbackCandidate(name)) to.addIceCandidate(media, index, name);
      });
    }
    a.createDataChannel('x', { negotiated: true, id: 7 });
    b.createDataChannel('x', { negotiated: true, id: 7 });
    const offer = await a.createOfferAsync({ timeoutMs: 5000 });
    expect(offer.type).toBe('offer');
    expect(offer.sdp).toContain('m=application');
    const answer = await b.setRemoteDescriptionAsync('offer', offer.sdp, { timeoutMs: 5000 });
    expect(answer?.type).toBe('answer');
    expect(await a.setRemoteDescriptionAsync('answer', (answer as { sdp: string }).sdp)).toBeNull();
    await withTimeout(Promise.all([a.waitForConnected(), b.waitForConnected()]), 10_000, 'both connected');
    await b.waitForGatheringComplete({ timeoutMs: 5000 });
    expect(b.getGatheringState()).toBe(GatheringState.COMPLETE);
  });

  it('refuses what Godot refuses, with lastError saying why', () => {
    const pc = track(loopbackConnection());
    expect(pc.createDataChannel('x', { negotiated: true })).toBeNull();
    expect(pc.lastError?.code).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(pc.lastError?.message).toMatch(/needs an "id"/);
    expect(pc.createDataChannel('x', { id: 3 })).toBeNull();
    expect(pc.createDataChannel('x', { maxPacketLifeTime: 10, maxRetransmits: 1 })).toBeNull();
    expect(pc.lastError?.message).toMatch(/exclude each other/);
    expect(pc.setRemoteDescription('nonsense', '')).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(pc.setRemoteDescription('offer', 'not an sdp')).toBe(ErrorCode.FAILED);
    expect(pc.lastError?.message).toMatch(/remote description/);
    // libdatachannel would abort the process on an offer with nothing in it: refused instead.
    expect(pc.createOffer()).toBe(ErrorCode.FAILED);
    expect(pc.lastError?.message).toMatch(/no data channel/);
    expect(pc.createDataChannel('first')).not.toBeNull();
    expect(pc.createOffer()).toBe(ErrorCode.OK);
    expect(pc.createOffer()).toBe(ErrorCode.FAILED);
    expect(pc.createDataChannel('late')).toBeNull();
    expect(pc.setRemoteDescription('offer', 'v=0')).toBe(ErrorCode.FAILED);
    expect(new WebRTCPeerConnection().initialize({ iceServers: [{ urls: 'http://example.test' }] })).toBe(ErrorCode.FAILED);
  });

  it('close(): CLOSED at once, its channels too, the other side sees the connection and channel close', async () => {
    const pair = await openChannelPair();
    scope.add(pair, (p) => p.close());
    const closedRemote = nextEvent(pair.cb, 'close', 10_000);
    const closeEvents: string[] = [];
    pair.a.on('close', () => closeEvents.push('pc'));
    pair.ca.on('close', () => closeEvents.push('channel'));
    pair.a.close();
    expect(pair.a.getConnectionState()).toBe(ConnectionState.CLOSED);
    expect(pair.ca.getReadyState()).toBe(ChannelState.CLOSED);
    expect(closeEvents.sort()).toEqual(['channel', 'pc']);
    expect(pair.ca.putPacket(Uint8Array.of(1))).toBe(ErrorCode.ERR_UNCONFIGURED);
    await closedRemote;
    expect(pair.cb.getReadyState()).toBe(ChannelState.CLOSED);
    await withTimeout(new Promise<void>((resolve) => {
      if (pair.b.getConnectionState() === ConnectionState.CLOSED) resolve();
      else pair.b.on('close', () => resolve());
    }), 10_000, 'the other connection to close');
    expect(pair.a.setRemoteDescription('answer', 'v=0')).toBe(ErrorCode.ERR_UNCONFIGURED);
    await expect(pair.a.waitForConnected()).rejects.toBeInstanceOf(GodotError);
  });
});
