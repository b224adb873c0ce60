/**
 * PacketPeerStream against raw node:net peers that send garbage, oversized frames, half frames,
 * everything at once or a byte at a time: a clear error or timeout, the connection closed, no
 * allocation of the declared size, and the other connections unaffected.
 */
import type { Socket } from 'node:net';
import { ErrorCode, type GodotError } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { PacketPeerStream, StreamPeerTCP, TCPStatus, type TCPServer } from '../../src/index.js';
import { frame, pattern, until, useSockets, withTimeout } from '../support/sockets.js';

const sockets = useSockets();

function closed(socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) resolve();
    else socket.once('close', () => resolve());
  });
}

function write(socket: Socket, bytes: Uint8Array | number[]): Promise<void> {
  return new Promise((resolve, reject) => socket.write(Uint8Array.from(bytes), (error) => (error ? reject(error) : resolve())));
}

/** A raw client and a PacketPeerStream on the server's side of it, with its errors collected. */
async function rawPeer(server: TCPServer, options: ConstructorParameters<typeof PacketPeerStream>[0] = {}) {
  const { socket, accepted } = await sockets.raw(server);
  const peer = sockets.track(new PacketPeerStream({ ...options, streamPeer: accepted }));
  const errors: GodotError[] = [];
  peer.on('error', (error) => errors.push(error));
  const ended = new Promise<void>((resolve) => peer.once('close', () => resolve()));
  return { socket, accepted, peer, errors, ended };
}

/** A healthy PacketPeerStream pair on the same server: it must keep working. */
async function healthyPair(server: TCPServer) {
  const client = sockets.track(new StreamPeerTCP());
  const [accepted] = await Promise.all([
    server.accept({ timeoutMs: 5000 }),
    client.connectToHostAsync('127.0.0.1', server.getLocalPort(), { timeoutMs: 5000 }),
  ]);
  sockets.track(accepted);
  return { a: new PacketPeerStream({ streamPeer: client }), b: new PacketPeerStream({ streamPeer: accepted }) };
}

async function stillWorks(pair: { a: PacketPeerStream; b: PacketPeerStream }): Promise<void> {
  expect(pair.a.putVar('still here')).toBe(ErrorCode.OK);
  await pair.b.waitForPacket({ timeoutMs: 5000 });
  expect(pair.b.getVar()).toBe('still here');
}

describe('PacketPeerStream over TCP against a hostile peer', () => {
  it.each([
    ['ff ff ff ff', [0xff, 0xff, 0xff, 0xff]],
    ['a frame one byte over the input limit (65533)', [0xfd, 0xff, 0x00, 0x00]],
    ['2 GiB', [0x00, 0x00, 0x00, 0x80]],
  ])('a length prefix of %s: ERR_INVALID_DATA, connection closed, nothing allocated, others unaffected', async (_, header) => {
    const server = await sockets.server();
    const healthy = await healthyPair(server);
    const { socket, accepted, peer, errors, ended } = await rawPeer(server);
    const before = process.memoryUsage().arrayBuffers;
    await write(socket, [...frame(Uint8Array.of(7)), ...header, 1, 2, 3, 4]);
    await withTimeout(ended, 5000, 'the peer to close');
    await withTimeout(closed(socket), 5000, 'the raw socket to be closed');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ name: 'StreamProtocolError', code: ErrorCode.ERR_INVALID_DATA });
    expect(errors[0]?.message).toContain('more than inputBufferMaxSize');
    expect(accepted.getStatus()).toBe(TCPStatus.STATUS_ERROR);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1024 * 1024);
    expect(peer.getPacket()).toEqual(Uint8Array.of(7));
    await stillWorks(healthy);
  });

  it('half a frame, then nothing: ERR_TIMEOUT after frameTimeoutMs, connection closed, others unaffected', async () => {
    const server = await sockets.server();
    const healthy = await healthyPair(server);
    const { socket, peer, errors, ended } = await rawPeer(server, { frameTimeoutMs: 200 });
    const started = Date.now();
    await write(socket, [...frame(pattern(1000, 1)).subarray(0, 500)]);
    await withTimeout(ended, 5000, 'the peer to close');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    await withTimeout(closed(socket), 5000, 'the raw socket to be closed');
    expect(errors.map((error) => [error.name, error.code])).toEqual([['StreamProtocolError', ErrorCode.ERR_TIMEOUT]]);
    expect(peer.getAvailablePacketCount()).toBe(0);
    await stillWorks(healthy);
  });

  it('a peer that closes inside a frame: ERR_FILE_EOF after the complete packets', async () => {
    const server = await sockets.server();
    const { socket, peer, errors, ended } = await rawPeer(server);
    socket.end(Uint8Array.from([...frame(Uint8Array.of(1)), ...frame(pattern(100, 2)).subarray(0, 50)]));
    await withTimeout(ended, 5000, 'the peer to close');
    expect(errors.map((error) => [error.name, error.code])).toEqual([['StreamProtocolError', ErrorCode.ERR_FILE_EOF]]);
    expect(peer.getPacket()).toEqual(Uint8Array.of(1));
  });

  it('1000 frames in one write arrive complete and in order', async () => {
    const server = await sockets.server();
    const { socket, peer, errors } = await rawPeer(server);
    const payloads = Array.from({ length: 1000 }, (_, i) => pattern(1 + (i * 37) % 300, i));
    await write(socket, payloads.flatMap((payload) => [...frame(payload)]));
    const received: Uint8Array[] = [];
    while (received.length < payloads.length) {
      await peer.waitForPacket({ timeoutMs: 5000 });
      while (peer.getAvailablePacketCount() > 0) received.push(peer.getPacket());
    }
    expect(received).toEqual(payloads);
    expect(errors).toEqual([]);
  });

  it('frames written a byte at a time arrive whole', async () => {
    const server = await sockets.server();
    const { socket, peer, errors } = await rawPeer(server);
    socket.setNoDelay(true);
    const payloads = [pattern(20, 1), new Uint8Array(0), pattern(3, 2)];
    const bytes = payloads.flatMap((payload) => [...frame(payload)]);
    for (const byte of bytes) await write(socket, [byte]);
    const received: Uint8Array[] = [];
    while (received.length < payloads.length) {
      await peer.waitForPacket({ timeoutMs: 5000 });
      while (peer.getAvailablePacketCount() > 0) received.push(peer.getPacket());
    }
    expect(received).toEqual(payloads);
    expect(errors).toEqual([]);
  });

  it('a reader that does not read: memory stays bounded, TCP holds the sender back, nothing is lost', async () => {
    const server = await sockets.server({ readBufferSize: 65536 });
    const { socket, accepted, peer, errors } = await rawPeer(server);
    const payload = pattern(60_000, 3);
    const count = 200; // 12 MB, far more than the queue, the read buffer and the socket buffers
    let written = 0;
    const writing = (async () => {
      for (; written < count; written++) await write(socket, frame(payload));
    })();
    await until(() => written > 10 && accepted.getAvailableBytes() > 0 && socket.writableLength > 0, 'the sender to be held back', 10_000);
    // Queue: one 60000-byte packet fits the 65536-byte input buffer; the stream holds at most its
    // read buffer plus one socket read.
    expect(peer.getAvailablePacketCount()).toBe(1);
    expect(accepted.getAvailableBytes()).toBeLessThanOrEqual(65536 + 65536);
    expect(written).toBeLessThan(count);
    let received = 0;
    while (received < count) {
      await peer.waitForPacket({ timeoutMs: 5000 });
      const packet = peer.getPacket();
      expect(packet.length).toBe(payload.length);
      expect(packet[59_999]).toBe(payload[59_999]);
      received++;
    }
    await withTimeout(writing, 5000, 'the writer to finish');
    expect(peer.droppedPackets).toBe(0);
    expect(errors).toEqual([]);
  });
});
