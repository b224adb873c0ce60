/** StreamPeerTLS against Godot 4.6's own ClassDB (dumped by @pp/interop): status numbers and methods. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { StreamPeerTLS, TLSStatus } from '../../src/index.js';

const classes = (JSON.parse(readFileSync(new URL('../../../interop/fixtures/godot-4.6-classdb.json', import.meta.url), 'utf8')) as {
  classes: Record<string, { constants: Record<string, number>; methods: Array<{ name: string }> }>;
}).classes;
const camel = (name: string): string => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

describe("StreamPeerTLS and Godot 4.6's ClassDB", () => {
  it('has the status numbers and every method', () => {
    const dump = classes['StreamPeerTLS']!;
    expect({ ...TLSStatus }).toEqual(dump.constants);
    const peer = new StreamPeerTLS() as unknown as Record<string, unknown>;
    for (const method of dump.methods) expect(typeof peer[camel(method.name)], method.name).toBe('function');
  });
});
