/** A small game for the TS-to-TS tests: RPCs of every mode, a spawner, server- and client-owned synchronizers. */
import { defineGame, defineScene, rpc, t } from '../../src/index.js';

export const Avatar = defineScene('res://avatar.tscn', {
  nodes: {
    '.': {
      rpc: {
        jump: rpc({ mode: 'any_peer', callLocal: true, transfer: 'unreliable_ordered', channel: 1 }),
        hit: rpc({ args: [t.int] }),
      },
    },
    ServerSync: {
      synchronizer: {
        root: '..',
        properties: [
          { path: '.:position', type: t.vector2 },
          { path: '.:hp', type: t.int, mode: 'on_change', default: 100 },
          { path: '.:speed', type: t.float, spawn: false },
        ],
      },
    },
    // player.gd: $InputSync.set_multiplayer_authority(name.to_int()) in _enter_tree.
    InputSync: {
      authority: 'name',
      synchronizer: { root: '.', properties: [{ path: '.:direction', type: t.vector2, spawn: false }] },
    },
  },
});

export const arena = defineGame({
  godot: '4.6',
  nodes: {
    Main: {
      rpc: {
        chat: rpc({ mode: 'any_peer', args: [t.string] }),
        announce: rpc({ args: [t.string, t.int] }),
        ping: rpc({ mode: 'any_peer', callLocal: true }),
        blob: rpc({ mode: 'any_peer', args: [t.packedByteArray] }),
        opt: rpc({ mode: 'any_peer', args: [t.int, t.float], minArgs: 1 }),
      },
    },
    'Main/Spawner': { spawner: { spawnPath: '../World', scenes: [Avatar] } },
  },
});
