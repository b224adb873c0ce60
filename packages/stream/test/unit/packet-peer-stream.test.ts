/**
 * PacketPeerStream's framing over an in-memory stream, so that every test decides exactly how
 * the bytes arrive (one at a time, all at once, half a frame then nothing).
 */
import { ErrorCode, GodotError, type VariantError } from '@pp/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PacketPeerStream, StreamProtocolError } from '../../src/index.js';
import { frame, pattern } from '../support/sockets.js';
import { MemoryStreamPeer } from '../support/memory-stream.js';

const hex = (text: string): Uint8Array => Uint8Array.from(text.match(/[0-9a-f]{2}/g) ?? [], (pair) => parseInt(pair, 16));
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);

function setup(options: ConstructorParameters<typeof PacketPeerStream>[0] = {}) {
  const stream = new MemoryStreamPeer();
  const peer = new PacketPeerStream({ ...options, streamPeer: stream });
  const errors: GodotError[] = [];
  peer.on('error', (error) => errors.push(error));
  let closed = 0;
  peer.on('close', () => closed++);
  return { stream, peer, errors, closes: () => closed };
}

function drain(peer: PacketPeerStream): Uint8Array[] {
  const out: Uint8Array[] = [];
  while (peer.getAvailablePacketCount() > 0) out.push(peer.getPacket());
  return out;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("PacketPeerStream framing (Godot's vectors, tests/core/io/test_packet_peer.h)", () => {
  it('putPacket writes a little-endian u32 length and the payload', () => {
    const { stream, peer } = setup();
    expect(peer.putPacket(ascii('Godot Rules!!!'))).toBe(ErrorCode.OK);
    expect(stream.output()).toEqual(Uint8Array.from([...hex('0e000000'), ...ascii('Godot Rules!!!')]));
  });

  it('putVar writes the 28-byte frame StreamPeer.put_var also writes', () => {
    const { stream, peer } = setup();
    expect(peer.putVar('Godot Rules!!!')).toBe(ErrorCode.OK);
    expect(stream.output()).toEqual(hex('18000000 04000000 0e000000 476f646f742052756c65732121210000'.replace(/ /g, '')));
  });

  it('putPacket of an empty array writes nothing', () => {
    const { stream, peer } = setup();
    expect(peer.putPacket(new Uint8Array(0))).toBe(ErrorCode.OK);
    expect(stream.written).toHaveLength(0);
  });

  it('reads "0f 00 00 00" + "Godot Rules!!!" + "00" as a 15-byte packet', () => {
    const { stream, peer } = setup();
    stream.feed([...hex('0f000000'), ...ascii('Godot Rules!!!'), 0]);
    expect(peer.getAvailablePacketCount()).toBe(1);
    expect(peer.getPacket()).toEqual(Uint8Array.from([...ascii('Godot Rules!!!'), 0]));
  });

  it('without a stream: getPacket, getVar and putPacket give ERR_UNCONFIGURED', () => {
    const peer = new PacketPeerStream();
    expect(peer.getPacket()).toHaveLength(0);
    expect(peer.getPacketError()).toBe(ErrorCode.ERR_UNCONFIGURED);
    expect(peer.getVar()).toBeNull();
    expect(peer.lastVarError?.code).toBe(ErrorCode.ERR_UNCONFIGURED);
    expect(peer.putPacket(Uint8Array.of(1))).toBe(ErrorCode.ERR_UNCONFIGURED);
  });

  it('a zero-length frame is a valid empty packet', () => {
    const { stream, peer } = setup();
    stream.feed(hex('00000000'));
    expect(peer.getAvailablePacketCount()).toBe(1);
    expect(peer.getPacket()).toEqual(new Uint8Array(0));
    expect(peer.getPacketError()).toBe(ErrorCode.OK);
  });

  it('frames split byte by byte arrive whole, and only once complete', () => {
    const { stream, peer } = setup();
    const payloads = [pattern(300, 1), new Uint8Array(0), pattern(1, 2), pattern(70, 3)];
    const bytes = payloads.flatMap((payload) => [...frame(payload)]);
    const received: Uint8Array[] = [];
    for (const byte of bytes) {
      stream.feed([byte]);
      received.push(...drain(peer));
    }
    expect(received).toEqual(payloads);
  });

  it('many frames in one chunk come out in order', () => {
    const { stream, peer } = setup();
    const payloads = Array.from({ length: 1000 }, (_, i) => pattern(i % 50, i));
    stream.feed(payloads.flatMap((payload) => [...frame(payload)]));
    expect(drain(peer)).toEqual(payloads);
  });

  it('decodes Variants from frames (getVar), and a bad one does not stop the next', () => {
    const { stream, peer } = setup();
    stream.feed([...frame(hex('ff000000')), ...frame(hex('0200000007000000'))]);
    expect(peer.getVar()).toBeNull();
    expect((peer.lastVarError as VariantError).code).toBe(ErrorCode.ERR_INVALID_DATA);
    expect(peer.getVar()).toBe(7);
  });
});

describe('PacketPeerStream limits', () => {
  it('input and output limits default to 65532 (Godot), and getMaxPacketSize is the output limit', () => {
    const { peer } = setup();
    expect(peer.inputBufferMaxSize).toBe(65532);
    expect(peer.outputBufferMaxSize).toBe(65532);
    expect(peer.getMaxPacketSize()).toBe(65532);
  });

  it('sends up to outputBufferMaxSize, refusing more with ERR_INVALID_PARAMETER', () => {
    const { stream, peer } = setup();
    expect(peer.putPacket(new Uint8Array(65532))).toBe(ErrorCode.OK);
    expect(peer.putPacket(new Uint8Array(65533))).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    peer.outputBufferMaxSize = 100; // next_power_of_2(104) - 4
    expect(peer.outputBufferMaxSize).toBe(124);
    expect(peer.putPacket(new Uint8Array(124))).toBe(ErrorCode.OK);
    expect(peer.putPacket(new Uint8Array(125))).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(stream.written.map((chunk) => chunk.length)).toEqual([65536, 128]);
  });

  it('receives a 65532-byte frame (Godot 4 and 3 stall on it: their ring holds 65535 bytes)', () => {
    const { stream, peer, errors } = setup();
    stream.feed(frame(pattern(65532, 5)));
    expect(peer.getPacket()).toEqual(pattern(65532, 5));
    expect(errors).toEqual([]);
  });

  it.each([
    ['one byte over inputBufferMaxSize', hex('fdff0000')],
    ['ff ff ff ff', hex('ffffffff')],
    ['2^31 (negative as a C++ int)', hex('00000080')],
  ])('a frame declaring %s closes the stream with ERR_INVALID_DATA, allocating nothing', (_, header) => {
    const { stream, peer, errors, closes } = setup();
    stream.feed([...frame(Uint8Array.of(1)), ...header, 1, 2, 3]);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(StreamProtocolError);
    expect(errors[0]).toMatchObject({ name: 'StreamProtocolError', code: ErrorCode.ERR_INVALID_DATA });
    expect(peer.lastError).toBe(errors[0]);
    expect(stream.connected).toBe(false);
    expect(closes()).toBe(1);
    // The packet before the bad frame is still readable.
    expect(peer.getPacket()).toEqual(Uint8Array.of(1));
    expect(peer.getAvailablePacketCount()).toBe(0);
  });

  it('a large declared frame costs memory only as its bytes arrive', () => {
    const { stream, peer, errors } = setup({ inputBufferMaxSize: 128 * 1024 * 1024 });
    const before = process.memoryUsage().arrayBuffers;
    const header = new Uint8Array(4);
    new DataView(header.buffer).setUint32(0, 100 * 1024 * 1024, true);
    stream.feed([...header, 1, 2, 3]);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(4 * 1024 * 1024);
    expect(peer.getAvailablePacketCount()).toBe(0);
    expect(errors).toEqual([]);
    peer.close();
  });

  it('inputBufferMaxSize rounds like Godot, refuses negatives, and cannot change while data is buffered', () => {
    const { stream, peer } = setup();
    peer.inputBufferMaxSize = 1000;
    expect(peer.inputBufferMaxSize).toBe(1020);
    expect(() => (peer.inputBufferMaxSize = -1)).toThrow(GodotError);
    stream.feed(frame(Uint8Array.of(1)));
    expect(() => (peer.inputBufferMaxSize = 5000)).toThrow(expect.objectContaining({ code: ErrorCode.ERR_ALREADY_IN_USE }));
    expect(peer.inputBufferMaxSize).toBe(1020);
    peer.getPacket();
    peer.inputBufferMaxSize = 5000;
    expect(peer.inputBufferMaxSize).toBe(8188);
  });

  it('holds at most the input buffer of frames; the rest waits in the stream, nothing is dropped', () => {
    const { stream, peer } = setup({ inputBufferMaxSize: 1020 }); // 1024 bytes: five 200-byte frames
    const payloads = Array.from({ length: 10 }, (_, i) => pattern(200, i));
    stream.feed(payloads.flatMap((payload) => [...frame(payload)]));
    expect(peer.getAvailablePacketCount()).toBe(5);
    // The sixth frame's header was read (to learn it does not fit); its payload and the rest wait.
    expect(stream.getAvailableBytes()).toBe(5 * 204 - 4);
    expect(peer.getPacket()).toEqual(payloads[0]);
    expect(peer.getAvailablePacketCount()).toBe(5);
    expect(drain(peer)).toEqual(payloads.slice(1));
    expect(peer.droppedPackets).toBe(0);
  });

  it('switching to another stream discards what was received from the previous one', () => {
    const { stream, peer } = setup();
    stream.feed([...frame(Uint8Array.of(1)), 9, 0]);
    const next = new MemoryStreamPeer();
    peer.streamPeer = next;
    expect(peer.getAvailablePacketCount()).toBe(0);
    next.feed(frame(Uint8Array.of(2)));
    expect(peer.getPacket()).toEqual(Uint8Array.of(2));
    stream.feed(frame(Uint8Array.of(3)));
    expect(peer.getAvailablePacketCount()).toBe(0);
  });
});

describe('PacketPeerStream stalled and cut-off frames', () => {
  it('closes with ERR_TIMEOUT when a started frame does not complete within frameTimeoutMs (default 30 s)', () => {
    vi.useFakeTimers();
    const { stream, peer, errors } = setup();
    expect(peer.frameTimeoutMs).toBe(30_000);
    stream.feed([...hex('0a000000'), 1, 2, 3]);
    vi.advanceTimersByTime(29_999);
    expect(errors).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ name: 'StreamProtocolError', code: ErrorCode.ERR_TIMEOUT });
    expect(stream.connected).toBe(false);
  });

  it('counts from the first byte of the frame: a trickle does not keep it alive', () => {
    vi.useFakeTimers();
    const { stream, peer, errors } = setup({ frameTimeoutMs: 1000 });
    stream.feed([10]);
    for (let i = 0; i < 9; i++) {
      vi.advanceTimersByTime(100);
      stream.feed([0]);
    }
    expect(errors).toEqual([]);
    vi.advanceTimersByTime(100);
    expect(errors.map((error) => error.code)).toEqual([ErrorCode.ERR_TIMEOUT]);
    expect(peer.getAvailablePacketCount()).toBe(0);
  });

  it('does not count the time the application leaves the queue full', () => {
    vi.useFakeTimers();
    const { stream, peer, errors } = setup({ inputBufferMaxSize: 1020, frameTimeoutMs: 1000 });
    const payloads = Array.from({ length: 7 }, (_, i) => pattern(200, i));
    const bytes = payloads.flatMap((payload) => [...frame(payload)]);
    stream.feed(bytes.slice(0, -10)); // the last frame is incomplete and waits behind a full queue
    vi.advanceTimersByTime(60_000);
    expect(errors).toEqual([]);
    const received = drain(peer);
    expect(received).toEqual(payloads.slice(0, 6));
    vi.advanceTimersByTime(999);
    stream.feed(bytes.slice(-10));
    expect(drain(peer)).toEqual(payloads.slice(6));
    expect(errors).toEqual([]);
  });

  it('frameTimeoutMs = 0 waits forever, like Godot', () => {
    vi.useFakeTimers();
    const { stream, errors } = setup({ frameTimeoutMs: 0 });
    stream.feed([...hex('0a000000'), 1]);
    vi.advanceTimersByTime(24 * 3600 * 1000);
    expect(errors).toEqual([]);
    expect(stream.connected).toBe(true);
  });

  it('reports a connection that ends inside a frame with ERR_FILE_EOF, after the complete packets', () => {
    const { stream, peer, errors, closes } = setup();
    stream.feed([...frame(Uint8Array.of(1)), ...hex('0a000000'), 1, 2]);
    stream.end();
    expect(errors.map((error) => [error.name, error.code])).toEqual([['StreamProtocolError', ErrorCode.ERR_FILE_EOF]]);
    expect(closes()).toBe(1);
    expect(peer.getPacket()).toEqual(Uint8Array.of(1));
  });

  it('an orderly end between frames closes without an error', () => {
    const { stream, peer, errors, closes } = setup();
    stream.feed(frame(Uint8Array.of(1)));
    stream.end();
    expect(errors).toEqual([]);
    expect(closes()).toBe(1);
    expect(peer.getPacket()).toEqual(Uint8Array.of(1));
  });
});

describe('PacketPeerStream over a stream that already holds data', () => {
  it('a bad frame already there is reported after the constructor returns, to listeners attached then', async () => {
    const stream = new MemoryStreamPeer();
    stream.feed(hex('ffffff7f'));
    const peer = new PacketPeerStream({ streamPeer: stream });
    const events: string[] = [];
    peer.on('error', (error) => events.push(`error ${error.name} ${error.code}`));
    peer.on('close', () => events.push('close'));
    await Promise.resolve();
    expect(events).toEqual([`error StreamProtocolError ${ErrorCode.ERR_INVALID_DATA}`, 'close']);
    expect(stream.connected).toBe(false);
  });

  it('a stream that ended inside a frame reports it after the constructor returns', async () => {
    const stream = new MemoryStreamPeer();
    stream.feed([...frame(Uint8Array.of(7)), ...hex('0a000000'), 1]);
    stream.end();
    const peer = new PacketPeerStream({ streamPeer: stream });
    const events: string[] = [];
    peer.on('error', (error) => events.push(`error ${error.code}`));
    peer.on('close', () => events.push('close'));
    await Promise.resolve();
    expect(events).toEqual([`error ${ErrorCode.ERR_FILE_EOF}`, 'close']);
    expect(peer.getPacket()).toEqual(Uint8Array.of(7));
  });

  it('good frames already there are readable right after the constructor', () => {
    const stream = new MemoryStreamPeer();
    stream.feed([...frame(Uint8Array.of(1)), ...frame(Uint8Array.of(2))]);
    const peer = new PacketPeerStream({ streamPeer: stream });
    expect(drain(peer)).toEqual([Uint8Array.of(1), Uint8Array.of(2)]);
  });
});
