/** The stream timers run on the clock they are given: a ManualClock moves them without waiting. */
import { ErrorCode, ManualClock, type GodotError } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { PacketPeerStream, StreamPeerTCP, TCPStatus } from '../../src/index.js';
import { useSockets } from '../support/sockets.js';
import { MemoryStreamPeer } from '../support/memory-stream.js';

const sockets = useSockets();

describe('timers on a ManualClock', () => {
  it('StreamPeerTCP: the connect timeout fires when the clock reaches it, not before', () => {
    const clock = new ManualClock();
    const peer = sockets.track(new StreamPeerTCP({ clock, connectTimeoutMs: 5000 }));
    expect(peer.connectToHost('127.0.0.1', 9)).toBe(ErrorCode.OK);
    expect(clock.pending).toBe(1);
    clock.advance(4999);
    expect(peer.getStatus()).toBe(TCPStatus.STATUS_CONNECTING);
    clock.advance(1);
    expect(peer.getStatus()).toBe(TCPStatus.STATUS_ERROR);
    expect(peer.lastError?.message).toContain('timed out after 5000 ms');
    expect(clock.pending).toBe(0);
  });

  it('StreamPeerTCP: disconnecting cancels the connect timer', () => {
    const clock = new ManualClock();
    const peer = sockets.track(new StreamPeerTCP({ clock }));
    peer.connectToHost('127.0.0.1', 9);
    peer.disconnectFromHost();
    expect(clock.pending).toBe(0);
  });

  it('PacketPeerStream: a stalled frame times out on the clock, counted from its first byte', () => {
    const clock = new ManualClock(1_000_000);
    const stream = new MemoryStreamPeer();
    const peer = new PacketPeerStream({ streamPeer: stream, frameTimeoutMs: 1000, clock });
    const errors: GodotError[] = [];
    peer.on('error', (error) => errors.push(error));
    stream.feed([10]);
    clock.advance(600);
    stream.feed([0, 0]);
    clock.advance(399);
    expect(errors).toEqual([]);
    clock.advance(1);
    expect(errors.map((error) => [error.name, error.code])).toEqual([['StreamProtocolError', ErrorCode.ERR_TIMEOUT]]);
    expect(peer.lastError).toBe(errors[0]);
    expect(stream.connected).toBe(false);
  });

  it('PacketPeerStream: a clock that starts at 0 still times frames', () => {
    const clock = new ManualClock(0);
    const stream = new MemoryStreamPeer();
    const peer = new PacketPeerStream({ streamPeer: stream, frameTimeoutMs: 50, clock });
    stream.feed([4, 0, 0, 0, 1]);
    clock.advance(49);
    expect(stream.connected).toBe(true);
    clock.advance(1);
    expect(peer.lastError?.code).toBe(ErrorCode.ERR_TIMEOUT);
  });
});
