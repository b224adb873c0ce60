/**
 * SceneMultiplayer's surface against Godot 4.6's own ClassDB (@pp/interop's fixture, checked
 * against the engine): every method and property a GDScript game uses has its camelCase twin,
 * with Godot's default.
 */
import { godot4ClassDb } from '@pp/interop';
import { describe, expect, it } from 'vitest';
import { SceneMultiplayer, defineGame } from '../../src/index.js';

const { classes } = godot4ClassDb();
const camel = (name: string): string => name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

/** Godot members with no TypeScript twin, and why. */
const NOT_MIRRORED: Record<string, string> = {
  object_configuration_add: 'nodes register through the declaration and spawn(), not by engine callbacks',
  object_configuration_remove: 'likewise',
  set_default_interface: 'there is one implementation',
  get_default_interface: 'likewise',
  create_default_interface: 'likewise',
  set_root_path: 'the root path is part of the declaration (game.rootPath)',
};

/** Accessor pairs that map to one property of another name. */
const PROPERTY_OF: Record<string, string> = {
  set_server_relay_enabled: 'serverRelay', is_server_relay_enabled: 'serverRelay',
  is_object_decoding_allowed: 'allowObjectDecoding', is_refusing_new_connections: 'refuseNewConnections',
  get_multiplayer_peer: 'multiplayerPeer', set_multiplayer_peer: 'multiplayerPeer',
};

describe("SceneMultiplayer's surface is Godot's", () => {
  const mp = new SceneMultiplayer({ game: defineGame({ godot: '4.6', nodes: {} }) });
  const has = (name: string): boolean => name in mp;

  it('every SceneMultiplayer and MultiplayerAPI method has its camelCase method or property', () => {
    const missing: string[] = [];
    for (const cls of ['SceneMultiplayer', 'MultiplayerAPI']) {
      for (const method of classes[cls]?.methods ?? []) {
        const name = method.name;
        if (NOT_MIRRORED[name]) continue;
        const accessor = /^(get|set|is)_(.+)$/.exec(name);
        const candidates = [camel(name), PROPERTY_OF[name], accessor ? camel(accessor[2] as string) : undefined].filter(Boolean) as string[];
        if (!candidates.some(has)) missing.push(`${cls}.${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("properties start with Godot's defaults", () => {
    const defaults: Record<string, unknown> = {
      auth_timeout: 3, allow_object_decoding: false, refuse_new_connections: false, server_relay: true,
      max_sync_packet_size: 1350, max_delta_packet_size: 65535,
    };
    for (const property of classes['SceneMultiplayer']?.properties ?? []) {
      if (!(property.name in defaults)) continue;
      expect(String(defaults[property.name]).replace(/^3$/, '3.0'), property.name).toBe(property.default);
      const ours = (mp as unknown as Record<string, unknown>)[PROPERTY_OF[`is_${property.name}`] ?? (property.name === 'server_relay' ? 'serverRelay' : camel(property.name))];
      expect(ours, property.name).toBe(defaults[property.name]);
    }
    expect(mp.authCallback).toBeNull();
    expect(mp.rootPath).toBe('/root');
    expect(mp.hasMultiplayerPeer()).toBe(false);
  });
});
