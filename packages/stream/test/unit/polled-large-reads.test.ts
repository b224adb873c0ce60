/**
 * Godot-style polling (`get_var()` / `get_data(n)` every frame) of values larger than
 * `readBufferSize` (issue 9 §2): reading must go on up to the size the getter needs, or the value
 * never completes — the socket pauses at 64 KiB while the getter waits for the whole value.
 */
import { ErrorCode, type Variant } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { pattern, until, useSockets } from '../support/sockets.js';

const sockets = useSockets();

/** Whether two byte arrays are equal (vitest's toEqual walks a large array element by element). */
const same = (a: unknown, b: Uint8Array): boolean => a instanceof Uint8Array && Buffer.from(a).equals(b);

describe('polled reads of values larger than readBufferSize', () => {
  it('getVar() polled completes for a 1 MiB PackedByteArray', async () => {
    const { client, accepted } = await sockets.pair();
    const data = pattern(1024 * 1024, 3);
    expect(client.putVar(data)).toBe(ErrorCode.OK);
    let value: Variant = null;
    await until(() => (value = accepted.getVar()) !== null, 'the value', 10_000);
    expect(same(value, data)).toBe(true);
    // Once it was read, the stream holds back at readBufferSize again.
    expect(client.putData(pattern(1024 * 1024, 4))).toBe(ErrorCode.OK);
    await until(() => accepted.getAvailableBytes() >= accepted.readBufferSize);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(accepted.getAvailableBytes()).toBeLessThanOrEqual(accepted.readBufferSize + 65536);
  });

  it('getData(n) polled completes for n = 300000', async () => {
    const { client, accepted } = await sockets.pair();
    const data = pattern(300_000, 5);
    expect(client.putData(data)).toBe(ErrorCode.OK);
    let received: Uint8Array = new Uint8Array(0);
    await until(() => {
      const [code, bytes] = accepted.getData(data.length);
      received = bytes;
      return code === ErrorCode.OK;
    }, 'the bytes', 10_000);
    expect(same(received, data)).toBe(true);
  });

  it('getUtf8String() polled completes for a 200 KiB string', async () => {
    const { client, accepted } = await sockets.pair();
    const text = 'é'.repeat(100 * 1024);
    expect(client.putUtf8String(text)).toBe(ErrorCode.OK);
    let received = '';
    await until(() => {
      try {
        received = accepted.getUtf8String();
        return true;
      } catch {
        return false;
      }
    }, 'the string', 10_000);
    expect(received).toBe(text);
  });
});
