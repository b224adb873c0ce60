/** The declaration of the wire probe's Godot project (test/interop/probe/), written by hand. */
import { defineGame, defineScene, rpc, t } from '../../src/index.js';

export const Player = defineScene('res://player.tscn', {
  nodes: {
    '.': {},
    Sync: {
      synchronizer: {
        root: '..',
        properties: [
          { path: '.:position', type: t.vector2, spawn: true, mode: 'always' },
          { path: '.:hp', type: t.int, spawn: true, mode: 'on_change' },
        ],
      },
    },
  },
});

export const probeGame = defineGame({
  godot: '4.6',
  nodes: {
    Main: {
      rpc: {
        hello: rpc({ mode: 'any_peer', args: [t.string] }),
        report: rpc({ mode: 'any_peer' }),
        welcome: rpc({ args: [t.int] }),
      },
      nodeRpc: { dyn: rpc({ mode: 'any_peer', args: [t.int] }) },
    },
    'Main/PlayerSpawner': { spawner: { spawnPath: '../Players', scenes: [Player] } },
    // The client makes itself authority of this spawner and of what it spawns (in code).
    'Main/MineSpawner': { spawner: { spawnPath: '../Mine', scenes: [Player], sceneAuthority: 'spawner' } },
    'Main/Cursor': {},
    'Main/Cursor/CursorSync': {
      synchronizer: { root: '..', properties: [{ path: '.:position', type: t.vector2, spawn: true, mode: 'always' }] },
    },
  },
});
