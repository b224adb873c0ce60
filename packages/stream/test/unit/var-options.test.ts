/** A StreamPeer's putVar/getVar take the codec's options too, set once per stream. */
import { ErrorCode, GodotError, VariantError } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { MemoryStreamPeer, loopbackStream } from '../support/memory-stream.js';

const loop = loopbackStream;

describe('StreamPeer codec options', () => {
  it('decodeOptions and encodeOptions apply to every getVar and putVar', () => {
    const stream = loop({ decodeOptions: { alwaysBigInt: true }, encodeOptions: { maxDepth: 1 } });
    expect(stream.putVar([[1]])).toBe(ErrorCode.ERR_OUT_OF_MEMORY);
    expect(stream.lastVarError).toBeInstanceOf(VariantError);
    expect(stream.putVar([5])).toBe(ErrorCode.OK);
    stream.flush();
    expect(stream.getVar()).toEqual([5n]);
    stream.decodeOptions = {};
    stream.putVar(5);
    stream.flush();
    expect(stream.getVar()).toBe(5);
  });

  it('bad options throw a GodotError; putVar(undefined) keeps its message in lastVarError', () => {
    const stream = loop();
    expect(() => (stream.decodeOptions = { maxDepth: 1.5 })).toThrow(GodotError);
    expect(() => new MemoryStreamPeer({ encodeOptions: { realIsDouble: true }, format: 'godot3' })).toThrow(GodotError);
    expect(stream.putVar(undefined as never)).toBe(ErrorCode.ERR_INVALID_PARAMETER);
    expect(stream.lastVarError?.message).toMatch(/undefined is not a Variant/);
    expect(stream.output()).toHaveLength(0);
  });
});
