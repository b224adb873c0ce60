/**
 * The browser build bundles without any Node.js module, node-datachannel or ws (the real browser
 * run is test/interop/browser.test.ts).
 */
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('the browser bundle', () => {
  it('contains no Node.js module, no node-datachannel and no ws', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../../src/browser.ts', import.meta.url))],
      bundle: true, write: false, platform: 'browser', format: 'esm', metafile: true, logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((path) => /node-datachannel|node_modules\/ws\/|^node:|\/node\/|signaling\/server/.test(path))).toEqual([]);
    expect(inputs.some((path) => path.endsWith('src/browser/native-rtc.ts'))).toBe(true);
    expect(inputs.some((path) => path.includes('websocket/dist/browser'))).toBe(true);
    expect(Object.values(result.metafile.outputs).flatMap((output) => output.imports)).toEqual([]);
  });
});
