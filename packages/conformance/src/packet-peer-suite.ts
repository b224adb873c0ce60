/**
 * The PacketPeer behaviour every transport must show, as Godot defines it (`core/io/packet_peer.cpp`:
 * `put_var`/`get_var`, `get_packet_error`, `encode_buffer_max_size`, empty packets) plus the
 * TypeScript conveniences of `@pp/core`'s base class. A transport runs it with a harness that
 * makes connected pairs:
 *
 * ```ts
 * packetPeerSuite({ name: 'udp', connect: async () => …, capabilities: { … } });
 * ```
 */
import {
  Dictionary, ErrorCode, GodotError, GodotObject, NodePath, PackedStringArray, StringName, Vector2,
  Vector3i, VariantError, errorName, type PacketPeer, type VariantFormat, type VariantLike,
} from '@pp/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { itWhen } from './capable.js';
import { pattern, until, withTimeout } from './testing/waits.js';

// Any PacketPeer, whatever its packet info and events.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPacketPeer = PacketPeer<any, any>;

export interface ConnectedPair {
  /** One end; what it puts arrives at `b`. */
  a: AnyPacketPeer;
  /** The other end; what it puts arrives at `a`. */
  b: AnyPacketPeer;
  /** Releases everything the pair holds (sockets, servers, timers). */
  close(): Promise<void> | void;
}

export interface PacketPeerCapabilities {
  /** Small bursts on loopback arrive complete (true for everything but lossy links). */
  reliable: boolean;
  /** Packets arrive in the order they were sent. */
  ordered: boolean;
  /** Largest payload that must pass. */
  maxPacketSize: number;
  /** A payload above `maxPacketSize` is refused with an error code by `putPacket`. */
  refusesOversized: boolean;
  /** Closing one end ends the other (connection-oriented transports). */
  closePropagates: boolean;
  /** The Variant dialect the pair speaks. @default 'godot4' */
  format?: VariantFormat;
  /**
   * Why the transport lacks a capability, shown in the title of each test skipped for it
   * (default: "<name> does not guarantee delivery", "… order", …).
   */
  why?: Partial<Record<'reliable' | 'ordered' | 'refusesOversized' | 'closePropagates', string>>;
}

export interface PacketPeerHarness {
  /** Shown in test names. */
  name: string;
  /** Makes a fresh connected pair. */
  connect(): Promise<ConnectedPair>;
  capabilities: PacketPeerCapabilities;
  /** Upper bound for each wait. @default 5000 */
  timeoutMs?: number;
}

/** Values of many types that survive a `putVar`/`getVar` round trip unchanged. */
function sampleValues(format: VariantFormat): VariantLike[] {
  const common: VariantLike[] = [
    null, true, 42, -7, 2 ** 40, 1.5, 'hello', 'héllo wörld ✓', '',
    new Vector2(1.5, -2), new NodePath('/root/Main:position:x'),
    [1, 'two', [3, null]], new Dictionary([['hp', 100], ['name', 'p1']]),
    Uint8Array.of(1, 2, 3, 4, 5), Int32Array.of(1, -2, 3), Float32Array.of(0.5, -1.25),
    PackedStringArray.fromStrings(['a', 'bc']),
  ];
  if (format === 'godot3') return common;
  return [...common, new StringName('jump'), new Vector3i(1, 2, 3), BigInt64Array.of(-(2n ** 40n)), 2n ** 62n];
}

function collect(peer: AnyPacketPeer, count: number, timeoutMs: number): Promise<Uint8Array[]> {
  return (async () => {
    const out: Uint8Array[] = [];
    while (out.length < count) {
      await peer.waitForPacket({ timeoutMs });
      while (peer.getAvailablePacketCount() > 0 && out.length < count) out.push(peer.getPacket());
    }
    return out;
  })();
}


/** Registers the PacketPeer conformance tests for one transport. */
export function packetPeerSuite(harness: PacketPeerHarness): void {
  const { capabilities: caps } = harness;
  const timeoutMs = harness.timeoutMs ?? 5000;
  const format = caps.format ?? 'godot4';

  const why = (capability: keyof NonNullable<PacketPeerCapabilities['why']>, otherwise: string): string =>
    caps.why?.[capability] ?? `${harness.name} ${otherwise}`;
  const whenReliableOrdered = itWhen(
    caps.ordered && caps.reliable,
    caps.reliable ? why('ordered', 'does not guarantee order') : why('reliable', 'does not guarantee delivery'),
  );
  const whenRefusesOversized = itWhen(caps.refusesOversized, why('refusesOversized', 'sends packets above its maximum size anyway'));
  const whenClosePropagates = itWhen(caps.closePropagates, why('closePropagates', 'has no connection whose close the other end sees'));

  describe(`PacketPeer conformance: ${harness.name}`, () => {
    let pair: ConnectedPair;
    let a: AnyPacketPeer;
    let b: AnyPacketPeer;

    beforeEach(async () => {
      pair = await harness.connect();
      ({ a, b } = pair);
    });

    afterEach(async () => {
      await pair.close();
    });

    it('delivers a packet: putPacket, then getPacket with getPacketError OK', async () => {
      expect(a.putPacket(Uint8Array.of(1, 2, 3))).toBe(ErrorCode.OK);
      await b.waitForPacket({ timeoutMs });
      expect(b.getAvailablePacketCount()).toBe(1);
      expect(b.getPacket()).toEqual(Uint8Array.of(1, 2, 3));
      expect(b.getPacketError()).toBe(ErrorCode.OK);
      expect(b.getAvailablePacketCount()).toBe(0);
    });

    it('works in both directions', async () => {
      expect(b.putPacket(Uint8Array.of(9))).toBe(ErrorCode.OK);
      await a.waitForPacket({ timeoutMs });
      expect(a.getPacket()).toEqual(Uint8Array.of(9));
    });

    it('getPacket with nothing waiting returns an empty array and ERR_UNAVAILABLE', () => {
      const packet = b.getPacket();
      expect(packet).toHaveLength(0);
      expect(errorName(b.getPacketError())).toBe('ERR_UNAVAILABLE');
    });

    it('putPacket of an empty array returns OK and sends nothing', async () => {
      expect(a.putPacket(new Uint8Array(0))).toBe(ErrorCode.OK);
      expect(a.putPacket(Uint8Array.of(7))).toBe(ErrorCode.OK);
      const [first] = await collect(b, 1, timeoutMs);
      expect(first).toEqual(Uint8Array.of(7));
    });

    it('counts waiting packets', async () => {
      for (let i = 0; i < 5; i++) a.putPacket(Uint8Array.of(i + 1));
      await until(() => b.getAvailablePacketCount() >= 5, 'five packets', timeoutMs);
      expect(b.getAvailablePacketCount()).toBe(5);
      b.getPacket();
      expect(b.getAvailablePacketCount()).toBe(4);
    });

    whenReliableOrdered('delivers a burst of 200 packets complete and in order', async () => {
      const sizes = Array.from({ length: 200 }, (_, i) => 1 + ((i * 97) % Math.min(caps.maxPacketSize, 1400)));
      for (const [i, size] of sizes.entries()) expect(a.putPacket(pattern(size, i))).toBe(ErrorCode.OK);
      const received = await collect(b, sizes.length, timeoutMs);
      received.forEach((packet, i) => expectSameBytes(packet, pattern(sizes[i] as number, i)));
    });

    it('round-trips Variants of many types with putVar/getVar', async () => {
      const values = sampleValues(format);
      for (const value of values) expect(a.putVar(value)).toBe(ErrorCode.OK);
      for (const value of values) {
        await b.waitForPacket({ timeoutMs });
        expect(b.getVar()).toEqual(value);
        expect(b.lastVarError).toBeNull();
      }
    });

    it('getVar returns null for a packet that is not a Variant, and the peer stays usable', async () => {
      a.putPacket(Uint8Array.of(0xff, 0, 0, 0));
      a.putVar('after');
      await b.waitForPacket({ timeoutMs });
      expect(b.getVar()).toBeNull();
      expect(b.lastVarError).toBeInstanceOf(VariantError);
      expect((b.lastVarError as VariantError).code).toBe(ErrorCode.ERR_INVALID_DATA);
      await b.waitForPacket({ timeoutMs });
      expect(b.getVar()).toBe('after');
    });

    it('getVar refuses full objects unless allowObjects is true', async () => {
      const object = new GodotObject('Resource', { resource_name: 'hello' });
      expect(a.putVar(object, true)).toBe(ErrorCode.OK);
      expect(a.putVar(object, true)).toBe(ErrorCode.OK);
      await b.waitForPacket({ timeoutMs });
      expect(b.getVar()).toBeNull();
      expect((b.lastVarError as VariantError).code).toBe(ErrorCode.ERR_UNAUTHORIZED);
      await b.waitForPacket({ timeoutMs });
      expect(b.getVar(true)).toEqual(object);
    });

    it('putVar of a full object without fullObjects fails with ERR_INVALID_PARAMETER', () => {
      expect(a.putVar(new GodotObject('Node'))).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    });

    it('encodeBufferMaxSize: default 8 MiB, rounds up, refuses out-of-range values, limits putVar', async () => {
      expect(a.encodeBufferMaxSize).toBe(8388608);
      expect(() => (a.encodeBufferMaxSize = 42)).toThrow(GodotError);
      expect(() => (a.encodeBufferMaxSize = 256 * 1024 * 1024 + 42)).toThrow(GodotError);
      expect(a.encodeBufferMaxSize).toBe(8388608);
      a.encodeBufferMaxSize = 2000;
      expect(a.encodeBufferMaxSize).toBe(2048);
      a.encodeBufferMaxSize = 1024;
      // "*" × 1025 encodes to 1036 bytes: over the limit (Godot's own test).
      expect(a.putVar('*'.repeat(1025))).toBe(ErrorCode.ERR_OUT_OF_MEMORY);
      expect(a.putVar('*'.repeat(1000))).toBe(ErrorCode.OK);
      await b.waitForPacket({ timeoutMs });
      expect(b.getVar()).toBe('*'.repeat(1000));
    });

    it('carries the largest packet the transport promises', async () => {
      const big = pattern(caps.maxPacketSize, 3);
      expect(a.putPacket(big)).toBe(ErrorCode.OK);
      const [received] = await collect(b, 1, timeoutMs);
      expectSameBytes(received, big);
    });

    whenRefusesOversized('refuses a packet above the maximum, and stays usable', async () => {
      expect(a.putPacket(new Uint8Array(caps.maxPacketSize + 1))).not.toBe(ErrorCode.OK);
      expect(a.putPacket(Uint8Array.of(5))).toBe(ErrorCode.OK);
      const [received] = await collect(b, 1, timeoutMs);
      expect(received).toEqual(Uint8Array.of(5));
    });

    it('sends a copy: changing the buffer after putPacket does not change what arrives', async () => {
      const buffer = Uint8Array.of(1, 2, 3);
      a.putPacket(buffer);
      buffer[0] = 99;
      const [received] = await collect(b, 1, timeoutMs);
      expect(received).toEqual(Uint8Array.of(1, 2, 3));
    });

    it('emits packet events in order, flushing packets queued before the listener', async () => {
      a.putPacket(Uint8Array.of(1));
      await b.waitForPacket({ timeoutMs });
      const seen: number[] = [];
      const done = new Promise<void>((resolve) => {
        b.on('packet', (packet: Uint8Array) => {
          seen.push(packet[0] as number);
          if (seen.length === 3) resolve();
        });
      });
      a.putPacket(Uint8Array.of(2));
      a.putPacket(Uint8Array.of(3));
      await withTimeout(done, timeoutMs);
      if (caps.ordered) expect(seen).toEqual([1, 2, 3]);
      else expect(seen.sort()).toEqual([1, 2, 3]);
      expect(b.getAvailablePacketCount()).toBe(0);
    });

    it('iterates packets asynchronously and stops at the abort signal', async () => {
      const controller = new AbortController();
      const seen: number[] = [];
      const reading = (async () => {
        for await (const packet of b.packets({ signal: controller.signal })) {
          seen.push(packet[0] as number);
          if (seen.length === 3) controller.abort(new Error('enough'));
        }
      })();
      for (let i = 1; i <= 4; i++) a.putPacket(Uint8Array.of(i));
      await expect(withTimeout(reading, timeoutMs)).rejects.toThrow('enough');
      expect(seen).toHaveLength(3);
    });

    it('ends async iteration when the peer is closed locally', async () => {
      a.putPacket(Uint8Array.of(1));
      const seen: number[] = [];
      const reading = (async () => {
        for await (const packet of b) {
          seen.push(packet[0] as number);
          b.close();
        }
      })();
      await withTimeout(reading, timeoutMs);
      expect(seen).toEqual([1]);
    });

    it('waitForPacket times out with ERR_TIMEOUT', async () => {
      await expect(b.waitForPacket({ timeoutMs: 20 })).rejects.toMatchObject({ code: ErrorCode.ERR_TIMEOUT });
    });

    whenClosePropagates('closing one end ends the other', async () => {
      const closed = new Promise<void>((resolve) => b.once('close', () => resolve()));
      const reading = (async () => {
        for await (const _ of b) {
          // nothing arrives
        }
      })();
      a.close();
      await withTimeout(closed, timeoutMs);
      await withTimeout(reading, timeoutMs);
    });
  });
}

/** Byte-array equality that stays fast for big packets, reporting the first difference. */
function expectSameBytes(actual: Uint8Array | undefined, expected: Uint8Array): void {
  expect(actual).toBeInstanceOf(Uint8Array);
  const got = actual as Uint8Array;
  expect(got.length).toBe(expected.length);
  const at = got.findIndex((byte, i) => byte !== expected[i]);
  expect(at, `first differing byte at ${at}`).toBe(-1);
}
