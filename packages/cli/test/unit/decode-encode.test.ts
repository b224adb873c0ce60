/** `pp decode` and `pp encode`, run in-process on literal inputs. */
import { Dictionary, Float, Vector2, varToBytes } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { ExitCode, main } from '../../src/index.js';
import { testIO } from '../support/cli-io.js';

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const b64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64');
const frame = (bytes: Uint8Array): Uint8Array => {
  const out = new Uint8Array(4 + bytes.length);
  new DataView(out.buffer).setUint32(0, bytes.length, true);
  out.set(bytes, 4);
  return out;
};

async function run(args: string[], stdin: string | Uint8Array = ''): Promise<{ code: number; out: string; err: string; bytes: Buffer }> {
  const io = testIO(stdin);
  const code = await main(args, io);
  return { code, out: io.out(), err: io.err(), bytes: io.outBytes() };
}

describe('pp decode', () => {
  const dict = varToBytes(new Dictionary([['hp', 100], ['pos', new Vector2(1.5, -2)]]));

  it('prints Godot’s text form of hex and base64 arguments', async () => {
    const { code, out } = await run(['decode', hex(dict), b64(varToBytes([1, 'x']))]);
    expect(code).toBe(ExitCode.OK);
    expect(out).toBe('{\n"hp": 100,\n"pos": Vector2(1.5, -2)\n}\n[1, "x"]\n');
  });

  it('reads one value per stdin line, as JSON with text and type', async () => {
    const { code, out } = await run(['decode', '--json'], `${b64(varToBytes(1.5))}\n\n${hex(varToBytes(new Vector2(1, 2)))}\n`);
    expect(code).toBe(ExitCode.OK);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { index: 0, type: 'float', text: '1.5', size: 8, json: 'f:1.5' },
      { index: 1, type: 'Vector2', text: 'Vector2(1, 2)', size: 12, json: { type: 'Vector2', args: [1, 2] } },
    ]);
  });

  it('keeps going after bad input, printing Godot’s error code and the offset', async () => {
    const { code, out, err } = await run(['decode'], `02000000\nzz!\n${hex(varToBytes('ok'))}\n`);
    expect(code).toBe(ExitCode.BAD_INPUT);
    expect(out).toBe('"ok"\n');
    expect(err).toMatch(/value 0 \(line 1\): ERR_INVALID_DATA \(30\)/);
    expect(err).toMatch(/value 1 \(line 2\): ERR_INVALID_DATA \(30\): neither hex nor base64/);
    const json = await run(['decode', '--json', '0400000008000000616263'], '');
    expect(JSON.parse(json.out)).toEqual({ index: 0, error: expect.objectContaining({ code: 18, name: 'ERR_FILE_EOF' }) });
  });

  it('splits PacketPeerStream frames with --stream, in the Godot 3 format', async () => {
    const g3 = { format: 'godot3' } as const;
    const data = Buffer.concat([frame(varToBytes({ a: 1 }, g3)), frame(varToBytes(new Vector2(1, 2), g3)), Buffer.from([9, 0, 0])]);
    const { code, out, err } = await run(['decode', '--stream', '--format', 'godot3', hex(data)]);
    expect(out).toBe('{\n"a": 1\n}\nVector2( 1, 2 )\n');
    expect(err).toMatch(/3 bytes left, too few for a length prefix/);
    expect(code).toBe(ExitCode.BAD_INPUT);
  });

  it('decodes values back to back from raw stdin', async () => {
    const data = Buffer.concat([varToBytes(1), varToBytes('two'), varToBytes(null)]);
    const { out } = await run(['decode', '--input', 'raw'], data);
    expect(out).toBe('1\n"two"\nnull\n');
  });

  it('says how it is used, and fails usage errors with exit code 2', async () => {
    expect((await run(['decode', '--help'])).out).toMatch(/Usage: pp decode/);
    expect((await run(['decode', '--bogus'])).code).toBe(ExitCode.USAGE);
    expect((await run(['decode', '--format', 'godot5', '00000000'])).code).toBe(ExitCode.USAGE);
    expect((await run(['decode', '--file', '/nonexistent/x.bin'])).code).toBe(ExitCode.IO);
    expect((await run(['frobnicate'])).code).toBe(ExitCode.USAGE);
    expect((await run([])).code).toBe(ExitCode.USAGE);
    expect((await run(['--help'])).out).toMatch(/Commands:/);
  });
});

describe('pp encode', () => {
  it('encodes Godot’s text form to hex, base64, raw and framed bytes', async () => {
    expect((await run(['encode', 'Vector2(1, 2)'])).out).toBe(`${hex(varToBytes(new Vector2(1, 2)))}\n`);
    expect((await run(['encode', '--output', 'base64', '{"hp": 100}'])).out).toBe(`${b64(varToBytes({ hp: 100 }))}\n`);
    expect((await run(['encode', '--output', 'raw'], '[1, 2.0]')).bytes).toEqual(Buffer.from(varToBytes([1, new Float(2)])));
    expect((await run(['encode', '--stream', '1'])).out).toBe(`${hex(frame(varToBytes(1)))}\n`);
    expect((await run(['encode', '--format', 'godot3', 'Vector2( 1, 2 )'])).out).toBe(`${hex(varToBytes(new Vector2(1, 2), { format: 'godot3' }))}\n`);
  });

  it('reads JSON in JSON.from_native form with --json, one value per line with --lines', async () => {
    expect((await run(['encode', '--json', '{"type": "Vector2", "args": [1, 2]}'])).out).toBe(`${hex(varToBytes(new Vector2(1, 2)))}\n`);
    const { out } = await run(['encode', '--lines'], '1\n"a"\n');
    expect(out).toBe(`${hex(varToBytes(1))}\n${hex(varToBytes('a'))}\n`);
  });

  it('reports bad text with line and column, and goes on', async () => {
    const { code, out, err } = await run(['encode', '[1,\n 2', '3']);
    expect(code).toBe(ExitCode.BAD_INPUT);
    expect(err).toMatch(/value 0: ERR_FILE_CORRUPT \(16\) at line 2, column 3/);
    expect(out).toBe(`${hex(varToBytes(3))}\n`);
    expect((await run(['encode', '1 2'])).err).toMatch(/Unexpected number after the value/);
  });

  it('round-trips with pp decode', async () => {
    const text = 'Dictionary[String, float]({\n"x": 1.0\n})';
    const encoded = (await run(['encode', text])).out.trim();
    expect((await run(['decode', encoded])).out).toBe(`${text}\n`);
  });
});
