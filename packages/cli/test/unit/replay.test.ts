/** `pp replay` of a long recording: a progress line on a terminal, the summary, bad lines counted. */
import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { varToBytes } from '@pp/core';
import { afterEach, expect, it } from 'vitest';
import { ExitCode, main } from '../../src/index.js';
import { testIO } from '../support/cli-io.js';

const file = join(tmpdir(), `pp-replay-${process.pid}.jsonl`);
afterEach(() => rm(file, { force: true }));

it('replays 20000 packets with progress and a summary, in the recording’s format', async () => {
  const header = { pp: 'record', version: 1, transport: 'udp', format: 'godot3', started: new Date(0).toISOString() };
  const data = Buffer.from(varToBytes([1, 'x'], { format: 'godot3' })).toString('base64');
  const lines = [JSON.stringify(header), JSON.stringify({ kind: 'open', time: 1000, connection: 1, peer: '127.0.0.1:9', transport: 'udp' })];
  for (let i = 0; i < 20_000; i++) {
    lines.push(JSON.stringify({ kind: 'packet', time: 1000 + i, connection: 1, peer: '127.0.0.1:9', direction: i % 2 ? 's2c' : 'c2s', frame: 'datagram', data }));
  }
  lines.push('not json');
  await writeFile(file, `${lines.join('\n')}\n`);
  const io = testIO('', { stderrIsTTY: true });
  expect(await main(['replay', file, '--summary'], io)).toBe(ExitCode.BAD_INPUT);
  expect(io.out()).toBe('');
  expect(io.err()).toMatch(/\r\d+% · \d+ packets/);
  expect(io.err()).toMatch(/1 connection\(s\), 20000 packet\(s\) in 20\.0 s — C→S 10000 \(.*\), S→C 10000 \(.*\), 0 undecodable/);
  expect(io.err()).toMatch(/types: Array 20000/);
  expect(io.err()).toMatch(/line 20003 of .* is not JSON/);

  const text = testIO();
  await main(['replay', file, '--no-progress'], text);
  expect(text.out().split('\n')[1]).toMatch(/#0 C→S 127\.0\.0\.1:9 udp datagram 28 B Array \[ 1, "x" \]$/);
}, 60_000);
