/**
 * Every method GDScript can call on an implemented Godot class (its own and inherited ones, from
 * Godot 4.6's ClassDB dump) exists on the @pp export in camelCase — as a method, or for a
 * getter/setter pair as the property it accesses — except the ones listed below, each with why.
 *
 * It only reads class shapes: no peer connection is made and nothing binds. (A test that did open
 * one would bind ICE to 127.0.0.1 and forward only 127.0.0.1 candidates, as the WebRTC tests do.)
 */
import { defineGame, SceneMultiplayer } from '@pp/scene';
import { godot4ClassDb } from '@pp/interop';
import { describe, expect, it } from 'vitest';
import { IMPLEMENTED, camelCase, visibleMethods } from '../../src/index.js';

const dump = godot4ClassDb();

/** `Class.method` (the class declaring it in Godot) with no twin in @pp, and why. */
const NOT_MIRRORED: Record<string, string> = {
  'SocketServer.take_socket_connection': "returns Godot 4.5's abstract StreamPeerSocket; TCPServer.takeConnection() returns the StreamPeerTCP",
  'X509Certificate.load': 'no res:// file system: loadFromString() (and fs.readFile) instead',
  'X509Certificate.save': 'no res:// file system: saveToString() instead',
  'CryptoKey.load': 'no res:// file system: loadFromString() instead',
  'CryptoKey.save': 'no res:// file system: saveToString() instead',
  'MultiplayerAPI.object_configuration_add': 'nodes register through the declaration and spawn(), not by engine callbacks',
  'MultiplayerAPI.object_configuration_remove': 'likewise',
  'MultiplayerAPI.set_default_interface': 'there is one implementation, SceneMultiplayer',
  'MultiplayerAPI.get_default_interface': 'likewise',
  'MultiplayerAPI.create_default_interface': 'likewise',
  'WebRTCPeerConnection.set_default_extension': 'each entry point has its one backend (node-datachannel in Node, RTCPeerConnection in browsers)',
};

/** Per export: Godot methods it deliberately lacks, and why. */
const NOT_ON: Record<string, Record<string, string>> = {
  '@pp/websocket/browser:WebSocketPeer': { 'WebSocketPeer.accept_stream': 'a browser cannot accept connections' },
  // The abstract base declares them for its subclasses; each transport's class is checked for them.
  '@pp/core:MultiplayerPeer': Object.fromEntries(['poll', 'disconnect_peer', 'get_connection_status', 'get_unique_id'].map((m) => [`MultiplayerPeer.${m}`, 'abstract: every transport implements it'])),
};

/** Accessors of a property whose name is not the accessor's stem. */
const PROPERTY_OF: Record<string, string> = {
  is_refusing_new_connections: 'refuseNewConnections',
  is_object_decoding_allowed: 'allowObjectDecoding',
  set_server_relay_enabled: 'serverRelay',
  is_server_relay_enabled: 'serverRelay',
};

/** Instances for classes whose Godot properties are instance fields (not on the prototype). */
const INSTANCE: Record<string, () => object> = {
  '@pp/scene:SceneMultiplayer': () => new SceneMultiplayer({ game: defineGame({ godot: '4.6', nodes: {} }) }),
};

/** The names @pp may give a Godot method: itself in camelCase, or the property a get_/set_/is_ accessor reads. */
function candidates(method: string): string[] {
  const accessor = /^(?:get|set|is)_(.+?)(?:_enabled)?$/.exec(method);
  return [camelCase(method), PROPERTY_OF[method], accessor ? camelCase(accessor[1] as string) : undefined].filter((n): n is string => n !== undefined);
}

describe("Godot 4.6's methods on @pp's classes", () => {
  for (const [godotClass, implementations] of Object.entries(IMPLEMENTED)) {
    const methods = visibleMethods(dump, godotClass);
    for (const { name, target } of implementations) {
      it(`${name} has the ${methods.length} methods GDScript calls on ${godotClass}`, () => {
        const prototype = (target as { prototype?: object }).prototype;
        const instance = INSTANCE[name]?.();
        const has = (member: string): boolean => member in target || (prototype !== undefined && member in prototype) || (instance !== undefined && member in instance);
        const excused = { ...NOT_MIRRORED, ...NOT_ON[name] };
        const missing = methods
          .map(({ method, declaredBy }) => ({ key: `${declaredBy}.${method.name}`, method: method.name }))
          .filter(({ key, method }) => !(key in excused) && !candidates(method).some(has))
          .map(({ key }) => key);
        expect(missing).toEqual([]);
      });
    }
  }

  it('excuses only methods Godot has, on classes we implement', () => {
    const all = new Set(Object.keys(IMPLEMENTED).flatMap((c) => visibleMethods(dump, c).map(({ method, declaredBy }) => `${declaredBy}.${method.name}`)));
    const excuses = [...Object.keys(NOT_MIRRORED), ...Object.values(NOT_ON).flatMap((e) => Object.keys(e))];
    expect(excuses.filter((key) => !all.has(key))).toEqual([]);
    expect(Object.keys(NOT_ON).filter((name) => !Object.values(IMPLEMENTED).flat().some((i) => i.name === name))).toEqual([]);
  });
});
