/**
 * Our surface against Godot 4.6's own ClassDB (dumped from the engine by @pp/interop): the status
 * numbers and every method of PacketPeerDTLS, DTLSServer, TLSOptions, X509Certificate and
 * CryptoKey, in camelCase. File-based `load`/`save` are left out (no `res://` in Node).
 */
import { readFileSync } from 'node:fs';
import { CryptoKey, TLSOptions, X509Certificate } from '@pp/core';
import { describe, expect, it } from 'vitest';
import { DTLSServer, DTLSStatus, PacketPeerDTLS } from '../../src/index.js';

interface ClassDump {
  constants: Record<string, number>;
  methods: Array<{ name: string; flags: number }>;
}
const classes = (JSON.parse(readFileSync(new URL('../../../interop/fixtures/godot-4.6-classdb.json', import.meta.url), 'utf8')) as {
  classes: Record<string, ClassDump>;
}).classes;

const camel = (name: string): string => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const FILE_METHODS = new Set(['load', 'save']);
const STATIC = new Set(['client', 'client_unsafe', 'server']);

describe("Godot 4.6's ClassDB", () => {
  it('PacketPeerDTLS status constants are Godot numbers', () => {
    expect({ ...DTLSStatus }).toEqual(classes['PacketPeerDTLS']!.constants);
    for (const [name, value] of Object.entries(classes['PacketPeerDTLS']!.constants)) {
      expect((PacketPeerDTLS as unknown as Record<string, number>)[name]).toBe(value);
    }
  });

  for (const [name, instance] of [
    ['PacketPeerDTLS', new PacketPeerDTLS()], ['DTLSServer', new DTLSServer()], ['TLSOptions', TLSOptions.client()],
    ['X509Certificate', new X509Certificate()], ['CryptoKey', new CryptoKey()],
  ] as const) {
    it(`${name} has every Godot method`, () => {
      for (const method of classes[name]!.methods) {
        if (FILE_METHODS.has(method.name)) continue;
        const owner = STATIC.has(method.name) ? TLSOptions : instance;
        expect(typeof (owner as unknown as Record<string, unknown>)[camel(method.name)], `${name}.${method.name}`).toBe('function');
      }
    });
  }
});
