import { describe, expect, it } from 'vitest';
import {
  ConnectionStatus, ErrorCode, GodotError, OfflineMultiplayerPeer, PacketQueue, TransferMode, createMemoryPair,
  errorName, generateUniqueId, isErrorCode, nextPowerOfTwo,
} from '../../src/index.js';

describe('Error', () => {
  it('has Godot numbers and names', () => {
    expect(ErrorCode.ERR_INVALID_DATA).toBe(30);
    expect(ErrorCode.ERR_PRINTER_ON_FIRE).toBe(48);
    expect(errorName(18)).toBe('ERR_FILE_EOF');
    expect(errorName(99)).toBe('ERR_UNKNOWN(99)');
    expect(isErrorCode(48)).toBe(true);
    expect(isErrorCode(49)).toBe(false);
    const error = new GodotError(ErrorCode.ERR_TIMEOUT, 'too slow');
    expect(error.message).toBe('too slow (ERR_TIMEOUT)');
    expect(error.codeName).toBe('ERR_TIMEOUT');
  });
});

describe('nextPowerOfTwo', () => {
  it.each([[0, 0], [1, 1], [2, 2], [3, 4], [1000, 1024], [1024, 1024], [2000, 2048], [2 ** 31 + 1, 2 ** 32]])('%d → %d', (n, expected) => {
    expect(nextPowerOfTwo(n)).toBe(expected);
  });
});

describe('PacketQueue', () => {
  it('refuses and counts packets beyond its packet and byte limits', () => {
    const queue = new PacketQueue<number>({ maxPackets: 3, maxBytes: 100, overheadPerPacket: 24 });
    expect(queue.push(new Uint8Array(10), 1)).toBe(true);
    expect(queue.push(new Uint8Array(50), 2)).toBe(false); // 34 + 74 > 100
    expect(queue.push(new Uint8Array(40), 3)).toBe(true); // 34 + 64 = 98
    expect(queue.push(new Uint8Array(0), 4)).toBe(false);
    expect(queue.dropped).toBe(2);
    expect(queue.bytes).toBe(98);
    expect(queue.shift()?.info).toBe(1);
    expect(queue.bytes).toBe(64);
  });

  it('keeps FIFO order across many pushes and shifts', () => {
    const queue = new PacketQueue<number>({ maxPackets: 10_000, maxBytes: Infinity });
    const out: number[] = [];
    for (let i = 0; i < 5000; i++) {
      queue.push(new Uint8Array(1), i);
      if (i % 3 === 0) out.push(queue.shift()?.info as number);
    }
    while (queue.count > 0) out.push(queue.shift()?.info as number);
    expect(out).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });
});

describe('memory pair limits', () => {
  it('drops packets beyond maxQueuedPackets and counts them', async () => {
    const [a, b] = createMemoryPair({ maxQueuedPackets: 2 });
    for (let i = 0; i < 5; i++) a.putPacket(Uint8Array.of(i));
    await b.waitForPacket({ timeoutMs: 1000 });
    expect(b.getAvailablePacketCount()).toBe(2);
    expect(b.droppedPackets).toBe(3);
    a.close();
  });

  it('a throwing packet listener does not break delivery to the next listener', async () => {
    const [a, b] = createMemoryPair();
    const errors: unknown[] = [];
    const onError = (error: unknown): void => void errors.push(error);
    process.on('uncaughtException', onError);
    try {
      const seen: number[] = [];
      b.on('packet', () => {
        throw new Error('listener bug');
      });
      b.on('packet', (packet) => seen.push(packet[0] as number));
      a.putPacket(Uint8Array.of(7));
      // The listener's error is rethrown on a fresh task: wait for it (a loaded machine runs it late).
      for (const deadline = Date.now() + 5000; errors.length === 0 && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(seen).toEqual([7]);
      expect(errors).toHaveLength(1);
    } finally {
      process.off('uncaughtException', onError);
      a.close();
    }
  });
});

describe('MultiplayerPeer basics', () => {
  it('OfflineMultiplayerPeer behaves like Godot’s', () => {
    const peer = new OfflineMultiplayerPeer();
    expect(peer.getConnectionStatus()).toBe(ConnectionStatus.CONNECTED);
    expect(peer.getUniqueId()).toBe(1);
    expect(peer.isServer()).toBe(true);
    expect(peer.getAvailablePacketCount()).toBe(0);
    expect(peer.getPacket()).toHaveLength(0);
    expect(peer.getPacketError()).toBe(ErrorCode.OK);
    expect(peer.putPacket(Uint8Array.of(1))).toBe(ErrorCode.OK);
    expect(peer.getMaxPacketSize()).toBe(0);
    expect(peer.getPacketPeer()).toBe(0);
    expect(peer.getPacketChannel()).toBe(0);
    expect(peer.getPacketMode()).toBe(TransferMode.RELIABLE);
    expect(peer.transferMode).toBe(TransferMode.RELIABLE);
    expect(peer.transferChannel).toBe(0);
    expect(peer.refuseNewConnections).toBe(false);
  });

  it('validates transfer channel and mode', () => {
    const peer = new OfflineMultiplayerPeer();
    expect(() => (peer.transferChannel = 256)).toThrow(GodotError);
    expect(() => (peer.transferMode = 3 as TransferMode)).toThrow(GodotError);
    peer.transferChannel = 255;
    expect(peer.transferChannel).toBe(255);
    expect(errorName(ErrorCode.ERR_INVALID_PARAMETER)).toBe('ERR_INVALID_PARAMETER');
  });

  it('generateUniqueId gives ids in [2, 2^31 - 1]', () => {
    for (let i = 0; i < 1000; i++) {
      const id = generateUniqueId();
      expect(id).toBeGreaterThanOrEqual(2);
      expect(id).toBeLessThanOrEqual(2 ** 31 - 1);
    }
  });
});
