/**
 * @pp/core's `errorString` and global error constants against Godot 4.6's own `error_string()`
 * and `Error` numbering (the ClassDB fixture, itself checked against the engine in interop).
 */
import * as core from '@pp/core';
import { describe, expect, it } from 'vitest';
import { godot4ClassDb } from '../../src/index.js';

const { errorStrings } = godot4ClassDb();

describe("Godot's Error enum", () => {
  it('has one description per code, the one Godot 4.6 prints', () => {
    expect(errorStrings).toHaveLength(Object.keys(core.ErrorCode).length);
    errorStrings.forEach((text, code) => expect(core.errorString(code), core.errorName(code)).toBe(text));
  });

  it("answers '(invalid error code)' outside the enum, as Godot", () => {
    for (const code of [-1, errorStrings.length, 1.5, Number.NaN]) expect(core.errorString(code)).toBe('(invalid error code)');
  });

  it('exports every ERR_* constant under its Godot name, with its number', () => {
    for (const [name, code] of Object.entries(core.ErrorCode)) {
      expect((core as Record<string, unknown>)[name], name).toBe(code);
    }
  });
});
