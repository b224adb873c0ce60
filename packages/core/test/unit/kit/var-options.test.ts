/**
 * Every peer's `putVar`/`getVar` take the codec's options, set once per peer (constructor option
 * or property) and checked when set; `putVar`'s failures keep their message in `lastVarError`.
 */
import { describe, expect, it } from 'vitest';
import {
  ErrorCode, Float, GodotError, GodotObject, VariantError, bytesToVar, createMemoryPair, varToBytes,
} from '../../../src/index.js';

async function roundTrip(options: Parameters<typeof createMemoryPair>[0], value: Parameters<typeof varToBytes>[0]) {
  const [a, b] = createMemoryPair(options);
  expect(a.putVar(value)).toBe(ErrorCode.OK);
  await b.waitForPacket({ timeoutMs: 1000 });
  const packet = b.getPacket();
  a.close();
  return packet;
}

describe('codec options per peer', () => {
  it('decodeOptions apply to every getVar: alwaysBigInt, maxDepth, exact', async () => {
    const [a, b] = createMemoryPair({ decodeOptions: { alwaysBigInt: true } });
    expect(b.decodeOptions).toEqual({ alwaysBigInt: true });
    a.putVar(7);
    await b.waitForPacket({ timeoutMs: 1000 });
    expect(b.getVar()).toBe(7n);
    b.decodeOptions = { maxDepth: 1 };
    a.putVar([[1]]);
    await b.waitForPacket({ timeoutMs: 1000 });
    expect(b.getVar()).toBeNull();
    expect((b.lastVarError as VariantError).code).toBe(ErrorCode.ERR_OUT_OF_MEMORY);
    b.decodeOptions = { exact: true };
    a.putVar(new Float(1.5));
    await b.waitForPacket({ timeoutMs: 1000 });
    expect(b.getVar()).toEqual(bytesToVar(varToBytes(new Float(1.5)), { exact: true }));
    a.close();
  });

  it('decodeOptions.allowObjects is the default of getVar(allowObjects); the argument wins', async () => {
    const object = new GodotObject('Resource', { resource_name: 'x' });
    const [a, b] = createMemoryPair({ decodeOptions: { allowObjects: true } });
    a.putVar(object, true);
    a.putVar(object, true);
    await b.waitForPacket({ timeoutMs: 1000 });
    expect(b.getVar()).toEqual(object);
    expect(b.getVar(false)).toBeNull();
    expect((b.lastVarError as VariantError).code).toBe(ErrorCode.ERR_UNAUTHORIZED);
    a.close();
  });

  it('encodeOptions apply to every putVar: realIsDouble, fullObjects, maxDepth', async () => {
    expect(await roundTrip({ encodeOptions: { realIsDouble: true } }, 1.5)).toEqual(varToBytes(1.5, { realIsDouble: true }));
    const object = new GodotObject('Node');
    expect(await roundTrip({ encodeOptions: { fullObjects: true } }, object)).toEqual(varToBytes(object, { fullObjects: true }));
    const [a] = createMemoryPair({ encodeOptions: { maxDepth: 0 } });
    expect(a.putVar([1])).toBe(ErrorCode.ERR_OUT_OF_MEMORY);
    expect(a.putVar([1], true)).toBe(ErrorCode.ERR_OUT_OF_MEMORY);
    a.close();
  });

  it('bad options throw a GodotError at the setter or constructor and change nothing', () => {
    const [a] = createMemoryPair();
    const invalid = (set: () => void): void => {
      expect(set).toThrow(GodotError);
      try {
        set();
      } catch (error) {
        expect((error as GodotError).code).toBe(ErrorCode.ERR_INVALID_PARAMETER);
      }
    };
    invalid(() => (a.decodeOptions = { exact: 'yes' as unknown as boolean }));
    invalid(() => (a.decodeOptions = { maxDepth: 2000 }));
    invalid(() => (a.encodeOptions = { maxDepth: -1 }));
    invalid(() => (a.decodeOptions = null as never));
    a.format = 'godot3';
    invalid(() => (a.encodeOptions = { realIsDouble: true }));
    a.format = 'godot4';
    a.encodeOptions = { realIsDouble: true };
    invalid(() => (a.format = 'godot3'));
    expect(a.format).toBe('godot4');
    expect(a.decodeOptions).toEqual({});
    expect(Object.isFrozen(a.encodeOptions)).toBe(true);
    invalid(() => createMemoryPair({ decodeOptions: { alwaysBigInt: 1 as unknown as boolean } }));
    a.close();
  });

  it('putVar(undefined) fails with ERR_INVALID_PARAMETER and keeps the message in lastVarError', async () => {
    const [a, b] = createMemoryPair();
    expect(a.putVar(undefined as never)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(a.lastVarError).toBeInstanceOf(VariantError);
    expect(a.lastVarError?.message).toMatch(/undefined is not a Variant/);
    expect(a.putVar('ok')).toBe(ErrorCode.OK);
    expect(a.lastVarError).toBeNull();
    await b.waitForPacket({ timeoutMs: 1000 });
    expect(b.getVar()).toBe('ok');
    a.close();
  });
});
