/**
 * The StreamPeer behaviour every byte stream must show, as Godot defines it
 * (`core/io/stream_peer.cpp`: `put_data`/`get_data`/`get_partial_data`, the typed helpers in
 * either byte order, `put_string`/`put_utf8_string`, `put_var`/`get_var` with their u32 length)
 * plus the non-blocking forms of `@pp/stream`'s base (`ERR_BUSY` instead of blocking, and the
 * promise forms). A stream runs it with a harness that makes connected pairs:
 *
 * ```ts
 * streamPeerSuite({ name: 'StreamPeerTCP', connect: async () => ({ a, b, close }), capabilities });
 * ```
 *
 * The suite types streams by what it calls, so that it depends on no stream package.
 */
import {
  Dictionary, ErrorCode, GodotError, Vector2, errorName, type Variant, type VariantLike, type WaitOptions,
} from '@pp/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { itWhen } from './capable.js';
import { pattern, until, withTimeout } from './testing/waits.js';

type Typed = 'put8' | 'putU8' | 'put16' | 'putU16' | 'put32' | 'putU32' | 'putHalf' | 'putFloat' | 'putDouble';

/** The part of `@pp/stream`'s `StreamPeer` the suite uses. */
export interface StreamPeerLike {
  bigEndian: boolean;
  lastVarError: GodotError | null;
  getAvailableBytes(): number;
  getData(bytes: number): [ErrorCode, Uint8Array];
  getPartialData(bytes: number): [ErrorCode, Uint8Array];
  putData(data: Uint8Array): ErrorCode;
  putPartialData(data: Uint8Array): [ErrorCode, number];
  put8(value: number): ErrorCode;
  putU8(value: number): ErrorCode;
  put16(value: number): ErrorCode;
  putU16(value: number): ErrorCode;
  put32(value: number): ErrorCode;
  putU32(value: number): ErrorCode;
  put64(value: bigint | number): ErrorCode;
  putU64(value: bigint | number): ErrorCode;
  putHalf(value: number): ErrorCode;
  putFloat(value: number): ErrorCode;
  putDouble(value: number): ErrorCode;
  get8(): number;
  getU8(): number;
  get16(): number;
  getU16(): number;
  get32(): number;
  getU32(): number;
  get64(): bigint;
  getU64(): bigint;
  getHalf(): number;
  getFloat(): number;
  getDouble(): number;
  putString(text: string): ErrorCode;
  putUtf8String(text: string): ErrorCode;
  getString(bytes?: number): string;
  getUtf8String(bytes?: number): string;
  putVar(value: VariantLike, fullObjects?: boolean): ErrorCode;
  getVar(allowObjects?: boolean): Variant;
  waitForBytes(bytes: number, options?: WaitOptions): Promise<void>;
  getDataAsync(bytes: number, options?: WaitOptions): Promise<Uint8Array>;
  getVarAsync(allowObjects?: boolean, options?: WaitOptions): Promise<Variant>;
  close(): void;
  once(event: 'close', listener: () => void): unknown;
}

export interface ConnectedStreams {
  /** One end; what it writes arrives at `b`. */
  a: StreamPeerLike;
  /** The other end. */
  b: StreamPeerLike;
  /** Releases everything the pair holds. */
  close(): Promise<void> | void;
}

export interface StreamPeerCapabilities {
  /** Closing one end ends the other (a connection). */
  closePropagates: boolean;
  /** Bytes the suite pushes through in one go: the pair must carry them intact. @default 1048576 */
  bulkBytes?: number;
}

export interface StreamPeerHarness {
  /** Shown in test names. */
  name: string;
  /** Makes a fresh connected pair. */
  connect(): Promise<ConnectedStreams>;
  capabilities: StreamPeerCapabilities;
  /** Upper bound for each wait. @default 5000 */
  timeoutMs?: number;
}

const TYPED: ReadonlyArray<[Typed, number, number]> = [
  ['put8', -128, 127],
  ['putU8', 0, 255],
  ['put16', -32768, 32767],
  ['putU16', 0, 65535],
  ['put32', -(2 ** 31), 2 ** 31 - 1],
  ['putU32', 0, 2 ** 32 - 1],
  ['putHalf', -65504, 2 ** -14],
  ['putFloat', -3.5, 1.5],
  ['putDouble', -Math.PI, Number.MAX_VALUE],
];

/** Registers the StreamPeer conformance tests for one stream. */
export function streamPeerSuite(harness: StreamPeerHarness): void {
  const caps = harness.capabilities;
  const timeoutMs = harness.timeoutMs ?? 5000;
  const bulk = caps.bulkBytes ?? 1024 * 1024;

  describe(`StreamPeer conformance: ${harness.name}`, () => {
    let pair: ConnectedStreams;
    let a: StreamPeerLike;
    let b: StreamPeerLike;

    beforeEach(async () => {
      pair = await harness.connect();
      ({ a, b } = pair);
    });

    afterEach(async () => {
      await pair.close();
    });

    const arrived = (peer: StreamPeerLike, bytes: number): Promise<void> => peer.waitForBytes(bytes, { timeoutMs });

    it('putData → getData: the bytes arrive, both ways; getAvailableBytes counts them', async () => {
      expect(a.putData(Uint8Array.of(1, 2, 3))).toBe(ErrorCode.OK);
      expect(b.putData(Uint8Array.of(9))).toBe(ErrorCode.OK);
      await arrived(b, 3);
      await arrived(a, 1);
      expect(b.getAvailableBytes()).toBe(3);
      expect(b.getData(2)).toEqual([ErrorCode.OK, Uint8Array.of(1, 2)]);
      expect(b.getAvailableBytes()).toBe(1);
      expect(b.getData(1)).toEqual([ErrorCode.OK, Uint8Array.of(3)]);
      expect(a.getData(1)).toEqual([ErrorCode.OK, Uint8Array.of(9)]);
    });

    it('getData of more than has arrived is ERR_BUSY and consumes nothing; getPartialData takes what is there', async () => {
      a.putData(Uint8Array.of(1, 2));
      await arrived(b, 2);
      const [busy, none] = b.getData(3);
      expect(errorName(busy)).toBe('ERR_BUSY');
      expect(none).toHaveLength(0);
      expect(b.getPartialData(10)).toEqual([ErrorCode.OK, Uint8Array.of(1, 2)]);
      expect(b.getPartialData(10)).toEqual([ErrorCode.OK, new Uint8Array(0)]);
      expect(b.getData(-1)[0]).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    });

    it('putData copies: changing the array afterwards does not change what arrives', async () => {
      const data = Uint8Array.of(1, 2, 3);
      a.putData(data);
      data[0] = 99;
      expect(a.putPartialData(Uint8Array.of(4))).toEqual([ErrorCode.OK, 1]);
      await arrived(b, 4);
      expect(b.getData(4)).toEqual([ErrorCode.OK, Uint8Array.of(1, 2, 3, 4)]);
    });

    for (const bigEndian of [false, true]) {
      it(`typed helpers carry their extremes (${bigEndian ? 'big' : 'little'} endian)`, async () => {
        a.bigEndian = b.bigEndian = bigEndian;
        let size = 0;
        for (const [put, low, high] of TYPED) {
          expect(a[put](low)).toBe(ErrorCode.OK);
          expect(a[put](high)).toBe(ErrorCode.OK);
          size += 2 * { put8: 1, putU8: 1, put16: 2, putU16: 2, put32: 4, putU32: 4, putHalf: 2, putFloat: 4, putDouble: 8 }[put];
        }
        a.put64(-(2n ** 63n));
        a.putU64(2n ** 64n - 1n);
        await arrived(b, size + 16);
        const read: Record<Typed, () => number> = {
          put8: () => b.get8(), putU8: () => b.getU8(), put16: () => b.get16(), putU16: () => b.getU16(),
          put32: () => b.get32(), putU32: () => b.getU32(), putHalf: () => b.getHalf(), putFloat: () => b.getFloat(),
          putDouble: () => b.getDouble(),
        };
        for (const [put, low, high] of TYPED) expect([read[put](), read[put]()]).toEqual([low, high]);
        expect([b.get64(), b.getU64()]).toEqual([-(2n ** 63n), 2n ** 64n - 1n]);
        expect(b.getAvailableBytes()).toBe(0);
      });
    }

    it('a typed getter before its bytes arrived throws ERR_UNAVAILABLE and consumes nothing', async () => {
      a.putU8(7);
      await arrived(b, 1);
      expect(() => b.getU32()).toThrow(GodotError);
      try {
        b.getU32();
      } catch (error) {
        expect((error as GodotError).code).toBe(ErrorCode.ERR_UNAVAILABLE);
      }
      expect(b.getU8()).toBe(7);
    });

    it('strings: putString/getString and putUtf8String/getUtf8String', async () => {
      a.putString('hello');
      a.putUtf8String('héllo wörld ✓');
      a.putData(Uint8Array.of(0x61, 0x62));
      await arrived(b, 4 + 5 + 4 + 17 + 2);
      expect(b.getString()).toBe('hello');
      expect(b.getUtf8String()).toBe('héllo wörld ✓');
      expect(b.getString(2)).toBe('ab');
    });

    it('putVar/getVar: Variants with their length prefix; a partial one is null (ERR_UNAVAILABLE), nothing consumed', async () => {
      const values: VariantLike[] = [null, 42, 'text', new Vector2(1.5, -2), [1, [2, 'x']], new Dictionary([['hp', 100]])];
      for (const value of values) expect(a.putVar(value)).toBe(ErrorCode.OK);
      for (const value of values) {
        expect(await withTimeout(b.getVarAsync(false, { timeoutMs }), timeoutMs, 'a Variant')).toEqual(value);
      }
      a.putData(Uint8Array.of(8, 0, 0, 0, 2, 0));
      await arrived(b, 6);
      expect(b.getVar()).toBeNull();
      expect(b.lastVarError?.code).toBe(ErrorCode.ERR_UNAVAILABLE);
      expect(b.getAvailableBytes()).toBe(6);
      a.putData(Uint8Array.of(0, 0, 7, 0, 0, 0));
      await arrived(b, 12);
      expect(b.getVar()).toBe(7);
      expect(b.lastVarError).toBeNull();
    });

    it('the promise forms wait for the bytes, and time out with ERR_TIMEOUT', async () => {
      const waiting = b.getDataAsync(3, { timeoutMs });
      a.putData(Uint8Array.of(1));
      a.putData(Uint8Array.of(2, 3));
      expect(await waiting).toEqual(Uint8Array.of(1, 2, 3));
      await expect(b.waitForBytes(1, { timeoutMs: 20 })).rejects.toMatchObject({ code: ErrorCode.ERR_TIMEOUT });
    });

    it(`carries ${bulk} bytes intact and in order, read as they come`, async () => {
      const data = pattern(bulk, 5);
      const writing = (async () => {
        for (let at = 0; at < data.length;) {
          const [code, sent] = a.putPartialData(data.subarray(at, at + 65536));
          expect(code).toBe(ErrorCode.OK);
          at += sent;
          if (sent === 0) await new Promise((resolve) => setTimeout(resolve, 1));
        }
      })();
      const received = new Uint8Array(bulk);
      let at = 0;
      while (at < bulk) {
        await arrived(b, 1);
        const [code, chunk] = b.getPartialData(bulk - at);
        expect(code).toBe(ErrorCode.OK);
        received.set(chunk, at);
        at += chunk.length;
      }
      await withTimeout(writing, timeoutMs, 'the writer');
      expect(received.findIndex((byte, i) => byte !== data[i])).toBe(-1);
    });

    itWhen(caps.closePropagates, `${harness.name} has no connection whose close the other end sees`)(
      'closing one end ends the other: its waits reject, then it reports not connected',
      async () => {
        const closed = new Promise<void>((resolve) => b.once('close', () => resolve()));
        const waiting = b.waitForBytes(1, { timeoutMs });
        a.close();
        await expect(waiting).rejects.toMatchObject({ code: ErrorCode.ERR_FILE_EOF });
        await withTimeout(closed, timeoutMs, 'the close event');
        await until(() => b.getAvailableBytes() === -1, 'b to report not connected', timeoutMs);
        expect(b.putData(Uint8Array.of(1))).toBe(ErrorCode.FAILED);
        expect(b.getData(1)[0]).toBe(ErrorCode.FAILED);
      },
    );

    it('a closed stream: putData FAILED, getAvailableBytes -1', () => {
      a.close();
      expect(a.putData(Uint8Array.of(1))).toBe(ErrorCode.FAILED);
      expect(a.getAvailableBytes()).toBe(-1);
    });
  });
}
