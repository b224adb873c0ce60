import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Float } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { DEMO_VALUES, memoryDemo } from '../src/memory.js';

describe('demo', () => {
  it('the in-memory section receives every value it sent', async () => {
    const lines: string[] = [];
    const { received } = await memoryDemo((line) => lines.push(line));
    expect(received).toHaveLength(DEMO_VALUES.length);
    expect(lines.at(-1)).toContain(`echoed ${DEMO_VALUES.length} values back`);
    expect(lines.join('\n')).toContain('Vector2(3.5, -2.0)');
  });

  it('every echo comes back as it was sent, "float (forced)" still a float', async () => {
    const { received, changed } = await memoryDemo(() => undefined);
    expect(changed).toEqual([]);
    expect(received[DEMO_VALUES.findIndex(([name]) => name === 'float (forced)')]).toEqual(new Float(1));
  });

  it('`pnpm demo` (node dist/main.js) runs to the end', async () => {
    const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [main], { timeout: 30_000 });
    expect(stdout).toContain('Done.');
  });
});
