/**
 * The `.pck` writer against the layout Godot 4.6 reads (format version 3, Godot's
 * `core/io/file_access_pack.cpp`). Godot itself accepting these packs is covered by test/interop.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PCK_ALIGNMENT, PCK_FILE_BASE, writePck } from '../../src/index.js';
import { readPck } from './pck-reader.js';

const hex = (text: string): Uint8Array =>
  Uint8Array.from(text.replace(/\s+/g, '').match(/../g) ?? [], (pair) => parseInt(pair, 16));
const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const md5 = (data: Uint8Array | string): string => createHash('md5').update(data).digest('hex');

describe('writePck', () => {
  it('writes a one-file pack byte for byte (104-byte header, zeros up to the file base at 112)', () => {
    const expected = hex(`
      47445043 03000000 04000000 06000000 00000000 02000000
      7000000000000000 8000000000000000
      ${'00000000'.repeat(16)}
      0000000000000000
      6869 ${'00'.repeat(14)}
      01000000
      04000000 61000000
      0000000000000000 0200000000000000
      49f68a5c8493ec2c0bf489821c21fc3b
      00000000`);
    expect(toHex(writePck({ a: 'hi' }))).toBe(toHex(expected));
  });

  it('writes the header: magic, format 3, engine version, relative-offsets flag, file base', () => {
    const pck = readPck(writePck({ 'main.gd': 'extends Node\n' }));
    expect(pck.magic).toBe('GDPC');
    expect(pck.formatVersion).toBe(3);
    expect(pck.version).toEqual([4, 6, 0]);
    expect(pck.flags).toBe(2);
    expect(pck.fileBase).toBe(PCK_FILE_BASE);
    expect(PCK_FILE_BASE % PCK_ALIGNMENT).toBe(0);
    expect(pck.reserved).toEqual(new Array(16).fill(0));
  });

  it('stamps another engine version when asked', () => {
    expect(readPck(writePck({ a: 'x' }, { major: 4, minor: 4, patch: 1 })).version).toEqual([4, 4, 1]);
  });

  it('aligns every file to 16 bytes from the file base, in order, and the directory after them', () => {
    const files = {
      'project.godot': 'config_version=5\n',
      'empty.bin': new Uint8Array(0),
      'sixteen.bin': new Uint8Array(16).fill(7),
      'odd.bin': new Uint8Array(17).fill(9),
      'main.gd': 'extends Node\n',
    };
    const bytes = writePck(files);
    const pck = readPck(bytes);
    expect(pck.entries.map((e) => e.path)).toEqual(Object.keys(files));
    expect(pck.entries.map((e) => e.offset)).toEqual([0, 32, 32, 48, 80]);
    for (const entry of pck.entries) {
      expect(entry.offset % PCK_ALIGNMENT).toBe(0);
      expect(entry.flags).toBe(0);
    }
    expect(pck.directoryOffset).toBe(PCK_FILE_BASE + 96);
    expect(pck.directoryOffset % PCK_ALIGNMENT).toBe(0);
    // Padding between files is zeros.
    expect([...bytes.subarray(PCK_FILE_BASE + 17, PCK_FILE_BASE + 32)].every((b) => b === 0)).toBe(true);
  });

  it('stores contents verbatim (strings as UTF-8) with their MD5', () => {
    const binary = Uint8Array.from({ length: 300 }, (_, i) => (i * 37) & 0xff);
    const pck = readPck(writePck({ 'text.txt': 'héllo ✓', 'data/cases.bin': binary, 'none.txt': '' }));
    const [text, data, none] = pck.entries;
    expect(new TextDecoder().decode(text?.data)).toBe('héllo ✓');
    expect(text?.size).toBe(Buffer.byteLength('héllo ✓'));
    expect(toHex(text?.md5 ?? new Uint8Array())).toBe(md5('héllo ✓'));
    expect(data?.path).toBe('data/cases.bin');
    expect(data?.data).toEqual(binary);
    expect(toHex(data?.md5 ?? new Uint8Array())).toBe(md5(binary));
    expect(toHex(none?.md5 ?? new Uint8Array())).toBe('d41d8cd98f00b204e9800998ecf8427e');
  });

  it('pads paths with NULs to a multiple of 4, always at least one', () => {
    const pck = readPck(writePck({ abc: '', abcd: '', 'é.gd': '' }));
    expect(pck.entries.map((e) => [e.path, e.paddedPathLength])).toEqual([
      ['abc', 4],
      ['abcd', 8],
      ['é.gd', 8],
    ]);
  });

  it('accepts res:// paths and rejects empty or escaping ones', () => {
    expect(readPck(writePck({ 'res://x/y.txt': '1' })).entries[0]?.path).toBe('x/y.txt');
    expect(() => writePck({ '': '' })).toThrow(TypeError);
    expect(() => writePck({ 'res://': '' })).toThrow(TypeError);
    expect(() => writePck({ '../x': '' })).toThrow(TypeError);
    expect(() => writePck({ 'a//b': '' })).toThrow(TypeError);
  });

  it('writes an empty pack as a header and a zero-count directory', () => {
    const bytes = writePck({});
    expect(bytes.length).toBe(PCK_FILE_BASE + 4);
    expect(readPck(bytes).entries).toEqual([]);
  });
});
